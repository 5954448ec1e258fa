/// A pre-Unicode Vietnamese encoding (DOMAIN.md §2, [T2]).
public enum LegacyEncoding: String, Sendable, Codable, CaseIterable {
    /// TCVN 5712 VN3 / "ABC" (.VnTime fonts): one byte per letter, e.g. `NguyÔn V¨n §øc`.
    case tcvn3
    /// VNI-Windows (VNI-Times fonts): a letter plus a mark byte, e.g. `Nguyeãn Vaên Ñöùc`.
    case vni
}

/// Detects and converts text typed in legacy Vietnamese fonts and later read as
/// Latin-1 / Windows-1252 (DOMAIN.md §2: "look for characters foreign to Vietnamese,
/// decode with each table and keep the result in which every letter is a valid
/// Vietnamese letter").
///
/// `repairIfLegacy` is deliberately conservative: normal Unicode Vietnamese is never
/// altered, because any letter outside Latin-1 (ă, đ, ơ, ư, ạ, ễ…) proves the text
/// is Unicode already, and valid syllables give no reason to convert.
public enum LegacyVietnamese {
    // MARK: Public API

    /// The legacy encoding `text` is written in, or nil when it is (or may be) plain
    /// Unicode. Same decision as `repairIfLegacy`.
    public static func detect(_ text: String) -> LegacyEncoding? {
        repairIfLegacy(text).encoding
    }

    /// Converts `text` as if it were in `encoding`, whatever it looks like. Characters
    /// the encoding does not use pass through unchanged. The result is NFC.
    public static func decode(_ text: String, from encoding: LegacyEncoding) -> String {
        switch encoding {
        case .tcvn3: decodeTCVN3(text)
        case .vni: decodeVNI(text)
        }
    }

    /// Converts raw legacy bytes (e.g. a file saved from a .VnTime document).
    public static func decode<Bytes: Sequence<UInt8>>(bytes: Bytes, from encoding: LegacyEncoding) -> String {
        var latin1 = String.UnicodeScalarView()
        for byte in bytes { latin1.append(Unicode.Scalar(byte)) }
        return decode(String(latin1), from: encoding)
    }

    /// Writes Unicode Vietnamese in `encoding` (as Latin-1 characters), or nil when the
    /// text holds something the encoding cannot represent: a character outside ASCII
    /// and the Vietnamese letters, or, for TCVN3, a capital with a tone mark.
    public static func encode(_ text: String, to encoding: LegacyEncoding) -> String? {
        var out = ""
        for scalar in VietnameseText.nfc(text).unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar); continue }
            guard isVietnameseLetter(scalar), let info = LetterTable.info(scalar) else { return nil }
            switch encoding {
            case .tcvn3:
                guard let byte = TCVN3Table.encoding[String(scalar)] else { return nil }
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case .vni:
                guard let spelled = VNITable.spell(info.letter, info.tone, uppercase: info.isUppercase)
                else { return nil }
                out += spelled
            }
        }
        return out
    }

    /// Converts `text` only when it is evidently legacy-encoded: every character could
    /// come from a single-byte decode, the text shows legacy signs (a character foreign
    /// to Vietnamese such as `§ ¨ µ Ñ ö`, or a word that is no Vietnamese syllable),
    /// and exactly one encoding turns it into valid Vietnamese letters and syllables.
    /// Otherwise returns the input unchanged with a nil encoding.
    public static func repairIfLegacy(_ text: String) -> (text: String, encoding: LegacyEncoding?) {
        let unchanged = (text: text, encoding: LegacyEncoding?.none)
        guard text.unicodeScalars.allSatisfy(couldComeFromSingleByteDecode),
              text.unicodeScalars.contains(where: { !$0.isASCII }),
              hasForeignCharacter(text) || hasInvalidSyllable(text)
        else { return unchanged }

        var candidates: [(String, LegacyEncoding)] = []
        for encoding in LegacyEncoding.allCases {
            let decoded = decode(text, from: encoding)
            if decoded != text, isPlausibleVietnamese(decoded) {
                candidates.append((decoded, encoding))
            }
        }
        guard candidates.count == 1, let only = candidates.first else { return unchanged }
        return (only.0, only.1)
    }

    // MARK: Decoders

    static func decodeTCVN3(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x100, let letter = TCVN3Table.decoding[UInt8(scalar.value)] {
                out += letter
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return VietnameseText.nfc(out)
    }

    static func decodeVNI(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            if let (letter, upper) = VNITable.base(scalar) {
                if i + 1 < scalars.count, let mark = VNITable.marks[scalars[i + 1]],
                   let (combined, tone) = VNITable.combine(letter, mark) {
                    out += LetterTable.compose(combined, tone, uppercase: upper)
                    i += 2
                    continue
                }
                out += LetterTable.compose(letter, .ngang, uppercase: upper)
            } else if let (letter, tone, upper) = VNITable.singleByScalar[scalar] {
                out += LetterTable.compose(letter, tone, uppercase: upper)
            } else {
                out.unicodeScalars.append(scalar)
            }
            i += 1
        }
        return VietnameseText.nfc(out)
    }

    // MARK: Evidence

    /// The 134 precomposed Vietnamese letters plus đ/Đ (ASCII letters are checked apart).
    static let vietnameseLetters: Set<Unicode.Scalar> = {
        var set: Set<Unicode.Scalar> = []
        for letter in Letter.allCases where letter.isVietnamese {
            let tones: [Tone] = letter.isVowel ? Tone.allCases : [.ngang]
            for tone in tones {
                for upper in [false, true] {
                    let s = LetterTable.compose(letter, tone, uppercase: upper)
                    if let only = s.unicodeScalars.first, s.unicodeScalars.count == 1, !only.isASCII {
                        set.insert(only)
                    }
                }
            }
        }
        return set
    }()

    static func isVietnameseLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.properties.isAlphabetic }
        return vietnameseLetters.contains(scalar)
    }

    /// Latin-1 characters that Vietnamese never uses (¡…¿, Ä Å Æ Ç Ë Î Ï Ð Ñ Ö × Ø Û Ü Þ ß,
    /// their lowercase, ÷ ÿ): the fingerprints of a legacy font read as Latin-1.
    static func isForeign(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0xA1 && scalar.value <= 0xFF && !vietnameseLetters.contains(scalar)
    }

    static func hasForeignCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isForeign)
    }

    /// ASCII, Latin-1, and what Windows-1252 puts at 0x80–0x9F (quotes, dashes, €, ™).
    static func couldComeFromSingleByteDecode(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0xFF, 0x2010...0x203A, 0x20AC, 0x2122: true
        default: false
        }
    }

    /// Words (maximal runs of letters) that contain a non-ASCII letter.
    static func accentedWords(_ text: String) -> [Substring] {
        text.split(whereSeparator: { ch in
            !ch.unicodeScalars.allSatisfy { isVietnameseLetter($0) || LetterTable.isCombiningMark($0) }
        }).filter { !$0.allSatisfy(\.isASCII) }
    }

    static func hasInvalidSyllable(_ text: String) -> Bool {
        accentedWords(text).contains { !VietnameseSyllable.isValid($0) }
    }

    /// No foreign character left, and every accented word a Vietnamese syllable.
    static func isPlausibleVietnamese(_ text: String) -> Bool {
        !hasForeignCharacter(text) && !hasInvalidSyllable(text)
    }
}
