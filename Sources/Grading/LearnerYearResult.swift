/// A learner's complete year under one rule set: per-subject results (in input order)
/// and the year outcome.
public struct LearnerYearResult: Hashable, Sendable {
    /// One entry per input subject, in input order.
    public let subjects: [SubjectYearResult]
    public let outcome: YearOutcome

    public init(subjects: [SubjectYearResult], outcome: YearOutcome) {
        self.subjects = subjects
        self.outcome = outcome
    }

    public var ruleSet: GradingRuleSet { outcome.ruleSet }
    public var levels: LearningLevels { outcome.levels }
    public var decision: PromotionDecision { outcome.decision }
    public var award: Award? { outcome.award }
}
