/// Competency tests a programme may admit by (DOMAIN.md §7.1), and the conversion of their scores
/// to the 30-point admission scale. Since 2025 every method is converted to that one scale; each
/// institution publishes its conversion table (built from the percentile bands the ministry
/// announces), and a score between two of its points is read off the straight line between them.
public enum CompetencyTest: String, Sendable, Codable, CaseIterable {
    /// VNU-HN's Đánh giá năng lực (HSA), out of 150.
    case hsa = "HSA"
    /// VNU-HCM's V-ACT, out of 1,200.
    case vact = "VACT"
    /// HUST's Đánh giá tư duy (TSA), out of 100.
    case tsa = "TSA"

    public var maximum: Points {
        switch self {
        case .hsa: Points(hundredths: 15_000)
        case .vact: Points(hundredths: 120_000)
        case .tsa: Points(hundredths: 10_000)
        }
    }
}

/// An institution's table from a test's scores to the 30-point scale: points in increasing order
/// of both test score and converted score.
public struct CompetencyConversion: Sendable, Equatable {
    public struct Point: Sendable, Equatable, Codable {
        public let testScore: Points
        public let score: Points

        public init(testScore: Points, score: Points) {
            self.testScore = testScore
            self.score = score
        }
    }

    public let test: CompetencyTest
    public let points: [Point]

    /// Why the table cannot be used, or nil: at least two points, both columns strictly
    /// increasing, test scores within the test's maximum and converted scores within 30.
    public static func problem(test: CompetencyTest, points: [Point]) -> String? {
        guard points.count >= 2 else { return "a conversion table has at least two points" }
        for (lower, upper) in zip(points, points.dropFirst()) where !(lower.testScore < upper.testScore && lower.score < upper.score) {
            return "the table's test scores and converted scores both increase from point to point"
        }
        if points.last!.testScore > test.maximum { return "\(test.rawValue) scores go up to \(test.maximum)" }
        if points.last!.score > AdmissionScoring.maximum { return "converted scores are on the 30-point scale" }
        return nil
    }

    public init?(test: CompetencyTest, points: [Point]) {
        guard Self.problem(test: test, points: points) == nil else { return nil }
        self.test = test
        self.points = points
    }

    /// The converted score, rounded half up to two decimals; nil below the table's first point
    /// (the institution takes nobody there) or above the test's maximum. Above the last point
    /// the last converted score holds.
    public func convert(_ testScore: Points) -> Points? {
        guard testScore >= points[0].testScore, testScore <= test.maximum else { return nil }
        guard let upperIndex = points.firstIndex(where: { $0.testScore >= testScore }) else { return points.last!.score }
        let upper = points[upperIndex]
        if upper.testScore == testScore { return upper.score }
        let lower = points[upperIndex - 1]
        // lower.score + (testScore − lower.testScore) × (Δscore / Δtest), as one fraction.
        let run = upper.testScore.hundredths - lower.testScore.hundredths
        let numerator = lower.score.hundredths * run + (testScore.hundredths - lower.testScore.hundredths) * (upper.score.hundredths - lower.score.hundredths)
        return Points.rounding(numerator: numerator, denominator: run)
    }
}
