import Grading

/// The bulk path's input: every learner's block of cells in one buffer, and their contexts.
struct BulkGradebook: Sendable {
    let layout: GradebookLayout
    let cells: [UInt8]
    let contexts: [LearnerYearContext]
}

/// The per-learner path's input: each learner's raw entries, as a service handed one learner at a time
/// would receive them, with the conduct and absences that come from elsewhere in the record.
struct EntryGradebook: Sendable {
    let learners: [[SubjectYearEntries]]
    let contexts: [LearnerYearContext]
}

/// Builds both inputs from the same model and seed, in parallel ranges. They are drawn separately, so
/// the bulk path is measured before any entries exist (the per-learner rows also hold the bulk input,
/// a small part of theirs), and the bulk cells go through `appendCells`, which checks every learner's
/// entries the way an import would.
enum CohortGeneration {
    static func bulk(layout: GradebookLayout, seed: UInt64, ranges: [Range<Int>]) async -> BulkGradebook {
        let parts = await ParallelChunks.map(ranges) { range in
            var cells: [UInt8] = []
            cells.reserveCapacity(range.count * layout.cellsPerLearner)
            var contexts: [LearnerYearContext] = []
            contexts.reserveCapacity(range.count)
            for index in range {
                let learner = GradebookModel.learner(index, seed: seed)
                do {
                    try layout.appendCells(of: learner.subjects, to: &cells)
                } catch {
                    fatalError("generated learner \(index) is not a valid gradebook: \(error)")
                }
                contexts.append(learner.context)
            }
            return (cells, contexts)
        }
        return BulkGradebook(
            layout: layout,
            cells: Array(parts.map(\.0).joined()),
            contexts: Array(parts.map(\.1).joined()))
    }

    static func entries(seed: UInt64, ranges: [Range<Int>]) async -> EntryGradebook {
        let parts = await ParallelChunks.map(ranges) { range in
            range.map { GradebookModel.learner($0, seed: seed) }
        }
        return EntryGradebook(
            learners: parts.flatMap { $0.map(\.subjects) },
            contexts: parts.flatMap { $0.map(\.context) })
    }
}
