import Foundation
import Logging
import PersonMatching
import Platform

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

    public init(database: any Database, checker: any RecordChecker, batchSize: Int = 1_000,
                policy: VerificationPolicy = VerificationPolicy()) {
        store = VerificationStore(database: database)
        self.checker = checker
        self.batchSize = max(1, batchSize)
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
            let cursor = try await store.cursor(id)
            var batch = try await read(source, after: cursor)
            // Checked and not yet stored. Batch N+1 is checked while batch N is stored and batch N+2
            // read: checking keeps the cores busy, storing and reading wait on the database. A crash
            // loses at most the batch checked and not stored, which the resumed run checks again.
            // (A failed store cancels the check, but work already handed to other threads runs
            // to its end before the error comes out.)
            var checked: [CheckRow]?
            while !batch.isEmpty || checked != nil {
                let current = batch
                async let checking = check(current, settings)
                if let checked {
                    var afterBatch = run
                    for row in checked { afterBatch.counts[row.outcome.status, default: 0] += 1 }
                    afterBatch.done += checked.count
                    try await store.save(checked, run: afterBatch)
                    run = afterBatch
                    progress?(VerificationProgress(done: run.done, total: max(run.total, run.done), seconds: Date().timeIntervalSince(started)))
                }
                var next: [StoredPerson] = []
                if let last = current.last { next = try await read(source, after: (last.kind, last.id)) }
                let rows = try await checking
                checked = current.isEmpty ? nil : rows
                batch = next
            }
            try await store.finish(id, status: .finished, message: nil)
        } catch {
            let message = "stopped after \(run.done) of \(run.total) people: \(error); run it again to resume"
            try? await store.finish(id, status: .failed, message: message)
            throw error
        }
        return try await store.find(id)!.run
    }

    private func check(_ stored: [StoredPerson], _ settings: VerificationRun.Settings) async throws -> [CheckRow] {
        guard !stored.isEmpty else { return [] }
        let batch = try await ParallelChunks.runWithoutBlocking(count: stored.count) { range in
            try range.map { try stored[$0].decoded() }
        }.flatMap { $0 }
        let decisions = try await checker.check(batch.map(\.record), model: settings.model, policy: settings.policy)
        guard decisions.count == batch.count else {
            throw APIError.unavailable("\(checker.source) answered \(decisions.count) decisions for \(batch.count) people")
        }
        return try await ParallelChunks.runWithoutBlocking(count: batch.count) { range in
            try range.map { try CheckRow(person: batch[$0], outcome: IdentityCheckOutcome(decisions[$0])) }
        }.flatMap { $0 }
    }

    private func read(_ source: PersonSource, after cursor: (kind: PersonKind, id: String)?) async throws -> [StoredPerson] {
        try await store.database.read { db in try await source.batch(db, after: cursor, limit: batchSize) }
    }
}
