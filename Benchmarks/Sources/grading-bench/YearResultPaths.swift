import Grading

typealias Outcomes = [Result<YearOutcome, GradingError>]

/// The two ways the kernel computes year results, each over a range of learners so the same code runs
/// on one core (the whole cohort) or on all of them (one range per task).
enum YearResultPaths {
    /// `GradebookLayout.computeYearOutcomes` over the range's slice of the flat buffer; no copy.
    static func bulk(_ gradebook: BulkGradebook, learners range: Range<Int>) -> Outcomes {
        let cellsPerLearner = gradebook.layout.cellsPerLearner
        return gradebook.cells.withUnsafeBufferPointer { allCells in
            gradebook.contexts.withUnsafeBufferPointer { allContexts in
                let cells = UnsafeBufferPointer(
                    rebasing: allCells[range.lowerBound * cellsPerLearner ..< range.upperBound * cellsPerLearner])
                let contexts = UnsafeBufferPointer(rebasing: allContexts[range])
                do {
                    return try gradebook.layout.computeYearOutcomes(cells: cells, learners: contexts)
                } catch {
                    fatalError("the slice was cut to whole learner blocks: \(error)")
                }
            }
        }
    }

    /// `YearResults.compute` once per learner from raw entries, as a request handler would: the rule
    /// set is selected from grade and year, entries are validated, and only the outcome is kept (the
    /// bulk path keeps no subject results either).
    static func perLearner(_ gradebook: EntryGradebook, learners range: Range<Int>) -> Outcomes {
        var outcomes: Outcomes = []
        outcomes.reserveCapacity(range.count)
        for index in range {
            let context = gradebook.contexts[index]
            do {
                let result = try YearResults.compute(
                    grade: 6, schoolYearStart: 2025, subjects: gradebook.learners[index],
                    conduct: context.conduct, absentSessions: context.absentSessions)
                outcomes.append(.success(result.outcome))
            } catch {
                outcomes.append(.failure(error))
            }
        }
        return outcomes
    }

    /// `GradebookLayout.appendCells` for the range: what it costs to bring raw entries into the bulk
    /// layout (each learner's entries are validated on the way).
    static func encode(_ gradebook: EntryGradebook, layout: GradebookLayout, learners range: Range<Int>) -> [UInt8] {
        var cells: [UInt8] = []
        cells.reserveCapacity(range.count * layout.cellsPerLearner)
        for index in range {
            do {
                try layout.appendCells(of: gradebook.learners[index], to: &cells)
            } catch {
                fatalError("learner \(index) was valid when generated: \(error)")
            }
        }
        return cells
    }
}
