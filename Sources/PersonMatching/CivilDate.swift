/// A date of birth as schools and the registry record it: a civil date with no time
/// zone, possibly only a year (DOMAIN.md §1.6: `NgayThangNamSinh` is `yyyy-mm-dd` or
/// `yyyy`).
///
/// Not Foundation `Date`: a birth date parsed as a timestamp shifts to the previous
/// UTC day (DOMAIN.md §2), and a year-only date has no instant at all.
public struct CivilDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1–12, nil for a year-only date.
    public let month: Int?
    /// 1–31 (valid for the month), nil for a year-only date.
    public let day: Int?

    /// A full date; nil when the day does not exist (31/04, 29/02 in a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A year-only date.
    public init?(year: Int) {
        guard (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = nil
        self.day = nil
    }

    public var isYearOnly: Bool { month == nil }

    /// `yyyy-mm-dd` or `yyyy`.
    public var description: String {
        guard let month, let day else { return String(zeroPadded: year, width: 4) }
        return String(zeroPadded: year, width: 4) + "-" + String(zeroPadded: month, width: 2) + "-" + String(zeroPadded: day, width: 2)
    }

    /// `dd/mm/yyyy` as on Vietnamese documents, or `yyyy`.
    public var vietnameseFormat: String {
        guard let month, let day else { return String(zeroPadded: year, width: 4) }
        return String(zeroPadded: day, width: 2) + "/" + String(zeroPadded: month, width: 2) + "/" + String(zeroPadded: year, width: 4)
    }

    /// Day and month exchanged, when that is still a date and differs from this one
    /// (what a US-locale spreadsheet does to `05/09/2008`).
    public var swappingDayAndMonth: CivilDate? {
        guard let month, let day, month != day else { return nil }
        return CivilDate(year: year, month: day, day: month)
    }

    /// Days since 0001-01-01 in the proleptic Gregorian calendar, for ±1 day checks
    /// that cross month and year ends; nil for a year-only date.
    public var dayNumber: Int? {
        guard let month, let day else { return nil }
        // Shift the year to start in March so the leap day is last (Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let m = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * m + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }

    /// The days before and after a full date, packed; nil for a year-only date.
    var packedNeighbours: (previous: Int32, next: Int32)? {
        guard let month, let day else { return nil }
        let previous = day > 1 ? CivilDate(year: year, month: month, day: day - 1)
            : month > 1 ? CivilDate(year: year, month: month - 1, day: CivilDate.daysIn(month: month - 1, year: year))
            : CivilDate(year: year - 1, month: 12, day: 31)
        let next = day < CivilDate.daysIn(month: month, year: year) ? CivilDate(year: year, month: month, day: day + 1)
            : month < 12 ? CivilDate(year: year, month: month + 1, day: 1)
            : CivilDate(year: year + 1, month: 1, day: 1)
        guard let previous, let next else { return nil }
        return (previous.packed, next.packed)
    }

    /// Packed `yyyymmdd` (`yyyy0000` for year-only): one integer per person in the index.
    public var packed: Int32 {
        Int32(year * 10_000 + (month ?? 0) * 100 + (day ?? 0))
    }

    /// Inverse of `packed`.
    public init?(packed: Int32) {
        let value = Int(packed)
        let year = value / 10_000, month = (value / 100) % 100, day = value % 100
        if month == 0 && day == 0 {
            self.init(year: year)
        } else {
            self.init(year: year, month: month, day: day)
        }
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
