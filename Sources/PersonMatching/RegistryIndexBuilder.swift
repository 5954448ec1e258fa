import VietnameseText

/// Accumulates the compact arrays of a `RegistryIndex`: interns name parts (each
/// distinct registry spelling is cleaned, split and folded once) and collects the
/// blocking keys of every person.
struct RegistryIndexBuilder {
    var citizenIDs: [UInt64] = []
    var familyPart: [UInt32] = []
    var middlePart: [UInt32] = []
    var givenPart: [UInt32] = []
    var packedDOB: [Int32] = []
    var sexCode: [UInt8] = []
    var province: [UInt16] = []
    var parts: [[NameWord]] = []
    /// Per part: its words' text, as a registry person's name part is given back.
    var partTexts: [String] = []
    /// Per part: the number of its folded form when it is one word, else `RegistryIndex.multiWordKey`.
    var partFoldedKey: [UInt32] = []
    /// Folded single words → number, for looking up a record's words.
    var foldedWordKeys: [[UInt8]: UInt32] = [:]
    private var partNumbers: [String: UInt32] = [:]
    /// (key hash, date of birth, person), sorted when the blocks are built. The date is kept beside
    /// the key, where the tuple's alignment leaves room for it anyway, so that sorting ten million
    /// of them does not look each person's date up in another array.
    private var keyed: [(key: UInt64, packedDOB: Int32, person: UInt32)] = []
    private var keyScratch: [UInt64] = []

    init(capacity: Int) {
        citizenIDs.reserveCapacity(capacity)
        familyPart.reserveCapacity(capacity)
        middlePart.reserveCapacity(capacity)
        givenPart.reserveCapacity(capacity)
        packedDOB.reserveCapacity(capacity)
        sexCode.reserveCapacity(capacity)
        province.reserveCapacity(capacity)
        keyed.reserveCapacity(capacity * 5)
    }

    mutating func add(_ person: RegistryPerson, id: UInt64) {
        let number = UInt32(citizenIDs.count)
        citizenIDs.append(id)
        let family = intern(person.familyName)
        let middle = intern(person.middleName)
        let given = intern(person.givenName)
        familyPart.append(family)
        middlePart.append(middle)
        givenPart.append(given)
        let dob = person.dateOfBirth?.packed ?? 0
        let sex = SexCode.of(person.sex)
        let code = FieldComparators.provinceNumber(person.birthProvince) ?? 0
        packedDOB.append(dob)
        sexCode.append(sex)
        province.append(code)
        let givenKey = parts[Int(given)].last?.folded ?? []
        keyScratch.removeAll(keepingCapacity: true)
        BlockingKey.append(
            to: &keyScratch, given: givenKey, family: parts[Int(family)].first?.folded ?? [],
            packedDOB: dob, sex: sex, province: code)
        for key in keyScratch { keyed.append((key, dob, number)) }
    }

    private mutating func intern(_ raw: String) -> UInt32 {
        if let number = partNumbers[raw] { return number }
        let number = UInt32(parts.count)
        let words = NameWord.words(of: VietnameseText.clean(raw))
        parts.append(words)
        // A one-word part shares its word's text.
        partTexts.append(words.count == 1 ? words[0].text : words.map(\.text).joined(separator: " "))
        partNumbers[raw] = number
        if words.count == 1 {
            let folded = words[0].folded
            let key = foldedWordKeys[folded] ?? UInt32(foldedWordKeys.count)
            foldedWordKeys[folded] = key
            partFoldedKey.append(key)
        } else {
            partFoldedKey.append(RegistryIndex.multiWordKey)
        }
        return number
    }

    func givenFrequencies() -> [Double] { frequencies(foldedCounts(givenPart)) }

    /// Per part: the share of people whose folded family name is the part's.
    func familyFrequencies() -> [Double] { frequencies(foldedCounts(familyPart)) }

    /// Per part: the share of people whose folded middle name is the part's.
    func middleFrequencies() -> [Double] { frequencies(foldedCounts(middlePart)) }

    /// Folded given name → share of people with it (the term frequencies).
    func foldedGivenFrequencies() -> [[UInt8]: Double] {
        let total = Double(max(citizenIDs.count, 1))
        return foldedCounts(givenPart).mapValues { Double($0) / total }
    }

    private func frequencies(_ counts: [[UInt8]: Int]) -> [Double] {
        let total = Double(max(citizenIDs.count, 1))
        return parts.map { words in Double(counts[words.flatMap(\.folded)] ?? 0) / total }
    }

    /// Folded name → how many people bear it in the part `partOfPerson` numbers: counted per part
    /// number first, so each distinct part is folded once rather than once per person.
    private func foldedCounts(_ partOfPerson: [UInt32]) -> [[UInt8]: Int] {
        var perPart = [Int](repeating: 0, count: parts.count)
        for part in partOfPerson { perPart[Int(part)] += 1 }
        var counts: [[UInt8]: Int] = [:]
        for (part, count) in perPart.enumerated() where count > 0 {
            counts[parts[part].flatMap(\.folded), default: 0] += count
        }
        return counts
    }

    /// Within a block, people are in order of date of birth (then person number), so that the
    /// search can reach the few whose date is close to a record's by binary search.
    mutating func buildBlocks() -> (keys: [UInt64], starts: [UInt32], postings: [UInt32]) {
        keyed = Self.sortedByKey(keyed)
        var keys: [UInt64] = [], starts: [UInt32] = [], postings: [UInt32] = []
        postings.reserveCapacity(keyed.count)
        for (index, entry) in keyed.enumerated() {
            if index == 0 || keyed[index - 1].key != entry.key {
                keys.append(entry.key)
                starts.append(UInt32(postings.count))
            } else if postings.last == entry.person {
                continue
            }
            postings.append(entry.person)
        }
        starts.append(UInt32(postings.count))
        keyed = []
        return (keys, starts, postings)
    }

    /// `entries` in order of key, date of birth and person (an order with no ties, so any sort
    /// gives the same). Spread first by the key's top 16 bits (the keys are hashes, so about a
    /// hundred and fifty entries in each of 65,536 parts for a registry of two million), then
    /// each part sorted on its own: ten million entries sorted in one piece were merged over and
    /// over through memory, a fifth of loading the registry.
    static func sortedByKey(_ entries: [(key: UInt64, packedDOB: Int32, person: UInt32)]) -> [(key: UInt64, packedDOB: Int32, person: UInt32)] {
        let partCount = 1 << 16
        func part(_ key: UInt64) -> Int { Int(key >> 48) }
        // starts[p] is where part p begins in the result.
        var starts = [Int](repeating: 0, count: partCount + 1)
        for entry in entries { starts[part(entry.key) + 1] += 1 }
        for index in 1...partCount { starts[index] += starts[index - 1] }
        var sorted = Array<(key: UInt64, packedDOB: Int32, person: UInt32)>(unsafeUninitializedCapacity: entries.count) { buffer, count in
            var next = starts
            for entry in entries {
                let index = part(entry.key)
                (buffer.baseAddress! + next[index]).initialize(to: entry)
                next[index] += 1
            }
            count = entries.count
        }
        sorted.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<partCount where starts[index + 1] - starts[index] > 1 {
                var part = UnsafeMutableBufferPointer(rebasing: buffer[starts[index]..<starts[index + 1]])
                part.sort { ($0.key, $0.packedDOB, $0.person) < ($1.key, $1.packedDOB, $1.person) }
            }
        }
        return sorted
    }
}
