import Foundation

/// VNPay's timestamps: `yyyyMMddHHmmss` in Vietnam's time (GMT+7, which has no daylight saving).
public enum VNPayTime {
    private static let offset = 7 * 3600

    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d%02d%02d%02d", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
    }

    public static func parse(_ text: String) -> Date? {
        guard text.utf8.count == 14, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        let digits = Array(text.utf8).map { Int($0 - 48) }
        func number(_ from: Int, _ count: Int) -> Int { digits[from..<(from + count)].reduce(0) { $0 * 10 + $1 } }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        let components = DateComponents(year: number(0, 4), month: number(4, 2), day: number(6, 2),
                                        hour: number(8, 2), minute: number(10, 2), second: number(12, 2))
        guard let date = calendar.date(from: components), format(date) == text else { return nil }
        return date
    }
}
