import Foundation
import SplitMix
import Testing
@testable import PersonMatching

@Suite("Properties over seeded random inputs")
struct PropertyTests {
    @Test("the registry's blocking entries come out in the order of one whole sort, ties and shared top bits included")
    func blockingEntriesSortedByParts() {
        var rng = SplitMix64(seed: 29)
        for size in [0, 1, 2, 1_000, 60_000] {
            var entries: [(key: UInt64, packedDOB: Int32, person: UInt32)] = []
            for person in 0..<size {
                // Few distinct keys and dates, so parts hold many entries with equal keys; some keys share
                // their top 16 bits and differ below them; some entries repeat exactly.
                let key = (rng.next() % 7) << 48 | (rng.next() % 3)
                let entry = (key: key, packedDOB: Int32(rng.next() % 5), person: UInt32(person % (size / 2 + 1)))
                entries.append(entry)
                if rng.next() % 10 == 0 { entries.append(entry) }
            }
            let expected = entries.sorted { ($0.key, $0.packedDOB, $0.person) < ($1.key, $1.packedDOB, $1.person) }
            let sorted = RegistryIndexBuilder.sortedByKey(entries)
            #expect(sorted.count == expected.count)
            #expect(zip(sorted, expected).allSatisfy { $0 == $1 }, "size \(size)")
        }
    }

    @Test("encoding damage never changes the verdict: the name still agrees after repair")
    func encodingDamage() {
        var population = SyntheticPopulation(seed: 11)
        for _ in 0..<1_000 {
            let person = population.person()
            for damage in [Damage.noDiacritics, .nfd, .tcvn3, .vni, .allCaps] {
                let record = population.record(of: person, damage: [damage])
                let name = NameComparison(
                    typed: record.fullName, familyName: person.familyName, middleName: person.middleName,
                    givenName: person.givenName)
                #expect(name.agreesAfterRepair, "\(damage): \(record.fullName)")
                #expect([.exact, .equalAfterFolding].contains(name.level), "\(damage): \(record.fullName)")
            }
        }
    }

    @Test("words compared on their inline keys agree with the comparison of their byte arrays")
    func inlineWordKeys() {
        var rng = SplitMix64(seed: 17)
        // Syllables in both Unicode forms and both cases, variant spellings, typos, and words longer
        // than the 23 bytes held inline.
        let pieces = ["Nguyễn", "nguyen", "NGUYỄN", "Nguye\u{302}\u{303}n", "Nguyến", "Nguyn", "Trần", "Chần", "Huỳnh", "Hoàng",
                      "Vũ", "Võ", "Gia", "Da", "Thị", "Thi", "Ly", "Li", "Đặng", "Dang", "Anh", "An", "ngh", "ng", "Ê", "ê",
                      "H'", "Mlô", "X"]
        func word() -> NameWord {
            let text = (0..<Int.random(in: 1...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            return NameWord(text.precomposedStringWithCanonicalMapping)
        }
        var levels = Set<NamePartLevel>(), longWords = 0
        for _ in 0..<20_000 {
            let a = word(), b = Bool.random(using: &rng) ? word() : NameWord(a.text.uppercased())
            #expect(a.compare(b) == a.compareArrays(b), "\(a.text) \(b.text)")
            levels.insert(a.compare(b))
            if a.folded.count > InlineBytes.capacity { longWords += 1 }
        }
        #expect(levels == [.exact, .foldedEqual, .variant, .typo, .different])
        #expect(longWords > 500)
    }

    @Test("bounded typo distance agrees with the full Damerau–Levenshtein (OSA) distance and is symmetric")
    func typoDistance() {
        var rng = SplitMix64(seed: 3)
        func word() -> [UInt8] { Self.typoWord(&rng, maxLength: 7) }
        for _ in 0..<3_000 {
            let a = word(), b = word()
            let full = osa(a, b)
            for limit in 0...3 {
                let bounded = TypoDistance.distance(a, b, limit: limit)
                #expect(bounded == (full <= limit ? full : nil), "\(a) \(b) limit \(limit)")
                #expect(bounded == TypoDistance.distance(b, a, limit: limit))
            }
        }
    }

    @Test("a typo is a distance above zero and within the bound for the longer word, by the one-pass check too")
    func typoWithinBound() {
        var rng = SplitMix64(seed: 5)
        let alphabet = Self.typoAlphabet
        func word() -> [UInt8] { Self.typoWord(&rng, maxLength: 10) }
        var slips = [0, 0, 0]
        for _ in 0..<20_000 {
            let a = word()
            // Half the pairs one or two edits apart, so that typos are common.
            var b = a
            for _ in 0..<Int.random(in: 1...2, using: &rng) where Bool.random(using: &rng) {
                let at = Int.random(in: 0...b.count, using: &rng)
                switch Int.random(in: 0...3, using: &rng) {
                case 0: b.insert(alphabet.randomElement(using: &rng)!, at: at)
                case 1 where at < b.count: b.remove(at: at)
                case 2 where at < b.count: b[at] = alphabet.randomElement(using: &rng)!
                case 3 where at + 1 < b.count: b.swapAt(at, at + 1)
                default: break
                }
            }
            if Bool.random(using: &rng) { b = word() }
            let full = osa(a, b)
            let bound = TypoDistance.bound(forLength: max(a.count, b.count))
            #expect(TypoDistance.isWithinBound(a, b) == (full > 0 && full <= bound), "\(a) \(b)")
            #expect(TypoDistance.isOneSlipApart(a, b) == (full == 1), "\(a) \(b)")
            #expect(TypoDistance.isOneSlipApart(b, a) == TypoDistance.isOneSlipApart(a, b))
            slips[min(full, 2)] += 1
        }
        #expect(slips.allSatisfy { $0 > 2_000 }, "\(slips)")
    }

    @Test("a run of records decided with their words prepared once gets each record's own decision")
    func decisionsWithSharedTypedWords() {
        var population = SyntheticPopulation(seed: 31)
        let people = (0..<5_000).map { _ in population.person(yearRange: 2011...2012) }
        let verifier = Verifier(index: RegistryIndex(people))
        var records = people.prefix(1_500).map { population.record(of: $0, damage: population.randomDamage()) }
        records += (0..<500).map { _ in population.record(of: population.person(yearRange: 2011...2012), damage: population.randomDamage()) }
        // The same word in another Unicode form, in legacy encodings, and longer than a word's inline bytes.
        records += ["Nguye\u{302}\u{303}n Thi\u{323} Lan", "NguyÔn ThÞ Lan", "Nguyễn Thị Lan", "Nguyễnnnnnnnnnnnnnnnnnnnnnn Thị Lan"].map {
            PersonRecord(fullName: $0, dateOfBirth: CivilDate(year: 2011, month: 5, day: 2), sex: .female)
        }
        let together = verifier.verify(records)
        #expect(together == records.map(verifier.verify))
        #expect(Set(together.map(\.status)).count >= 4, "\(Set(together.map(\.status)))")

        let typed = TypedWords()
        func word(_ text: String) -> NameWord { NameWord.words(of: text, reusing: typed)[0] }
        let first = word("Nguyễn"), again = NameWord.words(of: "Nguyễn Văn", reusing: typed)[0]
        #expect(first === again)
        #expect(word("Nguye\u{302}\u{303}n") !== first, "another byte string, another word")
        #expect(word("Nguye\u{302}\u{303}n").text == "Nguye\u{302}\u{303}n")
        let long = String(repeating: "ngu", count: 10)
        #expect(word(long).text == long)
        TypedWords.withCache { lent in
            TypedWords.withCache { #expect($0 !== lent, "a cache lent out is not lent again until it comes back") }
        }
    }

    @Test("a name's whitespace is collapsed alike by the byte check and scalar by scalar, and split into its words")
    func collapsingByBytes() {
        var rng = SplitMix64(seed: 41)
        let pieces = [" ", "  ", "\t", "\n", "\u{A0}", "\u{85}", "\u{3000}", "\u{2009}", "\u{202F}", "\u{1680}", "\u{200B}",
                      "\u{2060}", "\u{FEFF}", "\u{7F}", "Nguyễn", "Thị", "Đặng", "anh", "ư", "e\u{301}", "Ā", "Ω", "ớ", "😀", "Ꭰ"]
        var fast = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let slow = TypedName.collapsingEachScalar(text)
            let collapsed = TypedName.collapsingWhitespace(text)
            #expect(collapsed.utf8.elementsEqual(slow.utf8), "\(text.unicodeScalars.map(\.value))")
            if TypedName.isCollapsed(text) {
                fast += 1
                #expect(text.utf8.elementsEqual(slow.utf8), "\(text.unicodeScalars.map(\.value))")
            }
            let words = NameWord.words(of: collapsed)
            #expect(words.map(\.text) == collapsed.split(separator: " ").map(String.init))
            TypedWords.withCache { #expect(NameWord.words(of: collapsed, reusing: $0).map(\.text) == words.map(\.text)) }
        }
        #expect(fast > 2_000, "\(fast)")
        #expect(TypedName.isCollapsed("Nguyễn Thị Đặng Lan"))
        #expect(!TypedName.isCollapsed("Nguyễn\u{A0}Lan") && !TypedName.isCollapsed(" Lan") && !TypedName.isCollapsed("Lan "))
    }

    @Test("day numbers count consecutive days across months, leap years and centuries")
    func dayNumbers() {
        var previous: Int?
        for year in [1899, 1900, 1999, 2000, 2023, 2024, 2100] {
            for month in 1...12 {
                for day in 1...31 {
                    guard let date = CivilDate(year: year, month: month, day: day), let number = date.dayNumber else { continue }
                    if let previous, day != 1 || month != 1 { #expect(number == previous + 1, "\(date)") }
                    previous = number
                    #expect(CivilDate(packed: date.packed) == date)
                    #expect(CivilDate.parse(date.vietnameseFormat) == date)
                    #expect(CivilDate.parse(date.description) == date)
                }
            }
        }
    }

    @Test("date comparison is symmetric")
    func dateSymmetry() {
        var rng = SplitMix64(seed: 8)
        for _ in 0..<5_000 {
            func date() -> CivilDate? {
                let year = Int.random(in: 2007...2009, using: &rng)
                if Int.random(in: 0..<6, using: &rng) == 0 { return CivilDate(year: year) }
                return CivilDate(year: year, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...12, using: &rng))
            }
            let a = date(), b = date()
            #expect(FieldComparators.compareDates(a, b) == FieldComparators.compareDates(b, a))
        }
    }

    /// Reference optimal-string-alignment distance, unbounded.
    /// Few letters, so that words of the typo tests are often close.
    private static let typoAlphabet = Array("anhgiy".utf8)

    private static func typoWord(_ rng: inout SplitMix64, maxLength: Int) -> [UInt8] {
        (0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in typoAlphabet.randomElement(using: &rng) ?? 0x61 }
    }

    private func osa(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
