import SplitMix
import Testing
@testable import CitizenID

@Suite("CitizenID offline checks")
struct CitizenIDCheckTests {
    @Test("sex and year mismatches are errors with stable codes")
    func mismatches() throws {
        let id = try CitizenID.parse("037153000257")
        #expect(id.check(sex: .female, birthYear: 1953).isEmpty)
        #expect(id.check().isEmpty)
        let wrongSex = id.check(sex: .male, birthYear: 1953)
        #expect(wrongSex == [.sexMismatch(recorded: .male, decoded: .female)])
        #expect(wrongSex.first?.code == "citizenId.sexMismatch")
        #expect(wrongSex.first?.severity == .error)
        #expect(wrongSex.first?.messageVI.contains("Nữ") == true)
        let wrongYear = id.check(sex: .female, birthDate: (year: 2053, month: 1, day: 2))
        #expect(wrongYear == [.birthYearMismatch(recorded: 2053, decoded: 1953)])
        #expect(wrongYear.first?.code == "citizenId.birthYearMismatch")
    }

    @Test("unknown and unused prefixes are warnings; G > 3 is an error")
    func provinceAndCentury() throws {
        let abroad = try CitizenID.parse("400153000257")
        #expect(abroad.province == nil)
        #expect(abroad.check(sex: .female, birthYear: 1953) ==
                [.unknownProvince(code: "400", unusedProvinceCode: false)])
        let unused = try CitizenID.parse("003153000257")
        let issue = try #require(unused.check().first)
        #expect(issue == .unknownProvince(code: "003", unusedProvinceCode: true))
        #expect(issue.severity == .warning)
        #expect(issue.code == "citizenId.unknownProvince")

        let future = try CitizenID.parse("037453000257")
        #expect(future.birthYear == 2153)
        #expect(future.check() == [.centuryOutOfRange(centuryDigit: 4, decodedYear: 2153)])
        #expect(future.check().first?.code == "citizenId.centuryOutOfRange")

        let notBornYet = try CitizenID.parse("037399000257")
        #expect(notBornYet.check(asOfYear: 2025) == [.birthYearInFuture(decoded: 2099, asOfYear: 2025)])
        #expect(notBornYet.check(asOfYear: 2100).isEmpty)
    }

    @Test("issue codes are distinct and every issue has both messages")
    func issueTexts() {
        let issues: [CitizenIDIssue] = [
            .unknownProvince(code: "400", unusedProvinceCode: false),
            .unknownProvince(code: "003", unusedProvinceCode: true),
            .centuryOutOfRange(centuryDigit: 5, decodedYear: 2101),
            .sexMismatch(recorded: .male, decoded: .female),
            .birthYearMismatch(recorded: 2008, decoded: 2009),
            .birthYearInFuture(decoded: 2030, asOfYear: 2025),
        ]
        #expect(Set(issues.map(\.code)).count == 5)
        for issue in issues {
            #expect(!issue.messageEN.isEmpty && !issue.messageVI.isEmpty)
        }
        #expect(IssueSeverity.warning < .error)
    }

    @Test("property: check passes the right sex and year and flags wrong ones")
    func rightAndWrong() throws {
        var rng = SplitMix64(seed: 0xC0FFEE)
        for _ in 0..<5_000 {
            let g = GeneratedID.random(using: &rng)
            let id = try CitizenID.parse(g.digits)
            #expect(id.check(sex: g.sex, birthYear: g.year, asOfYear: 2099).isEmpty)
            let otherSex: Sex = g.sex == .male ? .female : .male
            #expect(id.check(sex: otherSex, birthYear: g.year) ==
                    [.sexMismatch(recorded: otherSex, decoded: g.sex)])
            let delta = Int.random(in: 1...150, using: &rng) * (Bool.random(using: &rng) ? 1 : -1)
            #expect(id.check(sex: g.sex, birthYear: g.year + delta) ==
                    [.birthYearMismatch(recorded: g.year + delta, decoded: g.year)])
        }
    }

    /// DOMAIN.md §1.5: a single-digit typo in digits 1–6 is caught unless it lands on
    /// another province code (digits 1–3); digits 4–6 encode sex and year, so a change
    /// there always contradicts the record.
    @Test("property: every single-digit change in digits 1–6 is caught or decodes consistently")
    func singleDigitTypos() throws {
        var rng = SplitMix64(seed: 0x5EED)
        var caught = 0, consistent = 0
        for _ in 0..<500 {
            let g = GeneratedID.random(using: &rng)
            var chars = Array(g.digits)
            for position in 0..<6 {
                let original = chars[position]
                for replacement in "0123456789" where replacement != original {
                    chars[position] = replacement
                    let typo = try CitizenID.parse(String(chars))
                    let issues = typo.check(sex: g.sex, birthYear: g.year)
                    let decodesConsistently = typo.province != nil && typo.sex == g.sex
                        && typo.birthYear == g.year && typo.centuryDigit <= 3
                    #expect(issues.isEmpty == decodesConsistently)
                    if position >= 3 {
                        #expect(!issues.isEmpty, "digit \(position + 1) typo \(typo) not caught")
                        #expect(issues.contains { $0.severity == .error })
                    } else {
                        #expect(issues.isEmpty == (ProvinceCodes.name(for: typo.provinceCode) != nil))
                    }
                    if issues.isEmpty { consistent += 1 } else { caught += 1 }
                }
                chars[position] = original
            }
        }
        #expect(caught > 0 && consistent > 0)
    }
}
