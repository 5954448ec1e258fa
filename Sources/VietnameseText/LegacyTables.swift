/// Byte tables of the two pre-Unicode encodings still found in school files
/// (DOMAIN.md §2, [T2]). Both are single-byte encodings whose bytes, read back as
/// Latin-1 / Windows-1252, give the familiar garbage (`NguyÔn V¨n §øc`,
/// `Nguyeãn Vaên Ñöùc`); the tables below are indexed by that Latin-1 code point.
///
/// Sources: the TCVN 5712:1993 VN3 ("ABC", .VnTime fonts) layout as shipped in public
/// converters (it equals the upper half of glibc's TCVN5712-1 for lowercase letters);
/// VNI-Windows as used by the VNI fonts (letter followed by a mark byte).
enum TCVN3Table {
    /// Lowercase vowels: bytes in tone order ngang, huyền, hỏi, ngã, sắc, nặng.
    /// 0 marks the plain ASCII letter.
    static let vowelRows: [(Letter, [UInt8])] = [
        (.a, [0, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9]),
        (.aBreve, [0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6]),
        (.aCircumflex, [0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB]),
        (.e, [0, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1]),
        (.eCircumflex, [0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6]),
        (.i, [0, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE]),
        (.o, [0, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4]),
        (.oCircumflex, [0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9]),
        (.oHorn, [0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE]),
        (.u, [0, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4]),
        (.uHorn, [0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9]),
        (.y, [0, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE]),
    ]
    static let lowercaseD: UInt8 = 0xAE

    /// The only capitals VN3 has: toneless Ă Â Ê Ô Ơ Ư Đ. Capitals with a tone mark
    /// do not exist in TCVN3 ("capitals with tone marks are lost", DOMAIN.md §2).
    static let capitals: [(Letter, UInt8)] = [
        (.aBreve, 0xA1), (.aCircumflex, 0xA2), (.eCircumflex, 0xA3), (.oCircumflex, 0xA4),
        (.oHorn, 0xA5), (.uHorn, 0xA6), (.dStroke, 0xA7),
    ]

    /// Byte (as a Latin-1 code point) → Unicode text: 67 lowercase letters, 7 capitals.
    static let decoding: [UInt8: String] = {
        var table: [UInt8: String] = [:]
        for (letter, bytes) in vowelRows {
            for (tone, byte) in zip(Tone.allCases, bytes) where byte != 0 {
                table[byte] = LetterTable.compose(letter, tone, uppercase: false)
            }
        }
        table[lowercaseD] = "đ"
        for (letter, byte) in capitals {
            table[byte] = LetterTable.compose(letter, .ngang, uppercase: true)
        }
        return table
    }()

    /// Unicode letter → byte; the inverse of `decoding`.
    static let encoding: [String: UInt8] = Dictionary(
        uniqueKeysWithValues: decoding.map { ($0.value, $0.key) })
}

enum VNITable {
    /// Mark byte → tone, after a, e, o, u, y, ơ, ư (lowercase, uppercase forms).
    static let toneMarks: [(Tone, Unicode.Scalar, Unicode.Scalar)] = [
        (.sac, "ù", "Ù"), (.huyen, "ø", "Ø"), (.hoi, "û", "Û"), (.nga, "õ", "Õ"), (.nang, "ï", "Ï"),
    ]
    /// Mark byte → circumflex plus tone, after a, e, o (â ê ô).
    static let circumflexMarks: [(Tone, Unicode.Scalar, Unicode.Scalar)] = [
        (.ngang, "â", "Â"), (.sac, "á", "Á"), (.huyen, "à", "À"), (.hoi, "å", "Å"),
        (.nga, "ã", "Ã"), (.nang, "ä", "Ä"),
    ]
    /// Mark byte → breve plus tone, after a (ă).
    static let breveMarks: [(Tone, Unicode.Scalar, Unicode.Scalar)] = [
        (.ngang, "ê", "Ê"), (.sac, "é", "É"), (.huyen, "è", "È"), (.hoi, "ú", "Ú"),
        (.nga, "ü", "Ü"), (.nang, "ë", "Ë"),
    ]
    /// Single bytes that are whole letters: đ, ơ and ư bases, the toned i's and ỵ.
    static let singles: [(Letter, Tone, Unicode.Scalar, Unicode.Scalar)] = [
        (.dStroke, .ngang, "ñ", "Ñ"), (.oHorn, .ngang, "ô", "Ô"), (.uHorn, .ngang, "ö", "Ö"),
        (.i, .sac, "í", "Í"), (.i, .huyen, "ì", "Ì"), (.i, .hoi, "æ", "Æ"),
        (.i, .nga, "ó", "Ó"), (.i, .nang, "ò", "Ò"), (.y, .nang, "î", "Î"),
    ]

    enum Mark { case tone(Tone), circumflex(Tone), breve(Tone) }

    static let marks: [Unicode.Scalar: Mark] = {
        var table: [Unicode.Scalar: Mark] = [:]
        for (tone, lower, upper) in toneMarks { table[lower] = .tone(tone); table[upper] = .tone(tone) }
        for (tone, lower, upper) in circumflexMarks {
            table[lower] = .circumflex(tone); table[upper] = .circumflex(tone)
        }
        for (tone, lower, upper) in breveMarks { table[lower] = .breve(tone); table[upper] = .breve(tone) }
        return table
    }()

    static let singleByScalar: [Unicode.Scalar: (Letter, Tone, Bool)] = {
        var table: [Unicode.Scalar: (Letter, Tone, Bool)] = [:]
        for (letter, tone, lower, upper) in singles {
            table[lower] = (letter, tone, false)
            table[upper] = (letter, tone, true)
        }
        return table
    }()

    /// Letters a following mark byte can attach to.
    static func base(_ scalar: Unicode.Scalar) -> (Letter, Bool)? {
        switch scalar {
        case "a": (.a, false)
        case "A": (.a, true)
        case "e": (.e, false)
        case "E": (.e, true)
        case "o": (.o, false)
        case "O": (.o, true)
        case "u": (.u, false)
        case "U": (.u, true)
        case "y": (.y, false)
        case "Y": (.y, true)
        case "ô": (.oHorn, false)
        case "Ô": (.oHorn, true)
        case "ö": (.uHorn, false)
        case "Ö": (.uHorn, true)
        default: nil
        }
    }

    /// The letter a base plus a mark spells, or nil when that mark does not go there.
    static func combine(_ base: Letter, _ mark: Mark) -> (Letter, Tone)? {
        switch (base, mark) {
        case (_, .tone(let tone)): (base, tone)
        case (.a, .circumflex(let tone)): (.aCircumflex, tone)
        case (.e, .circumflex(let tone)): (.eCircumflex, tone)
        case (.o, .circumflex(let tone)): (.oCircumflex, tone)
        case (.a, .breve(let tone)): (.aBreve, tone)
        default: nil
        }
    }

    /// Unicode letter → VNI spelling (base letter and mark byte, or a single byte).
    static func spell(_ letter: Letter, _ tone: Tone, uppercase: Bool) -> String? {
        func pick(_ table: [(Tone, Unicode.Scalar, Unicode.Scalar)]) -> String {
            guard let row = table.first(where: { $0.0 == tone }) else { return "" }
            return String(uppercase ? row.2 : row.1)
        }
        func ascii(_ s: String) -> String { uppercase ? s.uppercased() : s }
        if let single = singles.first(where: { $0.0 == letter && $0.1 == tone }) {
            return String(uppercase ? single.3 : single.2)
        }
        switch letter {
        case .a, .e, .o, .u, .y:
            return ascii(letter.lowercase) + (tone == .ngang ? "" : pick(toneMarks))
        case .aBreve: return ascii("a") + pick(breveMarks)
        case .aCircumflex: return ascii("a") + pick(circumflexMarks)
        case .eCircumflex: return ascii("e") + pick(circumflexMarks)
        case .oCircumflex: return ascii("o") + pick(circumflexMarks)
        case .oHorn, .uHorn:
            guard let base = singles.first(where: { $0.0 == letter && $0.1 == .ngang }) else { return nil }
            return String(uppercase ? base.3 : base.2) + (tone == .ngang ? "" : pick(toneMarks))
        case .i:
            return tone == .ngang ? ascii("i") : nil
        default:
            return tone == .ngang ? ascii(letter.lowercase) : nil
        }
    }
}
