/// The top-level computation: a learner's year result from raw per-subject entries.
public enum YearResults {
    /// Selects the rule set for `grade` in the school year starting `schoolYearStart`
    /// (`GradingRuleSet.select`) and computes the year under it.
    ///
    /// Throws `.unsupportedRuleSet` for years under Circular 58/2011 (compute its averages
    /// with `SubjectYearResult` and its rating with `LegacyAcademicRating`) and for primary
    /// grades (use `PrimaryYearRules`).
    public static func compute(
        grade: Int, schoolYearStart: Int, subjects: [SubjectYearEntries],
        conduct: ConductRating, absentSessions: Int, basis: YearAverageBasis = .chosen
    ) throws(GradingError) -> LearnerYearResult {
        let ruleSet = try GradingRuleSet.select(grade: grade, schoolYearStart: schoolYearStart)
        return try compute(
            ruleSet: ruleSet, subjects: subjects, conduct: conduct, absentSessions: absentSessions, basis: basis)
    }

    /// Validates every subject's entries under `ruleSet` and computes subject averages,
    /// semester and year levels, the promotion decision and the award.
    /// Errors name the subject (its index in `subjects`) and semester.
    public static func compute(
        ruleSet: GradingRuleSet, subjects: [SubjectYearEntries],
        conduct: ConductRating, absentSessions: Int, basis: YearAverageBasis = .chosen
    ) throws(GradingError) -> LearnerYearResult {
        try requireSupported(ruleSet)
        var records: [SubjectYearRecord] = []
        records.reserveCapacity(subjects.count)
        for (index, entries) in subjects.enumerated() {
            do throws(GradingError) {
                records.append(try SubjectYearRecord.validate(entries, ruleSet: ruleSet))
            } catch {
                throw error.atSubject(index)
            }
        }
        return try compute(ruleSet: ruleSet, records: records, conduct: conduct, absentSessions: absentSessions, basis: basis)
    }

    /// Computes the year from already-validated subject records.
    public static func compute(
        ruleSet: GradingRuleSet, records: [SubjectYearRecord],
        conduct: ConductRating, absentSessions: Int, basis: YearAverageBasis = .chosen
    ) throws(GradingError) -> LearnerYearResult {
        try requireSupported(ruleSet)
        guard absentSessions >= 0 else { throw .negativeAbsences(absentSessions) }
        var accumulator = YearAccumulator()
        var results: [SubjectYearResult] = []
        results.reserveCapacity(records.count)
        for record in records {
            let result = SubjectYearResult(computing: record, ruleSet: ruleSet, basis: basis)
            accumulator.add(result)
            results.append(result)
        }
        let outcome = try accumulator.outcome(conduct: conduct, absentSessions: absentSessions, ruleSet: ruleSet)
        return LearnerYearResult(subjects: results, outcome: outcome)
    }

    /// Levels, promotion and awards are implemented for Circular 22/2021 only.
    static func requireSupported(_ ruleSet: GradingRuleSet) throws(GradingError) {
        guard ruleSet == .circular22_2021 else { throw .unsupportedRuleSet(ruleSet, operation: .secondaryYearResult) }
    }
}
