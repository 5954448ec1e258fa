/// The order in which the school typed the name, relative to the registry's.
public enum NameOrder: String, Sendable, Codable, Hashable {
    /// Family, middle, given: the Vietnamese order.
    case asRegistered
    /// Family name moved to the end: "Văn Đức Nguyễn".
    case familyLast
    /// Given name moved to the front: "Đức Nguyễn Văn".
    case givenFirst
}

/// How the words of a typed name line up with a registry name's parts: one level per
/// part, and the word order that produced them.
struct NameAlignment: Sendable, Hashable {
    var family: NamePartLevel
    var middle: NamePartLevel
    var given: NamePartLevel
    var order: NameOrder

    var rank: Int { family.rank + middle.rank + 2 * given.rank }

    /// Tries the usual order first; another order is taken only when it moves the family
    /// name into agreement (the registry family name found elsewhere in the typed name)
    /// and agrees better overall. Nothing is allocated: parts are slices of `typed`.
    static func align(_ typed: [NameWord], with registry: RegistryName) -> NameAlignment {
        let n = typed.count, f = registry.family.count, g = registry.given.count
        guard n > 0 else {
            return NameAlignment(family: .missing, middle: .missing, given: .missing, order: .asRegistered)
        }
        guard n >= f + g, f > 0, g > 0 else {
            // Too few words to hold every part: compare the last typed word as the given name.
            let given = compareSequence(typed[(n - 1)...], registry.given[...])
            return NameAlignment(family: .missing, middle: .missing, given: given, order: .asRegistered)
        }
        let usual = NameAlignment(
            family: compareSequence(typed[0..<f], registry.family[...]),
            middle: compareMiddle(typed[f..<(n - g)], registry.middle[...]),
            given: compareSequence(typed[(n - g)...], registry.given[...]),
            order: .asRegistered)
        if usual.family.agrees || n < 2 { return usual }
        var best = usual
        let familyLast = compareSequence(typed[(n - f)...], registry.family[...])
        if familyLast.agrees || familyLast == .variant {
            let candidate = NameAlignment(
                family: familyLast,
                middle: compareMiddle(typed[0..<(n - f - g)], registry.middle[...]),
                given: compareSequence(typed[(n - f - g)..<(n - f)], registry.given[...]),
                order: .familyLast)
            if candidate.rank < best.rank { best = candidate }
        }
        let familySecond = compareSequence(typed[g..<(g + f)], registry.family[...])
        if familySecond.agrees || familySecond == .variant {
            let candidate = NameAlignment(
                family: familySecond,
                middle: compareMiddle(typed[(g + f)...], registry.middle[...]),
                given: compareSequence(typed[0..<g], registry.given[...]),
                order: .givenFirst)
            if candidate.rank < best.rank { best = candidate }
        }
        return best
    }

    /// Which typed words are the family, middle and given name under `order`, for a
    /// typed name of `n` words and registry parts of `f` family and `g` given words.
    static func ranges(
        order: NameOrder, typedCount n: Int, familyCount f: Int, givenCount g: Int
    ) -> (family: Range<Int>, middle: Range<Int>, given: Range<Int>) {
        guard n >= f + g, f > 0, g > 0 else {
            return (0..<0, 0..<0, n > 0 ? (n - 1)..<n : 0..<0)
        }
        switch order {
        case .asRegistered: return (0..<f, f..<(n - g), (n - g)..<n)
        case .familyLast: return ((n - f)..<n, 0..<(n - f - g), (n - f - g)..<(n - f))
        case .givenFirst: return (g..<(g + f), (g + f)..<n, 0..<g)
        }
    }

    /// Family or given name: word by word, the worst word deciding.
    static func compareSequence(_ a: ArraySlice<NameWord>, _ b: ArraySlice<NameWord>) -> NamePartLevel {
        if a.isEmpty || b.isEmpty { return .missing }
        guard a.count == b.count else { return .different }
        return withUnretainedWords(a, b) { a, b in
            var worst = NamePartLevel.exact
            for offset in a.indices {
                let level = compare(a[offset], b[offset])
                if level.rank > worst.rank { worst = level }
                if worst == .different { break }
            }
            return worst
        }
    }

    /// Middle names: equal word counts compare like other parts; otherwise the shorter
    /// being contained, in order, in the longer is a dropped or extra middle name.
    static func compareMiddle(_ a: ArraySlice<NameWord>, _ b: ArraySlice<NameWord>) -> NamePartLevel {
        if a.isEmpty && b.isEmpty { return .exact }
        if a.count == b.count { return compareSequence(a, b) }
        return withUnretainedWords(a, b) { a, b in
            let (short, long) = a.count < b.count ? (a, b) : (b, a)
            var position = 0
            for word in short {
                while position < long.count, compare(word, long[position]).rank > NamePartLevel.variant.rank {
                    position += 1
                }
                if position == long.count { return .different }
                position += 1
            }
            return .partial
        }
    }

    /// Runs `body` with the words of `a` and `b` read as unmanaged references, without a retain and
    /// a release for each: a registry word is shared by every person who bears it, and counting
    /// references to the same few words from every core at once took a third of a search's time.
    /// The slices, borrowed for the call, keep the words alive while `body` runs.
    private static func withUnretainedWords<Result>(
        _ a: ArraySlice<NameWord>, _ b: ArraySlice<NameWord>,
        _ body: (UnsafeBufferPointer<Unmanaged<NameWord>>, UnsafeBufferPointer<Unmanaged<NameWord>>) -> Result
    ) -> Result {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                a.withMemoryRebound(to: Unmanaged<NameWord>.self) { a in
                    b.withMemoryRebound(to: Unmanaged<NameWord>.self) { b in body(a, b) }
                }
            }
        }
    }

    private static func compare(_ a: Unmanaged<NameWord>, _ b: Unmanaged<NameWord>) -> NamePartLevel {
        a._withUnsafeGuaranteedRef { a in b._withUnsafeGuaranteedRef { b in a.compare(b) } }
    }
}
