/// Which day a workbook counts its date serials from (`<workbookPr date1904="1"/>`).
public enum SpreadsheetDateSystem: Sendable, Hashable {
    /// Serial 1 is 1900-01-01, and serial 60 is 29 February 1900, a day that never
    /// existed: Excel kept Lotus 1-2-3's leap-year bug, so serials from 61 on are one
    /// more than the days since 1899-12-31. The default everywhere except old Mac files.
    case from1900
    /// Serial 0 is 1904-01-01 (Excel for Mac before 2011).
    case from1904
}

/// A number shown as a date or time: the serial the file stores and the date and time
/// Excel displays for it.
public struct SpreadsheetDate: Sendable, Hashable {
    /// Days since the date system's start, with the time of day as the fraction.
    public let serial: Double
    /// The value as written in the file: the serial's digits, or ISO 8601 text for cells
    /// stored as dates (`t="d"`).
    public let raw: String
    /// The date Excel displays. For serial 60 in the 1900 system this is 1900-02-29; for
    /// a time without a date (serial below 1) it is the day before serial 1.
    public let year: Int
    public let month: Int
    public let day: Int
    /// Seconds since midnight, rounded to the nearest second as Excel displays them.
    public let secondsIntoDay: Int

    public var hour: Int { secondsIntoDay / 3600 }
    public var minute: Int { secondsIntoDay / 60 % 60 }
    public var second: Int { secondsIntoDay % 60 }

    /// The 29 February 1900 of the 1900 date system's leap-year bug.
    public var isNonexistentLeapDay: Bool { year == 1900 && month == 2 && day == 29 }

    /// The calendar date, or nil for the nonexistent 29 February 1900.
    public var civilDate: CivilDate? { CivilDate(year: year, month: month, day: day) }

    /// `YYYY-MM-DD`, with `THH:MM:SS` appended when the time is not midnight.
    public var isoString: String {
        let date = "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
        guard secondsIntoDay != 0 else { return date }
        return date + "T\(Self.padded(hour, 2)):\(Self.padded(minute, 2)):\(Self.padded(second, 2))"
    }

    /// The largest serial Excel shows as a date: 9999-12-31 in the 1900 system.
    static let maximumSerial = 2_958_466.0

    /// The date and time of a serial; nil for a negative serial or one past the year
    /// 9999, which Excel shows as `#####`.
    public init?(serial: Double, raw: String? = nil, system: SpreadsheetDateSystem = .from1900) {
        guard serial.isFinite, serial >= 0, serial < Self.maximumSerial else { return nil }
        let totalSeconds = Int((serial * 86_400).rounded())
        let days = totalSeconds / 86_400
        let civil: (year: Int, month: Int, day: Int)
        switch system {
        case .from1904:
            civil = CivilDate.components(daysSinceEpoch: Self.epoch1904 + days)
        case .from1900 where days == 60:
            civil = (1900, 2, 29)
        case .from1900 where days < 60:
            civil = CivilDate.components(daysSinceEpoch: Self.epoch1900 + days)
        case .from1900:
            civil = CivilDate.components(daysSinceEpoch: Self.epoch1900 + days - 1)
        }
        self.serial = serial
        self.raw = raw ?? Self.serialText(serial)
        (year, month, day) = civil
        secondsIntoDay = totalSeconds % 86_400
    }

    /// A date and time as the serial Excel would store; nil for dates the system cannot
    /// express (before 1900-01-01, or 1904-01-01) or invalid components.
    public init?(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        raw: String? = nil, system: SpreadsheetDateSystem = .from1900
    ) {
        guard let date = CivilDate(year: year, month: month, day: day),
              (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        var days: Int
        switch system {
        case .from1904:
            days = date.daysSinceEpoch - Self.epoch1904
        case .from1900:
            days = date.daysSinceEpoch - Self.epoch1900
            // Serials from 1900-03-01 on count the phantom 29 February.
            if days >= 60 { days += 1 }
        }
        guard days >= (system == .from1900 ? 1 : 0) else { return nil }
        let seconds = hour * 3600 + minute * 60 + second
        let serial = Double(days) + Double(seconds) / 86_400
        self.serial = serial
        self.raw = raw ?? Self.serialText(serial)
        self.year = year
        self.month = month
        self.day = day
        self.secondsIntoDay = seconds
    }

    /// Days from 1970-01-01 to 1899-12-31 (the 1900 system's serial 0) and to 1904-01-01.
    private static let epoch1900 = -25_568
    private static let epoch1904 = -24_107

    /// The shortest text for a serial: whole days without a decimal point.
    static func serialText(_ serial: Double) -> String {
        if serial == serial.rounded(), abs(serial) < 1e15 {
            return String(Int64(serial))
        }
        return "\(serial)"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
