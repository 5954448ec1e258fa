import Testing
@testable import Grading

@Suite("Promotion (Art. 12) and summer re-assessment")
struct PromotionTests {
    @Test("45 absent sessions promote, 46 repeat the year directly")
    func attendance() throws {
        let at45 = try PromotionRules.decide(conduct: .tot, yearLevel: .tot, absentSessions: 45)
        #expect(at45.outcome == .promoted)
        #expect(at45.failed.isEmpty)
        #expect(at45.ruleSet == .circular22_2021)
        let at46 = try PromotionRules.decide(conduct: .tot, yearLevel: .tot, absentSessions: 46)
        #expect(at46.outcome == .repeatYear)
        #expect(at46.failed == .attendance)
        #expect(!at46.mayTakeReassessment && !at46.mustTrainConductInSummer)
        // Absences decide even when learning also failed: no summer.
        let both = try PromotionRules.decide(conduct: .dat, yearLevel: .chuaDat, absentSessions: 60)
        #expect(both.outcome == .repeatYear)
        #expect(both.failed == [.learning, .attendance])
        #expect(both.failed.conditions == [.learning, .attendance])
        #expect(!both.mayTakeReassessment)
        #expect(throws: GradingError.negativeAbsences(-3)) {
            try PromotionRules.decide(conduct: .tot, yearLevel: .tot, absentSessions: -3)
        }
    }

    @Test("conduct Chưa đạt means summer conduct training; learning Chưa đạt means re-assessment")
    func summer() throws {
        let conduct = try PromotionRules.decide(conduct: .chuaDat, yearLevel: .kha, absentSessions: 10)
        #expect(conduct.outcome == .summerRequired)
        #expect(conduct.failed == .conduct)
        #expect(conduct.mustTrainConductInSummer && !conduct.mayTakeReassessment)

        let learning = try PromotionRules.decide(conduct: .kha, yearLevel: .chuaDat, absentSessions: 10)
        #expect(learning.outcome == .summerRequired)
        #expect(learning.failed == .learning)
        #expect(learning.mayTakeReassessment && !learning.mustTrainConductInSummer)

        let both = try PromotionRules.decide(conduct: .chuaDat, yearLevel: .chuaDat, absentSessions: 0)
        #expect(both.mayTakeReassessment && both.mustTrainConductInSummer)

        let afterSummer = try PromotionRules.decide(conduct: .dat, yearLevel: .chuaDat, absentSessions: 0, stage: .afterSummer)
        #expect(afterSummer.outcome == .repeatYear)

        #expect(try PromotionRules.decide(conduct: .dat, yearLevel: .dat, absentSessions: 0).outcome == .promoted)
    }

    /// 11 subjects at 7.0 and one at 3.0, so the year learning result is Chưa đạt.
    func failingLearner(conduct: ConductRating = .kha) throws -> LearnerYearResult {
        try Fixture.year(Fixture.learner(scored: [30] + Array(repeating: 70, count: 9)), conduct: conduct)
    }

    @Test("a re-assessment that lifts the level promotes")
    func reassessmentPromotes() throws {
        let endOfYear = try failingLearner()
        #expect(endOfYear.levels.year == .chuaDat)
        #expect(endOfYear.decision.mayTakeReassessment)

        let after = try endOfYear.afterSummer(reassessments: [.score(subject: 0, Fixture.score(60))])
        #expect(after.subjects[0].year == .score(Fixture.score(60)))
        #expect(after.subjects[0].reassessed)
        #expect(after.subjects[0].semester1 == endOfYear.subjects[0].semester1)
        #expect(after.levels.year == .kha)
        #expect(after.levels.semester1 == endOfYear.levels.semester1)
        #expect(after.decision.outcome == .promoted)
        #expect(after.decision.stage == .afterSummer)
        #expect(after.award == nil)

        let stillFailing = try endOfYear.afterSummer(reassessments: [.score(subject: 0, Fixture.score(34))])
        #expect(stillFailing.levels.year == .chuaDat)
        #expect(stillFailing.decision.outcome == .repeatYear)
        #expect(stillFailing.decision.failed == .learning)

        let skipped = try endOfYear.afterSummer(reassessments: [])
        #expect(skipped.decision.outcome == .repeatYear)
    }

    @Test("re-assessment rules are enforced")
    func reassessmentRules() throws {
        let endOfYear = try failingLearner()
        #expect(throws: GradingError.notEligibleForReassessment(subject: 1)) {
            try endOfYear.afterSummer(reassessments: [.score(subject: 1, Fixture.score(90))])
        }
        #expect(throws: GradingError.duplicateReassessment(subject: 0)) {
            try endOfYear.afterSummer(reassessments: [.score(subject: 0, Fixture.score(60)), .score(subject: 0, Fixture.score(70))])
        }
        #expect(throws: GradingError.subjectIndexOutOfRange(index: 40, count: 12)) {
            try endOfYear.afterSummer(reassessments: [.score(subject: 40, Fixture.score(60))])
        }
        #expect(throws: GradingError.subject(index: 0, semester: nil, .valueKindMismatch(subjectKind: .scored, assessment: .endOfTerm))) {
            try endOfYear.afterSummer(reassessments: [.comment(subject: 0, .dat)])
        }
        #expect(throws: GradingError.conductTrainingNotRequired) {
            try endOfYear.afterSummer(reassessments: [], conductAfterTraining: .dat)
        }
        let promoted = try Fixture.year(Fixture.learner(scored: Array(repeating: 70, count: 10)))
        #expect(throws: GradingError.summerNotApplicable) { try promoted.afterSummer(reassessments: []) }
        let after = try endOfYear.afterSummer(reassessments: [.score(subject: 0, Fixture.score(60))])
        #expect(throws: GradingError.summerNotApplicable) { try after.afterSummer(reassessments: []) }
    }

    @Test("comment-only subjects are re-assessed with a rating")
    func commentReassessment() throws {
        let endOfYear = try Fixture.year(Fixture.learner(scored: Array(repeating: 70, count: 10), comments: [.chuaDat, .chuaDat]))
        #expect(endOfYear.levels.year == .chuaDat)
        #expect(throws: GradingError.subject(index: 10, semester: nil, .valueKindMismatch(subjectKind: .commentOnly, assessment: .endOfTerm))) {
            try endOfYear.afterSummer(reassessments: [.score(subject: 10, Fixture.score(80))])
        }
        // One of the two lifted: at most one Chưa đạt is Đạt.
        let after = try endOfYear.afterSummer(reassessments: [.comment(subject: 10, .dat)])
        #expect(after.levels.year == .dat)
        #expect(after.decision.outcome == .promoted)
    }

    @Test("conduct training: a new Đạt rating promotes, none keeps the failure")
    func conductTraining() throws {
        let endOfYear = try Fixture.year(Fixture.learner(scored: Array(repeating: 70, count: 10)), conduct: .chuaDat)
        #expect(endOfYear.decision.mustTrainConductInSummer)
        #expect(throws: GradingError.reassessmentNotOffered) {
            try endOfYear.afterSummer(reassessments: [.score(subject: 0, Fixture.score(80))])
        }
        let trained = try endOfYear.afterSummer(reassessments: [], conductAfterTraining: .dat)
        #expect(trained.decision.outcome == .promoted)
        #expect(trained.outcome.conduct == .dat)
        let untrained = try endOfYear.afterSummer(reassessments: [])
        #expect(untrained.decision.outcome == .repeatYear)
        #expect(untrained.decision.failed == .conduct)

        let both = try failingLearner(conduct: .chuaDat)
        let fixedOne = try both.afterSummer(reassessments: [.score(subject: 0, Fixture.score(60))])
        #expect(fixedOne.decision.outcome == .repeatYear)
        #expect(fixedOne.decision.failed == .conduct)
        let fixedBoth = try both.afterSummer(reassessments: [.score(subject: 0, Fixture.score(60))], conductAfterTraining: .dat)
        #expect(fixedBoth.decision.outcome == .promoted)
    }

    @Test("absences through the full computation")
    func pipeline() throws {
        let learner = Fixture.learner(scored: Array(repeating: 70, count: 10))
        #expect(try Fixture.year(learner, absences: 45).decision.outcome == .promoted)
        let repeating = try Fixture.year(learner, absences: 46)
        #expect(repeating.decision.outcome == .repeatYear)
        #expect(repeating.decision.failed == .attendance)
        #expect(throws: GradingError.summerNotApplicable) { try repeating.afterSummer(reassessments: []) }
    }
}

@Suite("Awards (Art. 15)")
struct AwardTests {
    @Test("Xuất sắc needs 6 subjects ≥ 9.0 on top of Tốt/Tốt; Giỏi needs Tốt/Tốt")
    func rules() {
        #expect(AwardRules.award(conduct: .tot, yearLevel: .tot, subjectsAtLeastNine: 6) == .xuatSac)
        #expect(AwardRules.award(conduct: .tot, yearLevel: .tot, subjectsAtLeastNine: 5) == .gioi)
        #expect(AwardRules.award(conduct: .kha, yearLevel: .tot, subjectsAtLeastNine: 12) == nil)
        #expect(AwardRules.award(conduct: .tot, yearLevel: .kha, subjectsAtLeastNine: 12) == nil)
        #expect(AwardRules.award(conduct: .tot, yearLevel: nil, subjectsAtLeastNine: 12) == nil)
    }

    @Test("boundaries through the full computation")
    func pipeline() throws {
        let six = try Fixture.year(Fixture.learner(scored: [90, 90, 90, 90, 90, 90, 80, 80, 65, 65]))
        #expect(six.levels.year == .tot)
        #expect(six.award == .xuatSac)
        let five = try Fixture.year(Fixture.learner(scored: [90, 90, 90, 90, 90, 89, 80, 80, 65, 65]))
        #expect(five.award == .gioi)
        #expect(try Fixture.year(Fixture.learner(scored: [90, 90, 90, 90, 90, 90, 80, 80, 65, 65]), conduct: .kha).award == nil)
        // A 6.4 makes the level Khá: no award despite the nines.
        #expect(try Fixture.year(Fixture.learner(scored: [90, 90, 90, 90, 90, 90, 80, 80, 65, 64])).award == nil)
        // A subject on an individual plan does not count towards the six.
        var learner = Fixture.learner(scored: [90, 90, 90, 90, 90, 90, 80, 80, 65, 65])
        learner[0].participation = .individualised
        #expect(try Fixture.year(learner).award == .gioi)
        #expect(Award.xuatSac.labelVI == "Học sinh Xuất sắc")
        #expect(Award.gioi.labelVI == "Học sinh Giỏi")
    }
}
