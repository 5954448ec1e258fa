import DataIntegrity
import Foundation
import Testing
@testable import Credentials

@Suite("Verification: status, dates, shape and the report")
struct VerifierTests {
    let d = Fixtures.date

    @Test("a revoked credential fails with the revoked reason and exit status 2")
    func revoked() throws {
        let record = Fixtures.record(4242)
        let signed = try Fixtures.signedRecord(record)
        let clear = Fixtures.verify(signed, registry: try Fixtures.standardRegistry(), lists: [try Fixtures.statusList(revoked: [1, 4241, 4243])])
        #expect(clear.isValid)
        #expect(clear.codes(.status) == ["status.clear"])

        let report = Fixtures.verify(
            signed, registry: try Fixtures.standardRegistry(), lists: [try Fixtures.statusList(revoked: [record.status.statusListIndex])])
        #expect(report.codes(.status) == ["status.revoked"])
        #expect(report.failure == .revoked)
        #expect(report.exitCode == 2)
        #expect(report.results(for: .status).first?.messageVI.contains("thu hồi") == true)
        #expect(report.outcomes(.proof) == [.passed], "a revoked credential's proof still holds")
    }

    @Test("a suspension list marks a credential suspended")
    func suspended() throws {
        var record = Fixtures.record(9)
        record.status = BitstringStatusListEntry(statusPurpose: "suspension", statusListIndex: 9, statusListCredential: Fixtures.statusListURL)
        let report = Fixtures.verify(try Fixtures.signedRecord(record), lists: [try Fixtures.statusList(revoked: [9], purpose: "suspension")])
        #expect(report.codes(.status) == ["status.suspended"])
        #expect(report.failure == .revoked)
    }

    @Test("a status list signed by someone else is rejected")
    func listBySomeoneElse() throws {
        let signed = try Fixtures.signedRecord()
        let report = Fixtures.verify(signed, registry: try Fixtures.standardRegistry(), lists: [try Fixtures.statusList(signer: Fixtures.outsider)])
        #expect(report.codes(.status) == ["status.listSignerNotAccepted"])
        #expect(report.failure == .statusUnknown)
        #expect(report.exitCode == 6)
        // Also without a registry.
        #expect(Fixtures.verify(signed, lists: [try Fixtures.statusList(signer: Fixtures.outsider)]).failure == .statusUnknown)
    }

    @Test("status lists from the ministry or from the same school's rotated key are accepted")
    func acceptedListSigners() throws {
        let signed = try Fixtures.signedRecord()
        let ministryList = Fixtures.verify(signed, registry: try Fixtures.standardRegistry(), lists: [try Fixtures.statusList(signer: Fixtures.ministry)])
        #expect(ministryList.codes(.status) == ["status.clear"])
        // The ministry is only recognised through an anchored registry.
        #expect(Fixtures.verify(signed, lists: [try Fixtures.statusList(signer: Fixtures.ministry)]).codes(.status) == ["status.listSignerNotAccepted"])

        let rotated = try Fixtures.registry([Fixtures.registeredSchool(keys: [
            RegisteredKey(did: Fixtures.school.did, validFrom: d("2024-08-01T00:00:00+07:00"), validUntil: d("2025-07-01T00:00:00+07:00")),
            RegisteredKey(did: Fixtures.schoolRotated.did, validFrom: d("2025-07-01T00:00:00+07:00")),
        ])])
        let report = Fixtures.verify(signed, registry: rotated, lists: [try Fixtures.statusList(signer: Fixtures.schoolRotated)])
        #expect(report.codes(.status) == ["status.clear"])
        #expect(report.isValid)
    }

    @Test("a status list signed with a key compromised before the list was made is rejected")
    func listByCompromisedKey() throws {
        let registry = try Fixtures.registry([Fixtures.registeredSchool(keys: [
            RegisteredKey(did: Fixtures.school.did, validFrom: d("2024-08-01T00:00:00+07:00"), revokedAt: d("2025-08-01T00:00:00+07:00")),
        ])])
        let report = Fixtures.verify(try Fixtures.signedRecord(), registry: registry, lists: [try Fixtures.statusList()])
        #expect(report.codes(.status) == ["status.listKeyNotValid"])
        #expect(report.failure == .statusUnknown)
    }

    @Test("a status list changed after signing is rejected")
    func tamperedList() throws {
        let list = try Fixtures.statusList(revoked: [7])
        let cleared = list.updating([.key("credentialSubject"), .key("encodedList")]) { _ in
            .string((try! StatusBitstring()).encodedList)
        }
        let report = Fixtures.verify(try Fixtures.signedRecord(Fixtures.record(7)), lists: [cleared])
        #expect(report.codes(.status) == ["status.listProofInvalid"])
        #expect(report.failure == .statusUnknown)
    }

    @Test("a missing status list is a warning, and a failure only when status is required")
    func missingList() throws {
        let signed = try Fixtures.signedRecord()
        let lenient = Fixtures.verify(signed)
        #expect(lenient.codes(.status) == ["status.notChecked"])
        #expect(lenient.outcomes(.status) == [.warning])
        #expect(lenient.isValid)
        let strict = Fixtures.verify(signed, requireStatus: true)
        #expect(strict.failure == .statusUnknown)
        #expect(strict.exitCode == 6)
        let otherList = Fixtures.verify(signed, lists: [try Fixtures.statusList(url: "https://nemis.example.vn/status/other")], requireStatus: true)
        #expect(otherList.codes(.status) == ["status.notChecked"])
    }

    @Test("dates: not yet valid and expired fail with exit status 3")
    func dates() throws {
        var record = Fixtures.record()
        record.validUntil = d("2025-08-31T23:59:59+07:00")
        let signed = try Fixtures.signedRecord(record)
        #expect(Fixtures.verify(signed, now: d("2025-06-01T00:00:00+07:00")).isValid)
        let expired = Fixtures.verify(signed, now: d("2025-09-01T00:00:00+07:00"))
        #expect(expired.codes(.dates) == ["dates.expired"])
        #expect(expired.exitCode == 3)
        let early = Fixtures.verify(signed, now: d("2025-05-31T07:59:59+07:00"))
        #expect(early.codes(.dates) == ["dates.notYetValid"])
        #expect(early.failure == .dates)
    }

    @Test("shape: VC 2.0 rules are enforced")
    func shape() throws {
        let base = try YearRecordCredential.build(Fixtures.record())
        func problems(_ document: JSONValue) -> [String] { ShapeRules.problems(of: document).map(\.code) }
        #expect(problems(base).isEmpty)
        #expect(problems(base.settingMember("@context", to: [.string(CredentialVocabulary.ob3Context), .string(CredentialVocabulary.vc2Context)]))
            == ["shape.firstContextNotVC2"])
        #expect(problems(base.settingMember("@context", to: [.string(CredentialVocabulary.vc2Context), "https://evil.example/ctx"]))
            == ["shape.contextNotAllowed"])
        #expect(problems(base.settingMember("validFrom", to: "2025-05-31T08:00:00")) == ["shape.dateWithoutTimeZone"])
        #expect(problems(base.settingMember("issuanceDate", to: "2025-05-31T08:00:00Z")) == ["shape.legacyDateMember"])
        #expect(problems(base.settingMember("type", to: ["ClrCredential"])) == ["shape.notVerifiableCredential"])
        #expect(problems(base.removingMember("credentialSubject")) == ["shape.memberMissing"])
        #expect(problems(base.removingMember("validFrom")) == ["shape.memberMissing"])
        #expect(problems(base.settingMember("issuer", to: .string(Fixtures.school.did))) == ["shape.memberWrongType"])
        #expect(problems("not an object") == ["shape.notObject"])

        // A credential with such a problem fails as invalid even when signed that way.
        let signed = try CredentialSigner.sign(
            base.settingMember("validFrom", to: "2025-05-31T08:00:00"), with: Fixtures.school, created: nil)
        let report = Fixtures.verify(signed)
        #expect(report.outcomes(.proof) == [.passed])
        #expect(report.failure == .invalid)
        #expect(report.exitCode == 1)
    }

    @Test("a part with a different issuer is rejected")
    func partIssuer() throws {
        let base = try YearRecordCredential.build(Fixtures.record())
        let foreign = base.updating([.key("credentialSubject"), .key("verifiableCredential"), .index(0), .key("issuer"), .key("id")]) { _ in
            .string(Fixtures.stranger.did)
        }
        let report = Fixtures.verify(try CredentialSigner.sign(foreign, with: Fixtures.school, created: nil))
        #expect(report.codes(.parts) == ["parts.issuerMismatch"])
        #expect(report.failure == .invalid)
    }

    @Test("the report lists every check in order, in Vietnamese and English, and as JSON")
    func report() throws {
        let report = Fixtures.verify(
            try Fixtures.signedRecord(), registry: try Fixtures.standardRegistry(), lists: [try Fixtures.statusList()], trustedOnly: true)
        #expect(report.isValid)
        #expect(report.checks.map(\.check) == [.shape, .proof, .parts, .dates, .registry, .status])
        #expect(report.checks.allSatisfy { $0.outcome == .passed && !$0.messageVI.isEmpty && !$0.messageEN.isEmpty })
        #expect(report.verdictVI.hasPrefix("HỢP LỆ"))
        let json = report.json
        #expect(json["valid"] == true)
        #expect(json["exitCode"] == 0)
        #expect(json["issuer"]?["registration"] == "registered")
        #expect(json["issuer"]?["registeredSectorCode"] == "19TH001")
        #expect(json["checks"]?.arrayValue?.count == 6)
        #expect(json["checks"]?.arrayValue?.first?["messageVI"]?.stringValue?.isEmpty == false)
    }

    @Test("when several checks fail, the most serious decides")
    func precedence() throws {
        var record = Fixtures.record(5)
        record.validUntil = d("2025-06-30T00:00:00+07:00")
        let signed = try Fixtures.signedRecord(record)
        let revokedAndExpired = Fixtures.verify(signed, lists: [try Fixtures.statusList(revoked: [5])])
        #expect(revokedAndExpired.failure == .revoked)
        let tampered = signed.settingMember("name", to: "Học bạ giả")
        #expect(Fixtures.verify(tampered, lists: [try Fixtures.statusList(revoked: [5])]).failure == .invalid)
    }
}
