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

    public init(
        reviewWeight: Double = 12, autoLinkWeight: Double = 28, autoLinkGap: Double = 10,
        ambiguityGap: Double = 4, candidateLimit: Int = 5, autoLinkWhenIDFails: Bool = false, asOfYear: Int? = nil
    ) {
        self.reviewWeight = reviewWeight
        self.autoLinkWeight = autoLinkWeight
        self.autoLinkGap = autoLinkGap
        self.ambiguityGap = ambiguityGap
        self.candidateLimit = candidateLimit
        self.autoLinkWhenIDFails = autoLinkWhenIDFails
        self.asOfYear = asOfYear
    }
}
