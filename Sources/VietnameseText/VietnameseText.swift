import Foundation

/// Normalisation and search keys for Vietnamese text (DOMAIN.md §2).
///
/// Swift `==` hides NFC/NFD differences, but databases, hashes and CSV files compare
/// bytes, so everything stored, hashed, indexed or signed goes through `nfc` or
/// `clean` first.
public enum VietnameseText {
    /// Unicode's White_Space property, answered from its 25 scalars (PropList.txt: U+0009–U+000D,
    /// U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000)
    /// instead of Unicode's property tables, whose look-up took a twentieth of loading a registry
    /// file. The same answer as `scalar.properties.isWhitespace` for every scalar (a test checks all).
    @inlinable
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Unicode NFC. Text already in NFC for certain is returned as is: ASCII, and text whose
    /// every scalar lies in U+0000–U+02FF or U+1E00–U+1EFF (Latin, Latin-1, Latin Extended,
    /// Latin Extended Additional: every precomposed Vietnamese letter), which hold no
    /// combining mark and no character NFC replaces. That is nearly every name schools type,
    /// and it spares Foundation's normaliser, the costliest step of reading a name.
    public static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        if text.unicodeScalars.allSatisfy({ $0.value < 0x300 || (0x1E00..<0x1F00).contains($0.value) }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// NFC, trimmed, every run of whitespace (spaces, tabs, newlines, NBSP, ideographic
    /// space…) collapsed to one ASCII space, and invisible BOM / zero-width spaces
    /// removed: the form a name or a cell is stored in.
    public static func clean(_ text: String) -> String {
        // Most cells and names are clean already: returned as they are, without building a copy.
        isClean(text) ? text : cleanedCopy(text)
    }

    /// Whether `clean` would give `text` back unchanged: NFC by `nfc`'s certain test, no whitespace
    /// but single ASCII spaces between other characters, nothing invisible.
    static func isClean(_ text: String) -> Bool {
        var afterSpace = true  // a space first is not clean
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x20 {
                if afterSpace { return false }
                afterSpace = true
                continue
            }
            afterSpace = false
            if v < 0x80 {
                if v >= 0x09 && v <= 0x0D { return false }
                continue
            }
            guard v < 0x300 || (0x1E00..<0x1F00).contains(v), !isWhitespace(scalar), !isInvisible(scalar) else { return false }
        }
        return !afterSpace || text.isEmpty
    }

    static func cleanedCopy(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in nfc(text).unicodeScalars {
            // ASCII first, without a look-up in the Unicode property tables: most of every cell.
            if scalar.isASCII {
                let v = scalar.value
                if v == 0x20 || (v >= 0x09 && v <= 0x0D) {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(" "); pendingSpace = false }
                    out.append(scalar)
                }
                continue
            }
            if isInvisible(scalar) { continue }
            if isWhitespace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }

    /// Search key: diacritics stripped, đ/Đ → d, lowercased, whitespace collapsed
    /// ("Nguyễn Văn Đức" → "nguyen van duc"). NFC and NFD input give the same key, as
    /// do old- and new-style tone placement (hòa/hoà), so compare names on this key
    /// (DOMAIN.md §2). Idempotent: `fold(fold(x)) == fold(x)`.
    ///
    /// Foundation's diacritic folding leaves đ alone (it has no decomposition), hence
    /// the table: one array lookup per scalar, no ICU call.
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false

        func emit(_ scalar: Unicode.Scalar) {
            if pendingSpace { out.append(0x20); pendingSpace = false }
            UTF8.encode(scalar) { out.append($0) }
        }
        func emitASCII(_ byte: UInt8) {
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(byte)
        }
        /// Table-driven cases: a Latin letter, a Vietnamese combining mark, an invisible.
        func foldFast(_ scalar: Unicode.Scalar) -> Bool {
            if let info = LetterTable.info(scalar) {
                emitASCII(info.letter.asciiBase)
                return true
            }
            return LetterTable.isCombiningMark(scalar) || isInvisible(scalar) || scalar == "\u{00AD}"
        }
        /// Everything else (rare in names): decompose, drop combining marks of any
        /// script, lowercase, and fold the pieces again, so the key is a fixed point and
        /// NFC/NFD-blind (ǿ → ø; Å U+212B → a).
        func foldRare(_ scalar: Unicode.Scalar, depth: Int) {
            if scalar.isASCII {
                emitASCII(UInt8(scalar.value) | (scalar.properties.isUppercase ? 0x20 : 0))
                return
            }
            if foldFast(scalar) || scalar.properties.canonicalCombiningClass != .notReordered { return }
            guard depth < 4 else { emit(scalar); return }
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            if decomposed.count != 1 || decomposed.first != scalar {
                for part in decomposed { foldRare(part, depth: depth + 1) }
                return
            }
            let lowered = scalar.properties.lowercaseMapping.unicodeScalars
            if lowered.count == 1, lowered.first == scalar {
                emit(scalar)
            } else {
                for part in lowered { foldRare(part, depth: depth + 1) }
            }
        }

        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v == 0x20 || (v >= 0x09 && v <= 0x0D) {
                    pendingSpace = !out.isEmpty
                } else if v >= 0x41 && v <= 0x5A {
                    emitASCII(UInt8(v | 0x20))
                } else {
                    emitASCII(UInt8(v))
                }
                continue
            }
            if foldFast(scalar) { continue }
            if isWhitespace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            foldRare(scalar, depth: 0)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// "NGUYỄN VĂN AN" → "Nguyễn Văn An": each word's first letter uppercased and the
    /// rest lowercased; a letter after an apostrophe or hyphen starts a new part, as in
    /// Êđê names ("H'Hen"). Whitespace is cleaned.
    public static func titleCased(_ text: String) -> String {
        var out = ""
        var atPartStart = true
        for ch in clean(text) {
            if ch == " " || ch == "'" || ch == "’" || ch == "-" {
                out.append(ch)
                atPartStart = true
            } else if atPartStart {
                out += String(ch).uppercased()
                atPartStart = !ch.isLetter
            } else {
                out += String(ch).lowercased()
            }
        }
        return out
    }

    /// BOM and zero-width characters that survive copy-paste and CSV headers.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x2060, 0xFEFF: true
        default: false
        }
    }
}
