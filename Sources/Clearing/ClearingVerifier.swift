/// Checks a clearing result against DOMAIN.md §7.2 "A correct result" without trusting the code
/// that produced it: quotas (with the `admit_all` rule) and no blocking pair. Student-optimality
/// is checked by comparing with an independent DA (the tests and the Python reference do).
///
/// In a later round, confirmed seats are taken out first: the checks apply to the seats this
/// round's applicants competed for, and to candidates who applied.
public enum ClearingVerifier {
    /// A rule the result breaks.
    public enum Violation: Hashable, Sendable {
        /// The admitted wish is not one of the candidate's own.
        case foreignWish(candidate: Int, wish: Int)
        /// More admitted than the quota allows.
        case overQuota(program: Int, admitted: Int, openSeats: Int)
        /// The candidate prefers this wish's programme to her result, and the programme has a
        /// free seat or holds someone with lower priority (DOMAIN.md §7.2, rule 3).
        case blockingPair(candidate: Int, wish: Int)
    }

    /// Every violation, in candidate then programme order; empty for a correct result.
    public static func violations(of result: ClearingResult) -> [Violation] {
        let instance = result.instance
        let layout = instance.keyLayout
        var violations: [Violation] = []

        // This round's admitted keys per programme, strongest first.
        var held = [[UInt64]](repeating: [], count: instance.programCount)
        for candidate in 0 ..< instance.candidateCount {
            guard let wish = result.admittedWish(of: candidate) else { continue }
            guard instance.wishes(of: candidate).contains(wish) else {
                violations.append(.foreignWish(candidate: candidate, wish: wish))
                continue
            }
            if !result.isConfirmed(candidate) { held[Int(instance.wishProgram[wish])].append(instance.priorityKeys[wish]) }
        }
        for program in held.indices { held[program].sort(by: >) }

        // Quotas: strict |A| ≤ q; admit_all |A| ≤ q or fewer than q strictly above the weakest group.
        for (program, keys) in held.enumerated() {
            let seats = result.programs[program].openSeats
            guard keys.count > seats else { continue }
            if instance.programs[program].tieMode == .admitAll, let weakest = keys.last {
                let weakestGroup = layout.tieGroup(weakest)
                let above = keys.lazy.filter { layout.tieGroup($0) > weakestGroup }.count
                if above < seats { continue }
            }
            violations.append(.overQuota(program: program, admitted: keys.count, openSeats: seats))
        }

        // No blocking pair: each wish above the result is at a full programme whose q-th best
        // held key (tie group for admit_all) beats the candidate's.
        for candidate in 0 ..< instance.candidateCount where !result.isConfirmed(candidate) && !result.isWithdrawn(candidate) {
            let wishes = instance.wishes(of: candidate)
            for wish in wishes.lowerBound ..< (result.admittedWish(of: candidate) ?? wishes.upperBound) {
                let program = Int(instance.wishProgram[wish])
                let seats = result.programs[program].openSeats
                guard seats > 0 else { continue }
                let keys = held[program]
                let key = instance.priorityKeys[wish]
                let blocked: Bool
                if keys.count < seats {
                    blocked = true
                } else if instance.programs[program].tieMode == .admitAll {
                    blocked = layout.tieGroup(key) >= layout.tieGroup(keys[seats - 1])
                } else {
                    blocked = key > keys[seats - 1]
                }
                if blocked { violations.append(.blockingPair(candidate: candidate, wish: wish)) }
            }
        }
        return violations
    }
}
