/// One subject re-assessed in the summer (kiểm tra lại).
public struct Reassessment: Hashable, Sendable {
    /// Index of the subject in `LearnerYearResult.subjects`.
    public let subject: Int
    /// A score for a scored subject, Đạt/Chưa đạt for a comment-only one.
    public let value: AssessmentValue

    public init(subject: Int, value: AssessmentValue) {
        self.subject = subject
        self.value = value
    }

    public static func score(subject: Int, _ score: Score) -> Reassessment { .init(subject: subject, value: .score(score)) }
    public static func comment(subject: Int, _ rating: CommentRating) -> Reassessment { .init(subject: subject, value: .comment(rating)) }
}

extension LearnerYearResult {
    /// The year recomputed after the summer: re-assessment results and/or the conduct
    /// rating after summer training. DOMAIN.md marks the details unverified; this is the
    /// reading implemented:
    ///
    /// - Allowed only when the end-of-year decision was `.summerRequired`; re-assessments
    ///   only when learning failed, a new conduct rating only when conduct failed.
    /// - A subject may be re-assessed when it counts towards levels and its year result is
    ///   an average below 5.0 or Chưa đạt; the learner chooses which (any subset).
    /// - The re-assessment result **replaces** the subject's year result (score for score,
    ///   rating for rating), even when lower; semester results and semester levels stay.
    /// - The year level is recomputed from the replaced year results; the decision is
    ///   taken again at stage `.afterSummer`, where anything still failing means repeating
    ///   the year. A conduct that failed and was not re-rated stays failed.
    /// - No award is granted after the summer: awards are decided on the end-of-year
    ///   results, and a learner sent to the summer had none.
    public func afterSummer(
        reassessments: [Reassessment], conductAfterTraining: ConductRating? = nil
    ) throws(GradingError) -> LearnerYearResult {
        let decision = outcome.decision
        guard decision.stage == .endOfYear, decision.outcome == .summerRequired else { throw .summerNotApplicable }
        if !reassessments.isEmpty, !decision.mayTakeReassessment { throw .reassessmentNotOffered }
        if conductAfterTraining != nil, !decision.mustTrainConductInSummer { throw .conductTrainingNotRequired }

        var updated = subjects
        var seen = Set<Int>()
        for reassessment in reassessments {
            let index = reassessment.subject
            guard updated.indices.contains(index) else {
                throw .subjectIndexOutOfRange(index: index, count: updated.count)
            }
            guard seen.insert(index).inserted else { throw .duplicateReassessment(subject: index) }
            let original = subjects[index]
            guard original.countsTowardsLevels else { throw .notEligibleForReassessment(subject: index) }
            switch (original.year, reassessment.value) {
            case (.score(let average), .score(let score)):
                guard average.tenths < 50 else { throw .notEligibleForReassessment(subject: index) }
                updated[index] = SubjectYearResult(replacingYearOf: original, with: .score(score))
            case (.comment(let rating), .comment(let newRating)):
                guard rating == .chuaDat else { throw .notEligibleForReassessment(subject: index) }
                updated[index] = SubjectYearResult(replacingYearOf: original, with: .comment(newRating))
            case (.score, .comment):
                throw .subject(index: index, semester: nil, .valueKindMismatch(subjectKind: .scored, assessment: .endOfTerm))
            case (.comment, .score):
                throw .subject(index: index, semester: nil, .valueKindMismatch(subjectKind: .commentOnly, assessment: .endOfTerm))
            case (.exempt, _):
                throw .notEligibleForReassessment(subject: index)
            }
        }

        var year = LearningLevelTally()
        for result in updated where result.countsTowardsLevels { year.add(result.year) }
        let levels = LearningLevels(
            semester1: outcome.levels.semester1, semester2: outcome.levels.semester2,
            year: year.level, ruleSet: ruleSet)
        let conduct = conductAfterTraining ?? outcome.conduct
        let newDecision = try PromotionRules.decide(
            conduct: conduct, yearLevel: levels.year, absentSessions: outcome.absentSessions,
            stage: .afterSummer, ruleSet: ruleSet)
        let newOutcome = YearOutcome(
            levels: levels, conduct: conduct, absentSessions: outcome.absentSessions,
            decision: newDecision, award: nil, ruleSet: ruleSet)
        return LearnerYearResult(subjects: updated, outcome: newOutcome)
    }
}
