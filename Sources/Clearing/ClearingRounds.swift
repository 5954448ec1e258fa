/// Later clearing rounds: programmes adjust their quotas, candidates who confirmed keep their
/// seats, and everyone else is cleared again on the seats that remain (DOMAIN.md §7.1:
/// supplementary rounds re-run clearing on remaining seats).
public enum ClearingRounds {
    /// Clears the next round after `previous`.
    ///
    /// Confirmed candidates, those named here and those confirmed in any earlier round, keep the
    /// wish they were admitted on in `previous`: they apply nowhere, and their seats come out of
    /// their programme's quota (a quota lowered below its confirmed seats admits nobody new and
    /// keeps them all). Withdrawn candidates, here or earlier, end unassigned. Every other
    /// candidate applies again from her first wish, so an admission that was not confirmed is
    /// not kept.
    ///
    /// - Parameters:
    ///   - quotas: each programme's total seats for this round, confirmed seats included;
    ///     nil keeps `previous.quotas`.
    ///   - confirmed: candidates who confirmed the admission `previous` gave them.
    ///   - withdrawn: candidates who leave clearing.
    public static func nextRound(after previous: ClearingResult, quotas: [Int]? = nil, confirmed: [Int] = [],
                                 withdrawn: [Int] = []) throws(ClearingRoundError) -> ClearingResult {
        let instance = previous.instance
        var seats: [ConfirmedSeat] = []
        var leaving: [Int] = []
        for candidate in 0 ..< instance.candidateCount {
            if previous.confirmed[candidate], let wish = previous.admittedWish(of: candidate) {
                seats.append(ConfirmedSeat(candidate: candidate, wish: wish))
            }
            if previous.withdrawn[candidate] { leaving.append(candidate) }
        }
        for candidate in confirmed {
            guard (0 ..< instance.candidateCount).contains(candidate) else { throw .unknownCandidate(candidate) }
            guard let wish = previous.admittedWish(of: candidate) else { throw .confirmedWithoutAdmission(candidate: candidate) }
            seats.append(ConfirmedSeat(candidate: candidate, wish: wish))
        }
        return try clear(instance, quotas: quotas ?? previous.quotas, keeping: seats, withdrawn: leaving + withdrawn)
    }
}

extension ClearingRounds {
    /// Clears a round from seats confirmed earlier, when the earlier result is not at hand (for
    /// example read back from files): each confirmed seat names the candidate and the wish she
    /// keeps. Otherwise the same as `nextRound(after:quotas:confirmed:withdrawn:)`.
    public static func clear(_ instance: ClearingInstance, quotas: [Int]? = nil, keeping confirmed: [ConfirmedSeat],
                             withdrawn: [Int] = []) throws(ClearingRoundError) -> ClearingResult {
        let quotas = quotas ?? instance.programs.map(\.quota)
        guard quotas.count == instance.programCount else {
            throw .wrongQuotaCount(expected: instance.programCount, found: quotas.count)
        }
        for (program, quota) in quotas.enumerated() where quota < 0 {
            throw .negativeQuota(program: program, quota: quota)
        }
        var pinnedWish = [UInt32](repeating: ClearingResult.none, count: instance.candidateCount)
        for seat in confirmed {
            guard (0 ..< instance.candidateCount).contains(seat.candidate) else { throw .unknownCandidate(seat.candidate) }
            guard instance.wishes(of: seat.candidate).contains(seat.wish) else {
                throw .notTheCandidatesWish(candidate: seat.candidate, wish: seat.wish)
            }
            pinnedWish[seat.candidate] = UInt32(seat.wish)
        }
        var isWithdrawn = [Bool](repeating: false, count: instance.candidateCount)
        for candidate in withdrawn {
            guard (0 ..< instance.candidateCount).contains(candidate) else { throw .unknownCandidate(candidate) }
            guard pinnedWish[candidate] == ClearingResult.none else { throw .confirmedAndWithdrawn(candidate: candidate) }
            isWithdrawn[candidate] = true
        }
        return DeferredAcceptance.run(instance, quotas: quotas, pinnedWish: pinnedWish, withdrawn: isWithdrawn)
    }
}

/// A seat a candidate confirmed in an earlier round and keeps.
public struct ConfirmedSeat: Hashable, Sendable {
    /// The candidate.
    public var candidate: Int
    /// The wish (index into the instance's wish arrays) she was admitted on.
    public var wish: Int

    public init(candidate: Int, wish: Int) {
        self.candidate = candidate
        self.wish = wish
    }
}

/// Why a next round cannot be cleared.
public enum ClearingRoundError: Error, Hashable, Sendable {
    /// The quota list does not have one entry per programme.
    case wrongQuotaCount(expected: Int, found: Int)
    /// A quota below zero.
    case negativeQuota(program: Int, quota: Int)
    /// A candidate index outside the instance.
    case unknownCandidate(Int)
    /// Only an admission can be confirmed.
    case confirmedWithoutAdmission(candidate: Int)
    /// A confirmed seat names a wish that is not the candidate's.
    case notTheCandidatesWish(candidate: Int, wish: Int)
    /// A candidate who keeps a confirmed seat cannot also withdraw in the same call.
    case confirmedAndWithdrawn(candidate: Int)
}
