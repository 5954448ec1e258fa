/// Programmes and candidates' ranked wishes, as flat arrays, with every wish's priority key.
///
/// Candidate `c`'s wishes are `wishStart[c] ..< wishStart[c + 1]`, best first (increasing rank).
/// Flat arrays keep 7 million wishes in about 150 MB with no per-wish objects, and let deferred
/// acceptance walk a candidate's list by incrementing an index.
public struct ClearingInstance: Sendable {
    /// Seats and tie rule of each programme.
    public let programs: [ProgramSeats]
    /// Offsets of each candidate's wishes; `candidateCount + 1` entries.
    public let wishStart: [UInt32]
    /// Programme index of each wish.
    public let wishProgram: [UInt32]
    /// Admission score of each wish.
    public let wishScore: [AdmissionScore]
    /// Tie-breaker of each wish (zero when absent).
    public let wishTiebreak: [AdmissionScore]
    /// Rank of each wish, 1...255.
    public let wishRank: [UInt8]
    /// Each wish's priority at its programme, packed by `keyLayout`; larger is stronger.
    public let priorityKeys: [UInt64]
    /// How `priorityKeys` are packed.
    public let keyLayout: PriorityKeyLayout
    /// Each candidate's place in the tie order.
    let positionOfCandidate: [UInt32]

    /// Number of candidates.
    public var candidateCount: Int { wishStart.count - 1 }
    /// Number of wishes.
    public var wishCount: Int { wishProgram.count }
    /// Number of programmes.
    public var programCount: Int { programs.count }

    /// Indices of candidate `candidate`'s wishes, best first.
    public func wishes(of candidate: Int) -> Range<Int> { Int(wishStart[candidate]) ..< Int(wishStart[candidate + 1]) }

    /// Builds an instance from flat arrays and packs its keys.
    ///
    /// - Parameters:
    ///   - lotteryPosition: each candidate's place in the tie order of `strict` programmes (0
    ///     wins). Nil means candidate index order; the file reader numbers candidates in string
    ///     order of their IDs, so nil gives DOMAIN's `candidate_id asc`. Production may pass a
    ///     published lottery instead.
    ///   - ranksMayRepeat: whether consecutive wishes of a candidate may share a rank (see the
    ///     other initialiser).
    /// - Throws: `ClearingInstanceError` when the arrays break a rule of DOMAIN.md §7.2.
    public init(programs: [ProgramSeats], wishStart: [UInt32], wishProgram: [UInt32], wishScore: [AdmissionScore],
                wishTiebreak: [AdmissionScore], wishRank: [UInt8], lotteryPosition: [UInt32]? = nil,
                ranksMayRepeat: Bool = false) throws(ClearingInstanceError) {
        guard let first = wishStart.first, first == 0, wishStart.last.map(Int.init) == wishProgram.count else {
            throw .malformedWishRanges
        }
        guard wishScore.count == wishProgram.count, wishTiebreak.count == wishProgram.count,
              wishRank.count == wishProgram.count else { throw .mismatchedWishArrays }
        for (index, seats) in programs.enumerated() where seats.quota < 0 {
            throw .negativeQuota(program: index, quota: seats.quota)
        }
        let candidateCount = wishStart.count - 1
        try Self.checkWishLists(programCount: programs.count, wishStart: wishStart, wishProgram: wishProgram, wishRank: wishRank,
                                ranksMayRepeat: ranksMayRepeat)

        let positionOfCandidate: [UInt32]
        if let lotteryPosition {
            guard lotteryPosition.count == candidateCount else { throw .invalidLotteryPositions }
            // A permutation: every place taken exactly once.
            var candidateAtPosition = [UInt32](repeating: .max, count: candidateCount)
            for (candidate, position) in lotteryPosition.enumerated() {
                guard Int(position) < candidateCount, candidateAtPosition[Int(position)] == .max else {
                    throw .invalidLotteryPositions
                }
                candidateAtPosition[Int(position)] = UInt32(candidate)
            }
            positionOfCandidate = lotteryPosition
        } else {
            positionOfCandidate = (0 ..< UInt32(candidateCount)).map { $0 }
        }
        let (layout, keys) = try PriorityKeyLayout.pack(wishStart: wishStart, score: wishScore, tiebreak: wishTiebreak,
                                                        rank: wishRank, positionOfCandidate: positionOfCandidate)
        self.programs = programs
        self.wishStart = wishStart
        self.wishProgram = wishProgram
        self.wishScore = wishScore
        self.wishTiebreak = wishTiebreak
        self.wishRank = wishRank
        self.priorityKeys = keys
        self.keyLayout = layout
        self.positionOfCandidate = positionOfCandidate
    }

    /// Builds a small instance from each candidate's list of wishes, in any order (they are
    /// sorted by rank here; wishes that share a rank keep their order).
    ///
    /// - Parameter ranksMayRepeat: whether a candidate's wishes may share a rank. A wish tried at
    ///   several seat quotas of one programme (one per admission method) is several kernel wishes
    ///   with the wish's one rank, in the order they are tried: programmes still rank candidates
    ///   by their wish rank alone (DOMAIN.md §7.2). Files keep one rank per wish.
    public init(programs: [ProgramSeats], candidates: [[Wish]], lotteryPosition: [Int]? = nil,
                ranksMayRepeat: Bool = false) throws(ClearingInstanceError) {
        var wishStart: [UInt32] = [0]
        var wishProgram: [UInt32] = [], wishScore: [AdmissionScore] = [], wishTiebreak: [AdmissionScore] = []
        var wishRank: [UInt8] = []
        for (candidate, wishes) in candidates.enumerated() {
            let ordered = wishes.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
            for wish in ordered {
                guard (1 ... 255).contains(wish.rank) else {
                    throw .rankOutOfRange(candidate: candidate, wish: wishProgram.count, rank: wish.rank)
                }
                guard programs.indices.contains(wish.program) else {
                    throw .unknownProgram(candidate: candidate, wish: wishProgram.count, program: wish.program)
                }
                wishProgram.append(UInt32(wish.program))
                wishScore.append(wish.score)
                wishTiebreak.append(wish.tiebreak)
                wishRank.append(UInt8(wish.rank))
            }
            wishStart.append(UInt32(wishProgram.count))
        }
        try self.init(programs: programs, wishStart: wishStart, wishProgram: wishProgram, wishScore: wishScore,
                      wishTiebreak: wishTiebreak, wishRank: wishRank, lotteryPosition: lotteryPosition?.map { UInt32($0) },
                      ranksMayRepeat: ranksMayRepeat)
    }

    /// Ranges ascending, programmes known, ranks 1...255 and strictly increasing (or, when
    /// `ranksMayRepeat`, never decreasing), no programme twice.
    private static func checkWishLists(programCount: Int, wishStart: [UInt32], wishProgram: [UInt32],
                                       wishRank: [UInt8], ranksMayRepeat: Bool) throws(ClearingInstanceError) {
        // lastCandidateAt[p] = 1 + the last candidate seen naming p: finds repeats in O(wishes).
        var lastCandidateAt = [UInt32](repeating: 0, count: programCount)
        for candidate in 0 ..< wishStart.count - 1 {
            let start = Int(wishStart[candidate]), end = Int(wishStart[candidate + 1])
            guard start <= end else { throw .malformedWishRanges }
            var previousRank = 0
            for wish in start ..< end {
                let program = Int(wishProgram[wish])
                guard program < programCount else { throw .unknownProgram(candidate: candidate, wish: wish, program: program) }
                let rank = Int(wishRank[wish])
                guard rank >= 1 else { throw .rankOutOfRange(candidate: candidate, wish: wish, rank: rank) }
                guard rank > previousRank || (ranksMayRepeat && rank == previousRank) else {
                    throw .ranksNotIncreasing(candidate: candidate, wish: wish)
                }
                previousRank = rank
                guard lastCandidateAt[program] != UInt32(candidate + 1) else {
                    throw .duplicateProgram(candidate: candidate, wish: wish, program: program)
                }
                lastCandidateAt[program] = UInt32(candidate + 1)
            }
        }
    }

    /// The packed priority of a wish at its programme (larger is stronger).
    public func priorityKey(ofWish wish: Int) -> UInt64 { priorityKeys[wish] }

    /// The (score, tiebreak, rank) part of a wish's key: equal for candidates an `admit_all`
    /// programme admits or rejects together.
    public func tieGroup(ofWish wish: Int) -> UInt64 { keyLayout.tieGroup(priorityKeys[wish]) }
}
