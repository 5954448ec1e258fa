import PersonMatching

/// A run's model, estimated from its own records the Fellegi–Sunter way (u from random pairs,
/// m from the pairs the records' typed IDs link, λ by EM over blocking's candidate pairs;
/// `MatchTrainer`). With too little data the shipped model is kept, and the run's saved
/// settings say which was used.
enum ModelEstimation {
    /// About how many records of the run to estimate from, drawn from its whole scope
    /// (`PersonSource.sample`).
    static let sampleSize = 4_000
    static let randomPairs = 40_000

    static func estimate(sample: [PersonRecord], index: PersonMatching.RegistryIndex, seed: UInt64 = 2024) -> MatchModel {
        guard !sample.isEmpty, index.count > 1 else { return .shippedDefault }
        let random = PairSampling.randomPairs(records: sample, index: index, count: randomPairs, seed: seed)
        let candidates = PairSampling.candidatePairs(records: sample, index: index)
        let linked = PairSampling.idLinkedPairs(records: sample, index: index)
        return MatchTrainer.train(candidatePairs: candidates, randomPairs: random, linkedPairs: linked).model
    }
}
