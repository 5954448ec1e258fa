import Foundation
import SplitMix
import Testing
@testable import VietnameseText

@Suite("NFC, clean and fold")
struct TextNormalizationTests {
    let nfcName = "Nguy\u{1EC5}n V\u{0103}n \u{0110}\u{1EE9}c"
    let nfdName = "Nguye\u{0302}\u{0303}n Va\u{0306}n \u{0110}u\u{031B}\u{0301}c"

    /// `clean` gives a text it finds clean back as it is (`isClean`), and builds a copy otherwise; over
    /// random texts of letters, spaces of every kind, invisible and combining characters, both ways
    /// give the same bytes, and clean texts are found so.
    @Test func aTextFoundCleanIsTheTextCleaningWouldGive() {
        let pieces = ["a", "Z", "1", "-", "'", " ", "  ", "\t", "\n", "\u{01}", "\u{A0}", "\u{3000}", "\u{200B}", "\u{FEFF}",
                      "\u{0301}", "e\u{0302}", "\u{1EC7}", "\u{01B0}", "\u{0111}", "\u{2126}", "\u{00C5}", "Nguy\u{1EC5}n"]
        var random = SplitMix64(seed: 2026)
        var foundClean = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let cleaned = VietnameseText.clean(text)
            #expect(Array(cleaned.utf8) == Array(VietnameseText.cleanedCopy(text).utf8), "\(text.unicodeScalars.map(\.value))")
            if VietnameseText.isClean(text) { foundClean += 1 }
        }
        #expect(foundClean > 1_000)
        #expect(VietnameseText.isClean("Nguy\u{1EC5}n V\u{0103}n \u{0110}\u{1EE9}c"))
        #expect(!VietnameseText.isClean("Nguyễn  Văn") && !VietnameseText.isClean(" An") && !VietnameseText.isClean("An "))
    }

    @Test("nfc produces the canonical bytes (DOMAIN.md §2: 8 vs 10 bytes)")
    func nfc() {
        #expect(VietnameseText.nfc("Nguye\u{0302}\u{0303}n").utf8.count == 8)
        #expect(Array(VietnameseText.nfc(nfdName).utf8) == Array(nfcName.utf8))
        #expect(VietnameseText.nfc("plain ascii") == "plain ascii")
    }

    @Test("clean: NFC, trim, collapse whitespace incl. NBSP and tabs, drop BOM")
    func clean() {
        #expect(VietnameseText.clean("  Nguyễn\u{00A0}\u{00A0}Văn\tĐức \n") == "Nguyễn Văn Đức")
        #expect(VietnameseText.clean("\u{FEFF}Họ và tên") == "Họ và tên")
        #expect(VietnameseText.clean("Trần\u{200B}Thị") == "TrầnThị")
        #expect(VietnameseText.clean(" \t ") == "")
        #expect(Array(VietnameseText.clean(" " + nfdName + " ").utf8) == Array(nfcName.utf8))
        #expect(VietnameseText.clean("A\u{3000}B\u{2003}C") == "A B C")
    }

    @Test("fold: the search key of DOMAIN.md §2")
    func fold() {
        #expect(VietnameseText.fold(nfcName) == "nguyen van duc")
        #expect(VietnameseText.fold(nfdName) == "nguyen van duc")
        #expect(VietnameseText.fold("  NGUYỄN\u{00A0}\tVĂN   ĐỨC ") == "nguyen van duc")
        #expect(VietnameseText.fold("hòa") == VietnameseText.fold("hoà"))
        #expect(VietnameseText.fold("thủy") == VietnameseText.fold("thuỷ"))
        #expect(VietnameseText.fold("\u{00D0}ào") == "dao")  // Ð (eth) typed for Đ
        #expect(VietnameseText.fold("Lớp 12A1, Trường THPT") == "lop 12a1, truong thpt")
        #expect(VietnameseText.fold("") == "")
    }

    @Test("isWhitespace agrees with Unicode's White_Space property on every scalar")
    func whitespaceOnEveryScalar() {
        var spaces = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
            let expected = scalar.properties.isWhitespace
            if VietnameseText.isWhitespace(scalar) != expected {
                Issue.record("U+\(String(value, radix: 16, uppercase: true)): expected \(expected)")
            }
            if expected { spaces += 1 }
        }
        #expect(spaces == 25)
    }

    @Test("fold maps all 134 Vietnamese letters to ASCII, agreeing with Foundation + đ→d")
    func foldAllLetters() {
        var count = 0
        for letter in Letter.allCases where letter.isVietnamese {
            let tones: [Tone] = letter.isVowel ? Tone.allCases : [.ngang]
            for tone in tones {
                for upper in [false, true] {
                    let s = LetterTable.compose(letter, tone, uppercase: upper)
                    if s.unicodeScalars.first?.isASCII == false { count += 1 }
                    let folded = VietnameseText.fold(s)
                    #expect(folded.utf8.count == 1 && folded.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A })
                    let reference = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
                        .replacingOccurrences(of: "đ", with: "d")
                    #expect(folded == reference, "\(s)")
                    #expect(VietnameseText.fold(s.decomposedStringWithCanonicalMapping) == folded)
                }
            }
        }
        #expect(count == 134)
    }

    @Test("property: fold is idempotent and NFC/NFD-blind over random text")
    func foldIdempotent() {
        var rng = SplitMix64(seed: 0xF01D)
        let pool: [Unicode.Scalar] = Array("aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ 0123456789.,-'".unicodeScalars)
            + ["\u{00A0}", "\t", "\u{FEFF}", "\u{0301}", "\u{0323}", "\u{212B}", "\u{0130}", "ß", "Σ", "ς", "Ж", "日", "\u{1F600}", "\u{00AD}", "ø", "Ð", "\u{2003}"]
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...24, using: &rng)
            var s = String.UnicodeScalarView()
            for _ in 0..<length { s.append(pool.randomElement(using: &rng)!) }
            let text = String(s)
            let once = VietnameseText.fold(text)
            #expect(VietnameseText.fold(once) == once, "\(text.debugDescription)")
            #expect(VietnameseText.fold(text.decomposedStringWithCanonicalMapping) == once)
            #expect(VietnameseText.fold(text.precomposedStringWithCanonicalMapping) == once)
            #expect(!once.hasPrefix(" ") && !once.hasSuffix(" ") && !once.contains("  "))
        }
    }

    @Test("fold handles a large batch (millions-of-names path stays table-driven)")
    func foldBatch() {
        let names = NameSamples.kinhNames
        var total = 0
        for _ in 0..<200 {
            for name in names { total += VietnameseText.fold(name).utf8.count }
        }
        #expect(total > 0)
        #expect(names.allSatisfy { VietnameseText.fold($0).utf8.allSatisfy { $0 < 0x80 } })
    }

    @Test("titleCased")
    func titleCased() {
        #expect(VietnameseText.titleCased("NGUYỄN VĂN AN") == "Nguyễn Văn An")
        #expect(VietnameseText.titleCased("đặng  thị ánh") == "Đặng Thị Ánh")
        #expect(VietnameseText.titleCased("H'HEN NIÊ") == "H'Hen Niê")
        #expect(VietnameseText.titleCased("ƯNG ĐỨC") == "Ưng Đức")
    }
}
