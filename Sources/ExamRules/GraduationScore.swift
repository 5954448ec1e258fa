/// The graduation score (ĐXTN) and the pass rule of the upper-secondary graduation exam
/// (DOMAIN.md §5.3): Circular 24/2024 from 2025, the earlier formula for 2024.
public enum GraduationFormula: String, Sendable, Codable, CaseIterable {
    /// `[(Σ4 + ΣKK)/4 × 7 + ĐTB12 × 3] / 10 + ĐƯT`.
    case v2024 = "2024"
    /// `[(Σexam + ΣKK)/n + ĐTB_các_năm] / 2 + ĐƯT`, with `ĐTB_các_năm = (ĐTB10 + 2·ĐTB11 + 3·ĐTB12) / 6`
    /// and n = 4, or 3 for a candidate exempt from the foreign language.
    case v2025 = "2025"

    /// The formula an exam year uses.
    public static func forExamYear(_ year: Int) -> GraduationFormula { year >= 2025 ? .v2025 : .v2024 }
}

/// What the formula needs about one candidate.
public struct GraduationInput: Sendable, Hashable {
    /// The exam subjects' scores (0–10); 4 subjects, or 3 with the foreign-language exemption.
    public var examScores: [Points]
    /// Whether the foreign language is exempted (it then neither counts as a 10 nor in n, from 2025).
    public var foreignLanguageExempt: Bool
    /// The grade 10, 11 and 12 averages (the 2024 formula uses grade 12 only).
    public var yearAverages: (grade10: Points, grade11: Points, grade12: Points)
    /// Incentive points (KK), already capped (see `IncentivePoints`).
    public var incentivePoints: Points
    /// Priority points (ĐƯT), the highest one claim gives; never halved.
    public var priorityPoints: Points

    public init(examScores: [Points], foreignLanguageExempt: Bool, yearAverages: (grade10: Points, grade11: Points, grade12: Points),
                incentivePoints: Points, priorityPoints: Points) {
        self.examScores = examScores
        self.foreignLanguageExempt = foreignLanguageExempt
        self.yearAverages = yearAverages
        self.incentivePoints = incentivePoints
        self.priorityPoints = priorityPoints
    }

    public static func == (lhs: GraduationInput, rhs: GraduationInput) -> Bool {
        lhs.examScores == rhs.examScores && lhs.foreignLanguageExempt == rhs.foreignLanguageExempt
            && lhs.yearAverages == rhs.yearAverages && lhs.incentivePoints == rhs.incentivePoints && lhs.priorityPoints == rhs.priorityPoints
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(examScores)
        hasher.combine(foreignLanguageExempt)
        hasher.combine(yearAverages.grade10)
        hasher.combine(yearAverages.grade11)
        hasher.combine(yearAverages.grade12)
        hasher.combine(incentivePoints)
        hasher.combine(priorityPoints)
    }
}

/// A candidate's graduation result.
public struct GraduationResult: Sendable, Hashable, Codable {
    /// ĐTB_các_năm (2025) or ĐTB12 (2024), to two decimals.
    public let schoolAverage: Points
    /// ĐXTN, to two decimals.
    public let score: Points
    /// Subjects at or below 1.0 (điểm liệt), by their position in the input.
    public let failingSubjects: [Int]
    public let passed: Bool
    public let formula: GraduationFormula
}

public enum GraduationError: Error, Hashable, Sendable {
    /// The number of exam scores does not match the exemption (4, or 3 when exempt).
    case wrongSubjectCount(expected: Int, found: Int)
    /// A score, average or bonus is above its maximum.
    case outOfRange(String)

    public var message: String {
        switch self {
        case .wrongSubjectCount(let expected, let found): "\(expected) exam scores are needed, \(found) were given"
        case .outOfRange(let what): "\(what) is out of range"
        }
    }
}

extension GraduationFormula {
    /// ĐXTN and the pass rule: every subject above 1.0 and ĐXTN at least 5.0. Eligibility and
    /// disqualification are decided by the exam board before this.
    public func result(_ input: GraduationInput) throws(GraduationError) -> GraduationResult {
        let ten = Points(hundredths: 1000)
        for (index, score) in input.examScores.enumerated() where score > ten {
            throw .outOfRange("exam score \(index + 1) (\(score))")
        }
        for average in [input.yearAverages.grade10, input.yearAverages.grade11, input.yearAverages.grade12] where average > ten {
            throw .outOfRange("year average \(average)")
        }
        guard input.incentivePoints <= IncentivePoints.cap else { throw .outOfRange("incentive points \(input.incentivePoints)") }
        guard input.priorityPoints <= Points(hundredths: 50) else { throw .outOfRange("priority points \(input.priorityPoints)") }

        let expected = input.foreignLanguageExempt ? 3 : 4
        guard input.examScores.count == expected else { throw .wrongSubjectCount(expected: expected, found: input.examScores.count) }
        let schoolAverage: Points
        // ĐXTN × 100 as an exact fraction numerator / denominator, rounded once at the end.
        let numerator: Int
        let denominator: Int
        let examSum = input.examScores.reduce(0) { $0 + $1.hundredths } + input.incentivePoints.hundredths
        switch self {
        case .v2025:
            let n = expected
            let years = input.yearAverages
            schoolAverage = Points.rounding(numerator: years.grade10.hundredths + 2 * years.grade11.hundredths + 3 * years.grade12.hundredths,
                                            denominator: 6)
            // [(examSum / n) + schoolAverage] / 2 = (examSum + n·schoolAverage) / (2n)
            numerator = examSum + n * schoolAverage.hundredths
            denominator = 2 * n
        case .v2024:
            // Before 2025 an exempted foreign language counted as a 10 among the four.
            let scores = input.foreignLanguageExempt ? input.examScores + [ten] : input.examScores
            schoolAverage = input.yearAverages.grade12
            let sum = scores.reduce(0) { $0 + $1.hundredths } + input.incentivePoints.hundredths
            // [(sum / 4) × 7 + ĐTB12 × 3] / 10 = (7·sum + 12·ĐTB12) / 40
            numerator = 7 * sum + 12 * schoolAverage.hundredths
            denominator = 40
        }
        let score = Points.rounding(numerator: numerator, denominator: denominator) + input.priorityPoints
        let failing = input.examScores.indices.filter { input.examScores[$0] <= Points(hundredths: 100) }
        return GraduationResult(schoolAverage: schoolAverage, score: score, failingSubjects: failing,
                                passed: failing.isEmpty && score >= Points(hundredths: 500), formula: self)
    }
}
