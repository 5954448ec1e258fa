/// A lenient check that a word is a well-formed Vietnamese syllable, used to decide
/// whether a legacy-encoding decode produced real Vietnamese (DOMAIN.md §2: "keep the
/// result in which every letter is a valid Vietnamese letter").
///
/// Strict where garbage shows (the vowel cluster, one tone at most, the final
/// consonant, stop finals taking only sắc/nặng) and lenient on initial consonant
/// clusters, so minority names such as "Ksor" or "Kpă" still pass.
enum VietnameseSyllable {
    private enum FinalRule { case forbidden, required, optional }

    /// Vowel clusters (toneless, lowercase) after the initial consonant, and whether a
    /// final consonant may or must follow.
    private static let nuclei: [String: FinalRule] = {
        var table: [String: FinalRule] = [:]
        // "iê" stays open for Êđê names such as "Niê".
        for n in ["a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy", "iê"] {
            table[n] = .optional
        }
        for n in ["ă", "â", "yê", "uô", "ươ", "uyê", "uâ", "oă", "oo"] {
            table[n] = .required
        }
        for n in [
            "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "iêu", "oai", "oao",
            "oay", "oeo", "oi", "ôi", "ơi", "ua", "ui", "uôi", "uây", "uơ", "uya", "uyu",
            "ưa", "ưi", "ưu", "ươi", "ươu", "yêu",
        ] {
            table[n] = .forbidden
        }
        return table
    }()

    private static let finals: Set<String> = ["c", "ch", "m", "n", "ng", "nh", "p", "t", "k"]
    private static let stopFinals: Set<String> = ["c", "ch", "p", "t", "k"]

    /// Open two-vowel nuclei whose tone sits on the first vowel (mía, múa, mưa, tài…).
    private static let toneOnFirst: Set<String> = [
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua",
        "ui", "ưa", "ưi", "ưu",
    ]
    /// Nuclei where old style (hòa, thủy) and new style (hoà, thuỷ) are both correct.
    private static let toneOnEither: Set<String> = ["oa", "oe", "uy"]

    /// True when `word` (letters only, any case, NFC) is a plausible syllable: one tone
    /// at most, on the vowel the spelling rules put it on; no capital after a small
    /// letter; a known vowel cluster; an allowed final consonant.
    static func isValid<S: StringProtocol>(_ word: S) -> Bool {
        var letters: [Letter] = []
        var tone = Tone.ngang
        var tonedIndex: Int?
        var seenLowercase = false
        for scalar in word.unicodeScalars {
            guard let info = LetterTable.info(scalar) else { return false }
            if info.isUppercase {
                guard !seenLowercase else { return false }
            } else {
                seenLowercase = true
            }
            if info.tone != .ngang {
                // One tone per syllable, and only on a vowel.
                guard tone == .ngang, info.letter.isVowel else { return false }
                tone = info.tone
                tonedIndex = letters.count
            }
            letters.append(info.letter)
        }
        guard let firstVowel = letters.firstIndex(where: \.isVowel) else { return false }
        var nucleusEnd = firstVowel
        while nucleusEnd < letters.count, letters[nucleusEnd].isVowel { nucleusEnd += 1 }
        guard !letters[nucleusEnd...].contains(where: \.isVowel) else { return false }

        var initial = Array(letters[..<firstVowel])
        var nucleus = Array(letters[firstVowel..<nucleusEnd])
        var nucleusStart = firstVowel
        let final = letters[nucleusEnd...].map(\.lowercase).joined()

        // "qu" and "gi" are initials whose second letter looks like a vowel.
        if initial.last == .q, nucleus.first == .u, nucleus.count > 1 {
            initial.append(nucleus.removeFirst())
            nucleusStart += 1
        } else if initial == [.g], nucleus.first == .i, nucleus.count > 1 {
            initial.append(nucleus.removeFirst())
            nucleusStart += 1
        }
        guard initial.count <= 3, !initial.contains(.q) || initial.last == .u else { return false }

        let cluster = nucleus.map(\.lowercase).joined()
        guard let rule = nuclei[cluster] else { return false }
        switch rule {
        case .forbidden: guard final.isEmpty else { return false }
        case .required: guard !final.isEmpty else { return false }
        case .optional: break
        }
        guard final.isEmpty || finals.contains(final) else { return false }
        if stopFinals.contains(final), tone != .sac, tone != .nang { return false }

        if let tonedIndex {
            let position = tonedIndex - nucleusStart
            let allowed: Set<Int>
            if nucleus.count == 1 {
                allowed = [0]
            } else if !final.isEmpty {
                allowed = [nucleus.count - 1]  // toán, tiến, muốn, nguyễn
            } else if nucleus.count == 3 {
                allowed = [1]  // tiêu, ngoài, người, khuỷu
            } else if toneOnFirst.contains(cluster) {
                allowed = [0]
            } else if toneOnEither.contains(cluster) {
                allowed = [0, 1]
            } else {
                allowed = [1]  // huệ, thuở
            }
            guard allowed.contains(position) else { return false }
        }
        return true
    }
}
