import Foundation
import SplitMix
import Testing
@testable import CitizenID

@Suite("CitizenID parsing")
struct CitizenIDParseTests {
    @Test("DOMAIN.md §1.4 example: 037153000257 is a woman born 1953 in Ninh Bình")
    func domainExample() throws {
        let id = try CitizenID.parse("037153000257")
        #expect(id.digits == "037153000257")
        #expect(id.provinceCode == "037")
        #expect(id.province == "Ninh Bình")
        #expect(id.sex == .female)
        #expect(id.birthYear == 1953)
        #expect(id.serial == "000257")
        #expect(id.centuryDigit == 1)
        #expect(id.description == "037153000257")
        #expect(id.grouped == "037 1 53 000257")
        #expect(id.check(sex: .female, birthYear: 1953).isEmpty)
    }

    @Test("century table: G decodes century and sex")
    func centuryTable() throws {
        let expected: [(Int, Int, Sex)] = [
            (0, 1900, .male), (1, 1900, .female), (2, 2000, .male), (3, 2000, .female),
            (4, 2100, .male), (5, 2100, .female), (6, 2200, .male), (7, 2200, .female),
            (8, 2300, .male), (9, 2300, .female),
        ]
        for (g, century, sex) in expected {
            let id = try CitizenID.parse("001\(g)07123456")
            #expect(id.birthYear == century + 7)
            #expect(id.sex == sex)
        }
    }

    @Test("parse accepts spaces and dots, nothing else")
    func separators() throws {
        let plain = try CitizenID.parse("037153000257")
        #expect(try CitizenID.parse("037 153 000 257") == plain)
        #expect(try CitizenID.parse("037.153.000.257") == plain)
        #expect(try CitizenID("037 1 53 000257") == plain)
        #expect(throws: CitizenIDError.notDigits(found: "-")) { try CitizenID.parse("037-153-000257") }
        #expect(throws: CitizenIDError.notDigits(found: "'")) { try CitizenID.parse("'037153000257") }
        #expect(throws: CitizenIDError.notDigits(found: "０")) { try CitizenID.parse("０３7153000257") }
    }

    @Test("parse errors carry codes and messages")
    func errors() {
        #expect(throws: CitizenIDError.empty) { try CitizenID.parse("") }
        #expect(throws: CitizenIDError.empty) { try CitizenID.parse(" . ") }
        #expect(throws: CitizenIDError.wrongLength(count: 9)) { try CitizenID.parse("123456789") }
        #expect(throws: CitizenIDError.wrongLength(count: 11)) { try CitizenID.parse("37153000257") }
        #expect(throws: CitizenIDError.wrongLength(count: 13)) { try CitizenID.parse("0371530002570") }
        #expect(throws: CitizenIDError.notDigits(found: "H")) { try CitizenID.parse("HS0001234567") }

        let cmnd = CitizenIDError.wrongLength(count: 9)
        #expect(cmnd.code == "citizenId.wrongLength")
        #expect(cmnd.messageEN.contains("CMND"))
        #expect(cmnd.messageVI.contains("CMND"))
        let all: [CitizenIDError] = [
            .empty, .notDigits(found: "x"), .wrongLength(count: 3),
            .scientificNotationLostDigits(text: "7.92051E+10"), .scientificNotationInvalid(text: "1E+2"),
        ]
        #expect(Set(all.map(\.code)).count == all.count)
        for error in all {
            #expect(error.code.hasPrefix("citizenId."))
            #expect(!error.messageEN.isEmpty && !error.messageVI.isEmpty)
        }
    }

    @Test("Codable: encodes as the bare 12-digit string and rejects bad input")
    func codable() throws {
        let id = try CitizenID.parse("037153000257")
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == "[\"037153000257\"]")
        #expect(try JSONDecoder().decode([CitizenID].self, from: data) == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CitizenID].self, from: Data("[\"12345\"]".utf8))
        }
        let sexData = try JSONEncoder().encode([Sex.female])
        #expect(String(decoding: sexData, as: UTF8.self) == "[\"female\"]")
    }

    @Test("property: parse(id.digits) == id and the fields decode the generated parts")
    func parseRoundTrip() throws {
        var rng = SplitMix64(seed: 0x1D_2015)
        for _ in 0..<5_000 {
            let g = GeneratedID.random(using: &rng, knownProvince: false, plausibleCentury: false)
            let id = try CitizenID.parse(g.digits)
            #expect(try CitizenID.parse(id.digits) == id)
            #expect(id.digits == g.digits)
            #expect(id.provinceCode == g.province)
            #expect(id.centuryDigit == g.centuryDigit)
            #expect(id.sex == g.sex)
            #expect(id.birthYear == g.year)
            #expect(id.serial == g.serial)
            #expect(id.province == ProvinceCodes.name(for: g.province))
        }
    }
}
