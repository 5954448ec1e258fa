import CitizenID
import Foundation
import Testing
@testable import PersonMatching

@Suite("Verification of records that carry an ID")
struct VerificationByIDTests {
    /// Nguyễn Văn Đức, male, born 05/09/2008 in Hà Nội; ID 001 2 08 123456.
    static let duc = try! RegistryPerson(
        citizenID: "001208123456", familyName: "Nguyễn", middleName: "Văn", givenName: "Đức",
        dateOfBirth: CivilDate(year: 2008, month: 9, day: 5), sex: .male, birthProvince: "001")
    static let lan = try! RegistryPerson(
        citizenID: "079309654321", familyName: "Trần", middleName: "Thị", givenName: "Lan",
        dateOfBirth: CivilDate(year: 2009), sex: .female, birthProvince: "079")
    static let verifier = Verifier(index: RegistryIndex([duc, lan]))

    private func record(
        id: String? = "001208123456", name: String = "Nguyễn Văn Đức", dob: String = "05/09/2008",
        sex: Sex? = .male
    ) -> PersonRecord {
        PersonRecord(citizenID: id, fullName: name, dateOfBirth: CivilDate.parse(dob), sex: sex, birthProvince: "001")
    }

    private func corrections(_ decision: VerificationDecision) -> [SuggestedCorrection]? {
        if case .verifiedWithCorrections(_, let corrections) = decision { return corrections }
        return nil
    }

    @Test("ID, name, DOB and sex agree: verified; case and spacing are normalisation")
    func verified() {
        #expect(Self.verifier.verify(record()) == .verified(Self.duc))
        #expect(Self.verifier.verify(record(name: "NGUYỄN  VĂN ĐỨC")) == .verified(Self.duc))
        #expect(Self.verifier.verify(record()).linkedPerson == Self.duc)
    }

    @Test("repairs give verified with corrections, listing each suggestion, never applying it",
          arguments: [
            "Nguyen Van Duc", "NguyÔn V¨n §øc", "Nguyeãn Vaên Ñöùc", "Văn Đức Nguyễn", "Nguyễn Đức",
          ])
    func correctedNames(name: String) throws {
        let decision = Self.verifier.verify(record(name: name))
        let list = try #require(corrections(decision))
        let fix = try #require(list.first { $0.field == .fullName })
        #expect(fix.current == name)
        #expect(fix.suggested == "Nguyễn Văn Đức")
        #expect(!fix.reasonEN.isEmpty && !fix.reasonVI.isEmpty)
        #expect(decision.status == "verified_with_corrections")
    }

    @Test("NFD input is verified with a correction to NFC")
    func nfd() throws {
        let decision = Self.verifier.verify(record(name: "Nguyễn Văn Đức".decomposedStringWithCanonicalMapping))
        let fix = try #require(corrections(decision)?.first)
        #expect(fix.reasonEN.contains("NFD"))
    }

    @Test("05/09 typed as 09/05, a year-only date, a missing sex and Excel-damaged IDs are corrections")
    func otherCorrections() throws {
        let swapped = try #require(corrections(Self.verifier.verify(record(dob: "09/05/2008"))))
        #expect(swapped.map(\.field) == [.dateOfBirth])
        #expect(swapped.first?.suggested == "05/09/2008")
        let yearOnly = try #require(corrections(Self.verifier.verify(record(dob: "2008"))))
        #expect(yearOnly.map(\.field) == [.dateOfBirth])
        let noSex = try #require(corrections(Self.verifier.verify(record(sex: nil))))
        #expect(noSex.map(\.field) == [.sex])
        let excel = try #require(corrections(Self.verifier.verify(record(id: "1208123456"))))
        #expect(excel.map(\.field) == [.citizenID])
        #expect(excel.first?.suggested == "001208123456")
    }

    @Test("a registered ID whose fields disagree is a mismatch naming the fields")
    func mismatch() throws {
        let decision = Self.verifier.verify(record(dob: "20/11/2008"))
        guard case .mismatch(let person, let fields, let search) = decision else {
            Issue.record("expected mismatch, got \(decision.status)"); return
        }
        #expect(person == Self.duc)
        #expect(fields.map(\.field) == [.dateOfBirth])
        #expect(search == nil)
        #expect(decision.linkedPerson == nil)
        let typo = Self.verifier.verify(record(name: "Nguyễn Văn Đực Anh"))
        #expect(typo.status == "mismatch")
    }

    @Test("another person's valid ID (a copied row) is a mismatch on the name, and a search runs")
    func someoneElsesID() {
        let decision = Self.verifier.verify(record(id: "001208123456", name: "Lê Thị Hồng"))
        guard case .mismatch(_, let fields, let search) = decision else {
            Issue.record("expected mismatch, got \(decision.status)"); return
        }
        #expect(fields.contains { $0.field == .givenName })
        #expect(search == .notFound)
    }

    @Test("offline checks: wrong sex or year digit, unreadable cell → id_invalid")
    func invalid() {
        let wrongSex = Self.verifier.verify(record(sex: .female))
        guard case .idInvalid(let problems, _) = wrongSex else {
            Issue.record("expected id_invalid, got \(wrongSex.status)"); return
        }
        #expect(problems.map(\.code) == ["citizenId.sexMismatch"])
        #expect(Self.verifier.verify(record(dob: "05/09/2009")).status == "id_invalid")
        #expect(Self.verifier.verify(record(id: "7.92051E+10")).status == "id_invalid")
        #expect(Self.verifier.verify(record(id: "123456789")).status == "id_invalid")
    }

    @Test("a valid ID the registry lacks is id_not_found, and the search may still find the person")
    func notFound() {
        let decision = Self.verifier.verify(record(id: "001208999999"))
        guard case .idNotFound(let search) = decision else {
            Issue.record("expected id_not_found, got \(decision.status)"); return
        }
        switch search {
        case .autoLinked(let evidence), .candidateFound(let evidence):
            #expect(evidence.best.person == Self.duc)
        default:
            Issue.record("the search should find Đức: \(search)")
        }
    }
}
