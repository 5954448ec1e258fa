import Foundation
import SplitMix
import Testing
@testable import VietnameseText

/// A deliberately plain Vietnamese comparator to check the keys against: decompose
/// each character with Foundation, look the base letter up in the alphabet string,
/// compare letters (space lowest, shorter prefix first), then tones.
enum ReferenceCollation {
    static let alphabet = Array("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
    static let toneMarks: [Unicode.Scalar: Int] = [
        "\u{0300}": 1, "\u{0309}": 2, "\u{0303}": 3, "\u{0301}": 4, "\u{0323}": 5,
    ]

    static func weights(_ text: String) -> (letters: [Int], tones: [Int]) {
        var letters: [Int] = [], tones: [Int] = []
        let words = text.split(whereSeparator: \.isWhitespace)
        for (w, word) in words.enumerated() {
            if w > 0 { letters.append(-1) }
            var wordTone = 0  // a tone belongs to the syllable (word), wherever it is written
            for ch in word.lowercased() {
                var scalars = Array(String(ch).decomposedStringWithCanonicalMapping.unicodeScalars)
                scalars.removeAll { s in
                    if let t = toneMarks[s] { wordTone = t; return true }
                    return false
                }
                let base = String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping
                guard let c = base.first, let index = alphabet.firstIndex(of: c) else { continue }
                letters.append(index)
            }
            tones.append(wordTone)
        }
        return (letters, tones)
    }

    static func compare(_ a: String, _ b: String) -> ComparisonResult {
        let x = weights(a), y = weights(b)
        if x.letters != y.letters {
            return x.letters.lexicographicallyPrecedes(y.letters) ? .orderedAscending : .orderedDescending
        }
        if x.tones != y.tones {
            return x.tones.lexicographicallyPrecedes(y.tones) ? .orderedAscending : .orderedDescending
        }
        return .orderedSame
    }
}

@Suite("Vietnamese collation")
struct CollationTests {
    @Test("DOMAIN.md §2 chain: An < Anh < Ánh < Ăn < Âm < Ân < Bình < Dũng < Đào < Ha < Hà < Hả < Hã < Há < Hạ")
    func domainChain() {
        let chain = ["An", "Anh", "Ánh", "Ăn", "Âm", "Ân", "Bình", "Dũng", "Đào",
                     "Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]
        for (a, b) in zip(chain, chain.dropFirst()) {
            #expect(VietnameseCollation.key(a) < VietnameseCollation.key(b), "\(a) < \(b)")
            #expect(VietnameseCollation.compare(a, b) == .orderedAscending)
            #expect(ReferenceCollation.compare(a, b) == .orderedAscending)
        }
        var rng = SplitMix64(seed: 42)
        #expect(VietnameseCollation.sorted(chain.shuffled(using: &rng)) == chain)
        #expect(chain.shuffled(using: &rng).sorted(by: VietnameseCollation.areInIncreasingOrder) == chain)
    }

    @Test("keys are ASCII, case-blind, NFD-blind, and ignore punctuation")
    func keyShape() {
        let key = VietnameseCollation.key("Nguyễn Văn Đức")
        #expect(key.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F })
        #expect(key == VietnameseCollation.key("NGUYỄN  VĂN\u{00A0}ĐỨC"))
        #expect(key == VietnameseCollation.key("Nguye\u{0302}\u{0303}n Va\u{0306}n \u{0110}u\u{031B}\u{0301}c"))
        #expect(VietnameseCollation.key("H'Hen") == VietnameseCollation.key("HHen"))
        #expect(VietnameseCollation.key("hòa") == VietnameseCollation.key("hoà"))
        #expect(VietnameseCollation.key("") < VietnameseCollation.key("A"))
        #expect(VietnameseCollation.key("An Khang") < VietnameseCollation.key("Anh"))
        #expect(VietnameseCollation.key("Lớp 10A") < VietnameseCollation.key("Lớp 10B"))
        #expect(VietnameseCollation.key("Yến") < VietnameseCollation.key("Zô"))
        #expect(VietnameseCollation.key("Zô") < VietnameseCollation.key("Жанна"))
        #expect(VietnameseCollation.compare("an", "AN") == .orderedSame)
    }

    /// Built by hand from the rules: given name first, then middle, then family; Đ
    /// after D; tones after letters; u < ư, o < ô < ơ; an empty middle name first.
    static let classList = [
        "Lê An",
        "Trần Thị An",
        "Nguyễn Văn An",
        "Phạm Thị Anh",
        "Hoàng Ngọc Ánh",
        "Nguyễn Thị Ngọc Ánh",
        "Đỗ Thị Ân",
        "Vũ Đức Bình",
        "Dương Văn Dũng",
        "Đoàn Văn Dũng",
        "Ngô Văn Dũng",
        "Bùi Thị Đào",
        "TRẦN VĂN ĐỨC",
        "Nguye\u{0302}\u{0303}n Thi\u{0323} Ha\u{0300}",  // NFD "Nguyễn Thị Hà"
        "Đặng Thu Hà",
        "Lý Thị Hạ",
        "Trương Minh Hải",
        "Dương Quốc Khánh",
        "Mai Thùy Linh",
        "Huỳnh Ngọc Lĩnh",
        "Tạ Thị Oanh",
        "Lò Văn Ơn",
        "Kiều Thị Thu",
        "Lâm Thị Thủy",
        "Đinh Anh Thư",
        "Hồ Văn Út",
        "Tô Thị Uyên",
        "Lục Thị Vy",
        "Quách Thị Yến",
    ]

    @Test("hand-made class list sorts by (given, middle, family)")
    func classList() {
        let names = Self.classList.map(PersonName.init(fullName:))
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20 {
            let shuffled = names.shuffled(using: &rng)
            #expect(VietnameseCollation.sorted(shuffled) == names)
            #expect(shuffled.sorted { VietnameseCollation.classListKey($0) < VietnameseCollation.classListKey($1) } == names)
        }
        for (a, b) in zip(names, names.dropFirst()) {
            #expect(VietnameseCollation.compare(a, b) == .orderedAscending, "\(a) < \(b)")
        }
    }

    @Test("field separator: a shorter given name wins even when middle names differ")
    func fieldSeparator() {
        let an = PersonName(family: "Trần", middle: "Văn Zô", given: "An")
        let anh = PersonName(family: "Trần", middle: "A", given: "Anh")
        #expect(VietnameseCollation.classListKey(an) < VietnameseCollation.classListKey(anh))
        let k = VietnameseCollation.classListKey(an)
        #expect(k.filter { $0 == VietnameseCollation.fieldSeparator }.count == 2)
    }

    @Test("configurable order: family first")
    func familyFirst() {
        let a = PersonName(fullName: "Đỗ Văn An")
        let b = PersonName(fullName: "Dương Văn Bình")
        #expect(VietnameseCollation.compare(a, b, order: .givenMiddleFamily) == .orderedAscending)
        #expect(VietnameseCollation.compare(a, b, order: .familyMiddleGiven) == .orderedDescending)
        #expect(VietnameseCollation.sorted([a, b], order: .familyMiddleGiven) == [b, a])
        let c = PersonName(fullName: "Lê Thị An")
        let d = PersonName(fullName: "Hà Văn An")
        #expect(VietnameseCollation.sorted([c, d], order: .givenFamilyMiddle) == [d, c])
        #expect(VietnameseCollation.sorted([d, c], order: .givenMiddleFamily) == [c, d])
    }

    @Test("property: key order equals the reference comparator over random names")
    func randomNames() {
        var rng = SplitMix64(seed: 0xC011A7E)
        let initials = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "t", "th", "tr", "v", "x"]
        let vowels: [Letter] = [.a, .aBreve, .aCircumflex, .e, .eCircumflex, .i, .o, .oCircumflex, .oHorn, .u, .uHorn, .y]
        let finals = ["", "", "n", "nh", "ng", "c", "t", "m", "i", "o"]
        func syllable() -> String {
            var s = initials.randomElement(using: &rng)!
            let count = Int.random(in: 1...2, using: &rng)
            for k in 0..<count {
                let v = vowels.randomElement(using: &rng)!
                let tone = k == 0 ? Tone.allCases.randomElement(using: &rng)! : .ngang
                s += LetterTable.compose(v, tone, uppercase: false)
            }
            s += finals.randomElement(using: &rng)!
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return s.uppercased()
            case 1: return s.prefix(1).uppercased() + s.dropFirst()
            default: return s
            }
        }
        func name() -> String {
            let text = (0..<Int.random(in: 1...3, using: &rng)).map { _ in syllable() }.joined(separator: " ")
            return Bool.random(using: &rng) ? text.decomposedStringWithCanonicalMapping : text
        }
        let names = (0..<600).map { _ in name() }
        for _ in 0..<6_000 {
            let a = names.randomElement(using: &rng)!, b = names.randomElement(using: &rng)!
            #expect(VietnameseCollation.compare(a, b) == ReferenceCollation.compare(a, b), "\(a) vs \(b)")
        }
        let sorted = VietnameseCollation.sorted(names)
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            #expect(ReferenceCollation.compare(a, b) != .orderedDescending, "\(a) before \(b)")
        }
    }
}
