import SplitMix
import Testing
import Clearing

/// Several rounds: quotas change, confirmed candidates keep their seats, everyone else is
/// cleared again on what is left.
@Suite("Clearing rounds")
struct ClearingRoundsTests {
    static func wish(_ program: Int, _ rank: Int, _ score: String) -> Wish {
        Wish(program: program, rank: rank, score: try! AdmissionScore(score))
    }

    static let instance = try! ClearingInstance(programs: [ProgramSeats(quota: 1), ProgramSeats(quota: 1)], candidates: [
        [wish(0, 1, "25"), wish(1, 2, "20")],
        [wish(0, 1, "24"), wish(1, 2, "23")],
        [wish(1, 1, "22")],
    ])

    @Test("a confirmed seat is kept when the quota drops below it; others are cleared again")
    func confirmedSeatsKept() throws {
        let first = DeferredAcceptance.clear(Self.instance)
        #expect((0 ..< 3).map { first.admittedProgram(of: $0) } == [0, 1, nil])

        // Candidate 1 confirms p1; p1's quota drops to 0 and p0's rises to 2.
        let second = try ClearingRounds.nextRound(after: first, quotas: [2, 0], confirmed: [1])
        #expect((0 ..< 3).map { second.admittedProgram(of: $0) } == [0, 1, nil])
        #expect(second.isConfirmed(1) && !second.isConfirmed(0))
        #expect(second.programs[1].admitted == 1 && second.programs[1].confirmed == 1)
        #expect(second.programs[1].openSeats == 0)
        #expect(second.explanation(for: 2).higherWishes.map(\.reason) == [.noSeats])
        #expect(second.explanation(for: 1).higherWishes.map(\.reason) == [.keptConfirmedSeat])

        // Round three: the confirmation carries over, and candidate 0 withdraws.
        let third = try ClearingRounds.nextRound(after: second, quotas: [2, 2], withdrawn: [0])
        #expect((0 ..< 3).map { third.admittedProgram(of: $0) } == [nil, 1, 1])
        #expect(third.isWithdrawn(0) && third.isConfirmed(1))
        #expect(ClearingVerifier.violations(of: third).isEmpty)
    }

    @Test("an admission that is not confirmed can be lost to a stronger candidate in the next round")
    func unconfirmedAdmissionIsNotKept() throws {
        let first = DeferredAcceptance.clear(Self.instance)
        // Nobody confirms; p1 loses its seat: candidate 1 (23 at p1) is out, candidate 2 never had it.
        let second = try ClearingRounds.nextRound(after: first, quotas: [1, 0])
        #expect((0 ..< 3).map { second.admittedProgram(of: $0) } == [0, nil, nil])
    }

    @Test("rounds refuse what cannot be")
    func roundErrors() throws {
        let first = DeferredAcceptance.clear(Self.instance)
        #expect(throws: ClearingRoundError.confirmedWithoutAdmission(candidate: 2)) {
            try ClearingRounds.nextRound(after: first, confirmed: [2])
        }
        #expect(throws: ClearingRoundError.wrongQuotaCount(expected: 2, found: 1)) {
            try ClearingRounds.nextRound(after: first, quotas: [1])
        }
        #expect(throws: ClearingRoundError.negativeQuota(program: 1, quota: -1)) {
            try ClearingRounds.nextRound(after: first, quotas: [1, -1])
        }
        #expect(throws: ClearingRoundError.confirmedAndWithdrawn(candidate: 0)) {
            try ClearingRounds.nextRound(after: first, confirmed: [0], withdrawn: [0])
        }
        #expect(throws: ClearingRoundError.notTheCandidatesWish(candidate: 2, wish: 0)) {
            try ClearingRounds.clear(Self.instance, keeping: [ConfirmedSeat(candidate: 2, wish: 0)])
        }
    }

    @Test("random rounds: confirmed seats kept, the rest equals DA on the remaining seats")
    func randomRounds() throws {
        var rng = SplitMix64(seed: 0x2_0008)
        for trial in 0 ..< 300 {
            let programCount = Int.random(in: 1 ... 6, using: &rng)
            let programs = (0 ..< programCount).map { _ in
                ProgramSeats(quota: Int.random(in: 0 ... 4, using: &rng), tieMode: Bool.random(using: &rng) ? .admitAll : .strict)
            }
            let candidates = (0 ..< Int.random(in: 1 ... 25, using: &rng)).map { _ in
                Array((0 ..< programCount).shuffled(using: &rng).prefix(Int.random(in: 0 ... 3, using: &rng)).enumerated()).map { rank, program in
                    Wish(program: program, rank: rank + 1, score: AdmissionScore(units: UInt32.random(in: 0 ... 6, using: &rng) * 5_000))
                }
            }
            let instance = try ClearingInstance(programs: programs, candidates: candidates)
            let first = DeferredAcceptance.clear(instance)
            let admitted = (0 ..< candidates.count).filter { first.admittedWish(of: $0) != nil }
            let confirmed = admitted.filter { _ in Bool.random(using: &rng) }
            let quotas = programs.map { max(0, $0.quota + Int.random(in: -2 ... 2, using: &rng)) }
            let second = try ClearingRounds.nextRound(after: first, quotas: quotas, confirmed: confirmed)

            for candidate in confirmed { #expect(second.admittedWish(of: candidate) == first.admittedWish(of: candidate), "trial \(trial)") }
            #expect(ClearingVerifier.violations(of: second).isEmpty, "trial \(trial)")

            // The same round by hand: confirmed candidates and their seats removed.
            var seatsLeft = quotas
            for candidate in confirmed { seatsLeft[first.admittedProgram(of: candidate)!] -= 1 }
            let open = (0 ..< candidates.count).filter { !confirmed.contains($0) }
            let reduced = try ClearingInstance(
                programs: zip(programs, seatsLeft).map { ProgramSeats(quota: max(0, $1), tieMode: $0.tieMode) },
                candidates: open.map { candidates[$0] }, lotteryPosition: Array(open.indices))
            let direct = DeferredAcceptance.clear(reduced)
            for (index, candidate) in open.enumerated() {
                #expect(second.admittedProgram(of: candidate) == direct.admittedProgram(of: index), "trial \(trial)")
            }
        }
    }
}
