import Testing
@testable import Grading

@Suite("Semester entries and the regular-assessment table")
struct SemesterValidationTests {
    @Test("regular assessments per semester (Art. 6)", arguments: [
        (SubjectKind.commentOnly, 35, 2), (.commentOnly, 140, 2),
        (.scored, 1, 2), (.scored, 35, 2), (.scored, 36, 3), (.scored, 52, 3), (.scored, 70, 3),
        (.scored, 71, 4), (.scored, 105, 4), (.scored, 140, 4),
    ])
    func regularCount(kind: SubjectKind, periods: Int, expected: Int) throws {
        #expect(try SubjectSpec(kind: kind, periodsPerYear: periods).regularAssessmentsPerSemester == expected)
        let requirements = try GradingRuleSet.circular22_2021.semesterRequirements(for: Fixture.spec(kind, periods: periods))
        #expect(requirements.regular == .exactly(expected))
        #expect(requirements.midTerm == .exactly(1))
        #expect(requirements.endOfTerm == .exactly(1))
    }

    @Test("periods per year must be positive")
    func periods() {
        #expect(throws: GradingError.invalidPeriodsPerYear(0)) { try SubjectSpec.scored(periodsPerYear: 0) }
        #expect(throws: GradingError.invalidPeriodsPerYear(-35)) { try SubjectSpec.commentOnly(periodsPerYear: -35) }
    }

    @Test("wrong counts are rejected with the count required and found")
    func wrongCounts() {
        let toan = Fixture.spec(.scored, periods: 105)
        func validate(_ entries: [AssessmentEntry]) throws(GradingError) -> SemesterAssessment {
            try SemesterAssessment.validate(entries, subject: toan, ruleSet: .circular22_2021)
        }
        #expect(throws: GradingError.wrongAssessmentCount(kind: .regular, required: .exactly(4), found: 3)) {
            try validate(Fixture.scoredSemester(regular: [80, 70, 90], mid: 70, end: 80))
        }
        #expect(throws: GradingError.wrongAssessmentCount(kind: .regular, required: .exactly(4), found: 5)) {
            try validate(Fixture.scoredSemester(regular: [80, 70, 90, 65, 50], mid: 70, end: 80))
        }
        #expect(throws: GradingError.wrongAssessmentCount(kind: .midTerm, required: .exactly(1), found: 2)) {
            try validate(Fixture.scoredSemester(regular: [80, 70, 90, 65], mid: 70, end: 80) + [.midTerm(Fixture.score(60))])
        }
        #expect(throws: GradingError.wrongAssessmentCount(kind: .midTerm, required: .exactly(1), found: 0)) {
            try validate([80, 70, 90, 65].map { .regular(Fixture.score($0)) } + [.endOfTerm(Fixture.score(80))])
        }
        #expect(throws: GradingError.wrongAssessmentCount(kind: .endOfTerm, required: .exactly(1), found: 0)) {
            try validate([80, 70, 90, 65].map { .regular(Fixture.score($0)) } + [.midTerm(Fixture.score(80))])
        }
        #expect(throws: GradingError.valueKindMismatch(subjectKind: .scored, assessment: .regular)) {
            try validate([.regular(.dat)])
        }
        let error = GradingError.wrongAssessmentCount(kind: .regular, required: .exactly(4), found: 3)
        #expect(error.code == "grading.wrongAssessmentCount")
        #expect(error.messageEN == "A semester needs exactly 4 regular assessment(s); found 3.")
        #expect(error.messageVI == "Mỗi học kì cần đúng 4 lần đánh giá thường xuyên; hiện có 3.")
    }

    @Test("entries may come in any order")
    func order() throws {
        let toan = Fixture.spec(.scored, periods: 105)
        let entries = Fixture.scoredSemester(regular: [80, 70, 90, 65], mid: 70, end: 80)
        let a = try SemesterAssessment.validate(entries, subject: toan, ruleSet: .circular22_2021)
        let b = try SemesterAssessment.validate(entries.reversed(), subject: toan, ruleSet: .circular22_2021)
        #expect(a == b)
        #expect(a.result == .score(Fixture.score(76)))
    }

    @Test("comment-only: 2 regular, mid-term, end-of-term; Đạt iff all Đạt; year = semester II")
    func commentOnly() throws {
        let pe = Fixture.spec(.commentOnly, periods: 70)
        #expect(try SemesterAssessment.validate(Fixture.commentSemester(), subject: pe, ruleSet: .circular22_2021) == .comment(.dat))
        for failing in 1...4 {
            #expect(try SemesterAssessment.validate(Fixture.commentSemester(notPassed: failing), subject: pe,
                                                    ruleSet: .circular22_2021) == .comment(.chuaDat))
        }
        #expect(throws: GradingError.wrongAssessmentCount(kind: .regular, required: .exactly(2), found: 3)) {
            try SemesterAssessment.validate(Fixture.commentSemester() + [.regular(.dat)], subject: pe, ruleSet: .circular22_2021)
        }
        #expect(throws: GradingError.valueKindMismatch(subjectKind: .commentOnly, assessment: .midTerm)) {
            try SemesterAssessment.validate([.midTerm(Fixture.score(80))], subject: pe, ruleSet: .circular22_2021)
        }
        let year = try Fixture.year([SubjectYearEntries(
            subject: pe, semester1: Fixture.commentSemester(notPassed: 1), semester2: Fixture.commentSemester())])
        #expect(year.subjects[0].semester1 == .comment(.chuaDat))
        #expect(year.subjects[0].year == .comment(.dat))
        let failedSecond = try Fixture.year([SubjectYearEntries(
            subject: pe, semester1: Fixture.commentSemester(), semester2: Fixture.commentSemester(notPassed: 1))])
        #expect(failedSecond.subjects[0].year == .comment(.chuaDat))
    }

    @Test("errors from the year computation name the subject and semester")
    func subjectContext() {
        var learner = Fixture.learner(scored: [80, 80, 80])
        learner[1].semester2.removeLast()
        #expect(throws: GradingError.subject(index: 1, semester: .second,
                                             .wrongAssessmentCount(kind: .endOfTerm, required: .exactly(1), found: 0))) {
            try Fixture.year(learner)
        }
        let error = GradingError.subject(index: 1, semester: .second,
                                         .wrongAssessmentCount(kind: .endOfTerm, required: .exactly(1), found: 0))
        #expect(error.code == "grading.wrongAssessmentCount")
        #expect(error.messageEN == "In subject 2 (Semester II): A semester needs exactly 1 end-of-term assessment(s); found 0.")
        #expect(error.messageVI == "Tại môn thứ 2 (Học kì II): Mỗi học kì cần đúng 1 lần đánh giá cuối kì; hiện có 0.")
        #expect(throws: GradingError.negativeAbsences(-1)) { try Fixture.year(learner.prefix(1).map { $0 }, absences: -1) }
    }

    @Test("exempt subjects need no entries and leave every result")
    func exempt() throws {
        var learner = Fixture.learner(scored: [80, 80, 80, 80, 80, 80, 30])
        learner[6] = .exempt(Fixture.spec())
        let result = try Fixture.year(learner)
        #expect(result.subjects[6].year == .exempt)
        #expect(result.subjects[6].year.textVI == "Miễn")
        #expect(result.levels.year == .tot)
    }

    @Test("Circular 58/2011: minimum regular counts, several coefficient-2 tests")
    func circular58() throws {
        let toan = Fixture.spec(.scored, periods: 140)
        let requirements = try GradingRuleSet.circular58_2011.semesterRequirements(for: toan)
        #expect(requirements == SemesterRequirements(regular: .atLeast(4), midTerm: .atLeast(1), endOfTerm: .exactly(1)))
        #expect(try GradingRuleSet.circular58_2011.semesterRequirements(for: Fixture.spec(periods: 35)).regular == .atLeast(2))
        #expect(try GradingRuleSet.circular58_2011.semesterRequirements(for: Fixture.spec(periods: 104)).regular == .atLeast(3))
        // 5 regular, two 1-period tests, one semester test: (40 + 2·(14+16) + 3·8)/(5 + 4 + 3).
        let semester = try ScoredSemester(
            regular: [80, 80, 80, 80, 80].map(Fixture.score), midTerm: [70, 80].map(Fixture.score),
            endOfTerm: Fixture.score(80), subject: toan, ruleSet: .circular58_2011)
        #expect(semester.totalWeight == 12)
        #expect(semester.exactAverage == WeightedAverage(numeratorTenths: 400 + 300 + 240, denominator: 12))
        #expect(semester.average == Fixture.score(78))   // 78.33…
        #expect(throws: GradingError.wrongAssessmentCount(kind: .regular, required: .atLeast(4), found: 3)) {
            try ScoredSemester(regular: [80, 80, 80].map(Fixture.score), midTerm: Fixture.score(80),
                               endOfTerm: Fixture.score(80), subject: toan, ruleSet: .circular58_2011)
        }
        #expect(throws: GradingError.unsupportedRuleSet(.circular58_2011, operation: .secondaryAssessments)) {
            try GradingRuleSet.circular58_2011.semesterRequirements(for: Fixture.spec(.commentOnly))
        }
        // Year results under Circular 58 are not modelled: averages only.
        #expect(throws: GradingError.unsupportedRuleSet(.circular58_2011, operation: .secondaryYearResult)) {
            try YearResults.compute(grade: 12, schoolYearStart: 2023, subjects: [Fixture.uniform(80)],
                                    conduct: .tot, absentSessions: 0)
        }
        let record = try SubjectYearRecord.validate(Fixture.uniform(80), ruleSet: .circular58_2011)
        let result = try SubjectYearResult(record: record, ruleSet: .circular58_2011)
        #expect(result.year == .score(Fixture.score(80)))
        #expect(result.ruleSet == .circular58_2011)
    }

    @Test("primary rule sets have no secondary assessments")
    func primary() {
        for ruleSet in [GradingRuleSet.circular27_2020, .circular22_2016] {
            #expect(throws: GradingError.unsupportedRuleSet(ruleSet, operation: .secondaryAssessments)) {
                try ruleSet.semesterRequirements(for: Fixture.spec())
            }
            #expect(throws: GradingError.unsupportedRuleSet(ruleSet, operation: .secondaryYearResult)) {
                try YearResults.compute(ruleSet: ruleSet, subjects: [], conduct: .tot, absentSessions: 0)
            }
        }
    }
}
