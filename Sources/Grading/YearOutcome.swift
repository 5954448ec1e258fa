/// A learner's learning levels for semester I, semester II and the year.
public struct LearningLevels: Hashable, Sendable {
    /// Nil when no subject is under the level rules.
    public let semester1: LearningLevel?
    public let semester2: LearningLevel?
    public let year: LearningLevel?
    public let ruleSet: GradingRuleSet

    public init(semester1: LearningLevel?, semester2: LearningLevel?, year: LearningLevel?, ruleSet: GradingRuleSet) {
        self.semester1 = semester1
        self.semester2 = semester2
        self.year = year
        self.ruleSet = ruleSet
    }
}

/// Everything decided for a learner's year apart from the per-subject results: levels,
/// the conduct it used, the promotion decision and the award. Holds no arrays, so the bulk
/// path can produce millions of them.
public struct YearOutcome: Hashable, Sendable {
    public let levels: LearningLevels
    /// Year conduct (after summer training, when rated again).
    public let conduct: ConductRating
    public let absentSessions: Int
    public let decision: PromotionDecision
    public let award: Award?
    public let ruleSet: GradingRuleSet
}

/// Folds subject results into levels, the award count and the decision, one subject at a
/// time, so per-learner and bulk computation share one implementation.
struct YearAccumulator {
    private var semester1 = LearningLevelTally()
    private var semester2 = LearningLevelTally()
    private var year = LearningLevelTally()
    private var subjectsAtLeastNine = 0

    @inline(__always)
    mutating func add(_ result: SubjectYearResult) {
        guard result.countsTowardsLevels else { return }
        semester1.add(result.semester1)
        semester2.add(result.semester2)
        year.add(result.year)
        if let average = result.year.score, average.tenths >= AwardRules.outstandingAverageTenths {
            subjectsAtLeastNine += 1
        }
    }

    /// `absentSessions` must already be known to be non-negative.
    @inline(__always)
    func outcome(conduct: ConductRating, absentSessions: Int, ruleSet: GradingRuleSet) throws(GradingError) -> YearOutcome {
        let levels = LearningLevels(
            semester1: semester1.level, semester2: semester2.level, year: year.level, ruleSet: ruleSet)
        let decision = try PromotionRules.decide(
            conduct: conduct, yearLevel: levels.year, absentSessions: absentSessions, stage: .endOfYear, ruleSet: ruleSet)
        let award = AwardRules.award(conduct: conduct, yearLevel: levels.year, subjectsAtLeastNine: subjectsAtLeastNine)
        return YearOutcome(
            levels: levels, conduct: conduct, absentSessions: absentSessions,
            decision: decision, award: award, ruleSet: ruleSet)
    }
}
