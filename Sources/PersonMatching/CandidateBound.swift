/// A cheap upper bound on a candidate's match weight, from integers only, so that most
/// people in a block are dismissed without comparing names: a candidate whose bound
/// cannot beat the current top-k (or the caller's minimum) is skipped. The bound is
/// never below the real weight, so the top-k found is the same as without it.
struct CandidateBound {
    /// Folded-word numbers of the record's words that could be the family name under
    /// some word order (first, second, last) and the given name (last, second last,
    /// first); `nil` when the word is unknown to the registry.
    let familyKeys: [UInt32]
    let givenKeys: [UInt32]
    let familyAgree: Double, familyOther: Double
    let middleMax: Double
    let givenOther: Double
    /// Records the bound cannot judge (legacy readings) are always compared in full.
    let isUsable: Bool
    /// The most a person whose date of birth is simply different (not the same, swapped,
    /// a day off, year-only or missing) can weigh against this record: when the search's bar
    /// is above it, such people need not even be bounded one by one.
    let ceilingForDifferentDate: Double

    init(record: PreparedRecord, index: RegistryIndex, model: MatchModel) {
        let words = record.name.words
        func key(_ position: Int) -> UInt32? {
            guard words.indices.contains(position) else { return nil }
            return index.foldedWordKeys[words[position].folded]
        }
        let n = words.count
        familyKeys = [key(0), key(1), key(n - 1)].compactMap { $0 }
        givenKeys = [key(n - 1), key(n - 2), key(0)].compactMap { $0 }
        func weights(_ field: MatchField) -> [Double] {
            (0..<field.levelCount).map { model.weight(field, level: $0) }
        }
        let family = weights(.familyName), middle = weights(.middleName), given = weights(.givenName)
        let agreeing = [NamePartLevel.exact.index, NamePartLevel.foldedEqual.index]
        familyAgree = agreeing.map { family[$0] }.max() ?? 0
        familyOther = family.indices.filter { !agreeing.contains($0) }.map { family[$0] }.max() ?? 0
        middleMax = middle.max() ?? 0
        givenOther = given.indices.filter { !agreeing.contains($0) }.map { given[$0] }.max() ?? 0
        isUsable = record.name.legacyReadings.isEmpty
        // A given name agrees only with a run of the record's words (one word, or more for
        // minority given names), and then weighs by that name's frequency.
        var givenMax = givenOther
        for length in 1...max(words.count, 1) where words.count >= length {
            for start in 0...(words.count - length) {
                guard let frequency = index.foldedGivenFrequency[words[start..<start + length].flatMap(\.folded)] else { continue }
                givenMax = max(givenMax, model.givenNameWeight(level: .exact, frequency: frequency),
                               model.givenNameWeight(level: .foldedEqual, frequency: frequency))
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
    func weight(position: Int, index: RegistryIndex, record: PreparedRecord, model: MatchModel) -> Double {
        let familyKey = index.partFoldedKey[Int(index.familyPart[position])]
        let givenKey = index.partFoldedKey[Int(index.givenPart[position])]
        let familyCanAgree = familyKey == RegistryIndex.multiWordKey || familyKeys.contains(familyKey)
        let givenCanAgree = givenKey == RegistryIndex.multiWordKey || givenKeys.contains(givenKey)
        var bound = (familyCanAgree ? familyAgree : familyOther) + middleMax
        if givenCanAgree {
            let frequency = index.givenNameFrequency(at: position)
            bound += max(
                model.givenNameWeight(level: .exact, frequency: frequency),
                model.givenNameWeight(level: .foldedEqual, frequency: frequency))
        } else {
            bound += givenOther
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
