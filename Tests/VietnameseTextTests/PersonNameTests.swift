import Foundation
import Testing
@testable import VietnameseText

@Suite("PersonName")
struct PersonNameTests {
    @Test("split: family, middle, given", arguments: [
        ("Nguyễn Văn An", "Nguyễn", "Văn", "An"),
        ("Nguyễn Thị Minh Khai", "Nguyễn", "Thị Minh", "Khai"),
        ("Lê An", "Lê", "", "An"),
        ("An", "", "", "An"),
        ("", "", "", ""),
        ("Giàng A Páo", "Giàng", "A", "Páo"),
        ("Âu Dương Phong", "Âu Dương", "", "Phong"),
        ("Âu Dương Thị Mai", "Âu Dương", "Thị", "Mai"),
        ("Tôn Nữ Thị Ninh", "Tôn Nữ", "Thị", "Ninh"),
        ("Tôn Thất Thuyết", "Tôn Thất", "", "Thuyết"),
        ("TÔN THẤT THUYẾT", "Tôn Thất", "", "Thuyết"),
        ("Tư Mã Ý", "Tư Mã", "", "Ý"),
        ("Gia Cát Lượng", "Gia Cát", "", "Lượng"),
        ("Công Tôn Toản", "Công Tôn", "", "Toản"),
        ("Hoàng Phủ Ngọc Tường", "Hoàng Phủ", "Ngọc", "Tường"),
        ("Thượng Quan Uyển Nhi", "Thượng Quan", "Uyển", "Nhi"),
        ("Âu Dương", "Âu", "", "Dương"),
        ("Hoàng Phú Quý", "Hoàng", "Phú", "Quý"),
        ("Hoang Phu Quy", "Hoang", "Phu", "Quy"),
        ("Tôn Đức Thắng", "Tôn", "Đức", "Thắng"),
        ("  Trần   Thị\u{00A0}Bích  ", "Trần", "Thị", "Bích"),
        ("NGUYỄN VĂN AN", "Nguyễn", "Văn", "An"),
        ("nguyễn thị ánh", "Nguyễn", "Thị", "Ánh"),
        ("Nguyễn văn An", "Nguyễn", "văn", "An"),
        ("Nguye\u{0302}\u{0303}n Va\u{0306}n \u{0110}u\u{031B}\u{0301}c", "Nguyễn", "Văn", "Đức"),
    ])
    func split(full: String, family: String, middle: String, given: String) {
        let name = PersonName(fullName: full)
        #expect(name.family == family)
        #expect(name.middle == middle)
        #expect(name.given == given)
        #expect(Array(name.given.utf8) == Array(given.utf8), "parts are NFC")
    }

    @Test("fullName joins non-empty parts; round-trips through init(fullName:)")
    func fullName() {
        #expect(PersonName(family: "Lê", given: "An").fullName == "Lê An")
        #expect(PersonName(family: " Lê ", middle: "Thị  Ngọc", given: "Ánh").fullName == "Lê Thị Ngọc Ánh")
        for full in NameSamples.kinhNames {
            let name = PersonName(fullName: full)
            #expect(name.fullName == full)
            #expect(PersonName(fullName: name.fullName) == name)
        }
        #expect(PersonName(fullName: "ĐỖ THỊ HỒNG").searchKey == "do thi hong")
    }

    @Test("a re-cased name is stored in NFC")
    func recasedNameIsNFC() {
        // "ΐ" upper-cases to three scalars (Ι, diaeresis, acute), of which NFC composes the first two.
        #expect(PersonName(fullName: "ΐ").given.unicodeScalars.map(\.value) == [0x3AA, 0x301])
    }

    @Test("Codable round-trip")
    func codable() throws {
        let name = PersonName(fullName: "Tôn Nữ Thị Ninh")
        let data = try JSONEncoder().encode(name)
        #expect(try JSONDecoder().decode(PersonName.self, from: data) == name)
    }
}
