import Foundation

enum Format {
    /// 1234567 → "1,234,567".
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    static func seconds(_ duration: Duration) -> String { String(format: "%.3f s", duration.seconds) }

    static func megabytes(_ bytes: Int?) -> String {
        guard let bytes else { return "n/a" }
        return "\(count(bytes / (1024 * 1024))) MB"
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "n/a" }
        return String(format: "%.2f %%", 100 * Double(part) / Double(whole))
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func leftPadded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
