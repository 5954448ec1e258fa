/// A cheap upper bound on a candidate's match weight, so that most people in a block are
/// dismissed without aligning names: a candidate whose bound cannot beat the current top-k
/// (or the caller's minimum) is skipped. The bound is never below the real weight, so the
/// top-k found is the same as without it.
///
/// A person whose family and given names are one word each is bounded by the levels those
/// two words reach against the record's words they could face under any word order, each
/// computed once per search and name part (`PartWeights`); the people of a date block
/// share a few hundred of them. Other people are bounded from integers only: whether the
/// folded word can agree at all.
struct CandidateBound {
    /// Folded-word numbers of the record's words that could be the family name under
    /// some word order (first, second, last) and the given name (last, second last,
    /// first), as typed and in each legacy reading; words unknown to the registry left out.
    let familyKeys: [UInt32]
    let givenKeys: [UInt32]
    let familyAgree: Double, familyOther: Double
    let middleMax: Double
    let givenOther: Double
    /// The most a person whose date of birth is simply different (not the same, swapped,
    /// a day off, year-only or missing) can weigh against this record: when the search's bar
    /// is above it, such people need not even be bounded one by one.
    let ceilingForDifferentDate: Double
    /// The record's words a one-word family name can face (`NameAlignment.align`: first in the
    /// usual order, last when typed family-last, second when typed given-first) and those a
    /// one-word given name can face (last, second last, first), as typed and in each legacy
    /// reading. Empty when a reading has fewer than two words: the alignment then leaves the
    /// family name missing instead.
    private let familyFacing: [NameWord]
    private let givenFacing: [NameWord]
    private var familyWeights = PartWeights()
    private var givenWeights = PartWeights()

    init(record: PreparedRecord, index: RegistryIndex, model: MatchModel) {
        // The name is aligned as typed and as each legacy reading of it, the best kept: every
        // reading's words count, so the bound holds whichever wins.
        let readings = [record.name.words] + record.name.legacyReadings.map(\.words)
        func keys(_ positions: (Int) -> [Int]) -> [UInt32] {
            readings.flatMap { words in
                positions(words.count).compactMap { words.indices.contains($0) ? index.foldedWordKeys[words[$0].folded] : nil }
            }
        }
        familyKeys = keys { [0, 1, $0 - 1] }
        givenKeys = keys { [$0 - 1, $0 - 2, 0] }
        let wordsFaceParts = readings.allSatisfy { $0.count >= 2 }
        familyFacing = wordsFaceParts ? readings.flatMap { [$0[0], $0[$0.count - 1], $0[1]] } : []
        givenFacing = wordsFaceParts ? readings.flatMap { [$0[$0.count - 1], $0[$0.count - 2], $0[0]] } : []
        func weights(_ field: MatchField) -> [Double] {
            (0..<field.levelCount).map { model.weight(field, level: $0) }
        }
        let family = weights(.familyName), middle = weights(.middleName), given = weights(.givenName)
        let agreeing = [NamePartLevel.exact.index, NamePartLevel.foldedEqual.index]
        familyAgree = agreeing.map { family[$0] }.max() ?? 0
        familyOther = family.indices.filter { !agreeing.contains($0) }.map { family[$0] }.max() ?? 0
        middleMax = middle.max() ?? 0
        givenOther = given.indices.filter { !agreeing.contains($0) }.map { given[$0] }.max() ?? 0
        // A given name agrees only with a run of the record's words (one word, or more for
        // minority given names), and then weighs by that name's frequency.
        var givenMax = givenOther
        for words in readings {
            for length in 1...max(words.count, 1) where words.count >= length {
                for start in 0...(words.count - length) {
                    guard let frequency = index.foldedGivenFrequency[words[start..<start + length].flatMap(\.folded)] else {
                        continue
                    }
                    givenMax = max(givenMax, model.givenNameWeight(level: .exact, frequency: frequency),
                                   model.givenNameWeight(level: .foldedEqual, frequency: frequency))
                }
            }
        }
        let sex = weights(.sex), province = weights(.birthProvince)
        // A person whose sex or province is not known meets the record at the unknown level,
        // which an estimated model may weigh above agreement.
        let sexMax = record.sexCode == 0 ? sex[SexLevel.unknown.index] : sex.max() ?? 0
        let provinceMax = record.province == 0 ? province[ProvinceLevel.unknown.index] : province.max() ?? 0
        ceilingForDifferentDate = max(familyAgree, familyOther) + middleMax + givenMax
            + model.weight(.dateOfBirth, level: DateLevel.different.index) + sexMax + provinceMax
    }

    /// The bound for the person at `position`.
    @inline(__always)
    mutating func weight(position: Int, index: RegistryIndex, record: PreparedRecord, model: MatchModel) -> Double {
        let familyPart = index.familyPart[position], givenPart = index.givenPart[position]
        let familyKey = index.partFoldedKey[Int(familyPart)]
        let givenKey = index.partFoldedKey[Int(givenPart)]
        var bound = middleMax
        if !familyFacing.isEmpty, familyKey != RegistryIndex.multiWordKey, givenKey != RegistryIndex.multiWordKey {
            bound += familyWeights.value(for: familyPart) {
                let word = index.parts[Int(familyPart)][0]
                return familyFacing.reduce(-Double.infinity) {
                    max($0, model.weight(.familyName, level: $1.compare(word).index))
                }
            }
            bound += givenWeights.value(for: givenPart) {
                let word = index.parts[Int(givenPart)][0]
                let frequency = index.partGivenFrequency[Int(givenPart)]
                return givenFacing.reduce(-Double.infinity) {
                    max($0, model.givenNameWeight(level: $1.compare(word), frequency: frequency))
                }
            }
        } else {
            // A part that can agree may still not: an estimated model may weigh some other level higher.
            let familyCanAgree = familyKey == RegistryIndex.multiWordKey || familyKeys.contains(familyKey)
            let givenCanAgree = givenKey == RegistryIndex.multiWordKey || givenKeys.contains(givenKey)
            bound += familyCanAgree ? max(familyAgree, familyOther) : familyOther
            if givenCanAgree {
                let frequency = index.givenNameFrequency(at: position)
                bound += max(
                    model.givenNameWeight(level: .exact, frequency: frequency),
                    model.givenNameWeight(level: .foldedEqual, frequency: frequency), givenOther)
            } else {
                bound += givenOther
            }
        }
        bound += model.weight(
            .dateOfBirth, level: FieldComparators.comparePacked(record.packedDOB, index.packedDOB[position]).index)
        bound += model.weight(.sex, level: SexCode.compare(record.sexCode, index.sexCode[position]).index)
        let province = index.province[position]
        let provinceLevel: ProvinceLevel =
            record.province == 0 || province == 0 ? .unknown : (record.province == province ? .same : .different)
        return bound + model.weight(.birthProvince, level: provinceLevel.index)
    }
}

/// Weights by name part number, for one search: an open-addressing table that starts small and
/// doubles when half full. Part numbers are below `UInt32.max`, which marks an empty slot.
struct PartWeights {
    private var keys = [UInt32](repeating: .max, count: 256)
    private var values = [Double](repeating: 0, count: 256)
    private var count = 0

    @inline(__always)
    mutating func value(for key: UInt32, _ compute: () -> Double) -> Double {
        var slot = Self.slot(of: key, mask: keys.count - 1)
        while keys[slot] != .max {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & (keys.count - 1)
        }
        let value = compute()
        keys[slot] = key
        values[slot] = value
        count += 1
        if count * 2 > keys.count { grow() }
        return value
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = [UInt32](repeating: .max, count: oldKeys.count * 2)
        values = [Double](repeating: 0, count: oldKeys.count * 2)
        for (key, value) in zip(oldKeys, oldValues) where key != .max {
            var slot = Self.slot(of: key, mask: keys.count - 1)
            while keys[slot] != .max { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = value
        }
    }

    @inline(__always)
    private static func slot(of key: UInt32, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }
}
