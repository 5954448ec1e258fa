/// One validated semester of one subject.
public enum SemesterAssessment: Hashable, Sendable {
    /// A scored subject's semester, reduced to its weighted sum.
    case scored(ScoredSemester)
    /// A comment-only subject's semester result: Đạt iff every required assessment was
    /// Đạt (Circular 22/2021 Art. 9.1, DOMAIN.md §3.1).
    case comment(CommentRating)

    public var subjectKind: SubjectKind {
        switch self {
        case .scored: .scored
        case .comment: .commentOnly
        }
    }

    /// The semester result: the rounded average or the rating.
    public var result: SubjectResult {
        switch self {
        case .scored(let semester): .score(semester.average)
        case .comment(let rating): .comment(rating)
        }
    }

    /// Validates a semester's raw entries for `subject` under `ruleSet`: every value has
    /// the subject's kind, and each assessment kind appears the required number of times
    /// (`GradingRuleSet.semesterRequirements(for:)`). Entries may come in any order.
    public static func validate(
        _ entries: some Sequence<AssessmentEntry>, subject: SubjectSpec, ruleSet: GradingRuleSet
    ) throws(GradingError) -> SemesterAssessment {
        var builder = SemesterBuilder()
        for entry in entries {
            switch (entry.value, subject.kind) {
            case (.score(let score), .scored):
                builder.addScore(score.tenths, kind: entry.kind)
            case (.comment(let rating), .commentOnly):
                builder.addComment(rating == .dat, kind: entry.kind)
            default:
                throw .valueKindMismatch(subjectKind: subject.kind, assessment: entry.kind)
            }
        }
        return try builder.finish(subject: subject, ruleSet: ruleSet)
    }
}

/// Accumulates one semester's assessments without storing them, then checks the counts.
/// Shared by entry validation and the bulk gradebook so both report the same errors.
struct SemesterBuilder {
    private(set) var regularCount = 0
    private(set) var midTermCount = 0
    private(set) var endOfTermCount = 0
    private var weightedSumTenths = 0
    private var allPassed = true

    @inline(__always)
    mutating func addScore(_ tenths: Int, kind: AssessmentKind) {
        weightedSumTenths += kind.weight * tenths
        count(kind)
    }

    @inline(__always)
    mutating func addComment(_ passed: Bool, kind: AssessmentKind) {
        allPassed = allPassed && passed
        count(kind)
    }

    @inline(__always)
    private mutating func count(_ kind: AssessmentKind) {
        switch kind {
        case .regular: regularCount += 1
        case .midTerm: midTermCount += 1
        case .endOfTerm: endOfTermCount += 1
        }
    }

    /// Checks the counts against the rule set and produces the semester.
    @inline(__always)
    func finish(subject: SubjectSpec, ruleSet: GradingRuleSet) throws(GradingError) -> SemesterAssessment {
        let required = try ruleSet.semesterRequirements(for: subject)
        try check(regularCount, required.regular, .regular)
        try check(midTermCount, required.midTerm, .midTerm)
        try check(endOfTermCount, required.endOfTerm, .endOfTerm)
        switch subject.kind {
        case .commentOnly:
            return .comment(allPassed ? .dat : .chuaDat)
        case .scored:
            let weight = regularCount + 2 * midTermCount + 3 * endOfTermCount
            return .scored(ScoredSemester(
                validatedWeightedSumTenths: weightedSumTenths, totalWeight: weight, regularCount: regularCount))
        }
    }

    @inline(__always)
    private func check(_ found: Int, _ required: AssessmentCount, _ kind: AssessmentKind) throws(GradingError) {
        guard required.accepts(found) else { throw .wrongAssessmentCount(kind: kind, required: required, found: found) }
    }
}
