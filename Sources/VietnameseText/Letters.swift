import Foundation

/// The six tones (thanh điệu), declared in Vietnamese collation order
/// ngang < huyền < hỏi < ngã < sắc < nặng (DOMAIN.md §2, [T3]).
enum Tone: UInt8, Sendable, CaseIterable {
    case ngang, huyen, hoi, nga, sac, nang

    /// The combining mark that writes this tone in NFD (nil for ngang).
    var combiningMark: Unicode.Scalar? {
        switch self {
        case .ngang: nil
        case .huyen: "\u{0300}"
        case .hoi: "\u{0309}"
        case .nga: "\u{0303}"
        case .sac: "\u{0301}"
        case .nang: "\u{0323}"
        }
    }
}

/// A letter without its tone, declared in Vietnamese alphabetical order
/// (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, DOMAIN.md §2), with the
/// Latin letters Vietnamese lacks (f j w z, used in loanwords and minority names)
/// slotted where the Latin alphabet puts them.
enum Letter: UInt8, Sendable, CaseIterable {
    case a, aBreve, aCircumflex, b, c, d, dStroke, e, eCircumflex, f, g, h, i, j, k, l, m, n
    case o, oCircumflex, oHorn, p, q, r, s, t, u, uHorn, v, w, x, y, z

    /// Lowercase toneless form, NFC.
    var lowercase: String {
        switch self {
        case .aBreve: "ă"
        case .aCircumflex: "â"
        case .dStroke: "đ"
        case .eCircumflex: "ê"
        case .oCircumflex: "ô"
        case .oHorn: "ơ"
        case .uHorn: "ư"
        default: String(UnicodeScalar(asciiBase))
        }
    }

    /// The ASCII letter a search key folds this letter to (đ → d).
    var asciiBase: UInt8 {
        switch self {
        case .a, .aBreve, .aCircumflex: UInt8(ascii: "a")
        case .dStroke, .d: UInt8(ascii: "d")
        case .e, .eCircumflex: UInt8(ascii: "e")
        case .o, .oCircumflex, .oHorn: UInt8(ascii: "o")
        case .u, .uHorn: UInt8(ascii: "u")
        case .b: UInt8(ascii: "b")
        case .c: UInt8(ascii: "c")
        case .f: UInt8(ascii: "f")
        case .g: UInt8(ascii: "g")
        case .h: UInt8(ascii: "h")
        case .i: UInt8(ascii: "i")
        case .j: UInt8(ascii: "j")
        case .k: UInt8(ascii: "k")
        case .l: UInt8(ascii: "l")
        case .m: UInt8(ascii: "m")
        case .n: UInt8(ascii: "n")
        case .p: UInt8(ascii: "p")
        case .q: UInt8(ascii: "q")
        case .r: UInt8(ascii: "r")
        case .s: UInt8(ascii: "s")
        case .t: UInt8(ascii: "t")
        case .v: UInt8(ascii: "v")
        case .w: UInt8(ascii: "w")
        case .x: UInt8(ascii: "x")
        case .y: UInt8(ascii: "y")
        case .z: UInt8(ascii: "z")
        }
    }

    var isVowel: Bool {
        switch self {
        case .a, .aBreve, .aCircumflex, .e, .eCircumflex, .i, .o, .oCircumflex, .oHorn, .u, .uHorn, .y:
            true
        default:
            false
        }
    }

    /// False for f, j, w, z, which are not in the Vietnamese alphabet.
    var isVietnamese: Bool {
        switch self {
        case .f, .j, .w, .z: false
        default: true
        }
    }
}

/// What a scalar means to Vietnamese text processing: a letter, its tone and case.
struct LetterInfo: Sendable, Equatable {
    let letter: Letter
    let tone: Tone
    let isUppercase: Bool
}

/// Per-scalar lookup tables, computed once from Unicode canonical decompositions so the
/// hot paths (folding, collation keys) are an array index per scalar rather than an
/// ICU transform per call (the fold runs over millions of names).
enum LetterTable {
    static let lowRange: Range<UInt32> = 0..<0x250  // ASCII … Latin Extended-B (ơ ư)
    static let extendedRange: Range<UInt32> = 0x1E00..<0x1F00  // Latin Extended Additional

    static let low: [LetterInfo?] = lowRange.map(makeInfo)
    static let extended: [LetterInfo?] = extendedRange.map(makeInfo)

    /// Letter, tone and case of a precomposed scalar; nil for non-letters and scalars
    /// outside the Latin blocks.
    @inline(__always)
    static func info(_ scalar: Unicode.Scalar) -> LetterInfo? {
        let v = scalar.value
        if v < 0x250 { return low[Int(v)] }
        if v >= 0x1E00, v < 0x1F00 { return extended[Int(v - 0x1E00)] }
        return nil
    }

    /// True for the combining diacritics NFD input carries (U+0300–U+036F).
    @inline(__always)
    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x300 && scalar.value < 0x370
    }

    /// Precomposed lowercase form of each (letter, tone), e.g. (.eCircumflex, .nga) → "ễ".
    static let composed: [[String]] = Letter.allCases.map { letter in
        Tone.allCases.map { tone in
            guard letter.isVowel, let mark = tone.combiningMark else { return letter.lowercase }
            var s = letter.lowercase
            s.unicodeScalars.append(mark)
            return s.precomposedStringWithCanonicalMapping
        }
    }

    static func compose(_ letter: Letter, _ tone: Tone, uppercase: Bool) -> String {
        let s = composed[Int(letter.rawValue)][Int(tone.rawValue)]
        return uppercase ? s.uppercased() : s
    }

    private static func makeInfo(_ value: UInt32) -> LetterInfo? {
        guard let scalar = Unicode.Scalar(value) else { return nil }
        let upper = scalar.properties.isUppercase
        switch value {
        // đ/Đ have no decomposition; Ð/ð (eth) are often typed for Đ/đ.
        case 0x0110, 0x00D0: return LetterInfo(letter: .dStroke, tone: .ngang, isUppercase: true)
        case 0x0111, 0x00F0: return LetterInfo(letter: .dStroke, tone: .ngang, isUppercase: false)
        default: break
        }
        let parts = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard let base = parts.first, base.isASCII else { return nil }
        let lower = base.value | 0x20
        guard lower >= 0x61, lower <= 0x7A else { return nil }
        let marks = Set(parts.dropFirst().map(\.value))
        var tone = Tone.ngang
        for t in Tone.allCases {
            if let mark = t.combiningMark, marks.contains(mark.value) { tone = t }
        }
        let breve: UInt32 = 0x0306, circumflex: UInt32 = 0x0302, horn: UInt32 = 0x031B
        let letter: Letter
        switch UInt8(lower) {
        case UInt8(ascii: "a"):
            letter = marks.contains(breve) ? .aBreve : marks.contains(circumflex) ? .aCircumflex : .a
        case UInt8(ascii: "e"):
            letter = marks.contains(circumflex) ? .eCircumflex : .e
        case UInt8(ascii: "o"):
            letter = marks.contains(horn) ? .oHorn : marks.contains(circumflex) ? .oCircumflex : .o
        case UInt8(ascii: "u"):
            letter = marks.contains(horn) ? .uHorn : .u
        default:
            guard let plain = Letter.allCases.first(where: {
                $0.lowercase.utf8.count == 1 && $0.lowercase.utf8.first == UInt8(lower)
            }) else { return nil }
            letter = plain
        }
        return LetterInfo(letter: letter, tone: tone, isUppercase: upper)
    }
}
