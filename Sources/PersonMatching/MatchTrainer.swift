import Foundation

/// Estimates a `MatchModel` the Fellegi–Sunter way: u from random pairs (counted, with
/// add-one smoothing); m from the pairs the school's typed citizen IDs link (counted,
/// shrunk towards the shipped m); λ by expectation–maximisation over the candidate pairs
/// blocking produced. With too little data it returns the model it started from, so a small
/// run decides with the shipped default.
///
/// Why m is counted on ID-linked pairs rather than left to EM: blocking's candidates fall in
/// more than two clusters (the person; namesakes sharing a given name and birth year; people
/// born on the same day in the same province), and a two-class EM over them splits them its
/// own way. Left to EM, m of a different given name came out at 0.34, so a stranger born on
/// the same day in the same province outweighed the review threshold. Nine school records in
/// ten carry an ID that finds its person, and their comparisons are the damage schools do:
/// exactly what m is. A scope with too few of them (IDs not yet collected) falls back to EM
/// for m as well.
///
/// Non-matches among candidate pairs are not random pairs: blocking chose them for sharing a
/// given name and a birth year, or a date. Holding u at its random-pair value inside EM would
/// make every such namesake look like a match (λ → 1). So EM fits the non-match distribution
/// *within blocks* as well (started from the random u), and only λ (and m, without ID-linked
/// pairs) is kept; the saved model's u stays the random-pair estimate.
public enum MatchTrainer {
    public struct Result: Sendable {
        public let model: MatchModel
        public let iterations: Int
        public let converged: Bool
        /// True when there was too little data and `initial` was returned unchanged.
        public let usedInitialModel: Bool
        /// True when m was counted on ID-linked pairs; false when EM estimated it.
        public let mFromLinkedPairs: Bool
    }

    /// How many pairs the initial (shipped) m counts as when it is blended with counted pairs: a
    /// level the sample never shows keeps a weight near the initial one, not one made of smoothing.
    static let initialMStrength = 100.0

    /// m per field and level from pairs of the same person; the missing level keeps its old value.
    public static func estimateM(
        from linkedPairs: [ComparisonVector], initial: MatchModel = .shippedDefault
    ) -> [[Double]] {
        var counts = MatchField.allCases.map { field in
            initial.parameters(field).levels.map { $0.m * initialMStrength }
        }
        for vector in linkedPairs {
            for (f, field) in MatchField.allCases.enumerated() { counts[f][vector.levelIndex(field)] += 1 }
        }
        return MatchField.allCases.enumerated().map { f, field in
            normalised(counts[f], field: field, initial: initial.parameters(field).levels.map(\.m))
        }
    }

    /// u per field and level from random pairs; the missing level keeps its old value.
    public static func estimateU(
        from randomPairs: [ComparisonVector], initial: MatchModel = .shippedDefault
    ) -> [[Double]] {
        var counts = MatchField.allCases.map { [Double](repeating: 1, count: $0.levelCount) }
        for vector in randomPairs {
            for (f, field) in MatchField.allCases.enumerated() { counts[f][vector.levelIndex(field)] += 1 }
        }
        return MatchField.allCases.enumerated().map { f, field in
            normalised(counts[f], field: field, initial: initial.parameters(field).levels.map(\.u))
        }
    }

    /// Fewer pairs than this of a kind, and that kind estimates nothing.
    public static let minimumPairs = 500

    /// `linkedPairs` are the comparisons of records with the person their typed ID names
    /// (`PairSampling.idLinkedPairs`); with at least `minimumPairs` of them m is counted on
    /// them and EM estimates λ alone.
    public static func train(
        candidatePairs: [ComparisonVector], randomPairs: [ComparisonVector], linkedPairs: [ComparisonVector] = [],
        initial: MatchModel = .shippedDefault, maximumIterations: Int = 200,
        tolerance: Double = 1e-6, minimumPairs: Int = MatchTrainer.minimumPairs
    ) -> Result {
        let mFromLinkedPairs = linkedPairs.count >= minimumPairs
        guard randomPairs.count >= minimumPairs, mFromLinkedPairs || candidatePairs.count >= minimumPairs else {
            return Result(model: initial, iterations: 0, converged: false, usedInitialModel: true, mFromLinkedPairs: false)
        }
        let u = estimateU(from: randomPairs, initial: initial)
        var m = mFromLinkedPairs
            ? estimateM(from: linkedPairs, initial: initial)
            : MatchField.allCases.map { field in initial.parameters(field).levels.map(\.m) }
        var lambda = initial.lambda
        var blockedU = u
        var distinct: [ComparisonVector: Double] = [:]
        for vector in candidatePairs { distinct[vector, default: 0] += 1 }
        let patterns = distinct.map { vector, count in
            (levels: MatchField.allCases.map { vector.levelIndex($0) }, count: count)
        }
        let total = Double(candidatePairs.count)
        // Without enough candidate pairs (m counted on ID-linked pairs) EM does not run, and λ stays
        // the initial one: the summary says 0 iterations, not converged.
        let runsEM = candidatePairs.count >= minimumPairs
        var iterations = 0, converged = false
        while runsEM, iterations < maximumIterations, !converged {
            iterations += 1
            var matchCounts = MatchField.allCases.map { [Double](repeating: 0, count: $0.levelCount) }
            var nonMatchCounts = matchCounts
            var expectedMatches = 0.0
            for pattern in patterns {
                var logMatch = log(lambda), logNonMatch = log(1 - lambda)
                for (f, level) in pattern.levels.enumerated() {
                    logMatch += log(m[f][level])
                    logNonMatch += log(blockedU[f][level])
                }
                let posterior = 1 / (1 + exp(logNonMatch - logMatch))
                let weighted = posterior * pattern.count
                expectedMatches += weighted
                for (f, level) in pattern.levels.enumerated() {
                    matchCounts[f][level] += weighted
                    nonMatchCounts[f][level] += pattern.count - weighted
                }
            }
            let newLambda = min(max(expectedMatches / total, 1e-6), 1 - 1e-6)
            let newM = MatchField.allCases.enumerated().map { f, field in
                normalised(matchCounts[f].map { $0 + 0.01 }, field: field, initial: u[f])
            }
            blockedU = MatchField.allCases.enumerated().map { f, field in
                normalised(nonMatchCounts[f].map { $0 + 0.01 }, field: field, initial: u[f])
            }
            var change = abs(newLambda - lambda)
            if !mFromLinkedPairs {
                for f in m.indices { for l in m[f].indices { change = max(change, abs(newM[f][l] - m[f][l])) } }
                m = newM
            }
            lambda = newLambda
            converged = change < tolerance
        }
        let fields = MatchField.allCases.enumerated().map { f, field in
            FieldParameters(field: field, levels: (0..<field.levelCount).map { l in
                LevelParameters(level: field.levelCode(l), m: m[f][l], u: u[f][l])
            })
        }
        let summary = TrainingSummary(
            randomPairs: randomPairs.count, candidatePairs: candidatePairs.count, linkedPairs: linkedPairs.count,
            mFromLinkedPairs: mFromLinkedPairs, emIterations: iterations, converged: converged)
        let model = MatchModel(
            trustedLambda: lambda, orderedFields: fields, termFrequency: initial.termFrequency, training: summary)
        return Result(
            model: model, iterations: iterations, converged: converged, usedInitialModel: false,
            mFromLinkedPairs: mFromLinkedPairs)
    }

    /// Counts to probabilities over the levels that carry evidence; the missing level
    /// takes `initial`'s value for m and u alike, so its weight stays 0.
    private static func normalised(_ counts: [Double], field: MatchField, initial: [Double]) -> [Double] {
        let missing = field.missingLevel
        let sum = counts.enumerated().reduce(0) { $0 + ($1.offset == missing ? 0 : $1.element) }
        return counts.enumerated().map { level, count in
            level == missing ? initial[missing] : count / sum
        }
    }
}
