/// Promotion, Circular 22/2021 Art. 12 (DOMAIN.md §3.1).
public enum PromotionRules {
    /// The attendance limit: more than this many sessions absent, excused or not, fails.
    public static let maximumAbsentSessions = 45

    /// Decides promotion from the year results.
    ///
    /// Promoted iff year conduct ≥ Đạt, year learning ≥ Đạt and absences ≤ 45 sessions.
    /// Otherwise, the reading implemented here:
    /// - absences over 45: the learner repeats the year directly, whatever else failed;
    /// - at the end of the year, a failed learning result sends the learner to summer
    ///   re-assessment and a failed conduct to summer conduct training (both when both
    ///   failed);
    /// - after the summer (`stage == .afterSummer`), any condition still failing means
    ///   repeating the year: there is no second summer.
    ///
    /// A nil `yearLevel` means no subject is under the level rules (every subject exempt or
    /// on an individual plan, Art. 11); the learning condition is then judged against the
    /// plan outside this module and is not counted as failed here.
    public static func decide(
        conduct: ConductRating, yearLevel: LearningLevel?, absentSessions: Int,
        stage: DecisionStage = .endOfYear, ruleSet: GradingRuleSet = .circular22_2021
    ) throws(GradingError) -> PromotionDecision {
        guard absentSessions >= 0 else { throw .negativeAbsences(absentSessions) }
        var failed: PromotionFailures = []
        if conduct < .dat { failed.insert(.conduct) }
        if let yearLevel, yearLevel < .dat { failed.insert(.learning) }
        if absentSessions > maximumAbsentSessions { failed.insert(.attendance) }

        let outcome: PromotionOutcome
        if failed.isEmpty {
            outcome = .promoted
        } else if failed.contains(.attendance) || stage == .afterSummer {
            outcome = .repeatYear
        } else {
            outcome = .summerRequired
        }
        return PromotionDecision(outcome: outcome, failed: failed, stage: stage, ruleSet: ruleSet)
    }
}
