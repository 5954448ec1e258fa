/// A primary periodic test score under Circular 27/2020: a whole number from 0 to 10
/// (DOMAIN.md §3.2 [G3]). Zero is allowed; scores are not used to rank pupils.
public struct PrimaryTestScore: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 0...10.
    public let points: Int

    /// Nil outside 0...10.
    public init?(points: Int) {
        guard (0...10).contains(points) else { return nil }
        self.points = points
    }

    /// Parses "7", " 10 ", "07". Any decimal separator is rejected, even "8.0" or "8,0":
    /// the circular allows whole numbers only, and a separator usually means the teacher
    /// used the secondary scale.
    public static func parse(_ text: some StringProtocol) throws(ScoreParseError) -> PrimaryTestScore {
        let number = try ScoreText.parse(text)
        guard !number.hadDecimalSeparator else {
            throw .notWholeNumber(text: String(text).trimmingWhitespace)
        }
        return PrimaryTestScore(points: number.tenths / 10)!
    }

    public init(_ text: some StringProtocol) throws(ScoreParseError) {
        self = try PrimaryTestScore.parse(text)
    }

    public static func < (lhs: PrimaryTestScore, rhs: PrimaryTestScore) -> Bool { lhs.points < rhs.points }

    public var description: String { String(points) }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}
