import Testing
@testable import Grading

@Suite("Rule-set selection by roll-out")
struct RuleSetSelectionTests {
    @Test("secondary roll-out of Circular 22/2021", arguments: [
        (6, 2020, GradingRuleSet.circular58_2011), (6, 2021, .circular22_2021),
        (7, 2021, .circular58_2011), (7, 2022, .circular22_2021),
        (10, 2021, .circular58_2011), (10, 2022, .circular22_2021),
        (8, 2022, .circular58_2011), (8, 2023, .circular22_2021),
        (11, 2022, .circular58_2011), (11, 2023, .circular22_2021),
        (9, 2023, .circular58_2011), (9, 2024, .circular22_2021),
        (12, 2023, .circular58_2011), (12, 2024, .circular22_2021), (12, 2030, .circular22_2021),
    ])
    func secondary(grade: Int, year: Int, expected: GradingRuleSet) throws {
        #expect(try GradingRuleSet.select(grade: grade, schoolYearStart: year) == expected)
    }

    @Test("primary roll-out of Circular 27/2020", arguments: [
        (1, 2019, GradingRuleSet.circular22_2016), (1, 2020, .circular27_2020),
        (2, 2020, .circular22_2016), (2, 2021, .circular27_2020),
        (3, 2021, .circular22_2016), (3, 2022, .circular27_2020),
        (4, 2022, .circular22_2016), (4, 2023, .circular27_2020),
        (5, 2023, .circular22_2016), (5, 2024, .circular27_2020),
    ])
    func primary(grade: Int, year: Int, expected: GradingRuleSet) throws {
        #expect(try GradingRuleSet.select(grade: grade, schoolYearStart: year) == expected)
    }

    @Test("grades and years outside the model are rejected")
    func outside() {
        #expect(throws: GradingError.gradeOutOfRange(0)) { try GradingRuleSet.select(grade: 0, schoolYearStart: 2024) }
        #expect(throws: GradingError.gradeOutOfRange(13)) { try GradingRuleSet.select(grade: 13, schoolYearStart: 2024) }
        #expect(throws: GradingError.schoolYearNotModelled(grade: 7, schoolYearStart: 2011)) {
            try GradingRuleSet.select(grade: 7, schoolYearStart: 2011)
        }
        #expect(GradingError.schoolYearNotModelled(grade: 7, schoolYearStart: 2011).messageEN.contains("2011-2012"))
    }

    @Test("the top-level computation uses the selected rule set")
    func topLevel() throws {
        let learner = Fixture.learner(scored: Array(repeating: 80, count: 10))
        let result = try YearResults.compute(grade: 7, schoolYearStart: 2022, subjects: learner, conduct: .tot, absentSessions: 0)
        #expect(result.ruleSet == .circular22_2021)
        #expect(result.decision.ruleSet == .circular22_2021)
        #expect(result.subjects.allSatisfy { $0.ruleSet == .circular22_2021 })
        #expect(throws: GradingError.unsupportedRuleSet(.circular58_2011, operation: .secondaryYearResult)) {
            try YearResults.compute(grade: 7, schoolYearStart: 2021, subjects: learner, conduct: .tot, absentSessions: 0)
        }
        #expect(throws: GradingError.unsupportedRuleSet(.circular27_2020, operation: .secondaryYearResult)) {
            try YearResults.compute(grade: 3, schoolYearStart: 2022, subjects: learner, conduct: .tot, absentSessions: 0)
        }
    }
}
