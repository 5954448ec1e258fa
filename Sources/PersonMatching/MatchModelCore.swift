import Foundation

/// A Fellegi–Sunter model: per field and level, m and u probabilities, the prior λ
/// (share of candidate pairs that are matches) and the term-frequency settings.
///
/// `Codable` so that every verification run saves the exact model it decided with;
/// decoding validates the tables. Weights are precomputed into a flat table, so
/// scoring a pair is six array reads and additions.
public struct MatchModel: Sendable, Hashable, Codable {
    public let version: Int
    public let lambda: Double
    public let fields: [FieldParameters]
    public let termFrequency: TermFrequencySettings
    public let training: TrainingSummary?

    /// `log2(m/u)` per field and level, `offsets[field]` + level; missing levels are 0.
    private let weights: [Double]
    /// u of each given-name level, for the term-frequency adjustment without a lookup.
    private let givenU: [Double]

    private enum CodingKeys: String, CodingKey {
        case version, lambda, fields, termFrequency, training
    }

    public init(
        lambda: Double, fields: [FieldParameters],
        termFrequency: TermFrequencySettings = TermFrequencySettings(), training: TrainingSummary? = nil
    ) throws(MatchModelError) {
        guard lambda > 0, lambda < 1 else { throw .lambdaOutOfRange(lambda) }
        var ordered: [FieldParameters] = []
        for field in MatchField.allCases {
            guard let parameters = fields.first(where: { $0.field == field }) else { throw .missingField(field) }
            let expected = (0..<field.levelCount).map(field.levelCode)
            let found = parameters.levels.map(\.level)
            guard expected == found else { throw .wrongLevels(field: field, expected: expected, found: found) }
            for level in parameters.levels
            where !(level.m > 0 && level.m <= 1 && level.u > 0 && level.u <= 1) {
                throw .probabilityOutOfRange(field: field, level: level.level)
            }
            ordered.append(parameters)
        }
        self.init(trustedLambda: lambda, orderedFields: ordered, termFrequency: termFrequency, training: training)
    }

    /// For tables already in `MatchField` order with the right levels (the shipped
    /// default, and EM's output): no validation.
    init(
        trustedLambda lambda: Double, orderedFields: [FieldParameters],
        termFrequency: TermFrequencySettings, training: TrainingSummary?
    ) {
        self.version = 1
        self.lambda = lambda
        self.fields = orderedFields
        self.termFrequency = termFrequency
        self.training = training
        var table: [Double] = []
        for parameters in orderedFields {
            for (index, level) in parameters.levels.enumerated() {
                table.append(index == parameters.field.missingLevel ? 0 : log2(level.m / level.u))
            }
        }
        self.weights = table
        self.givenU = orderedFields[MatchField.givenName.ordinal].levels.map(\.u)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .version)
        guard version == 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container, debugDescription: "unsupported model version \(version)")
        }
        do {
            try self.init(
                lambda: container.decode(Double.self, forKey: .lambda),
                fields: container.decode([FieldParameters].self, forKey: .fields),
                termFrequency: container.decode(TermFrequencySettings.self, forKey: .termFrequency),
                training: container.decodeIfPresent(TrainingSummary.self, forKey: .training))
        } catch let error as MatchModelError {
            throw DecodingError.dataCorruptedError(
                forKey: .fields, in: container, debugDescription: "invalid match model: \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(lambda, forKey: .lambda)
        try container.encode(fields, forKey: .fields)
        try container.encode(termFrequency, forKey: .termFrequency)
        try container.encodeIfPresent(training, forKey: .training)
    }

    public func parameters(_ field: MatchField) -> FieldParameters {
        fields[field.ordinal]
    }

    /// `log2(m/u)` of `level` of `field` (0 for the missing level).
    @inline(__always)
    public func weight(_ field: MatchField, level: Int) -> Double {
        weights[field.weightOffset + level]
    }

    /// The given-name weight after the term-frequency adjustment: for an agreeing
    /// given name of frequency `frequency` among registry people, `log2(m / tf)` in
    /// place of `log2(m / u)`, clipped to ±`maximumAdjustment` around it.
    public func givenNameWeight(level: NamePartLevel, frequency: Double?) -> Double {
        weight(.givenName, level: level.index) + termFrequencyAdjustment(.givenName, level: level, frequency: frequency)
    }

    /// `log2(u / tf)` for an agreeing name part of frequency `frequency`, clipped to
    /// ±`maximumAdjustment`; 0 when the part does not agree or the adjustment is off.
    public func termFrequencyAdjustment(_ field: MatchField, level: NamePartLevel, frequency: Double?) -> Double {
        precondition(field == .familyName || field == .middleName || field == .givenName, "not a name part")
        guard termFrequency.enabled, level.agrees, let frequency else { return 0 }
        let u = field == .givenName ? givenU[level.index] : fields[field.ordinal].levels[level.index].u
        let tf = max(frequency, termFrequency.minimumFrequency)
        return min(max(log2(u / tf), -termFrequency.maximumAdjustment), termFrequency.maximumAdjustment)
    }

    /// What an automatic link must clear: the match weight with the family and middle names weighed
    /// by their own frequencies too, as the given name already is, so "Nguyễn Thị" counts for less
    /// than "Đinh Công" when no one is there to look. Candidates are ranked without it, so the
    /// search's bounds stay simple.
    public func linkWeight(_ candidate: ScoredCandidate, familyFrequency: Double, middleFrequency: Double) -> Double {
        let vector = candidate.comparison.vector
        return candidate.weight
            + termFrequencyAdjustment(.familyName, level: vector.familyName, frequency: familyFrequency)
            + termFrequencyAdjustment(.middleName, level: vector.middleName, frequency: middleFrequency)
    }

    /// The match weight of a pair: the sum of its field weights, in bits.
    public func matchWeight(_ vector: ComparisonVector, givenNameFrequency: Double? = nil) -> Double {
        weight(.familyName, level: vector.familyName.index)
            + weight(.middleName, level: vector.middleName.index)
            + givenNameWeight(level: vector.givenName, frequency: givenNameFrequency)
            + weight(.dateOfBirth, level: vector.dateOfBirth.index)
            + weight(.sex, level: vector.sex.index)
            + weight(.birthProvince, level: vector.birthProvince.index)
    }

    /// Posterior probability of a match given the weight and the prior λ.
    public func matchProbability(weight: Double) -> Double {
        let logOdds = log2(lambda / (1 - lambda)) + weight
        if logOdds > 60 { return 1 }
        let odds = pow(2, logOdds)
        return odds / (1 + odds)
    }
}

extension MatchField {
    /// Where this field's levels start in the flat weight table (the level counts of
    /// the fields before it). A switch, not a global array: reading a global array
    /// in the candidate loop costs a retain and a release each time.
    var weightOffset: Int {
        switch self {
        case .familyName: 0
        case .middleName: 7
        case .givenName: 14
        case .dateOfBirth: 21
        case .sex: 27
        case .birthProvince: 30
        }
    }

    /// Position in `allCases`, without a search.
    var ordinal: Int {
        switch self {
        case .familyName: 0
        case .middleName: 1
        case .givenName: 2
        case .dateOfBirth: 3
        case .sex: 4
        case .birthProvince: 5
        }
    }
}
