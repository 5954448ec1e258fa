import Foundation
import Testing
@testable import VietnameseText

@Suite("Legacy encodings")
struct LegacyVietnameseTests {
    let unicode = "Nguyễn Văn Đức"
    let tcvn3 = "NguyÔn V¨n §øc"
    let vni = "Nguyeãn Vaên Ñöùc"

    @Test("DOMAIN.md §2 examples decode, are detected and repaired")
    func domainExamples() {
        #expect(LegacyVietnamese.decode(tcvn3, from: .tcvn3) == unicode)
        #expect(LegacyVietnamese.decode(vni, from: .vni) == unicode)
        #expect(LegacyVietnamese.detect(tcvn3) == .tcvn3)
        #expect(LegacyVietnamese.detect(vni) == .vni)
        let fixedT = LegacyVietnamese.repairIfLegacy(tcvn3)
        #expect(fixedT.text == unicode && fixedT.encoding == .tcvn3)
        let fixedV = LegacyVietnamese.repairIfLegacy(vni)
        #expect(fixedV.text == unicode && fixedV.encoding == .vni)
        #expect(LegacyVietnamese.encode(unicode, to: .tcvn3) == tcvn3)
        #expect(LegacyVietnamese.encode(unicode, to: .vni) == vni)
    }

    @Test("known strings from public converters")
    func publicSamples() {
        #expect(LegacyVietnamese.decode("B¶o Th¾ng", from: .tcvn3) == "Bảo Thắng")
        #expect(LegacyVietnamese.decode("M\u{AD}êng Kh\u{AD}\u{AC}ng", from: .tcvn3) == "Mường Khương")
        #expect(LegacyVietnamese.decode("B¸t X¸t", from: .tcvn3) == "Bát Xát")
        #expect(LegacyVietnamese.decode("Xin chaøo caùc baïn", from: .vni) == "Xin chào các bạn")
        #expect(LegacyVietnamese.decode("NGUYEÃN VAÊN ÑÖÙC", from: .vni) == "NGUYỄN VĂN ĐỨC")
        #expect(LegacyVietnamese.decode("Tröôøng", from: .vni) == "Trường")
        // Raw bytes of a TCVN3 file: "Hµ Néi" (Hà Nội).
        #expect(LegacyVietnamese.decode(bytes: [0x48, 0xB5, 0x20, 0x4E, 0xE9, 0x69], from: .tcvn3) == "Hà Nội")
    }

    @Test("every letter round-trips through both tables")
    func allLetters() {
        var tcvnCount = 0
        for letter in Letter.allCases where letter.isVietnamese {
            let tones: [Tone] = letter.isVowel ? Tone.allCases : [.ngang]
            for tone in tones {
                for upper in [false, true] {
                    let s = LetterTable.compose(letter, tone, uppercase: upper)
                    let v = LegacyVietnamese.encode(s, to: .vni)
                    #expect(v.map { LegacyVietnamese.decode($0, from: .vni) } == s, "\(s)")
                    if let t = LegacyVietnamese.encode(s, to: .tcvn3) {
                        tcvnCount += 1
                        #expect(LegacyVietnamese.decode(t, from: .tcvn3) == s, "\(s)")
                        #expect(t.unicodeScalars.count == 1)
                    } else {
                        // Only capitals with a tone (or ASCII-less capitals) are missing.
                        #expect(upper && (tone != .ngang || !letter.isVowel && letter != .dStroke))
                    }
                }
            }
        }
        // 26 ASCII-or-consonant forms excluded: 67 lowercase + 7 capitals + plain ASCII.
        #expect(tcvnCount >= 74)
        #expect(TCVN3Table.decoding.count == 74)
        #expect(LegacyVietnamese.encode("Ánh", to: .tcvn3) == nil)
        #expect(LegacyVietnamese.encode("ç", to: .vni) == nil)
    }

    @Test("sentences round-trip: encode with the table, decode back", arguments: [
        "Bộ Giáo dục và Đào tạo",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "Trường Trung học phổ thông Chu Văn An",
        "Học sinh Nguyễn Thị Ngọc Ánh, lớp 12A1, đạt giải Nhất",
        "Điểm trung bình môn Toán học kỳ I: 7,6",
        "Ông Trương Quốc Khánh, Sở Giáo dục và Đào tạo tỉnh Đắk Lắk",
    ])
    func sentences(text: String) {
        let v = LegacyVietnamese.encode(text, to: .vni)
        #expect(v != nil)
        #expect(v.map { LegacyVietnamese.decode($0, from: .vni) } == text)
        #expect(v.map { LegacyVietnamese.repairIfLegacy($0).text } == text)
        // TCVN3 has no toned capitals: lowercase those letters first, as .VnTime users did.
        let lowered = String(text.map { ch -> String in
            let s = String(ch)
            return LegacyVietnamese.encode(s, to: .tcvn3) == nil ? s.lowercased() : s
        }.joined())
        let t = LegacyVietnamese.encode(lowered, to: .tcvn3)
        #expect(t != nil)
        #expect(t.map { LegacyVietnamese.decode($0, from: .tcvn3) } == lowered)
        #expect(t.map { LegacyVietnamese.repairIfLegacy($0).text } == lowered)
        #expect(t.map(LegacyVietnamese.detect) == .tcvn3)
    }

    @Test("plain Unicode Vietnamese (200+ names and phrases) is never altered")
    func unicodeUntouched() {
        #expect(NameSamples.all.count >= 200)
        for text in NameSamples.all + ["Quốc", "Đức", "Quốc Đức", "à", "Ô", "ê"] {
            let r = LegacyVietnamese.repairIfLegacy(text)
            #expect(r.text == text && r.encoding == nil, "\(text) → \(r.text)")
            #expect(LegacyVietnamese.detect(text) == nil)
            let nfd = text.decomposedStringWithCanonicalMapping
            #expect(LegacyVietnamese.repairIfLegacy(nfd).text == nfd)
            let upper = text.uppercased()
            #expect(LegacyVietnamese.repairIfLegacy(upper).text == upper)
        }
    }

    @Test("Kinh names are valid syllables; legacy garbage is not")
    func syllables() {
        for name in NameSamples.kinhNames + NameSamples.phrases {
            for word in LegacyVietnamese.accentedWords(name) {
                #expect(VietnameseSyllable.isValid(word), "\(word)")
            }
        }
        for garbage in ["Vaờn", "ẹửực", "Nguyeón", "Leâ", "Toõ", "àt", "Nguyơn", "Thứư", "Leõ", "Taù",
                        "hoÌ", "tuÊn", "muà", "qúa", "tíên", "nGuyễn"] {
            #expect(!VietnameseSyllable.isValid(garbage), "\(garbage)")
        }
        for word in ["Thò", "Đắk", "khuỷu", "giữa", "quốc", "Nguyễn", "thuở", "Niê", "hòa", "hoà",
                     "thủy", "thuỷ", "người", "tiêu", "ngoài", "NGUYỄN", "Mường", "quý", "gì", "huệ"] {
            #expect(VietnameseSyllable.isValid(word), "\(word)")
        }
    }

    @Test("property: encoded names repair back, or stay as they are, never to anything else")
    func encodedNamesRepair() {
        var repaired: [LegacyEncoding: Int] = [:]
        var total = 0
        for name in NameSamples.kinhNames + NameSamples.latin1Names {
            for encoding in LegacyEncoding.allCases {
                let source = encoding == .tcvn3 ? name.lowercased() : name
                guard let encoded = LegacyVietnamese.encode(source, to: encoding), encoded != source else {
                    continue
                }
                total += 1
                let r = LegacyVietnamese.repairIfLegacy(encoded)
                #expect(r.text == source || (r.text == encoded && r.encoding == nil),
                        "\(encoded) → \(r.text)")
                if r.text == source {
                    #expect(r.encoding == encoding)
                    repaired[encoding, default: 0] += 1
                } else {
                    // Left alone only when nothing in it shows a legacy encoding, or
                    // both tables give valid Vietnamese.
                    let other = encoding == .vni ? LegacyEncoding.tcvn3 : .vni
                    let otherDecoded = LegacyVietnamese.decode(encoded, from: other)
                    let ambiguous = otherDecoded != encoded && LegacyVietnamese.isPlausibleVietnamese(otherDecoded)
                    let noSign = !LegacyVietnamese.hasForeignCharacter(encoded)
                        && !LegacyVietnamese.hasInvalidSyllable(encoded)
                    #expect(ambiguous || noSign, "\(encoded) should have been repaired")
                }
            }
        }
        #expect(total > 400)
        #expect(repaired[.tcvn3, default: 0] > 0 && repaired[.vni, default: 0] > 0)
    }
}
