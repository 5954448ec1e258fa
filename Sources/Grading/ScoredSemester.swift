/// One semester of a scored subject, validated and reduced to the weighted sum its
/// average needs: Σ regular + 2·Σ mid-term + 3·end-of-term (in tenths) over
/// n_tx + 2·n_gk + 3 (which is n_tx + 5 under Circular 22/2021).
///
/// Keeping only the sums makes the value a few words with no heap storage, so a million
/// learners' gradebooks reduce without allocation; the raw scores stay with whoever
/// stored them.
public struct ScoredSemester: Hashable, Sendable {
    /// Σ weight × score, in tenths.
    public let weightedSumTenths: Int
    /// Σ weights: n_tx + 2·n_gk + 3.
    public let totalWeight: Int
    /// How many regular assessments were given.
    public let regularCount: Int

    /// Built by `SemesterBuilder` after validation.
    @inline(__always)
    init(validatedWeightedSumTenths sum: Int, totalWeight: Int, regularCount: Int) {
        weightedSumTenths = sum
        self.totalWeight = totalWeight
        self.regularCount = regularCount
    }

    /// Validates one semester given as separate lists and reduces it.
    ///
    /// `midTerm` is a list because Circular 58/2011 allowed several coefficient-2 tests;
    /// under Circular 22/2021 it must hold exactly one score.
    public init(
        regular: some Sequence<Score>, midTerm: some Sequence<Score>, endOfTerm: Score,
        subject: SubjectSpec, ruleSet: GradingRuleSet
    ) throws(GradingError) {
        guard subject.kind == .scored else {
            throw .valueKindMismatch(subjectKind: subject.kind, assessment: .regular)
        }
        var builder = SemesterBuilder()
        for score in regular { builder.addScore(score.tenths, kind: .regular) }
        for score in midTerm { builder.addScore(score.tenths, kind: .midTerm) }
        builder.addScore(endOfTerm.tenths, kind: .endOfTerm)
        guard case .scored(let semester) = try builder.finish(subject: subject, ruleSet: ruleSet) else {
            preconditionFailure("a scored builder yields a scored semester")
        }
        self = semester
    }

    /// Convenience for the Circular 22/2021 shape: regular scores, one mid-term, one end-of-term.
    public init(
        regular: some Sequence<Score>, midTerm: Score, endOfTerm: Score,
        subject: SubjectSpec, ruleSet: GradingRuleSet
    ) throws(GradingError) {
        try self.init(regular: regular, midTerm: CollectionOfOne(midTerm), endOfTerm: endOfTerm, subject: subject, ruleSet: ruleSet)
    }

    /// ĐTBmhk rounded to one decimal.
    @inline(__always) public var average: Score { SubjectAverages.semester(self) }

    /// ĐTBmhk as an exact fraction.
    public var exactAverage: WeightedAverage { SubjectAverages.semesterExact(self) }
}
