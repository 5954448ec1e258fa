/// How many assessments of each kind one semester of a subject needs under a rule set.
public struct SemesterRequirements: Hashable, Sendable {
    public let regular: AssessmentCount
    public let midTerm: AssessmentCount
    public let endOfTerm: AssessmentCount

    public init(regular: AssessmentCount, midTerm: AssessmentCount, endOfTerm: AssessmentCount) {
        self.regular = regular
        self.midTerm = midTerm
        self.endOfTerm = endOfTerm
    }

    /// The requirement for one assessment kind.
    public func required(for kind: AssessmentKind) -> AssessmentCount {
        switch kind {
        case .regular: regular
        case .midTerm: midTerm
        case .endOfTerm: endOfTerm
        }
    }
}

extension GradingRuleSet {
    /// The assessments a semester of `subject` needs.
    ///
    /// - Circular 22/2021: exactly `subject.regularAssessmentsPerSemester` regular
    ///   assessments (Art. 6), one mid-term and one end-of-term (Art. 7).
    /// - Circular 58/2011, scored subjects only. From memory, not verified against the
    ///   text: its Art. 7 set *minimum* regular counts by periods per week (up to 1 a week:
    ///   2; more than 1 and under 3: 3; 3 or more: 4; taken here as ≤ 35, 36–104 and ≥ 105
    ///   periods a year), allowed several coefficient-2 tests, and one end-of-term test.
    ///   Circular 26/2020 later reduced this to one mid-term. Both shapes are accepted
    ///   (`atLeast`), and every coefficient-2 test is entered as a `.midTerm`. Circular 58's
    ///   comment-only subjects used a different semester rule that is not modelled.
    /// - Primary rule sets have no such assessments.
    public func semesterRequirements(for subject: SubjectSpec) throws(GradingError) -> SemesterRequirements {
        switch self {
        case .circular22_2021:
            return SemesterRequirements(
                regular: .exactly(subject.regularAssessmentsPerSemester), midTerm: .exactly(1), endOfTerm: .exactly(1))
        case .circular58_2011:
            guard subject.kind == .scored else { throw .unsupportedRuleSet(self, operation: .secondaryAssessments) }
            let minimum = subject.periodsPerYear <= 35 ? 2 : (subject.periodsPerYear < 105 ? 3 : 4)
            return SemesterRequirements(regular: .atLeast(minimum), midTerm: .atLeast(1), endOfTerm: .exactly(1))
        case .circular27_2020, .circular22_2016:
            throw .unsupportedRuleSet(self, operation: .secondaryAssessments)
        }
    }
}
