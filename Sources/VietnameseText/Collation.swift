import Foundation

/// Which name parts a list sorts by, in order. Vietnamese class lists sort by given
/// name (DOMAIN.md §2: "(given, middle, family). Make this configurable").
public enum NameSortOrder: String, Sendable, Codable, CaseIterable {
    case givenMiddleFamily
    case givenFamilyMiddle
    case familyMiddleGiven
}

/// Vietnamese collation as plain ASCII sort keys (DOMAIN.md §2, [T3]).
///
/// `key(_:)` gives a string whose byte order (memcmp, SQL `COLLATE "C"`, Swift `<` on
/// ASCII) is Vietnamese order, so it can be stored in an indexed column; SQLite has
/// no ICU and `localizedCompare` on Linux sorts Đào after Dũng (DOMAIN.md §2).
///
/// Layout: all primary weights (letters in the order a ă â b c d đ e ê g h i k l m n
/// o ô ơ p q r s t u ư v x y, case ignored), then `levelSeparator`, then one tone
/// weight per word, i.e. per syllable (ngang < huyền < hỏi < ngã < sắc < nặng), so
/// hòa and hoà are equal. Because the separator
/// is below every primary weight, "An" < "Anh" < "Ánh" < "Ăn": tones only break ties
/// between strings whose letters are identical.
public enum VietnameseCollation {
    /// Between name fields in `nameKey`/`classListKey`; below everything else.
    public static let fieldSeparator: Character = "!"
    /// Between the primary and the tone level of one key; below every primary weight.
    public static let levelSeparator: Character = "#"

    private static let fieldByte = UInt8(ascii: "!")
    private static let levelByte = UInt8(ascii: "#")
    /// A word break; below digits and letters, so "An Khang" < "Anh".
    private static let spaceByte = UInt8(ascii: "%")
    /// Prefix of a weight for scalars outside the Latin tables: above every letter,
    /// followed by six hex digits of the lowercased scalar so they sort by code point.
    private static let otherByte = UInt8(ascii: "h")

    /// Letter weights 'A'…'Z', 'a'…'g' in `Letter` (alphabet) order.
    private static let letterWeights: [UInt8] = Letter.allCases.map { letter in
        let i = letter.rawValue
        return i < 26 ? UInt8(ascii: "A") + i : UInt8(ascii: "a") + (i - 26)
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// The sort key of one string (a name part, a full name, a school name…).
    /// Punctuation is ignored, whitespace runs count as one word break, NFD input gives
    /// the same key as NFC.
    public static func key(_ text: String) -> String {
        let source = text.unicodeScalars.contains(where: LetterTable.isCombiningMark)
            ? text.precomposedStringWithCanonicalMapping : text
        var primary: [UInt8] = []
        var tones: [UInt8] = []
        primary.reserveCapacity(source.utf8.count)
        tones.reserveCapacity(source.utf8.count)
        var pendingSpace = false
        // Tone is a property of the syllable, so it is weighed once per word: old- and
        // new-style placement (hòa / hoà) give the same key. A malformed word with
        // several tone marks keeps them all, in order.
        var wordTones: [UInt8] = []
        var wordHasLetter = false

        func open() {
            if pendingSpace { primary.append(spaceByte); pendingSpace = false }
        }
        func endWord() {
            if wordHasLetter { tones.append(contentsOf: wordTones.isEmpty ? [UInt8(ascii: "0")] : wordTones) }
            wordTones.removeAll(keepingCapacity: true)
            wordHasLetter = false
        }
        for scalar in source.unicodeScalars {
            if let info = LetterTable.info(scalar) {
                open()
                primary.append(letterWeights[Int(info.letter.rawValue)])
                wordHasLetter = true
                if info.tone != .ngang { wordTones.append(UInt8(ascii: "0") + info.tone.rawValue) }
            } else if scalar.value >= 0x30, scalar.value <= 0x39 {
                open()
                primary.append(UInt8(scalar.value))
            } else if VietnameseText.isWhitespace(scalar) {
                endWord()
                pendingSpace = !primary.isEmpty
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                open()
                let lowered = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
                primary.append(otherByte)
                for shift in stride(from: 20, through: 0, by: -4) {
                    primary.append(hexDigits[Int((lowered.value >> UInt32(shift)) & 0xF)])
                }
            }
            // Punctuation, symbols and stray combining marks carry no weight.
        }
        endWord()
        primary.append(levelByte)
        primary.append(contentsOf: tones)
        return String(decoding: primary, as: UTF8.self)
    }

    /// Key for sorting people by the given `order` of name parts; each part's full key
    /// (letters, then tones) decides before the next part is looked at.
    public static func nameKey(_ name: PersonName, order: NameSortOrder = .givenMiddleFamily) -> String {
        let parts: [String]
        switch order {
        case .givenMiddleFamily: parts = [name.given, name.middle, name.family]
        case .givenFamilyMiddle: parts = [name.given, name.family, name.middle]
        case .familyMiddleGiven: parts = [name.family, name.middle, name.given]
        }
        return parts.map(key).joined(separator: String(fieldSeparator))
    }

    /// Class-list key: given, then middle, then family (DOMAIN.md §2).
    public static func classListKey(_ name: PersonName) -> String {
        nameKey(name, order: .givenMiddleFamily)
    }

    /// Vietnamese three-way comparison of two strings.
    public static func compare(_ lhs: String, _ rhs: String) -> ComparisonResult {
        order(key(lhs), key(rhs))
    }

    /// Vietnamese three-way comparison of two people by `order`.
    public static func compare(
        _ lhs: PersonName, _ rhs: PersonName, order: NameSortOrder = .givenMiddleFamily
    ) -> ComparisonResult {
        self.order(nameKey(lhs, order: order), nameKey(rhs, order: order))
    }

    /// For `sort(by:)`.
    public static func areInIncreasingOrder(_ lhs: String, _ rhs: String) -> Bool {
        compare(lhs, rhs) == .orderedAscending
    }

    /// Sorts strings in Vietnamese order, computing each key once.
    public static func sorted<S: Sequence<String>>(_ strings: S) -> [String] {
        strings.map { (key($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Sorts people by `order`, computing each key once.
    public static func sorted<S: Sequence<PersonName>>(
        _ names: S, order: NameSortOrder = .givenMiddleFamily
    ) -> [PersonName] {
        names.map { (nameKey($0, order: order), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    private static func order(_ a: String, _ b: String) -> ComparisonResult {
        // Keys are ASCII, where String `<` is byte order.
        a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
    }
}
