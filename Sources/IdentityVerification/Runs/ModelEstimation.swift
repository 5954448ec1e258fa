import PersonMatching
import Platform

/// A run's model, estimated from its own records the Fellegi–Sunter way (u from random pairs;
/// m from the pairs the records' typed IDs link, or by EM when fewer than 500 do; λ by EM over
/// blocking's candidate pairs; `MatchTrainer`). With too little data the shipped model is kept,
/// and the run's saved settings say which was used.
enum ModelEstimation {
    /// About how many records of the run to estimate from, drawn from its whole scope
    /// (`PersonSource.sample`).
    static let sampleSize = 4_000
    static let randomPairs = 40_000
    /// With m counted on ID-linked pairs, EM estimates λ alone, for which the candidates of this many
    /// of the sample's records are plenty; their searches are the estimate's costliest part.
    static let recordsSearchedForLambda = 1_000

    /// Off the caller's event loop; the blocking searches of the candidate pairs, the estimate's
    /// costliest part, on all cores.
    static func estimate(sample: [PersonRecord], index: PersonMatching.RegistryIndex, seed: UInt64 = 2024) async throws -> MatchModel {
        guard !sample.isEmpty, index.count > 1 else { return .shippedDefault }
        return try await ParallelChunks.offloaded {
            let random = PairSampling.randomPairs(records: sample, index: index, count: randomPairs, seed: seed)
            let linked = PairSampling.idLinkedPairs(records: sample, index: index)
            // Every k-th record: the sample is in the run's order, which is the order of import.
            let searched = linked.count >= MatchTrainer.minimumPairs
                ? stride(from: 0, to: sample.count, by: max(1, (sample.count + recordsSearchedForLambda - 1) / recordsSearchedForLambda))
                    .map { sample[$0] }
                : sample
            let candidates = ParallelChunks.run(count: searched.count) { range in
                PairSampling.candidatePairs(records: Array(searched[range]), index: index)
            }.flatMap { $0 }
            return MatchTrainer.train(candidatePairs: candidates, randomPairs: random, linkedPairs: linked).model
        }
    }
}
