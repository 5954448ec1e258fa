import VietnameseText

/// A school-typed full name, repaired and split into words once per record.
///
/// Legacy encodings are decoded (TCVN3, VNI) and the text brought to NFC; both facts
/// are kept, because each is a correction to suggest to the school (DOMAIN.md §2).
struct TypedName: Sendable, Hashable {
    /// The name as it arrived.
    let raw: String
    /// Cleaned NFC text after any legacy decoding.
    let cleaned: String
    let words: [NameWord]
    /// Set when the raw text was in a legacy encoding and was decoded.
    let legacyEncoding: LegacyEncoding?
    /// True when the raw text was not in NFC (typically NFD from macOS or the web).
    let wasDenormalised: Bool
    /// Readings of the raw text in each legacy encoding, kept when the text could be
    /// legacy but `repairIfLegacy` left it alone because it also reads as valid
    /// Vietnamese (VNI "Thò" for "Thị", "Hoà" for "Hồ"). Comparison tries them only
    /// when the text as typed does not agree, so the registry name decides.
    let legacyReadings: [LegacyReading]

    struct LegacyReading: Sendable, Hashable {
        let encoding: LegacyEncoding
        let cleaned: String
        let words: [NameWord]
    }

    init(_ raw: String, reusing typed: TypedWords? = nil) {
        self.raw = raw
        let repaired = LegacyVietnamese.repairIfLegacy(raw)
        legacyEncoding = repaired.encoding
        let nfc = VietnameseText.nfc(repaired.text)
        wasDenormalised = repaired.encoding == nil && !nfc.utf8.elementsEqual(raw.utf8)
        cleaned = TypedName.collapsingWhitespace(nfc)
        words = NameWord.words(of: cleaned, reusing: typed)
        legacyReadings = TypedName.readings(of: raw, alreadyDecoded: repaired.encoding != nil, reusing: typed)
    }

    /// `VietnameseText.clean` for text already in NFC (clean would normalise it again,
    /// the costliest step): trimmed, whitespace runs to one space, BOM and zero-width
    /// spaces removed.
    static func collapsingWhitespace(_ nfc: String) -> String {
        isCollapsed(nfc) ? nfc : collapsingEachScalar(nfc)
    }

    static func collapsingEachScalar(_ nfc: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in nfc.unicodeScalars {
            let value = scalar.value
            if value == 0x200B || value == 0x2060 || value == 0xFEFF { continue }
            if VietnameseText.isWhitespace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }

    /// Whether `collapsingWhitespace` would leave the text as it is, told from its bytes without
    /// decoding it: single spaces between words, and no other character that may be whitespace or
    /// invisible. Beside ASCII only the blocks of Vietnamese letters are let through (U+00C0–U+07FF,
    /// U+1E00–U+1EFF); a text with anything else takes the long way.
    static func isCollapsed(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return bytes.isEmpty }
            var previous: UInt8 = 0
            for (offset, byte) in bytes.enumerated() {
                switch byte {
                case 0x20: if previous == 0x20 { return false }
                case 0x21...0x7E, 0x80...0xBF, 0xC3...0xDF: break
                case 0xE1:
                    guard offset + 1 < bytes.count, (0xB8...0xBB).contains(bytes[offset + 1]) else { return false }
                default: return false
                }
                previous = byte
            }
            return true
        }
    }

    /// The best alignment with `registry`: the text as typed, or a legacy reading of
    /// it that agrees strictly better (nil `reading` means as typed).
    func bestAlignment(with registry: RegistryName) -> (alignment: NameAlignment, reading: LegacyReading?) {
        let typed = NameAlignment.align(words, with: registry)
        guard !legacyReadings.isEmpty, typed.rank > 0 else { return (typed, nil) }
        var best = (alignment: typed, reading: LegacyReading?.none)
        for reading in legacyReadings {
            let alignment = NameAlignment.align(reading.words, with: registry)
            if alignment.rank < best.alignment.rank { best = (alignment, reading) }
        }
        return best
    }

    private static func readings(of raw: String, alreadyDecoded: Bool, reusing typed: TypedWords?) -> [LegacyReading] {
        guard !alreadyDecoded,
              raw.unicodeScalars.contains(where: { !$0.isASCII }),
              raw.unicodeScalars.allSatisfy({ $0.value <= 0xFF })
        else { return [] }
        return LegacyEncoding.allCases.compactMap { encoding in
            let decoded = LegacyVietnamese.decode(raw, from: encoding)
            guard decoded != raw else { return nil }
            let cleaned = VietnameseText.clean(decoded)
            return LegacyReading(encoding: encoding, cleaned: cleaned, words: NameWord.words(of: cleaned, reusing: typed))
        }
    }

    /// Folded first word: the family name when typed in the usual order.
    var foldedFirst: [UInt8] { words.first?.folded ?? [] }
    /// Folded last word: the given name when typed in the usual order.
    var foldedLast: [UInt8] { words.last?.folded ?? [] }
}

/// A registry name as returned (`Ho` / `ChuDem` / `Ten`), each part split into words.
struct RegistryName: Sendable, Hashable {
    let family: [NameWord]
    let middle: [NameWord]
    let given: [NameWord]

    init(family: String, middle: String, given: String) {
        self.family = NameWord.words(of: VietnameseText.clean(family))
        self.middle = NameWord.words(of: VietnameseText.clean(middle))
        self.given = NameWord.words(of: VietnameseText.clean(given))
    }

    init(family: [NameWord], middle: [NameWord], given: [NameWord]) {
        self.family = family
        self.middle = middle
        self.given = given
    }

    /// Splits a typed name the usual way (first word family, last word given, known
    /// compound family names kept together), to compare two school records.
    init(typed: TypedName) {
        let split = PersonName(fullName: typed.cleaned)
        self.init(family: split.family, middle: split.middle, given: split.given)
    }

    var fullName: String {
        var text = ""
        for part in [family, middle, given] {
            for word in part {
                if !text.isEmpty { text.append(" ") }
                text.append(word.text)
            }
        }
        return text
    }
}
