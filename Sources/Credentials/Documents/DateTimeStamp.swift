import Foundation

/// XML Schema `dateTimeStamp` text, as VC 2.0 requires for `validFrom`, `validUntil` and a
/// proof's `created`: a date and time **with** a time zone (`Z` or `±hh:mm`).
///
/// Written by hand rather than with `ISO8601DateFormatter`: the formatter is not `Sendable`,
/// accepts text without a zone, and is slow enough to show up when 1.5 million credentials
/// are built in one batch.
public enum DateTimeStamp {
    /// Vietnam's offset from UTC, +07:00 all year (no daylight saving time).
    public static let vietnamOffsetSeconds = 7 * 3600

    /// `2025-05-31T08:00:00+07:00` for `date` at `offsetSeconds` from UTC, to whole seconds
    /// (fractions are dropped: a credential states a day and time, not a measurement).
    public static func format(_ date: Date, offsetSeconds: Int = vietnamOffsetSeconds) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        text += "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if offsetSeconds == 0 {
            text += "Z"
        } else {
            let magnitude = abs(offsetSeconds) / 60
            text += (offsetSeconds < 0 ? "-" : "+") + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
        }
        return text
    }

    /// The instant named by `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, or `nil` when the
    /// text is malformed or has no time zone (local times are ambiguous, so VC 2.0 forbids them).
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(digits: 4), reader.expect("-"),
              let month = reader.number(digits: 2), reader.expect("-"),
              let day = reader.number(digits: 2), reader.expect("T"),
              let hour = reader.number(digits: 2), reader.expect(":"),
              let minute = reader.number(digits: 2), reader.expect(":"),
              let second = reader.number(digits: 2)
        else { return nil }
        var fraction = 0.0
        if reader.expect(".") {
            var scale = 0.1
            var sawDigit = false
            while let digit = reader.digit() {
                fraction += Double(digit) * scale
                scale /= 10
                sawDigit = true
            }
            guard sawDigit else { return nil }
        }
        let offset: Int
        if reader.expect("Z") {
            offset = 0
        } else {
            let sign: Int
            if reader.expect("+") { sign = 1 } else if reader.expect("-") { sign = -1 } else { return nil }
            guard let hours = reader.number(digits: 2), reader.expect(":"), let minutes = reader.number(digits: 2),
                  hours <= 14, minutes <= 59
            else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard reader.atEnd,
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 59
        else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// True when `text` is a well-formed date-time with a time zone.
    public static func isValid(_ text: String) -> Bool { parse(text) != nil }

    // MARK: Civil calendar (proleptic Gregorian; H. Hinnant's algorithms)

    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Reads fixed-width ASCII digits and separators from a byte array.
private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func digit() -> Int? {
        guard index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return nil }
        defer { index += 1 }
        return Int(bytes[index] - UInt8(ascii: "0"))
    }

    mutating func number(digits count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let d = digit() else { return nil }
            value = value * 10 + d
        }
        return value
    }

    mutating func expect(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
        index += 1
        return true
    }
}

extension Int {
    /// Division rounding towards negative infinity, so dates before 1970 work.
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
