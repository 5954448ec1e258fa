/// How a programme treats candidates who tie at its cutoff (DOMAIN.md §7.2).
public enum TieMode: String, Hashable, Sendable, CaseIterable {
    /// Candidates equal on (score, tiebreak, wish rank) are ordered by candidate ID as a string,
    /// so the programme never admits more than its quota.
    case strict
    /// Candidates equal on (score, tiebreak, wish rank) form one group, admitted or rejected
    /// together: everyone tied with the last admitted group is admitted, so that group alone may
    /// take the programme over its quota.
    case admitAll = "admit_all"
}

/// One programme's seats for a clearing round.
public struct ProgramSeats: Hashable, Sendable {
    /// Seats to fill; 0 closes the programme.
    public var quota: Int
    /// What happens to a tie at the cutoff.
    public var tieMode: TieMode

    public init(quota: Int, tieMode: TieMode = .strict) {
        self.quota = quota
        self.tieMode = tieMode
    }
}

/// One wish as a caller building a small instance writes it (large instances are built from flat
/// arrays; see `ClearingInstance.init(programs:wishStart:wishProgram:wishScore:wishTiebreak:wishRank:lotteryPosition:)`).
public struct Wish: Hashable, Sendable {
    /// Index of the programme in the instance's programme list.
    public var program: Int
    /// Wish rank: 1 is the first wish (NV1). At most 255.
    public var rank: Int
    /// The candidate's admission score at this programme.
    public var score: AdmissionScore
    /// Secondary criterion, higher is better; zero when the programme has none.
    public var tiebreak: AdmissionScore

    public init(program: Int, rank: Int, score: AdmissionScore, tiebreak: AdmissionScore = .zero) {
        self.program = program
        self.rank = rank
        self.score = score
        self.tiebreak = tiebreak
    }
}
