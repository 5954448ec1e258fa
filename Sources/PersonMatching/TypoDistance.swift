/// Bounded Damerau–Levenshtein distance (optimal string alignment: insertions,
/// deletions, substitutions and swaps of adjacent letters) on folded name keys.
///
/// Bounded because only "one or two slips" matter: the computation stops as soon as
/// every cell of a row exceeds the bound, so comparing two unrelated names costs a few
/// dozen byte comparisons and no allocation beyond three small rows.
enum TypoDistance {
    /// The largest distance still counted as a typo for a word of this length. Short
    /// words get none: "An" and "Anh" are different names, not a typo.
    static func bound(forLength length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4...7: 1
        default: 2
        }
    }

    /// True when `a` and `b` differ (they are not equal) by at most the bound for the
    /// longer of the two.
    static func isWithinBound<Bytes: RandomAccessCollection<UInt8>>(_ a: Bytes, _ b: Bytes) -> Bool where Bytes.Index == Int {
        let limit = bound(forLength: max(a.count, b.count))
        guard limit > 0 else { return false }
        // Most folded words are four to seven letters, whose bound is one slip: one pass over them
        // tells, where the table costs a cell for every pair of letters.
        if limit == 1 { return isOneSlipApart(a, b) }
        guard let d = distance(a, b, limit: limit) else { return false }
        return d > 0 && d <= limit
    }

    /// True when the distance is exactly one: one letter changed, added, dropped, or swapped with
    /// its neighbour.
    static func isOneSlipApart<Bytes: RandomAccessCollection<UInt8>>(_ a: Bytes, _ b: Bytes) -> Bool where Bytes.Index == Int {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard long.count - short.count <= 1 else { return false }
        // The first letter that differs; none means equal, or one letter added at the end.
        var first = 0
        while first < short.count, short[short.startIndex + first] == long[long.startIndex + first] { first += 1 }
        func restEqual(_ shortFrom: Int, _ longFrom: Int) -> Bool {
            var i = shortFrom, j = longFrom
            while i < short.count {
                if short[short.startIndex + i] != long[long.startIndex + j] { return false }
                i += 1
                j += 1
            }
            return j == long.count
        }
        if first == short.count { return long.count != short.count }
        if short.count != long.count { return restEqual(first, first + 1) }
        if restEqual(first + 1, first + 1) { return true }
        let s = short.startIndex, l = long.startIndex
        return first + 1 < short.count && short[s + first] == long[l + first + 1] && short[s + first + 1] == long[l + first]
            && restEqual(first + 2, first + 2)
    }

    /// The distance when it is at most `limit`, else nil. The three rows live in one
    /// stack buffer: this runs in the candidate loop and must not allocate. Both byte
    /// strings are indexed from zero (arrays, or a word's `InlineBytes`).
    static func distance<Bytes: RandomAccessCollection<UInt8>>(_ a: Bytes, _ b: Bytes, limit: Int) -> Int? where Bytes.Index == Int {
        precondition(a.startIndex == 0 && b.startIndex == 0, "byte strings are indexed from zero")
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { buffer -> Int? in
            var previous2 = 0, previous = width, current = 2 * width
            for j in 0..<width { buffer[previous + j] = j; buffer[previous2 + j] = 0 }
            for i in 1...a.count {
                buffer[current] = i
                var rowMinimum = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(buffer[previous + j] + 1, buffer[current + j - 1] + 1, buffer[previous + j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = min(value, buffer[previous2 + j - 2] + 1)
                    }
                    buffer[current + j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if rowMinimum > limit { return nil }
                (previous2, previous, current) = (previous, current, previous2)
            }
            let result = buffer[previous + b.count]
            return result <= limit ? result : nil
        }
    }
}
