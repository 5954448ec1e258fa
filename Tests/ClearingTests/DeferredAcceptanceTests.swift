import SplitMix
import Testing
import Clearing

/// Hand-worked markets for quotas, both tie modes, cutoffs and explanations.
@Suite("Deferred acceptance")
struct DeferredAcceptanceTests {
    static func score(_ text: String) -> AdmissionScore { try! AdmissionScore(text) }

    static func wish(_ program: Int, _ rank: Int, _ score: String, tiebreak: String = "0") -> Wish {
        Wish(program: program, rank: rank, score: Self.score(score), tiebreak: Self.score(tiebreak))
    }

    @Test("the classic example: a rejection chain moves candidates down their lists")
    func rejectionChain() throws {
        // p0 has 1 seat, p1 has 1 seat. c0 and c1 both want p0 first; c1 is stronger there.
        let instance = try ClearingInstance(programs: [ProgramSeats(quota: 1), ProgramSeats(quota: 1)], candidates: [
            [Self.wish(0, 1, "24"), Self.wish(1, 2, "20")],
            [Self.wish(0, 1, "25"), Self.wish(1, 2, "19")],
            [Self.wish(1, 1, "19.5")],
        ])
        let result = DeferredAcceptance.clear(instance)
        #expect(result.admittedProgram(of: 0) == 1)
        #expect(result.admittedProgram(of: 1) == 0)
        #expect(result.admittedProgram(of: 2) == nil)
        #expect(result.cutoff(ofProgram: 0)?.score == Self.score("25"))
        #expect(result.cutoff(ofProgram: 1)?.score == Self.score("20"))
        #expect(ClearingVerifier.violations(of: result).isEmpty)
    }

    @Test("strict ties: tiebreak, then wish rank, then candidate order decide the last seat")
    func strictTies() throws {
        let instance = try ClearingInstance(programs: [ProgramSeats(quota: 1)], candidates: [
            [Self.wish(0, 2, "25", tiebreak: "8")],
            [Self.wish(0, 1, "25", tiebreak: "8")], // same score and tiebreak, better rank: wins
            [Self.wish(0, 1, "25", tiebreak: "7.5")],
        ])
        let result = DeferredAcceptance.clear(instance)
        #expect(result.admittedProgram(of: 1) == 0)
        #expect(result.programs[0].admitted == 1)
        let explanation = result.explanation(for: 0)
        #expect(explanation.higherWishes.map(\.reason) == [.laterWishRank])
        #expect(result.explanation(for: 2).higherWishes.map(\.reason) == [.lowerTiebreak])

        // Equal on everything: candidate order (index order here) decides.
        let tied = try ClearingInstance(programs: [ProgramSeats(quota: 1)], candidates: [
            [Self.wish(0, 1, "25")], [Self.wish(0, 1, "25")],
        ])
        let tiedResult = DeferredAcceptance.clear(tied)
        #expect(tiedResult.admittedProgram(of: 0) == 0)
        #expect(tiedResult.explanation(for: 1).higherWishes.map(\.reason) == [.laterInTieOrder])
    }

    @Test("one wish tried at two quotas of a programme shares its rank: ties there are as for any wish")
    func aWishAtSeveralQuotasKeepsItsRank() throws {
        // p0 and p1 are one programme's exam and transcript quotas, 1 seat each, admit_all at p1.
        // c0 tries p0 (26) then p1 (24.5) under wish 1; c1 tries only p1 (24.5) under wish 1.
        // c2 (27 at p0) takes the exam seat, so c0 falls to p1, tied with c1: both are admitted.
        let seats = [ProgramSeats(quota: 1), ProgramSeats(quota: 1, tieMode: .admitAll)]
        let lists = [[Self.wish(0, 1, "26"), Self.wish(1, 1, "24.5")], [Self.wish(1, 1, "24.5")], [Self.wish(0, 1, "27")]]
        #expect(throws: ClearingInstanceError.ranksNotIncreasing(candidate: 0, wish: 1)) {
            try ClearingInstance(programs: seats, candidates: lists)
        }
        let result = DeferredAcceptance.clear(try ClearingInstance(programs: seats, candidates: lists, ranksMayRepeat: true))
        #expect((0..<3).map { result.admittedProgram(of: $0) } == [1, 1, 0])
        #expect(result.programs[1].admitted == 2)
        // Ranks may repeat, never fall.
        #expect(throws: ClearingInstanceError.ranksNotIncreasing(candidate: 0, wish: 1)) {
            try ClearingInstance(programs: seats, wishStart: [0, 2], wishProgram: [0, 1], wishScore: [Self.score("1"), Self.score("1")],
                                 wishTiebreak: [.zero, .zero], wishRank: [2, 1], ranksMayRepeat: true)
        }
    }

    @Test("admit_all: the whole tie group at the cutoff is admitted, over the quota")
    func admitAllTieGroup() throws {
        let instance = try ClearingInstance(programs: [ProgramSeats(quota: 2, tieMode: .admitAll)], candidates: [
            [Self.wish(0, 1, "26")],
            [Self.wish(0, 1, "25")],
            [Self.wish(0, 1, "25")],
            [Self.wish(0, 1, "25")],
            [Self.wish(0, 2, "25")], // same score, worse rank: a different group
            [Self.wish(0, 1, "24")],
        ])
        let result = DeferredAcceptance.clear(instance)
        #expect((0 ..< 6).map { result.admittedProgram(of: $0) } == [0, 0, 0, 0, nil, nil])
        #expect(result.programs[0].admitted == 4)
        #expect(result.cutoff(ofProgram: 0)?.score == Self.score("25"))
        #expect(result.cutoff(ofProgram: 0)?.rank == 1)
        #expect(ClearingVerifier.violations(of: result).isEmpty)
    }

    @Test("admit_all: a stronger applicant pushes out a whole group only when those above still fill the quota")
    func admitAllRejectsWholeGroups() throws {
        // Quota 2: two tied at 25 are held; a 27 arrives: 1 above the group < 2, so the group stays
        // (3 admitted); a 28 arrives: 2 above the group, so both 25s go at once.
        let instance = try ClearingInstance(programs: [ProgramSeats(quota: 2, tieMode: .admitAll), ProgramSeats(quota: 5)], candidates: [
            [Self.wish(0, 1, "25"), Self.wish(1, 2, "10")],
            [Self.wish(0, 1, "25"), Self.wish(1, 2, "10")],
            [Self.wish(0, 1, "27")],
            [Self.wish(0, 1, "28")],
        ])
        let result = DeferredAcceptance.clear(instance)
        #expect((0 ..< 4).map { result.admittedProgram(of: $0) } == [1, 1, 0, 0])
        #expect(result.programs[0].admitted == 2)

        let withoutTop = try ClearingInstance(programs: instance.programs, candidates: [
            [Self.wish(0, 1, "25")], [Self.wish(0, 1, "25")], [Self.wish(0, 1, "27")],
        ])
        #expect(DeferredAcceptance.clear(withoutTop).programs[0].admitted == 3)
    }

    @Test("quota 0 admits nobody, and the explanation says so")
    func zeroQuota() throws {
        for mode in TieMode.allCases {
            let instance = try ClearingInstance(programs: [ProgramSeats(quota: 0, tieMode: mode), ProgramSeats(quota: 1)], candidates: [
                [Self.wish(0, 1, "30"), Self.wish(1, 2, "20")],
            ])
            let result = DeferredAcceptance.clear(instance)
            #expect(result.admittedProgram(of: 0) == 1)
            #expect(result.programs[0].admitted == 0)
            #expect(result.cutoff(ofProgram: 0) == nil)
            #expect(result.explanation(for: 0).higherWishes.map(\.reason) == [.noSeats])
        }
    }

    @Test("the explanation lists every wish above the admitted one with its cutoff")
    func explanation() throws {
        let instance = try ClearingInstance(programs: [ProgramSeats(quota: 1), ProgramSeats(quota: 1), ProgramSeats(quota: 3)], candidates: [
            [Self.wish(0, 1, "27"), Self.wish(1, 2, "26")],
            [Self.wish(1, 1, "26.5")],
            [Self.wish(0, 1, "22"), Self.wish(1, 3, "22"), Self.wish(2, 7, "22")],
        ])
        let result = DeferredAcceptance.clear(instance)
        let explanation = result.explanation(for: 2)
        #expect(explanation.admittedWish == instance.wishes(of: 2).last)
        #expect(explanation.higherWishes.map(\.program) == [0, 1])
        #expect(explanation.higherWishes.map(\.cutoff?.score) == [Self.score("27"), Self.score("26.5")])
        #expect(explanation.higherWishes.map(\.score) == [Self.score("22"), Self.score("22")])
        #expect(explanation.higherWishes.allSatisfy { $0.reason == .lowerScore })
        #expect(result.explanation(for: 0).higherWishes.isEmpty)
        #expect(result.cutoff(ofProgram: 2) == nil) // not full
    }

    @Test("filter with given cutoffs admits each candidate to her first wish at or above the cutoff")
    func givenCutoffs() throws {
        let instance = try ClearingInstance(programs: [ProgramSeats(quota: 1), ProgramSeats(quota: 1), ProgramSeats(quota: 1)], candidates: [
            [Self.wish(0, 1, "24"), Self.wish(1, 2, "24")],
            [Self.wish(0, 1, "25", tiebreak: "7"), Self.wish(1, 2, "25")],
            [Self.wish(0, 1, "25", tiebreak: "8"), Self.wish(2, 2, "30")],
        ])
        let result = try CutoffFilter.assign(instance, cutoffs: [
            GivenCutoff(score: Self.score("25"), tiebreak: Self.score("8")), GivenCutoff(score: Self.score("24")), nil,
        ])
        #expect((0 ..< 3).map { result.admittedProgram(of: $0) } == [1, 1, 0])
        #expect(result.programs[1].admitted == 2) // quotas do not apply
        #expect(throws: CutoffFilterError.wrongCutoffCount(expected: 3, found: 1)) { try CutoffFilter.assign(instance, cutoffs: [nil]) }
    }

    @Test("instances that break the rules are refused")
    func invalidInstances() {
        #expect(throws: ClearingInstanceError.rankOutOfRange(candidate: 0, wish: 0, rank: 256)) {
            try ClearingInstance(programs: [ProgramSeats(quota: 1)], candidates: [[Self.wish(0, 256, "1")]])
        }
        #expect(throws: ClearingInstanceError.ranksNotIncreasing(candidate: 0, wish: 1)) {
            try ClearingInstance(programs: [ProgramSeats(quota: 1), ProgramSeats(quota: 1)],
                                 candidates: [[Self.wish(0, 1, "1"), Self.wish(1, 1, "1")]])
        }
        #expect(throws: ClearingInstanceError.duplicateProgram(candidate: 0, wish: 1, program: 0)) {
            try ClearingInstance(programs: [ProgramSeats(quota: 1)], candidates: [[Self.wish(0, 1, "1"), Self.wish(0, 2, "1")]])
        }
        #expect(throws: ClearingInstanceError.negativeQuota(program: 0, quota: -1)) {
            try ClearingInstance(programs: [ProgramSeats(quota: -1)], candidates: [])
        }
        #expect(throws: ClearingInstanceError.invalidLotteryPositions) {
            try ClearingInstance(programs: [ProgramSeats(quota: 1)], candidates: [[], []], lotteryPosition: [0, 0])
        }
    }

    @Test("random mid-size markets: the independent check finds nothing")
    func verifierOnRandomMarkets() throws {
        var rng = SplitMix64(seed: 0xB16)
        for _ in 0 ..< 50 {
            let programCount = Int.random(in: 1 ... 30, using: &rng)
            let programs = (0 ..< programCount).map { _ in
                ProgramSeats(quota: Int.random(in: 0 ... 20, using: &rng), tieMode: Bool.random(using: &rng) ? .admitAll : .strict)
            }
            let candidates = (0 ..< Int.random(in: 0 ... 300, using: &rng)).map { _ in
                Array((0 ..< programCount).shuffled(using: &rng).prefix(Int.random(in: 0 ... 6, using: &rng)).enumerated()).map { rank, program in
                    Wish(program: program, rank: rank + 1, score: AdmissionScore(units: UInt32.random(in: 0 ... 20, using: &rng) * 2_500))
                }
            }
            let result = DeferredAcceptance.clear(try ClearingInstance(programs: programs, candidates: candidates))
            #expect(ClearingVerifier.violations(of: result).isEmpty)
        }
    }
}
