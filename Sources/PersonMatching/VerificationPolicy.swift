/// Thresholds of a verification run, in bits of match weight. Saved with the run,
/// beside its `MatchModel`. The defaults favour review over linking: a wrong link is
/// the one error that must not happen.
public struct VerificationPolicy: Sendable, Hashable, Codable {
    /// Below this the best candidate is not worth a person's time: `notFound`.
    public var reviewWeight: Double
    /// At or above this, with the gap below, the best candidate may be linked. Compared with its
    /// link weight (`MatchModel.linkWeight`: family and middle names weighed by their frequency).
    public var autoLinkWeight: Double
    /// The best candidate must beat the runner-up by at least this much to be linked.
    public var autoLinkGap: Double
    /// Two candidates closer than this are `ambiguous` (twins, namesakes).
    public var ambiguityGap: Double
    /// Candidates scored per record.
    public var candidateLimit: Int
    /// Whether a record whose ID is invalid or not found may be auto-linked by search. Off by
    /// default: a typed ID the registry does not know is as often a person it does not hold
    /// (registered abroad, not yet registered) as a typo, and such a person's namesake must
    /// not be linked without someone looking; the proposal goes to review instead. A candidate
    /// whose ID is one keystroke from the typed one is the typo, and may be linked either way
    /// (`Verifier.oneKeystrokeApart`).
    public var autoLinkWhenIDFails: Bool
    /// "Today" as a year, to flag IDs encoding a birth year in the future.
    public var asOfYear: Int?
    /// An automatic link by search needs its person to be one of at most this many registry people
    /// with their name, sex and birth year (and birth province, when the record names one;
    /// `RegistryIndex.namesakes`); nil for no such test (runs saved before it). With n of them, a person the registry does not hold who bears the
    /// name shares one of their dates of birth with a chance of about n in 365, whatever the weights
    /// say. n grows with the registry, and past one the link is a guess for a reviewer to make. At 1
    /// that chance is under 0.3% for such a person, and under 0.01% for a link when at most 3% of
    /// records are people the registry does not hold. A best candidate whose ID is one keystroke from
    /// the record's typed ID is linked without this test: the ID is evidence no namesake shares.
    public var maximumNamesakes: Int?

    public init(
        reviewWeight: Double = 12, autoLinkWeight: Double = 28, autoLinkGap: Double = 10,
        ambiguityGap: Double = 4, candidateLimit: Int = 5, autoLinkWhenIDFails: Bool = false, asOfYear: Int? = nil,
        maximumNamesakes: Int? = 1
    ) {
        self.reviewWeight = reviewWeight
        self.autoLinkWeight = autoLinkWeight
        self.autoLinkGap = autoLinkGap
        self.ambiguityGap = ambiguityGap
        self.candidateLimit = candidateLimit
        self.autoLinkWhenIDFails = autoLinkWhenIDFails
        self.asOfYear = asOfYear
        self.maximumNamesakes = maximumNamesakes
    }

    private enum CodingKeys: String, CodingKey {
        case reviewWeight, autoLinkWeight, autoLinkGap, ambiguityGap, candidateLimit, autoLinkWhenIDFails, asOfYear
        case maximumNamesakes
    }

    /// Runs saved before the namesake test have no `maximumNamesakes`: they linked without it, and a
    /// resumed run decides as it began.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            reviewWeight: try container.decode(Double.self, forKey: .reviewWeight),
            autoLinkWeight: try container.decode(Double.self, forKey: .autoLinkWeight),
            autoLinkGap: try container.decode(Double.self, forKey: .autoLinkGap),
            ambiguityGap: try container.decode(Double.self, forKey: .ambiguityGap),
            candidateLimit: try container.decode(Int.self, forKey: .candidateLimit),
            autoLinkWhenIDFails: try container.decode(Bool.self, forKey: .autoLinkWhenIDFails),
            asOfYear: try container.decodeIfPresent(Int.self, forKey: .asOfYear),
            maximumNamesakes: try container.decodeIfPresent(Int.self, forKey: .maximumNamesakes))
    }
}
