/// Why a candidate was not admitted to the wishes she ranked above her admission: for each of
/// them, that programme's cutoff beside her own score (issue 5, part 6).
public struct CandidateExplanation: Hashable, Sendable {
    /// The candidate.
    public let candidate: Int
    /// The wish she is admitted on, nil when none.
    public let admittedWish: Int?
    /// Every wish ranked above the admitted one (all her wishes when she is not admitted), best first.
    public let higherWishes: [HigherWish]
}

/// A wish ranked above the admitted one, with the programme's cutoff.
public struct HigherWish: Hashable, Sendable {
    /// The wish.
    public let wish: Int
    /// Its programme.
    public let program: Int
    /// Its rank.
    public let rank: Int
    /// The candidate's score there.
    public let score: AdmissionScore
    /// The candidate's tiebreak there.
    public let tiebreak: AdmissionScore
    /// The programme's cutoff, nil when it is not full or has no seats.
    public let cutoff: Cutoff?
    /// How her priority compares with the cutoff.
    public let reason: Reason

    /// How the candidate's priority at a higher wish compares with that programme's cutoff.
    public enum Reason: String, Hashable, Sendable {
        /// The programme has no seats in this round (quota 0, or every seat kept by a confirmed candidate).
        case noSeats = "no_seats"
        /// Her score is below the cutoff score.
        case lowerScore = "lower_score"
        /// Same score, lower tiebreak.
        case lowerTiebreak = "lower_tiebreak"
        /// Same score and tiebreak; the admitted candidates at the cutoff put this programme at
        /// a better wish rank than she did (Art. 20.3 tie-break by wish order).
        case laterWishRank = "later_wish_rank"
        /// Equal on score, tiebreak and rank at a `strict` programme; the last seat went to a
        /// candidate earlier in the tie order (candidate ID as a string, or the lottery).
        case laterInTieOrder = "later_in_tie_order"
        /// She withdrew, so she applied nowhere.
        case withdrawn
        /// She kept a seat confirmed in an earlier round, so she did not apply again.
        case keptConfirmedSeat = "kept_confirmed_seat"
        /// Her priority is not below the cutoff, or the programme is not full. Deferred
        /// acceptance never leaves this for a candidate who applied: it would be a blocking pair.
        case notBelowCutoff = "not_below_cutoff"
    }
}

extension ClearingResult {
    /// Explains candidate `candidate`'s result: every wish above her admission, with that
    /// programme's cutoff and her score.
    public func explanation(for candidate: Int) -> CandidateExplanation {
        let admitted = admittedWish(of: candidate)
        let wishes = instance.wishes(of: candidate)
        let higher = wishes.lowerBound ..< (admitted ?? wishes.upperBound)
        let layout = instance.keyLayout
        let explained = higher.map { wish -> HigherWish in
            let program = Int(instance.wishProgram[wish])
            let cutoff = self.cutoff(ofProgram: program)
            let score = instance.wishScore[wish], tiebreak = instance.wishTiebreak[wish]
            let rank = Int(instance.wishRank[wish])
            let reason: HigherWish.Reason
            if withdrawn[candidate] {
                reason = .withdrawn
            } else if confirmed[candidate] {
                reason = .keptConfirmedSeat
            } else if programs[program].openSeats == 0 {
                reason = .noSeats
            } else if let cutoff {
                let key = instance.priorityKeys[wish]
                let admitAll = instance.programs[program].tieMode == .admitAll
                let below = admitAll ? layout.tieGroup(key) < layout.tieGroup(cutoff.key) : key < cutoff.key
                if !below {
                    reason = .notBelowCutoff
                } else if score != cutoff.score {
                    reason = .lowerScore
                } else if tiebreak != cutoff.tiebreak {
                    reason = .lowerTiebreak
                } else if rank != cutoff.rank {
                    reason = .laterWishRank
                } else {
                    reason = .laterInTieOrder
                }
            } else {
                reason = .notBelowCutoff
            }
            return HigherWish(wish: wish, program: program, rank: rank, score: score, tiebreak: tiebreak,
                              cutoff: cutoff, reason: reason)
        }
        return CandidateExplanation(candidate: candidate, admittedWish: admitted, higherWishes: explained)
    }
}
