import Platform
import Registry
import SplitMix
import Testing
import VietnameseText

/// `PersonRules.name` splits the words it has just cleaned (`PersonName(cleanWords:)`) instead of
/// cleaning the joined name again: the name must be what the full clean gives, whatever was typed.
@Suite("Person names as the rules store them")
struct PersonRulesNameTests {
    /// The former composition: re-case each word, join, then let `PersonName(fullName:)` clean,
    /// re-case and split the whole name again.
    static func formerName(_ raw: String) -> PersonName? {
        let repaired = LegacyVietnamese.repairIfLegacy(raw).text
        let clean = VietnameseText.clean(repaired).split(separator: " ").map { word -> String in
            let text = String(word)
            return text == text.uppercased() || text == text.lowercased() ? VietnameseText.titleCased(text) : text
        }.joined(separator: " ")
        guard !clean.isEmpty, clean.count <= 100, !clean.contains(where: \.isNumber) else { return nil }
        return PersonName(fullName: clean)
    }

    static let pieces = ["Nguyễn", "NGUYỄN", "nguyễn", "Nguyê\u{303}n", "thị", "THỊ", "Thi\u{323}", "Văn", "H'Lan", "h'lan",
                         "Âu", "Dương", "âu dương", "Tôn Nữ", "ß", "ﬁ", "Straße", "Ê", "đức", "ĐỨC", "Mai", "A", "x",
                         " ", "  ", "\t", "\u{00A0}", "\u{3000}", "\u{200B}", "-", "Anh-Thư", "’"]

    @Test func equalsTheFormerCompositionOnRandomNames() {
        var random = SplitMix64(seed: 2026)
        for _ in 0..<5_000 {
            let raw = (0..<Int.random(in: 0...6, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }
                .joined(separator: Bool.random(using: &random) ? " " : "  ")
            var errors = ValidationCollector()
            let name = PersonRules.name(raw, field: "fullName", into: &errors)
            #expect(name == Self.formerName(raw), "\(raw.debugDescription)")
            #expect((name == nil) == !errors.errors.isEmpty, "\(raw.debugDescription)")
        }
    }

    @Test func compoundFamilyNamesAndCasesAreKept() {
        var errors = ValidationCollector()
        #expect(PersonRules.name("  ÂU DƯƠNG  thị  mai ", field: "fullName", into: &errors)
                == PersonName(family: "Âu Dương", middle: "Thị", given: "Mai"))
        #expect(PersonRules.name("Ksor H'Lan", field: "fullName", into: &errors) == PersonName(family: "Ksor", given: "H'Lan"))
        #expect(errors.errors.isEmpty)
        #expect(PersonRules.name(" \t ", field: "fullName", into: &errors) == nil)
        #expect(errors.errors.map(\.code) == ["name.empty"])
    }
}
