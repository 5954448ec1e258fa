import Foundation

/// The m and u probabilities of one level of one field. `m` is P(level | same person),
/// `u` is P(level | two different people); `log2(m/u)` is the level's weight.
public struct LevelParameters: Sendable, Hashable, Codable {
    public var level: String
    public var m: Double
    public var u: Double

    public init(level: String, m: Double, u: Double) {
        self.level = level
        self.m = m
        self.u = u
    }
}

public struct FieldParameters: Sendable, Hashable, Codable {
    public var field: MatchField
    /// One entry per level, in the field's level order.
    public var levels: [LevelParameters]

    public init(field: MatchField, levels: [LevelParameters]) {
        self.field = field
        self.levels = levels
    }
}

/// How a name part's weight depends on how common it is: agreeing on "Khuê" says more than
/// agreeing on "Anh" (Splink's term-frequency adjustment). It applies to the given name's match
/// weight, and to the family and middle names' link weight (`MatchModel.linkWeight`).
public struct TermFrequencySettings: Sendable, Hashable, Codable {
    public var enabled: Bool
    /// Frequencies below this are raised to it, so one misspelt rare name cannot
    /// produce an unbounded weight.
    public var minimumFrequency: Double
    /// The adjustment, in bits, is clipped to ±this.
    public var maximumAdjustment: Double

    public init(enabled: Bool = true, minimumFrequency: Double = 1e-5, maximumAdjustment: Double = 6) {
        self.enabled = enabled
        self.minimumFrequency = minimumFrequency
        self.maximumAdjustment = maximumAdjustment
    }
}

/// Where a model's parameters came from, saved with it for the verification run's record.
public struct TrainingSummary: Sendable, Hashable, Codable {
    public var randomPairs: Int
    public var candidatePairs: Int
    /// Records whose typed ID named a registry person; m was counted on them when
    /// `mFromLinkedPairs`, and estimated by EM otherwise.
    public var linkedPairs: Int
    public var mFromLinkedPairs: Bool
    public var emIterations: Int
    public var converged: Bool

    public init(
        randomPairs: Int, candidatePairs: Int, linkedPairs: Int = 0, mFromLinkedPairs: Bool = false,
        emIterations: Int, converged: Bool
    ) {
        self.randomPairs = randomPairs
        self.candidatePairs = candidatePairs
        self.linkedPairs = linkedPairs
        self.mFromLinkedPairs = mFromLinkedPairs
        self.emIterations = emIterations
        self.converged = converged
    }

    private enum CodingKeys: String, CodingKey {
        case randomPairs, candidatePairs, linkedPairs, mFromLinkedPairs, emIterations, converged
    }

    /// Runs saved before m was counted on ID-linked pairs have neither key: EM estimated their m.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            randomPairs: try container.decode(Int.self, forKey: .randomPairs),
            candidatePairs: try container.decode(Int.self, forKey: .candidatePairs),
            linkedPairs: try container.decodeIfPresent(Int.self, forKey: .linkedPairs) ?? 0,
            mFromLinkedPairs: try container.decodeIfPresent(Bool.self, forKey: .mFromLinkedPairs) ?? false,
            emIterations: try container.decode(Int.self, forKey: .emIterations),
            converged: try container.decode(Bool.self, forKey: .converged))
    }
}

public enum MatchModelError: Error, Sendable, Hashable {
    case missingField(MatchField)
    case wrongLevels(field: MatchField, expected: [String], found: [String])
    case probabilityOutOfRange(field: MatchField, level: String)
    case lambdaOutOfRange(Double)
}
