import Foundation
import Grading

/// Checks that end the run with a non-zero status: a benchmark of wrong answers is worthless.
enum Verification {
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("grading-bench: FAILED: \(message)\n".utf8))
        exit(1)
    }

    /// Every learner of a valid synthetic cohort must get an outcome.
    static func requireNoErrors(_ parts: [Outcomes], path: String) {
        var index = 0
        for outcomes in parts {
            for outcome in outcomes {
                if case .failure(let error) = outcome { fail("\(path): learner \(index) failed: \(error)") }
                index += 1
            }
        }
    }

    /// The same outcome for every learner, in order.
    static func requireIdentical(_ left: [Outcomes], _ right: [Outcomes], _ what: String) {
        let lhs = left.joined()
        let rhs = right.joined()
        guard lhs.count == rhs.count else { fail("\(what): \(lhs.count) outcomes against \(rhs.count)") }
        for (index, (a, b)) in zip(lhs, rhs).enumerated() where a != b {
            fail("\(what): learner \(index) differs:\n  \(a)\n  \(b)")
        }
    }

    /// On a sample of learners, the bulk path's subject results (through its callback) and outcome
    /// equal what `YearResults.compute` returns from the learner's raw entries, subject by subject.
    static func requireSameSubjectResults(
        bulk: BulkGradebook, entries: EntryGradebook, sample: some Sequence<Int>
    ) -> Int {
        let layout = bulk.layout
        var checked = 0
        for index in sample {
            let block = Array(bulk.cells[index * layout.cellsPerLearner ..< (index + 1) * layout.cellsPerLearner])
            var subjectResults: [SubjectYearResult] = []
            let outcome: YearOutcome
            let expected: LearnerYearResult
            let context = bulk.contexts[index]
            do {
                outcome = try layout.computeYearOutcomes(cells: block, learners: [context]) { _, _, result in
                    subjectResults.append(result)
                }[0].get()
                expected = try YearResults.compute(
                    grade: 6, schoolYearStart: 2025, subjects: entries.learners[index],
                    conduct: context.conduct, absentSessions: context.absentSessions)
            } catch {
                fail("sample learner \(index): \(error)")
            }
            guard outcome == expected.outcome, subjectResults == expected.subjects else {
                fail("sample learner \(index): bulk \(outcome) \(subjectResults)\n  per learner \(expected)")
            }
            checked += 1
        }
        return checked
    }
}
