import SplitMix
import Testing
@testable import CitizenID

@Suite("CitizenID repair")
struct CitizenIDRepairTests {
    let example = "037153000257"

    @Test("a clean ID needs no fix")
    func clean() {
        let r = CitizenID.repair(example)
        #expect(r.citizenID?.digits == example)
        #expect(r.fixes.isEmpty)
        #expect(!r.wasRepaired)
        #expect(r.summaryEN == "")
    }

    @Test("Excel number: leading zero restored and reported")
    func leadingZero() {
        let r = CitizenID.repair("37153000257")
        #expect(r.citizenID?.digits == example)
        #expect(r.fixes == [.restoredLeadingZeros(count: 1)])
        #expect(r.summaryEN == "fixed: restored 1 leading zero")
        #expect(r.summaryVI == "đã sửa: đã khôi phục 1 số 0 ở đầu")
        #expect(CitizenID.repair("1153000257").fixes == [.restoredLeadingZeros(count: 2)])
        #expect(CitizenID.repair("1153000257").summaryEN == "fixed: restored 2 leading zeros")
    }

    @Test("each kind of damage is undone and reported", arguments: [
        ("  037153000257\u{00A0}", [CitizenIDFix.trimmedWhitespace]),
        ("'037153000257", [.removedApostrophe]),
        ("\u{2019}037153000257", [.removedApostrophe]),
        ("=\"037153000257\"", [.removedFormulaWrapper]),
        ("\"037153000257\"", [.removedQuotes]),
        ("037 153 000 257", [.removedSeparators]),
        ("037.153.000.257", [.removedSeparators]),
        ("037-153-000257", [.removedSeparators]),
        ("037\t153\u{2013}000257", [.removedSeparators]),
        ("37,153,000,257", [.removedSeparators, .restoredLeadingZeros(count: 1)]),
        ("０３７１５３０００２５７", [.convertedFullWidthDigits]),
        ("37153000257.0", [.removedDecimalSuffix, .restoredLeadingZeros(count: 1)]),
        ("37153000257,00", [.removedDecimalSuffix, .restoredLeadingZeros(count: 1)]),
        ("3.7153000257E+10", [.expandedScientificNotation, .restoredLeadingZeros(count: 1)]),
        ("3,7153000257E+10", [.expandedScientificNotation, .restoredLeadingZeros(count: 1)]),
        ("3.7153000257e10", [.expandedScientificNotation, .restoredLeadingZeros(count: 1)]),
        (" '37153000257.0 ", [.trimmedWhitespace, .removedApostrophe, .removedDecimalSuffix,
                              .restoredLeadingZeros(count: 1)]),
    ])
    func damage(input: String, fixes: [CitizenIDFix]) {
        let r = CitizenID.repair(input)
        #expect(r.citizenID?.digits == example, "\(input) → \(String(describing: r.error))")
        #expect(r.fixes == fixes)
        #expect(r.wasRepaired)
    }

    @Test("unrecoverable damage is reported, never guessed")
    func unrecoverable() {
        #expect(CitizenID.repair("7.92051E+10").error == .scientificNotationLostDigits(text: "7.92051E+10"))
        #expect(CitizenID.repair("7,92051E+10").error == .scientificNotationLostDigits(text: "7,92051E+10"))
        #expect(CitizenID.repair("3.71530E+10").error == .scientificNotationLostDigits(text: "3.71530E+10"))
        #expect(CitizenID.repair("1.5E+2").error == .scientificNotationLostDigits(text: "1.5E+2"))
        #expect(CitizenID.repair("1.5E+0").error == .scientificNotationInvalid(text: "1.5E+0"))
        #expect(CitizenID.repair("1.23E-5").error == .scientificNotationInvalid(text: "1.23E-5"))
        #expect(CitizenID.repair("123456789").error == .wrongLength(count: 9))
        #expect(CitizenID.repair("12345678901234").error == .wrongLength(count: 14))
        #expect(CitizenID.repair("   ").error == .empty)
        #expect(CitizenID.repair("").error == .empty)
        #expect(CitizenID.repair("'").error == .empty)
        #expect(CitizenID.repair("HS-00123").error == .notDigits(found: "H"))
        #expect(CitizenID.repair("037153000257a").error == .notDigits(found: "a"))
        #expect(CitizenID.repair("037153000257.5").error == .wrongLength(count: 13))
    }

    @Test("a full-precision E+11 mantissa is recoverable")
    func fullPrecisionE11() {
        let r = CitizenID.repair("1.23456789012E+11")
        #expect(r.citizenID?.digits == "123456789012")
        #expect(r.fixes == [.expandedScientificNotation])
        // Structurally fine; the offline checks then flag the implausible prefix and G.
        #expect(r.citizenID?.check() == [
            .centuryOutOfRange(centuryDigit: 4, decodedYear: 2156),
            .unknownProvince(code: "123", unusedProvinceCode: false),
        ])
        #expect(CitizenID.repair("1.234567890120E+11").citizenID?.digits == "123456789012")
    }

    @Test("property: every rendering of a valid ID repairs back to it")
    func renderingsRepair() {
        var rng = SplitMix64(seed: 0xE_C3E1)
        for i in 0..<3_000 {
            // Known provinces start with 0, as real IDs do; every tenth uses any prefix
            // (country codes) to exercise E+11.
            let known = i % 10 != 0
            let g = GeneratedID.random(using: &rng, knownProvince: known)
            let d = g.digits
            let chars = Array(d)
            let grouped = "\(String(chars[0..<3])) \(String(chars[3..<6])) \(String(chars[6..<12]))"
            // Renderings of the text itself: always recoverable.
            var renderings = [
                d, " \(d) ", "\t\(d)\u{00A0}", "'\(d)", "=\"\(d)\"", grouped,
                grouped.replacingOccurrences(" ", "."), grouped.replacingOccurrences(" ", "-"),
                String(d.unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0)!) }),
            ]
            // Renderings of the ID as a number (leading zeros gone): recoverable while
            // the number keeps 10-12 digits, i.e. at most two leading zeros were lost.
            let number = Render.asNumber(d)
            let asNumber = [
                number, number + ".0", "'" + number,
                Render.scientificFull(d), Render.scientificFull(d, comma: true),
            ]
            if (10...12).contains(number.count) {
                renderings += asNumber
            } else {
                for text in asNumber { #expect(CitizenID.repair(text).citizenID == nil, "\(text)") }
            }
            for text in renderings {
                let r = CitizenID.repair(text)
                #expect(r.citizenID?.digits == d, "\(text) → \(String(describing: r.error))")
            }
        }
    }

    @Test("property: a 6-significant-digit scientific form is reported unrecoverable")
    func roundedScientific() {
        var rng = SplitMix64(seed: 0x7_9205_1E10)
        for _ in 0..<3_000 {
            let g = GeneratedID.random(using: &rng)
            let text = Render.scientificRounded(g.digits)
            let r = CitizenID.repair(text)
            #expect(r.error == .scientificNotationLostDigits(text: text), "\(text)")
            #expect(r.citizenID == nil)
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
