/// One primary subject or educational activity at the end of the year.
public struct PrimarySubjectYear: Hashable, Sendable {
    public let rating: PrimarySubjectRating
    /// The end-of-year periodic test, for subjects that have one (Tiếng Việt, Toán, and
    /// from grade 4 a few more); nil otherwise.
    public let endOfYearTest: PrimaryTestScore?

    public init(rating: PrimarySubjectRating, endOfYearTest: PrimaryTestScore? = nil) {
        self.rating = rating
        self.endOfYearTest = endOfYearTest
    }
}

/// A primary pupil's year input under Circular 27/2020.
public struct PrimaryYearInput: Hashable, Sendable {
    public var subjects: [PrimarySubjectYear]
    /// Quality (phẩm chất) ratings.
    public var qualities: [CompetencyRating]
    /// Competency (năng lực) ratings.
    public var competencies: [CompetencyRating]

    public init(subjects: [PrimarySubjectYear], qualities: [CompetencyRating], competencies: [CompetencyRating]) {
        self.subjects = subjects
        self.qualities = qualities
        self.competencies = competencies
    }
}

/// A primary year result with the rule set that produced it.
public struct PrimaryYearOutcome: Hashable, Sendable {
    /// The year result (đánh giá kết quả giáo dục).
    public let result: PrimaryYearResult
    /// Always `.circular27_2020` today; stored so old results stay interpretable.
    public let ruleSet: GradingRuleSet
}

/// The Circular 27/2020 year result (đánh giá kết quả giáo dục cuối năm).
///
/// DOMAIN.md §3.2 lists the ratings but marks the rule unverified. This is this module's
/// reading of the circular's Art. 12/13, recalled rather than checked against the text:
///
/// | Result | Subjects and activities | Qualities and competencies | End-of-year tests |
/// |---|---|---|---|
/// | Hoàn thành xuất sắc | all Hoàn thành tốt | all Tốt | all ≥ 9 |
/// | Hoàn thành tốt | all Hoàn thành tốt | all Tốt | all ≥ 7 |
/// | Hoàn thành | all at least Hoàn thành | all at least Đạt | all ≥ 5 |
/// | Chưa hoàn thành | otherwise | | |
///
/// Subjects without an end-of-year test impose no test condition. Primary grading uses
/// no averages. Raising any rating or test score never lowers the result.
public enum PrimaryYearRules {
    /// Selects the rule set for `grade` and `schoolYearStart`; throws `.unsupportedRuleSet`
    /// before Circular 27/2020 reached the grade, and for secondary grades.
    public static func yearResult(grade: Int, schoolYearStart: Int, input: PrimaryYearInput) throws(GradingError) -> PrimaryYearOutcome {
        let ruleSet = try GradingRuleSet.select(grade: grade, schoolYearStart: schoolYearStart)
        return try yearResult(input, ruleSet: ruleSet)
    }

    /// The year result under `ruleSet`, which must be `.circular27_2020`.
    public static func yearResult(_ input: PrimaryYearInput, ruleSet: GradingRuleSet = .circular27_2020) throws(GradingError) -> PrimaryYearOutcome {
        guard ruleSet == .circular27_2020 else { throw .unsupportedRuleSet(ruleSet, operation: .primaryYearResult) }
        guard !input.subjects.isEmpty, !input.qualities.isEmpty, !input.competencies.isEmpty else {
            throw .missingPrimaryRatings
        }
        let lowestSubject = input.subjects.map(\.rating).min()!
        let lowestCompetency = min(input.qualities.min()!, input.competencies.min()!)
        let lowestTest = input.subjects.compactMap(\.endOfYearTest?.points).min() ?? 10

        let result: PrimaryYearResult
        if lowestSubject == .hoanThanhTot, lowestCompetency == .tot, lowestTest >= 9 {
            result = .hoanThanhXuatSac
        } else if lowestSubject == .hoanThanhTot, lowestCompetency == .tot, lowestTest >= 7 {
            result = .hoanThanhTot
        } else if lowestSubject >= .hoanThanh, lowestCompetency >= .dat, lowestTest >= 5 {
            result = .hoanThanh
        } else {
            result = .chuaHoanThanh
        }
        return PrimaryYearOutcome(result: result, ruleSet: ruleSet)
    }
}
