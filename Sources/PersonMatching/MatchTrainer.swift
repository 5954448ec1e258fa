import Foundation

/// Estimates a `MatchModel` the Fellegi–Sunter way: u from random pairs (counted,
/// with add-one smoothing), then m and λ by expectation–maximisation over the
/// candidate pairs blocking produced. With too little data it returns the model it
/// started from, so a small run decides with the shipped default.
///
/// Non-matches among candidate pairs are not random pairs: blocking chose them for
/// sharing a given name and a birth year, or a date. Holding u at its random-pair
/// value inside EM would make every such namesake look like a match (λ → 1). So EM
/// fits the non-match distribution *within blocks* as well (started from the random
/// u), and only m and λ are kept; the saved model's u stays the random-pair estimate.
public enum MatchTrainer {
    public struct Result: Sendable {
        public let model: MatchModel
        public let iterations: Int
        public let converged: Bool
        /// True when there was too little data and `initial` was returned unchanged.
        public let usedInitialModel: Bool
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

    public static func train(
        candidatePairs: [ComparisonVector], randomPairs: [ComparisonVector],
        initial: MatchModel = .shippedDefault, maximumIterations: Int = 200,
        tolerance: Double = 1e-6, minimumPairs: Int = 500
    ) -> Result {
        guard candidatePairs.count >= minimumPairs, randomPairs.count >= minimumPairs else {
            return Result(model: initial, iterations: 0, converged: false, usedInitialModel: true)
        }
        let u = estimateU(from: randomPairs, initial: initial)
        var m = MatchField.allCases.map { field in initial.parameters(field).levels.map(\.m) }
        var lambda = initial.lambda
        var blockedU = u
        var distinct: [ComparisonVector: Double] = [:]
        for vector in candidatePairs { distinct[vector, default: 0] += 1 }
        let patterns = distinct.map { vector, count in
            (levels: MatchField.allCases.map { vector.levelIndex($0) }, count: count)
        }
        let total = Double(candidatePairs.count)
        var iterations = 0, converged = false
        while iterations < maximumIterations, !converged {
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
            for f in m.indices { for l in m[f].indices { change = max(change, abs(newM[f][l] - m[f][l])) } }
            m = newM
            lambda = newLambda
            converged = change < tolerance
        }
        let fields = MatchField.allCases.enumerated().map { f, field in
            FieldParameters(field: field, levels: (0..<field.levelCount).map { l in
                LevelParameters(level: field.levelCode(l), m: m[f][l], u: u[f][l])
            })
        }
        let summary = TrainingSummary(
            randomPairs: randomPairs.count, candidatePairs: candidatePairs.count,
            emIterations: iterations, converged: converged)
        let model = MatchModel(
            trustedLambda: lambda, orderedFields: fields, termFrequency: initial.termFrequency, training: summary)
        return Result(model: model, iterations: iterations, converged: converged, usedInitialModel: false)
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
