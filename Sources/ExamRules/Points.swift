/// A non-negative decimal with exactly two places (scores, averages, bonus points), held as a
/// whole number of hundredths so no binary rounding can creep in between the exam board's
/// files and a candidate's result.
public struct Points: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The value × 100.
    public let hundredths: Int

    public init(hundredths: Int) {
        self.hundredths = hundredths
    }

    public static let zero = Points(hundredths: 0)

    /// Parses "7", "7.5", "7,25" (a comma is how Vietnamese spreadsheets write decimals); more
    /// than two decimal places, signs, exponents and empty text are refused.
    public init?(_ text: String) {
        let trimmed = text.filter { !$0.isWhitespace }
        let parts = trimmed.split(separator: trimmed.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit),
              whole.count <= 6, let wholeValue = Int(whole) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let value = Int(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        hundredths = wholeValue * 100 + fraction
    }

    /// `numerator / denominator` hundredths, rounded half up to a whole hundredth (the
    /// circular's "làm tròn đến hai chữ số thập phân").
    public static func rounding(numerator: Int, denominator: Int) -> Points {
        precondition(numerator >= 0 && denominator > 0)
        return Points(hundredths: (2 * numerator + denominator) / (2 * denominator))
    }

    public static func + (lhs: Points, rhs: Points) -> Points { Points(hundredths: lhs.hundredths + rhs.hundredths) }
    public static func < (lhs: Points, rhs: Points) -> Bool { lhs.hundredths < rhs.hundredths }

    /// "7.71", "8.00".
    public var description: String {
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Points(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a number with at most two decimals"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
