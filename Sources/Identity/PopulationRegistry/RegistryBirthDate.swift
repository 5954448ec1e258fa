/// A registered date of birth: a whole date, or only a year (common among older people and in the
/// registry's own records, DOMAIN.md §1.5). Kept packed as `yyyymmdd` with `mmdd` = 0 for a year
/// alone, so two million of them fit in 8 MB.
struct RegistryBirthDate: Hashable, Sendable {
    let packed: Int32

    var year: Int { Int(packed / 10_000) }
    var month: Int { Int(packed / 100 % 100) }
    var day: Int { Int(packed % 100) }
    var isYearOnly: Bool { packed % 10_000 == 0 }

    init(packed: Int32) { self.packed = packed }

    /// Parses `yyyy-mm-dd` or `yyyy` (years 1800–2999); nil for anything else or an impossible day.
    init?(_ text: String) {
        var copy = text
        guard let value = copy.withUTF8({ RegistryBirthDate.parse(UnsafeRawBufferPointer($0)) }) else { return nil }
        packed = value
    }

    init?(bytes: UnsafeRawBufferPointer) {
        guard let value = RegistryBirthDate.parse(bytes) else { return nil }
        packed = value
    }

    var text: String {
        let yearText = String(year)
        guard !isYearOnly else { return yearText }
        return yearText + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard bytes.count == 4 || bytes.count == 10 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), (1800...2999).contains(year) else { return nil }
        if bytes.count == 4 { return Int32(year * 10_000) }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let month = number(5..<7), let day = number(8..<10), (1...12).contains(month),
              (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        return Int32(year * 10_000 + month * 100 + day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
