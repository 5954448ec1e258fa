import SplitMix
import Testing
@testable import Grading

@Suite("Bulk gradebook")
struct GradebookLayoutTests {
    let layout: GradebookLayout

    init() throws {
        layout = try GradebookLayout(ruleSet: .circular22_2021, subjects: Fixture.timetable)
    }

    @Test("layout offsets follow the regular-assessment table")
    func offsets() {
        // 3 × (4+2) + 4 × (3+2) + (2+2) + (3+2) + (2+2) + 2 × (2+2), twice for the semesters.
        #expect(layout.cellsPerLearner == 2 * (18 + 20 + 4 + 5 + 4 + 8))
        #expect(layout.cellRange(subject: 0, semester: .first) == 0 ..< 6)
        #expect(layout.cellRange(subject: 0, semester: .second) == 6 ..< 12)
        #expect(layout.cellRange(subject: 3, semester: .first) == 36 ..< 41)
        #expect(layout.cellRange(subject: 11, semester: .second).upperBound == layout.cellsPerLearner)
    }

    @Test("bulk results equal the per-learner computation")
    func equivalence() throws {
        var rng = SplitMix64(seed: 1_000_000)
        var cells: [UInt8] = []
        var contexts: [LearnerYearContext] = []
        var expected: [LearnerYearResult] = []
        for _ in 0 ..< 400 {
            var learner = Fixture.randomLearner(specs: Fixture.timetable, using: &rng)
            var exempt = SubjectIndexSet()
            var individualised = SubjectIndexSet()
            if Int.random(in: 0...9, using: &rng) == 0 {
                let s = Int.random(in: 0 ..< learner.count, using: &rng)
                exempt.insert(s)
                learner[s] = .exempt(learner[s].subject)
            }
            if Int.random(in: 0...9, using: &rng) == 0 {
                let s = Int.random(in: 0 ..< learner.count, using: &rng)
                if !exempt.contains(s) {
                    individualised.insert(s)
                    learner[s].participation = .individualised
                }
            }
            let conduct = ConductRating.allCases.randomElement(using: &rng)!
            let absences = Int.random(in: 0...50, using: &rng)
            try layout.appendCells(of: learner, to: &cells)
            contexts.append(LearnerYearContext(conduct: conduct, absentSessions: absences, exempt: exempt, individualised: individualised))
            expected.append(try Fixture.year(learner, conduct: conduct, absences: absences))
        }
        #expect(cells.count == contexts.count * layout.cellsPerLearner)

        var subjectResults: [SubjectYearResult] = []
        let outcomes = try layout.computeYearOutcomes(cells: cells, learners: contexts) { learner, subject, result in
            #expect(subjectResults.count == learner * Fixture.timetable.count + subject)
            subjectResults.append(result)
        }
        #expect(outcomes.count == expected.count)
        for (index, outcome) in outcomes.enumerated() {
            #expect(try outcome.get() == expected[index].outcome)
        }
        #expect(subjectResults == expected.flatMap(\.subjects))
    }

    @Test("a bad cell fails only its learner, naming subject and semester")
    func badCell() throws {
        var rng = SplitMix64(seed: 7)
        var cells: [UInt8] = []
        for _ in 0 ..< 3 { try layout.appendCells(of: Fixture.randomLearner(specs: Fixture.timetable, using: &rng), to: &cells) }
        let contexts = Array(repeating: LearnerYearContext(conduct: .tot, absentSessions: 0), count: 3)
        cells[layout.cellsPerLearner + layout.cellRange(subject: 2, semester: .second).lowerBound + 1] = GradebookCell.missing
        cells[2 * layout.cellsPerLearner + layout.cellRange(subject: 10, semester: .first).lowerBound] = 2
        let outcomes = try layout.computeYearOutcomes(cells: cells, learners: contexts)
        #expect((try? outcomes[0].get()) != nil)
        #expect(throws: GradingError.subject(index: 2, semester: .second, .invalidGradebookCell(value: 255, subjectKind: .scored))) {
            try outcomes[1].get()
        }
        #expect(throws: GradingError.subject(index: 10, semester: .first, .invalidGradebookCell(value: 2, subjectKind: .commentOnly))) {
            try outcomes[2].get()
        }
        // An exempt subject's cells are ignored, even when missing.
        var exemptContext = contexts
        exemptContext[1].exempt = [2]
        #expect((try? layout.computeYearOutcomes(cells: cells, learners: exemptContext)[1].get()) != nil)
    }

    @Test("layout and buffer checks")
    func checks() throws {
        #expect(throws: GradingError.gradebookSizeMismatch(expectedCells: 2 * layout.cellsPerLearner, foundCells: 5)) {
            try layout.computeYearOutcomes(cells: [1, 2, 3, 4, 5], learners: [
                LearnerYearContext(conduct: .tot, absentSessions: 0), LearnerYearContext(conduct: .tot, absentSessions: 0),
            ])
        }
        #expect(throws: GradingError.tooManySubjects(count: 65, maximum: 64)) {
            try GradebookLayout(ruleSet: .circular22_2021, subjects: Array(repeating: Fixture.spec(), count: 65))
        }
        #expect(throws: GradingError.unsupportedRuleSet(.circular58_2011, operation: .secondaryYearResult)) {
            try GradebookLayout(ruleSet: .circular58_2011, subjects: [])
        }
        var cells: [UInt8] = []
        #expect(throws: GradingError.subjectCountMismatch(expected: 12, found: 1)) {
            try layout.appendCells(of: [Fixture.uniform(80)], to: &cells)
        }
        var rng = SplitMix64(seed: 4)
        var learner = Fixture.randomLearner(specs: Fixture.timetable, using: &rng)
        learner[4].semester1.removeAll { $0.kind == .regular }
        learner[4].semester1.append(contentsOf: [.regular(Fixture.score(50)), .regular(Fixture.score(60))])
        #expect(throws: GradingError.subject(index: 4, semester: .first, .wrongAssessmentCount(kind: .regular, required: .exactly(3), found: 2))) {
            try layout.appendCells(of: learner, to: &cells)
        }
        let negative = try layout.computeYearOutcomes(
            cells: [UInt8](repeating: 80, count: layout.cellsPerLearner).enumerated().map { i, v in
                // Comment-only cells must be 0 or 1.
                (layout.cellRange(subject: 10, semester: .first).lowerBound...).contains(i) ? 1 : v
            },
            learners: [LearnerYearContext(conduct: .tot, absentSessions: -1)])
        #expect(throws: GradingError.negativeAbsences(-1)) { try negative[0].get() }
        #expect(SubjectIndexSet([0, 63, 64, -1]).bits == UInt64(1) | UInt64(1) << 63)
        #expect(SubjectIndexSet([5]).contains(5) && !SubjectIndexSet([5]).contains(4))
    }
}
