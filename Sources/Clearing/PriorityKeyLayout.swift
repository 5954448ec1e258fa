/// How a wish's priority at its programme is packed into one `UInt64`, so that comparing two
/// keys compares (score desc, tiebreak desc, wish rank asc, candidate tie order asc) and a larger
/// key is the stronger claim (DOMAIN.md §7.2, "Implementation").
///
/// From the high bits down: the score, the tiebreak, `255 − rank`, and the candidate's place in
/// the tie order inverted (`candidateCount − 1 − position`, so the first candidate in string
/// order of IDs, or the best lottery number, gets the largest value). Fields are only as wide as
/// the instance needs: scores and tiebreaks are stored relative to their smallest value. When
/// even that does not fit in 64 bits (very wide scales with many candidates), the distinct
/// (score, tiebreak) pairs are replaced by their rank among all pairs, which keeps the order
/// and needs at most 32 bits while there are fewer than 2³² wishes.
public struct PriorityKeyLayout: Hashable, Sendable {
    /// Bits of the rank field: ranks run 1...255, stored as `255 − rank`.
    public static let rankBits = 8

    /// Bits holding the candidate's inverted tie-order position; a key shifted right by this
    /// many bits is its tie group, the unit `admit_all` programmes admit or reject whole.
    public let candidateBits: Int
    /// Where the score (or the dense rank of the score and tiebreak) starts.
    public let scoreShift: Int
    /// Where the tiebreak starts; equal to `candidateBits + rankBits` in both packings.
    public let tiebreakShift: Int
    /// True when (score, tiebreak) pairs are replaced by their dense rank.
    public let usesDenseRanking: Bool

    let scoreBase: UInt32
    let tiebreakBase: UInt32

    /// The part of a key that `admit_all` programmes compare: (score, tiebreak, rank).
    @inlinable
    public func tieGroup(_ key: UInt64) -> UInt64 { key >> UInt64(candidateBits) }

    /// The inverted tie-order position held in the low bits of `key`.
    @inlinable
    public func invertedPosition(_ key: UInt64) -> UInt64 {
        candidateBits == 0 ? 0 : key & (UInt64.max >> UInt64(64 - candidateBits))
    }
}

extension PriorityKeyLayout {
    /// Chooses the layout for the given wishes and packs every key.
    ///
    /// `positionOfCandidate[c]` is candidate `c`'s place in the tie order (0 first).
    static func pack(wishStart: [UInt32], score: [AdmissionScore], tiebreak: [AdmissionScore], rank: [UInt8],
                     positionOfCandidate: [UInt32]) throws(ClearingInstanceError) -> (PriorityKeyLayout, [UInt64]) {
        let candidateCount = positionOfCandidate.count
        let candidateBits = bitWidth(UInt64(max(candidateCount, 1) - 1))
        let lowBits = candidateBits + rankBits

        var minScore = UInt32.max, maxScore: UInt32 = 0, minTie = UInt32.max, maxTie: UInt32 = 0
        for index in score.indices {
            let s = score[index].units, t = tiebreak[index].units
            minScore = min(minScore, s); maxScore = max(maxScore, s)
            minTie = min(minTie, t); maxTie = max(maxTie, t)
        }
        if score.isEmpty { minScore = 0; minTie = 0 }
        let scoreBits = bitWidth(UInt64(maxScore &- minScore))
        let tieBits = bitWidth(UInt64(maxTie &- minTie))

        var keys = [UInt64](repeating: 0, count: score.count)
        if lowBits + tieBits + scoreBits <= 64 {
            let layout = PriorityKeyLayout(candidateBits: candidateBits, scoreShift: lowBits + tieBits,
                                           tiebreakShift: lowBits, usesDenseRanking: false,
                                           scoreBase: minScore, tiebreakBase: minTie)
            keys.withUnsafeMutableBufferPointer { out in
                for candidate in 0 ..< candidateCount {
                    let inverted = UInt64(candidateCount - 1) - UInt64(positionOfCandidate[candidate])
                    for wish in Int(wishStart[candidate]) ..< Int(wishStart[candidate + 1]) {
                        let s = UInt64(score[wish].units - minScore) << UInt64(layout.scoreShift)
                        let t = UInt64(tiebreak[wish].units - minTie) << UInt64(lowBits)
                        let r = UInt64(255 - rank[wish]) << UInt64(candidateBits)
                        out[wish] = s | t | r | inverted
                    }
                }
            }
            return (layout, keys)
        }

        // Dense ranking of the (score, tiebreak) pairs: order-preserving and at most 32 bits.
        let pairs = (0 ..< score.count).map { UInt64(score[$0].units) << 32 | UInt64(tiebreak[$0].units) }
        var distinct = pairs.sorted()
        distinct.removeDuplicatesFromSorted()
        let pairBits = bitWidth(UInt64(max(distinct.count, 1) - 1))
        guard lowBits + pairBits <= 64 else {
            throw .tooLargeToPack(candidates: candidateCount, distinctScores: distinct.count)
        }
        let layout = PriorityKeyLayout(candidateBits: candidateBits, scoreShift: lowBits, tiebreakShift: lowBits,
                                       usesDenseRanking: true, scoreBase: 0, tiebreakBase: 0)
        for candidate in 0 ..< candidateCount {
            let inverted = UInt64(candidateCount - 1) - UInt64(positionOfCandidate[candidate])
            for wish in Int(wishStart[candidate]) ..< Int(wishStart[candidate + 1]) {
                let dense = UInt64(distinct.lowerBound(of: pairs[wish]))
                keys[wish] = dense << UInt64(lowBits) | UInt64(255 - rank[wish]) << UInt64(candidateBits) | inverted
            }
        }
        return (layout, keys)
    }

    static func bitWidth(_ value: UInt64) -> Int { 64 - value.leadingZeroBitCount }
}

extension Array where Element == UInt64 {
    /// Removes repeated values from an ascending array, keeping one of each.
    mutating func removeDuplicatesFromSorted() {
        guard count > 1 else { return }
        var kept = 1
        for index in 1 ..< count where self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }

    /// Index of the first element not below `value` in an ascending array.
    func lowerBound(of value: UInt64) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
