extension RegistryIndex {
    /// How many registry people could be the record's person as well as the one at `position`, that
    /// one included: the others bearing that person's name (family, middle and given, folded) and
    /// birth year, with the record's sex and birth province. `recordSex` and `recordProvince` are the
    /// record's (`SexCode`, province number): 0 means the record does not say, and then people of
    /// either sex, or of any province, count, because a person the registry does not hold could be
    /// any of them. People whose sex or province the registry does not know count too. With
    /// `anyMiddleName` (the record's middle name is missing, shorter or a variant, so that it does not
    /// tell the middle names apart), a different middle name counts too.
    ///
    /// With n such people, someone the registry does not hold but who bears the same name in the
    /// same year shares one of their dates of birth with a chance of about n in 365. The weights of
    /// the name parts, taken one by one, cannot see how often a whole name recurs in one year, and
    /// n grows with the registry (`VerificationPolicy.maximumNamesakes`).
    func namesakes(of position: Int, recordSex: UInt8, recordProvince: UInt16, anyMiddleName: Bool) -> Int {
        let packed = packedDOB[position]
        let givenWords = parts[Int(givenPart[position])]
        guard packed != 0, let lastGiven = givenWords.last?.folded,
              let block = block(BlockingKey.givenYear(given: lastGiven, year: UInt64(packed / 10_000))) else { return 1 }
        let family = familyPart[position], middle = middlePart[position], given = givenPart[position]
        let year = packed / 10_000
        var count = 1
        for slot in block {
            let other = Int(postings[slot])
            // The block holds every person of this given name and year, and hash collisions.
            guard other != position, packedDOB[other] / 10_000 == year,
                  recordSex == 0 || sexCode[other] == 0 || sexCode[other] == recordSex,
                  recordProvince == 0 || province[other] == 0 || province[other] == recordProvince,
                  samePart(givenPart[other], given), samePart(familyPart[other], family),
                  anyMiddleName || samePart(middlePart[other], middle) else { continue }
            count += 1
        }
        return count
    }

    /// Whether two name parts are the same name once folded (Hân and Hán are; Thị Thu and Thu are not).
    private func samePart(_ a: UInt32, _ b: UInt32) -> Bool {
        if a == b { return true }
        let keyA = partFoldedKey[Int(a)], keyB = partFoldedKey[Int(b)]
        if keyA != RegistryIndex.multiWordKey || keyB != RegistryIndex.multiWordKey { return keyA == keyB }
        let wordsA = parts[Int(a)], wordsB = parts[Int(b)]
        return wordsA.count == wordsB.count && zip(wordsA, wordsB).allSatisfy { $0.folded == $1.folded }
    }
}
