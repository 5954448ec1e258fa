/// A Vietnamese personal name split into *họ* (family), *tên đệm* (middle, zero or
/// more words) and *tên* (given) (DOMAIN.md §2).
///
/// The full name is what people type and what the registry compares; the split is
/// derived from it and may be wrong for minority names ("Thạch Thị Sa Vân" has the
/// two-word given name "Sa Vân"), so keep the full name and let users correct the
/// parts with `init(family:middle:given:)`.
public struct PersonName: Sendable, Hashable, Codable {
    public var family: String
    public var middle: String
    public var given: String

    /// Compound family names whose two words stay together (DOMAIN.md §2), compared in
    /// lowercase NFC. Only well-attested ones: Âu Dương, Tư Mã, Gia Cát, Công Tôn,
    /// Hoàng Phủ, Thượng Quan (Sino-Vietnamese two-character surnames) and Tôn Thất,
    /// Tôn Nữ (Nguyễn royal lineage).
    public static let compoundFamilyNames: [String] = [
        "Âu Dương", "Tư Mã", "Gia Cát", "Công Tôn", "Hoàng Phủ", "Thượng Quan",
        "Tôn Thất", "Tôn Nữ",
    ]

    private static let compoundWords: [[String]] = compoundFamilyNames.map {
        $0.lowercased().split(separator: " ").map(String.init)
    }

    /// Parts as given, each cleaned (NFC, trimmed, whitespace collapsed), no re-casing.
    public init(family: String, middle: String = "", given: String) {
        self.family = VietnameseText.clean(family)
        self.middle = VietnameseText.clean(middle)
        self.given = VietnameseText.clean(given)
    }

    /// Splits a full name: first word family, last word given, the rest middle; a
    /// known compound family name takes the first two words when at least one word
    /// follows it; a single word is a given name. ALL-CAPS or all-lowercase input is
    /// title-cased ("NGUYỄN VĂN AN" → "Nguyễn Văn An"); mixed case is kept as typed.
    public init(fullName: String) {
        var cleaned = VietnameseText.clean(fullName)
        let hasUpper = cleaned.contains(where: \.isUppercase)
        let hasLower = cleaned.contains(where: \.isLowercase)
        if hasUpper != hasLower {
            // Re-casing may leave a letter decomposed ("ΐ" upper-cases to Ι, diaeresis, acute).
            cleaned = VietnameseText.nfc(VietnameseText.titleCased(cleaned))
        }
        self.init(cleanWords: cleaned.split(separator: " ").map(String.init))
    }

    /// Splits words already cleaned (NFC, none empty, none holding a space) into parts as
    /// `init(fullName:)` does, without cleaning or re-casing them again: for a caller that has
    /// just cleaned them itself.
    public init(cleanWords words: [String]) {
        switch words.count {
        case 0:
            (family, middle, given) = ("", "", "")
        case 1:
            (family, middle, given) = ("", "", words[0])
        default:
            let familyCount = words.count >= 3 && PersonName.startsWithCompound(words) ? 2 : 1
            family = words[..<familyCount].joined(separator: " ")
            middle = words[familyCount..<(words.count - 1)].joined(separator: " ")
            given = words[words.count - 1]
        }
    }

    /// "Family Middle Given", skipping empty parts.
    public var fullName: String {
        [family, middle, given].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `VietnameseText.fold(fullName)`: the key to match names on.
    public var searchKey: String { VietnameseText.fold(fullName) }

    /// Exact match on the lowercased NFC words. Input without diacritics is not
    /// matched: "Hoang Phu Quy" is far more likely Hoàng Phú Quý than Hoàng Phủ Quý.
    private static func startsWithCompound(_ words: [String]) -> Bool {
        let lowered = words.prefix(2).map { $0.lowercased() }
        return compoundWords.contains(lowered)
    }
}

extension PersonName: CustomStringConvertible {
    public var description: String { fullName }
}
