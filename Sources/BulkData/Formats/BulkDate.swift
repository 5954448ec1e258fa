import Platform

/// Dates in bulk files: `dd/mm/yyyy`, the order Vietnamese schools write and read.
public enum BulkDate {
    /// `05/09/2026`.
    public static func format(_ date: CivilDate) -> String {
        format(year: date.year, month: date.month, day: date.day)
    }

    public static func format(year: Int, month: Int, day: Int) -> String {
        var bytes: [UInt8] = [0, 0, UInt8(ascii: "/"), 0, 0, UInt8(ascii: "/"), 0, 0, 0, 0]
        bytes[0] = digit(day / 10); bytes[1] = digit(day % 10)
        bytes[3] = digit(month / 10); bytes[4] = digit(month % 10)
        bytes[6] = digit(year / 1000 % 10); bytes[7] = digit(year / 100 % 10)
        bytes[8] = digit(year / 10 % 10); bytes[9] = digit(year % 10)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses exactly `dd/mm/yyyy` (one-digit day and month allowed: `5/9/2026`); nil otherwise.
    public static func parse(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// The serial number Excel stores for a date (1900 date system; dates from March 1900 on):
    /// what a date column holds when a sheet was saved with the column formatted as a number.
    public static func excelSerial(_ date: CivilDate) -> Int {
        date.daysSinceEpoch + 25_569
    }

    private static func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value) }
}
