/// "Filter with given cutoffs" (*lọc nguyện vọng*, DOMAIN.md §7.1): institutions set the
/// cutoffs, and each candidate is admitted to her highest wish that meets its programme's cutoff.
///
/// Quotas play no part, so a programme may admit more or fewer than its quota; a later DA run or
/// an institution's new cutoff corrects that. This is the step the cutoff tâtonnement repeats.
public enum CutoffFilter {
    /// Admits each candidate to her first wish whose (score, tiebreak) is at least the given
    /// cutoff of its programme. A nil cutoff closes the programme.
    public static func assign(_ instance: ClearingInstance, cutoffs: [GivenCutoff?]) throws(CutoffFilterError) -> ClearingResult {
        guard cutoffs.count == instance.programCount else {
            throw .wrongCutoffCount(expected: instance.programCount, found: cutoffs.count)
        }
        var admittedWish = [UInt32](repeating: ClearingResult.none, count: instance.candidateCount)
        for candidate in 0 ..< instance.candidateCount {
            for wish in instance.wishes(of: candidate) {
                guard let cutoff = cutoffs[Int(instance.wishProgram[wish])] else { continue }
                let score = instance.wishScore[wish], tiebreak = instance.wishTiebreak[wish]
                if score > cutoff.score || (score == cutoff.score && tiebreak >= cutoff.tiebreak) {
                    admittedWish[candidate] = UInt32(wish)
                    break
                }
            }
        }
        let nobody = [Bool](repeating: false, count: instance.candidateCount)
        return ClearingResult(instance: instance, quotas: instance.programs.map(\.quota), admittedWish: admittedWish,
                              confirmed: nobody, withdrawn: nobody)
    }
}

/// A cutoff an institution sets: candidates at or above (score, tiebreak) qualify.
public struct GivenCutoff: Hashable, Sendable {
    /// The minimum score.
    public var score: AdmissionScore
    /// The minimum tiebreak at exactly `score` (zero admits everyone at that score).
    public var tiebreak: AdmissionScore

    public init(score: AdmissionScore, tiebreak: AdmissionScore = .zero) {
        self.score = score
        self.tiebreak = tiebreak
    }
}

/// Why given cutoffs cannot be applied.
public enum CutoffFilterError: Error, Hashable, Sendable {
    /// The cutoff list does not have one entry per programme.
    case wrongCutoffCount(expected: Int, found: Int)
}
