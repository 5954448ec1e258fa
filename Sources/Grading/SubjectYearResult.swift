/// A subject's semester and year results, with the rule set that produced them.
public struct SubjectYearResult: Hashable, Sendable {
    public let semester1: SubjectResult
    public let semester2: SubjectResult
    /// ĐTBmcn for a scored subject (`YearAverageBasis.chosen` reading); the semester II
    /// rating for a comment-only subject (Circular 22/2021 Art. 9.1); replaced by the
    /// re-assessment result after a summer re-assessment.
    public let year: SubjectResult
    public let participation: SubjectParticipation
    /// True when `year` comes from a summer re-assessment.
    public let reassessed: Bool
    public let ruleSet: GradingRuleSet

    /// Computes the results of a validated subject year. Secondary rule sets only.
    public init(
        record: SubjectYearRecord, ruleSet: GradingRuleSet, basis: YearAverageBasis = .chosen
    ) throws(GradingError) {
        guard !ruleSet.isPrimary else { throw .unsupportedRuleSet(ruleSet, operation: .secondaryAssessments) }
        self.init(computing: record, ruleSet: ruleSet, basis: basis)
    }

    @inline(__always)
    init(computing record: SubjectYearRecord, ruleSet: GradingRuleSet, basis: YearAverageBasis) {
        participation = record.participation
        reassessed = false
        self.ruleSet = ruleSet
        switch (record.semester1, record.semester2) {
        case (.scored(let first)?, .scored(let second)?):
            semester1 = .score(first.average)
            semester2 = .score(second.average)
            year = .score(SubjectAverages.year(semester1: first, semester2: second, basis: basis))
        case (.comment(let first)?, .comment(let second)?):
            semester1 = .comment(first)
            semester2 = .comment(second)
            year = .comment(second)
        default:
            // Exempt (both nil); records of mixed kinds cannot be constructed.
            semester1 = .exempt
            semester2 = .exempt
            year = .exempt
        }
    }

    init(replacingYearOf original: SubjectYearResult, with year: SubjectResult) {
        semester1 = original.semester1
        semester2 = original.semester2
        self.year = year
        participation = original.participation
        reassessed = true
        ruleSet = original.ruleSet
    }

    /// True when the subject takes part in levels and awards (not exempt, not individualised).
    public var countsTowardsLevels: Bool { participation == .standard }

    /// The result of one period.
    public func result(for semester: Semester?) -> SubjectResult {
        switch semester {
        case .first: semester1
        case .second: semester2
        case nil: year
        }
    }
}
