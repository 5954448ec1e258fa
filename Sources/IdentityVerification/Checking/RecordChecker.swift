import Foundation
import PersonMatching
import Platform

/// Decides the verification status of school records: the registry's people come from a copy held
/// in memory (`LocalRegistryChecker`) or from the population registry over its protocol
/// (`RemoteRegistryChecker`). Both decide with the `PersonMatching` verifier, so a record gets the
/// same status from either whenever the registry's answers hold the same people.
public protocol RecordChecker: Sendable {
    /// Where the registry's answers come from, for the run's record.
    var source: String { get }

    /// One decision per record, in order.
    func check(_ records: [PersonRecord], model: MatchModel, policy: VerificationPolicy) async throws -> [VerificationDecision]

    /// Registry people to estimate a run's model from, with `sample` (records of the run):
    /// the pairs EM needs come from comparing the two.
    func trainingIndex(for sample: [PersonRecord]) async throws -> PersonMatching.RegistryIndex

    /// How many batches a run checks at once, ahead of the one it stores.
    var batchesCheckedAhead: Int { get }

    /// People per batch of a run, unless its caller sets another size.
    var batchSize: Int { get }
}

extension RecordChecker {
    /// One: a checker that asks the registry is bound by the registry's limits, not by this
    /// machine's cores, and its searches in flight are its own bound.
    public var batchesCheckedAhead: Int { 1 }

    /// 1,000: a batch asked of the registry takes as long as its requests under the registry's rate
    /// limit, and a run that stores no batch for `VerificationRun.staleAfter` counts as abandoned.
    public var batchSize: Int { 1_000 }
}

/// Verification against a registry index in memory: every record's candidates come from the
/// index's blocking (typo-tolerant), and the work is spread over the machine's cores.
public struct LocalRegistryChecker: RecordChecker {
    public let index: PersonMatching.RegistryIndex
    public let source: String
    let workers: Int

    public init(index: PersonMatching.RegistryIndex, source: String,
                workers: Int = ParallelChunks.availableCores) {
        self.index = index
        self.source = source
        self.workers = max(1, workers)
    }

    /// Loads a registry file (as `nemis population generate` writes it).
    public init(registryFile path: String) throws {
        self.init(index: try RegistryPeople.loadIndex(path: path), source: "registry file \(path)")
    }

    public func check(_ records: [PersonRecord], model: MatchModel, policy: VerificationPolicy) async throws -> [VerificationDecision] {
        let verifier = Verifier(index: index, model: model, policy: policy)
        return try await ParallelChunks.collectWithoutBlocking(count: records.count, workers: workers) { range, output in
            verifier.verify(records[range]) { output.append($0) }
        }
    }

    public func trainingIndex(for sample: [PersonRecord]) async throws -> PersonMatching.RegistryIndex { index }

    /// Two: one batch alone leaves a core idle while it is stored and while its slowest chunk
    /// finishes (a quarter of a run's time on two cores).
    public var batchesCheckedAhead: Int { 2 }

    /// 4,000: each batch costs a few round trips to the database and a wait for its slowest chunk.
    /// Runs with batches of 4,000 were about 30% faster than with 1,000 on PostgreSQL and 6–11% on
    /// SQLite, with the same outcomes (BENCHMARKS.md, "Identity verification beside Splink", 2026-12-02).
    public var batchSize: Int { 4_000 }
}
