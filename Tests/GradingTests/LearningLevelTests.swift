import Testing
@testable import Grading

@Suite("Learning level (Circular 22/2021 Art. 9.2)")
struct LearningLevelTests {
    func level(_ averages: [Int], comments: [CommentRating] = [.dat, .dat]) -> LearningLevel? {
        LearningLevel.rate(averages: averages.map(Fixture.score), comments: comments)
    }

    @Test("Tốt: all ≥ 6.5 and at least 6 ≥ 8.0")
    func tot() {
        #expect(level([80, 80, 80, 80, 80, 80, 65, 65, 65, 65]) == .tot)
        #expect(level([80, 80, 80, 80, 80, 79, 65, 65, 65, 65]) == .kha)      // 5 subjects ≥ 8.0
        #expect(level([100, 100, 100, 100, 100, 100, 100, 100, 100, 64]) == .kha) // one 6.4
        #expect(level([80, 80, 80, 80, 80, 80], comments: [.dat, .chuaDat]) == .dat) // one comment Chưa đạt
    }

    @Test("Khá: all ≥ 5.0 and at least 6 ≥ 6.5")
    func kha() {
        #expect(level([65, 65, 65, 65, 65, 65, 50, 50, 50, 50]) == .kha)
        #expect(level([65, 65, 65, 65, 65, 64, 50, 50, 50, 50]) == .dat)      // 5 subjects ≥ 6.5
        #expect(level([100, 100, 100, 100, 100, 100, 100, 100, 100, 49]) == .dat) // one 4.9
    }

    @Test("Đạt: at least 6 ≥ 5.0 and none < 3.5; at most one comment Chưa đạt")
    func dat() {
        #expect(level([50, 50, 50, 50, 50, 50, 35, 35, 35, 35]) == .dat)
        #expect(level([50, 50, 50, 50, 50, 49, 35, 35, 35, 35]) == .chuaDat)  // 5 subjects ≥ 5.0
        #expect(level([100, 100, 100, 100, 100, 100, 100, 100, 100, 34]) == .chuaDat) // a 3.4
        #expect(level([100, 100, 100, 100, 100, 100], comments: [.chuaDat, .dat]) == .dat)
        #expect(level([100, 100, 100, 100, 100, 100], comments: [.chuaDat, .chuaDat]) == .chuaDat)
    }

    @Test("'at least 6' is literal: fewer scored subjects cannot reach the level")
    func fewSubjects() {
        #expect(level([100, 100, 100, 100, 100]) == .chuaDat)
        #expect(level([100, 100, 100, 100, 100, 100]) == .tot)
    }

    @Test("nothing to rate gives no level")
    func empty() {
        #expect(level([], comments: []) == nil)
        #expect(LearningLevelTally().isEmpty)
    }

    @Test("through the full computation: semester and year levels, individualised subjects left out")
    func pipeline() throws {
        // Semester I all 8.0; semester II: one subject 3.0 (year (8.0 + 6.0)/3 = 4.7).
        var learner = Fixture.learner(scored: [80, 80, 80, 80, 80, 80, 80])
        learner[0].semester2 = Fixture.scoredSemester(regular: [30, 30, 30, 30], mid: 30, end: 30)
        let result = try Fixture.year(learner)
        #expect(result.subjects[0].year == .score(Fixture.score(47)))
        #expect(result.levels.semester1 == .tot)
        #expect(result.levels.semester2 == .chuaDat)   // a 3.0
        #expect(result.levels.year == .dat)            // 4.7: not < 3.5, six others ≥ 5.0
        #expect(result.levels.ruleSet == .circular22_2021)

        learner[0].participation = .individualised
        let individual = try Fixture.year(learner)
        #expect(individual.subjects[0].year == .score(Fixture.score(47)))   // carried through
        #expect(individual.subjects[0].participation == .individualised)
        #expect(individual.levels.semester2 == .tot)   // the plan subject is out of the table
        #expect(individual.levels.year == .tot)

        let allIndividual = try Fixture.year(learner.map { var s = $0; s.participation = .individualised; return s })
        #expect(allIndividual.levels.year == nil)
        #expect(allIndividual.decision.outcome == .promoted)
    }
}
