import Foundation
import Logging
import PersonMatching
import Platform
import Synchronization

/// How far a run has come, for a progress bar.
public struct VerificationProgress: Sendable {
    public let done: Int
    public let total: Int
    public let seconds: Double
}

/// Runs one verification: reads the people in scope a batch at a time, decides each batch with a
/// `RecordChecker`, and stores the outcomes and the cursor together. Started again after a
/// crash, it continues after the last batch stored, with the model it first estimated.
public struct VerificationJob: Sendable {
    let store: VerificationStore
    let checker: any RecordChecker
    let batchSize: Int
    let policy: VerificationPolicy

    /// `batchSize` defaults to the checker's (`RecordChecker.batchSize`).
    public init(database: any Database, checker: any RecordChecker, batchSize: Int? = nil,
                policy: VerificationPolicy = VerificationPolicy()) {
        store = VerificationStore(database: database)
        self.checker = checker
        self.batchSize = max(1, batchSize ?? checker.batchSize)
        self.policy = policy
    }

    /// Runs (or resumes) the run `id` to its end; returns it finished.
    @discardableResult
    public func run(_ id: String, progress: (@Sendable (VerificationProgress) -> Void)? = nil) async throws -> VerificationRun {
        guard let (stored, scopeOrgID, _) = try await store.find(id) else { throw APIError.notFound }
        var run = stored
        let source = PersonSource(scopeOrgID: scopeOrgID)
        let started = Date()
        do {
            if run.settings == nil {
                run.total = try await store.database.read { db in try await source.count(db) }
                let sample = try await store.database.read { [total = run.total] db in
                    try await source.sample(db, size: ModelEstimation.sampleSize, total: total)
                }.map { try $0.decoded().record }
                let index = try await checker.trainingIndex(for: sample)
                run.settings = .init(model: try await ModelEstimation.estimate(sample: sample, index: index), policy: policy)
                run.source = checker.source
                try await store.begin(id, source: checker.source, settings: run.settings!, total: run.total)
            }
            let settings = run.settings!
            var cursor = try await store.cursor(id)
            // Checking keeps the cores busy and storing waits on the database, so the next batches
            // are read and their checks started before the oldest checked batch is stored: the
            // cores find work while a batch is stored and while a batch's slowest chunk finishes.
            // Batches are stored in order, each with the cursor after it. A crash loses at most the
            // batches checked and not yet stored, which the resumed run checks again.
            // The checks are tasks of their own, not a task group's children: on the event loops
            // that run this program's tasks, a child stays on its parent's loop, and a profile showed
            // the checks of a task group waiting there while a batch was stored. They prefer the
            // `ComputeExecutor` for the same reason: a task started or resumed on a loop that is
            // storing a batch in SQLite waits for the store.
            let checks = ChecksUnderWay()
            var readAll = false
            // The batch after the newest one checked is read on a reader connection while the
            // oldest is stored.
            var nextRead: Task<[StoredPerson], any Error>?
            func checkAhead() async throws {
                while checks.count < max(1, checker.batchesCheckedAhead), !readAll {
                    let batch = try await (nextRead ?? read(source, after: cursor)).value
                    nextRead = nil
                    guard let last = batch.last else { readAll = true; return }
                    cursor = (last.kind, last.id)
                    nextRead = read(source, after: cursor)
                    checks.append(Task(executorPreference: ComputeExecutor.shared) { try await check(batch, settings, runID: id) })
                }
            }
            do {
                try await withTaskCancellationHandler {
                    try await checkAhead()
                    while let oldest = checks.takeOldest() {
                        let checked = try await oldest.value
                        try Task.checkCancellation()
                        try await checkAhead()
                        var afterBatch = run
                        for (status, count) in checked.statusCounts { afterBatch.counts[status, default: 0] += count }
                        afterBatch.done += checked.count
                        try await store.save(checked, run: afterBatch)
                        run = afterBatch
                        progress?(VerificationProgress(done: run.done, total: max(run.total, run.done), seconds: Date().timeIntervalSince(started)))
                    }
                } onCancel: {
                    checks.cancelAll()
                }
            } catch {
                // No check or read outlives the run that stopped: all are cancelled, then awaited.
                checks.cancelAll()
                nextRead?.cancel()
                await checks.awaitAll()
                _ = try? await nextRead?.value
                throw error
            }
            try await store.finish(id, status: .finished, message: nil)
        } catch {
            let message = "stopped after \(run.done) of \(run.total) people: \(error); run it again to resume"
            try? await store.finish(id, status: .failed, message: message)
            throw error
        }
        return try await store.find(id)!.run
    }

    private func check(_ stored: [StoredPerson], _ settings: VerificationRun.Settings, runID: String) async throws -> CheckedBatch {
        let batch = try await ParallelChunks.collectWithoutBlocking(count: stored.count) { range, output in
            for index in range { output.append(try stored[index].decoded()) }
        }
        let decisions = try await checker.check(batch.map(\.record), model: settings.model, policy: settings.policy)
        guard decisions.count == batch.count else {
            throw APIError.unavailable("\(checker.source) answered \(decisions.count) decisions for \(batch.count) people")
        }
        return try await CheckedBatch.make(people: batch, decisions: decisions, runID: runID, checkedAt: Clock.timestamp(),
                                         engine: store.database.engine)
    }

    /// Reads the batch after `cursor`, started at once off the event loops (see `ComputeExecutor`).
    private func read(_ source: PersonSource, after cursor: (kind: PersonKind, id: String)?) -> Task<[StoredPerson], any Error> {
        let (store, batchSize) = (store, batchSize)
        return Task(executorPreference: ComputeExecutor.shared) {
            try await store.database.read { db in try await source.batch(db, after: cursor, limit: batchSize) }
        }
    }
}

/// The checks a run has under way, oldest first, where cancelling the run can reach them.
private final class ChecksUnderWay: Sendable {
    private let tasks = Mutex<[Task<CheckedBatch, any Error>]>([])

    var count: Int { tasks.withLock { $0.count } }

    func append(_ task: Task<CheckedBatch, any Error>) { tasks.withLock { $0.append(task) } }

    func takeOldest() -> Task<CheckedBatch, any Error>? {
        tasks.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    func cancelAll() { tasks.withLock { for task in $0 { task.cancel() } } }

    func awaitAll() async {
        for task in tasks.withLock({ $0 }) { _ = try? await task.value }
    }
}
