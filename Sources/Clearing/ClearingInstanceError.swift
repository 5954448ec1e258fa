/// Why arrays do not describe a clearing instance. The file readers check the same rules with
/// file, line and column first, so these reach only callers that build instances in code.
public enum ClearingInstanceError: Error, Hashable, Sendable {
    /// `wishStart` must start at 0, never decrease, and end at the number of wishes.
    case malformedWishRanges
    /// The per-wish arrays differ in length.
    case mismatchedWishArrays
    /// A quota below zero.
    case negativeQuota(program: Int, quota: Int)
    /// A wish names a programme index outside the programme list.
    case unknownProgram(candidate: Int, wish: Int, program: Int)
    /// A rank outside 1...255 (the key keeps `255 − rank` in 8 bits; the 2026 rules allow 15 wishes).
    case rankOutOfRange(candidate: Int, wish: Int, rank: Int)
    /// A candidate's wishes are not in strictly increasing rank order (two share a rank, or
    /// they are not sorted).
    case ranksNotIncreasing(candidate: Int, wish: Int)
    /// A candidate names the same programme twice.
    case duplicateProgram(candidate: Int, wish: Int, program: Int)
    /// `lotteryPosition` is not a permutation of `0 ..< candidateCount`.
    case invalidLotteryPositions
    /// Scores and tiebreaks too spread out, with too many candidates, to pack in 64 bits.
    case tooLargeToPack(candidates: Int, distinctScores: Int)
}
