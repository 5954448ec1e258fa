import SplitMix
import Testing
import Clearing

/// DA against every stable matching of thousands of tiny random markets, enumerated by brute
/// force under DOMAIN.md §7.2's definition.
@Suite("Brute force on tiny markets")
struct BruteForceTests {
    @Test("DA's result is stable and every candidate likes it at least as much as any stable matching")
    func stableAndStudentOptimal() throws {
        var rng = SplitMix64(seed: 0x7_2025)
        var stableCounts = 0, withAdmitAllOverQuota = 0
        for trial in 0 ..< 4_000 {
            let market = TinyMarket.random(using: &rng)
            let result = DeferredAcceptance.clear(try market.instance())
            let da = market.assignment(from: result)
            let stable = market.allAssignments().filter(market.isStable)
            stableCounts += stable.count
            #expect(market.isStable(da), "trial \(trial): DA result \(da) is not stable in \(market)")
            #expect(ClearingVerifier.violations(of: result).isEmpty, "trial \(trial)")
            for other in stable {
                for candidate in market.candidates.indices {
                    // A smaller wish index is a better wish; nil (unassigned) is the worst.
                    let mine = da[candidate] ?? Int.max, theirs = other[candidate] ?? Int.max
                    #expect(mine <= theirs, "trial \(trial): candidate \(candidate) prefers stable \(other) to DA \(da) in \(market)")
                }
            }
            if result.programs.contains(where: { $0.admitted > $0.quota }) { withAdmitAllOverQuota += 1 }
        }
        // The generator must actually produce ties that push admit_all programmes over quota,
        // and markets with several stable matchings, or the test would prove little.
        #expect(withAdmitAllOverQuota > 50)
        #expect(stableCounts > 4_000)
    }

    @Test("the result does not depend on the order candidates are listed in")
    func orderIndependence() throws {
        var rng = SplitMix64(seed: 0x5EED)
        for trial in 0 ..< 2_000 {
            let market = TinyMarket.random(using: &rng)
            let baseline = market.assignment(from: DeferredAcceptance.clear(try market.instance()))
            let order = Array(market.candidates.indices).shuffled(using: &rng)
            let permuted = market.assignment(from: DeferredAcceptance.clear(try market.instance(candidateOrder: order)),
                                             candidateOrder: order)
            #expect(baseline == permuted, "trial \(trial)")
        }
    }

    @Test("admit_all programmes exceed their quota only by the last tie group")
    func admitAllOverQuotaOnlyByLastGroup() throws {
        var rng = SplitMix64(seed: 0xA11)
        for _ in 0 ..< 3_000 {
            let market = TinyMarket.random(using: &rng)
            let result = DeferredAcceptance.clear(try market.instance())
            let instance = result.instance
            var held = [[UInt64]](repeating: [], count: instance.programCount)
            for candidate in 0 ..< instance.candidateCount {
                if let wish = result.admittedWish(of: candidate) { held[Int(instance.wishProgram[wish])].append(instance.tieGroup(ofWish: wish)) }
            }
            for (program, groups) in held.enumerated() {
                let quota = instance.programs[program].quota
                if instance.programs[program].tieMode == .strict { #expect(groups.count <= quota); continue }
                guard groups.count > quota, let weakest = groups.min() else { continue }
                #expect(groups.filter { $0 > weakest }.count < quota)
            }
        }
    }
}

extension TinyMarket: CustomStringConvertible {
    var description: String {
        let programText = programs.enumerated().map { "p\($0.offset)(q\($0.element.quota)\($0.element.admitAll ? ",all" : ""))" }
        let candidateText = candidates.map { candidate in
            "\(candidate.id): " + candidate.wishes.map { "p\($0.program)#\($0.rank)@\($0.score)/\($0.tiebreak)" }.joined(separator: " ")
        }
        return programText.joined(separator: " ") + " | " + candidateText.joined(separator: "; ")
    }
}
