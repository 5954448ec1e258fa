import SplitMix
import Testing
import Clearing

/// The packed UInt64 key orders wishes exactly as (score desc, tiebreak desc, rank asc,
/// candidate_id asc as a string) does.
@Suite("Priority keys")
struct PriorityKeyTests {
    struct Entry {
        let id: String
        let score: UInt32
        let tiebreak: UInt32
        let rank: Int
    }

    /// True when `a` has higher priority than `b`, straight from DOMAIN.md §7.2.
    static func outranks(_ a: Entry, _ b: Entry) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.tiebreak != b.tiebreak { return a.tiebreak > b.tiebreak }
        if a.rank != b.rank { return a.rank < b.rank }
        return Array(a.id.utf8).lexicographicallyPrecedes(Array(b.id.utf8))
    }

    /// One programme, one wish per candidate, tie order by ID string.
    static func instance(_ entries: [Entry]) throws -> ClearingInstance {
        let byID = entries.indices.sorted { Array(entries[$0].id.utf8).lexicographicallyPrecedes(Array(entries[$1].id.utf8)) }
        var position = [Int](repeating: 0, count: entries.count)
        for (place, index) in byID.enumerated() { position[index] = place }
        return try ClearingInstance(
            programs: [ProgramSeats(quota: 1)],
            candidates: entries.map { [Wish(program: 0, rank: $0.rank, score: AdmissionScore(units: $0.score),
                                            tiebreak: AdmissionScore(units: $0.tiebreak))] },
            lotteryPosition: position)
    }

    static func checkOrder(_ entries: [Entry]) throws {
        let instance = try instance(entries)
        for a in entries.indices {
            for b in entries.indices where a != b {
                let byKey = instance.priorityKey(ofWish: a) > instance.priorityKey(ofWish: b)
                #expect(byKey == outranks(entries[a], entries[b]), "\(entries[a]) vs \(entries[b])")
            }
        }
    }

    @Test("candidate IDs compare as strings: \"10\" before \"9\", \"09\" before \"1\"")
    func candidateIDsAsStrings() throws {
        let entries = ["9", "10", "1", "09", "a", "A", "Ă", "100"].map { Entry(id: $0, score: 250_000, tiebreak: 0, rank: 1) }
        let instance = try Self.instance(entries)
        let ranked = entries.indices.sorted { instance.priorityKey(ofWish: $0) > instance.priorityKey(ofWish: $1) }.map { entries[$0].id }
        #expect(ranked == ["09", "1", "10", "100", "9", "A", "a", "Ă"])
    }

    @Test("random entries: the key order is the lexicographic order")
    func randomEntries() throws {
        var rng = SplitMix64(seed: 0x6B65_79)
        let ids = (0 ..< 200).map { String($0) } + ["A", "a", "Z", "z", "Đ", "đ"]
        for _ in 0 ..< 200 {
            let count = Int.random(in: 2 ... 12, using: &rng)
            let entries = ids.shuffled(using: &rng).prefix(count).map { id in
                Entry(id: id, score: [0, 150_000, 150_001, 299_999, 300_000].randomElement(using: &rng)!,
                      tiebreak: [0, 1, 95_000].randomElement(using: &rng)!, rank: [1, 2, 15, 255].randomElement(using: &rng)!)
            }
            try Self.checkOrder(entries)
        }
    }

    @Test("scales too wide for 64 bits fall back to dense ranking and keep the order")
    func denseRankingFallback() throws {
        var rng = SplitMix64(seed: 0xDE45E)
        for _ in 0 ..< 100 {
            let count = Int.random(in: 2 ... 10, using: &rng)
            // Two entries span both full 32-bit ranges, so direct packing would need 72 bits.
            let entries = [Entry(id: "x", score: 0, tiebreak: 0, rank: 1), Entry(id: "y", score: .max, tiebreak: .max, rank: 255)]
                + (0 ..< count).map { index in
                    Entry(id: String(index), score: [0, 7, UInt32.max - 1, UInt32.max].randomElement(using: &rng)!,
                          tiebreak: [0, 3, UInt32.max].randomElement(using: &rng)!, rank: Int.random(in: 1 ... 255, using: &rng))
                }
            let instance = try Self.instance(entries)
            #expect(instance.keyLayout.usesDenseRanking)
            try Self.checkOrder(entries)
        }
    }

    @Test("typical scores pack directly, with the candidate order in the low bits")
    func directLayout() throws {
        let entries = (0 ..< 1000).map { Entry(id: String($0), score: 300_000, tiebreak: 100_000, rank: 1) }
        let instance = try Self.instance(entries)
        #expect(!instance.keyLayout.usesDenseRanking)
        #expect(instance.keyLayout.candidateBits == 10)
        #expect(instance.tieGroup(ofWish: 0) == instance.tieGroup(ofWish: 999))
    }
}
