import Clearing
import SplitMix

/// A tiny clearing instance in the plain terms of DOMAIN.md §7.2, with its own reading of the
/// rules (tuples and strings, no packed keys), so the brute force checks the kernel against the
/// contract rather than against itself.
struct TinyMarket {
    struct Program {
        var quota: Int
        var admitAll: Bool
    }

    struct Wish {
        var program: Int
        var rank: Int
        var score: UInt32
        var tiebreak: UInt32
    }

    struct Candidate {
        var id: String
        /// Best first.
        var wishes: [Wish]
    }

    var programs: [Program]
    var candidates: [Candidate]

    /// A random market: up to 5 candidates, 3 programmes, 3 wishes each, quotas 0–2, and scores,
    /// tiebreaks and ranks from small sets so that ties at every level are common.
    static func random(using rng: inout SplitMix64) -> TinyMarket {
        let programCount = Int.random(in: 1 ... 3, using: &rng)
        let programs = (0 ..< programCount).map { _ in
            Program(quota: Int.random(in: 0 ... 2, using: &rng), admitAll: Bool.random(using: &rng))
        }
        let idPool = ["1", "10", "2", "9", "09", "a", "A", "b", "Ă", "Z"].shuffled(using: &rng)
        let candidateCount = Int.random(in: 1 ... 5, using: &rng)
        let candidates = (0 ..< candidateCount).map { index in
            let count = Int.random(in: 0 ... min(3, programCount), using: &rng)
            let chosen = Array((0 ..< programCount).shuffled(using: &rng).prefix(count))
            var rank = 0
            let wishes = chosen.map { program in
                rank += Int.random(in: 1 ... 2, using: &rng)
                return Wish(program: program, rank: rank, score: [100_000, 105_000, 110_000].randomElement(using: &rng)!,
                            tiebreak: [0, 0, 5_000].randomElement(using: &rng)!)
            }
            return Candidate(id: idPool[index], wishes: wishes)
        }
        return TinyMarket(programs: programs, candidates: candidates)
    }

    /// True when candidate `a`'s wish `x` has higher priority than candidate `b`'s wish `y` at
    /// the same programme: (score desc, tiebreak desc, rank asc, candidate_id asc as a string).
    /// With `groupsOnly`, candidate IDs are ignored (the `admit_all` comparison).
    func outranks(_ a: Int, _ x: Wish, _ b: Int, _ y: Wish, groupsOnly: Bool) -> Bool {
        if x.score != y.score { return x.score > y.score }
        if x.tiebreak != y.tiebreak { return x.tiebreak > y.tiebreak }
        if x.rank != y.rank { return x.rank < y.rank }
        if groupsOnly { return false }
        return Array(candidates[a].id.utf8).lexicographicallyPrecedes(Array(candidates[b].id.utf8))
    }

    /// Candidates in ID string order: the order the file reader numbers them in.
    var idOrder: [Int] {
        candidates.indices.sorted { Array(candidates[$0].id.utf8).lexicographicallyPrecedes(Array(candidates[$1].id.utf8)) }
    }

    /// An assignment: for each candidate, the index into her wishes, or nil.
    typealias Assignment = [Int?]

    /// Every assignment of each candidate to one of her wishes or to nothing.
    func allAssignments() -> [Assignment] {
        var result: [Assignment] = [[]]
        for candidate in candidates {
            result = result.flatMap { partial in ([nil] + candidate.wishes.indices.map { Optional($0) }).map { partial + [$0] } }
        }
        return result
    }

    /// DOMAIN.md §7.2 "A correct result", rules 2 and 3.
    func isStable(_ assignment: Assignment) -> Bool {
        // Each programme's admitted (candidate, wish), in no particular order.
        var admitted = [[(Int, Wish)]](repeating: [], count: programs.count)
        for (candidate, choice) in assignment.enumerated() {
            if let choice { let wish = candidates[candidate].wishes[choice]; admitted[wish.program].append((candidate, wish)) }
        }
        for (index, program) in programs.enumerated() {
            let held = admitted[index]
            guard held.count > program.quota else { continue }
            guard program.admitAll else { return false }
            // Over quota is allowed only when fewer than q rank strictly above the weakest group.
            let weakest = held.first { c in !held.contains { d in outranks(c.0, c.1, d.0, d.1, groupsOnly: true) } }!
            let above = held.filter { outranks($0.0, $0.1, weakest.0, weakest.1, groupsOnly: true) }.count
            if above >= program.quota { return false }
        }
        for (candidate, choice) in assignment.enumerated() {
            let wishes = candidates[candidate].wishes
            for wish in wishes[0 ..< (choice ?? wishes.count)] {
                let program = programs[wish.program]
                if program.quota == 0 { continue }
                let held = admitted[wish.program]
                if held.count < program.quota { return false }
                // She blocks unless at least q held candidates outrank her (groups for admit_all).
                let better = held.filter { outranks($0.0, $0.1, candidate, wish, groupsOnly: program.admitAll) }.count
                if better < program.quota { return false }
            }
        }
        return true
    }

    /// The kernel's instance, candidates in the given order, tie order by ID string.
    func instance(candidateOrder: [Int]? = nil) throws -> ClearingInstance {
        let order = candidateOrder ?? Array(candidates.indices)
        let byID = idOrder
        var position = [Int](repeating: 0, count: candidates.count)
        for (place, candidate) in byID.enumerated() { position[candidate] = place }
        return try ClearingInstance(
            programs: programs.map { ProgramSeats(quota: $0.quota, tieMode: $0.admitAll ? .admitAll : .strict) },
            candidates: order.map { candidate in
                candidates[candidate].wishes.map {
                    Clearing.Wish(program: $0.program, rank: $0.rank, score: AdmissionScore(units: $0.score),
                                  tiebreak: AdmissionScore(units: $0.tiebreak))
                }
            },
            lotteryPosition: order.map { position[$0] })
    }

    /// The kernel's result as an assignment (candidates in market order).
    func assignment(from result: ClearingResult, candidateOrder: [Int]? = nil) -> Assignment {
        let order = candidateOrder ?? Array(candidates.indices)
        var assignment = Assignment(repeating: nil, count: candidates.count)
        for (index, candidate) in order.enumerated() {
            if let wish = result.admittedWish(of: index) { assignment[candidate] = wish - result.instance.wishes(of: index).lowerBound }
        }
        return assignment
    }
}
