import DataIntegrity
import Foundation
import Testing
@testable import Credentials

@Suite("Year record credential documents")
struct YearRecordCredentialTests {
    static let vc2 = "https://www.w3.org/ns/credentials/v2"
    static let clr = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
    static let ob3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

    static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let s)?: [s]
        case .array(let items)?: items.compactMap(\.stringValue)
        default: []
        }
    }

    @Test("the ClrCredential has every member VC 2.0 and CLR 2.0 require")
    func clrRequiredMembers() throws {
        let credential = try YearRecordCredential.build(Fixtures.handRecord())
        // VC 2.0: the first context, types, issuer, subject, validFrom with a time zone.
        #expect(credential["@context"] == [.string(Self.vc2), .string(Self.clr), .string(Self.ob3)])
        #expect(Self.strings(credential["type"]) == ["VerifiableCredential", "ClrCredential"])
        #expect(credential["issuanceDate"] == nil && credential["expirationDate"] == nil)
        let validFrom = try #require(credential["validFrom"]?.stringValue)
        #expect(validFrom == "2025-05-31T08:00:00+07:00")
        #expect(credential["id"]?.stringValue?.hasPrefix("urn:uuid:") == true)
        #expect(credential["name"]?.stringValue?.isEmpty == false)
        // Issuer: a Profile with the school's did:key, name and school code.
        let issuer = try #require(credential["issuer"])
        #expect(issuer["id"]?.stringValue == Fixtures.school.did)
        #expect(Self.strings(issuer["type"]).contains("Profile"))
        #expect(issuer["name"] == "Trường THCS Chu Văn An")
        let code = try #require(issuer["otherIdentifier"]?.arrayValue?.first)
        #expect(code["type"] == "IdentifierEntry")
        #expect(code["identifier"] == "19TH001")
        #expect(code["identifierType"] == "ext:MoETSchoolCode")
        // CLR 2.0: ClrSubject with verifiableCredential[]; the learner by hashed identifier.
        let subject = try #require(credential["credentialSubject"])
        #expect(Self.strings(subject["type"]) == ["ClrSubject"])
        let identity = try #require(subject["identifier"]?.arrayValue?.first)
        #expect(identity["type"] == "IdentityObject")
        #expect(identity["hashed"] == true)
        #expect(identity["identityType"] == "nationalIdentityNumber")
        #expect(identity["salt"] == "5a1t5a1t5a1t5a1t")
        #expect(HashedIdentifier.matches(identity, identifier: Fixtures.citizenID))
        #expect(!HashedIdentifier.matches(identity, identifier: "019208123457"))
        // 4 subjects + conduct, learning level, promotion, award.
        #expect(subject["verifiableCredential"]?.arrayValue?.count == 8)
        // Status: a BitstringStatusListEntry with the index as a decimal string.
        let status = try #require(credential["credentialStatus"])
        #expect(status["type"] == "BitstringStatusListEntry")
        #expect(status["statusPurpose"] == "revocation")
        #expect(status["statusListIndex"] == "4242")
        #expect(status["statusListCredential"] == .string(Fixtures.statusListURL))
        #expect(try BitstringStatusListEntry.entries(in: credential).first?.statusListIndex == 4242)
    }

    @Test("every part is an OB 3.0 AchievementCredential with its required members")
    func achievementCredentialRequiredMembers() throws {
        let credential = try YearRecordCredential.build(Fixtures.handRecord())
        let parts = try #require(credential["credentialSubject"]?["verifiableCredential"]?.arrayValue)
        var ids = Set<String>()
        for part in parts {
            #expect(part["@context"] == [.string(Self.vc2), .string(Self.ob3)])
            #expect(Self.strings(part["type"]) == ["VerifiableCredential", "AchievementCredential"])
            let id = try #require(part["id"]?.stringValue)
            #expect(id.hasPrefix("urn:uuid:"))
            ids.insert(id)
            #expect(part["issuer"]?["id"]?.stringValue == Fixtures.school.did)
            let issuerTypes = Self.strings(part["issuer"]?["type"])
            #expect(issuerTypes.contains("Profile"))
            #expect(part["validFrom"]?.stringValue.flatMap(DateTimeStamp.parse) != nil)
            let subject = try #require(part["credentialSubject"])
            #expect(Self.strings(subject["type"]).contains("AchievementSubject"))
            #expect(subject["id"] == credential["credentialSubject"]?["id"])
            #expect(subject["term"] == "2024-2025")
            let achievement = try #require(subject["achievement"])
            for member in ["id", "name", "description"] {
                #expect(achievement[member]?.stringValue?.isEmpty == false, "achievement.\(member)")
            }
            #expect(Self.strings(achievement["type"]).contains("Achievement"))
            #expect(achievement["criteria"]?["narrative"]?.stringValue?.contains("Thông tư 22/2021/TT-BGDĐT") == true)
            let result = try #require(subject["result"]?.arrayValue?.first)
            #expect(Self.strings(result["type"]).contains("Result"))
            #expect(result["value"]?.stringValue != nil, "result values are strings")
            // A result that names a description points at the achievement's own.
            if let described = result["resultDescription"] {
                let description = try #require(achievement["resultDescription"]?.arrayValue?.first)
                #expect(description["id"] == described)
                #expect(description["resultType"]?.stringValue != nil)
                #expect(description["name"]?.stringValue != nil)
            }
            #expect(ShapeRules.problems(of: part).isEmpty)
        }
        #expect(ids.count == parts.count, "part ids are distinct")

        let toan = try #require(parts.first)
        #expect(toan["credentialSubject"]?["achievement"]?["achievementType"] == "Course")
        let toanResult = try #require(toan["credentialSubject"]?["result"]?.arrayValue?.first)
        #expect(toanResult["value"] == "8.5")
        let average = try #require(toan["credentialSubject"]?["achievement"]?["resultDescription"]?.arrayValue?.first)
        #expect(average["valueMin"] == "0")
        #expect(average["valueMax"] == "10")
        let gdtc = try #require(parts[2]["credentialSubject"]?["result"]?.arrayValue?.first)
        #expect(gdtc["value"] == "Đạt")
        let exempt = try #require(parts[3]["credentialSubject"]?["result"]?.arrayValue?.first)
        #expect(exempt["value"] == "Miễn học")
        #expect(exempt["resultDescription"] == nil)
        let types = parts.suffix(4).map { $0["credentialSubject"]?["achievement"]?["achievementType"]?.stringValue }
        #expect(types == ["Assessment", "Assessment", "ext:PromotionDecision", "Award"])
        let conductScale = try #require(parts[4]["credentialSubject"]?["achievement"]?["resultDescription"]?.arrayValue?.first)
        #expect(conductScale["allowedValue"] == ["Chưa đạt", "Đạt", "Khá", "Tốt"], "lowest first")
    }

    @Test("the citizen ID never appears in clear, in any serialisation")
    func noCitizenIDInClear() throws {
        var random = SplitMix64(seed: 0xC17)
        for index in 0..<40 {
            let record = Fixtures.record(Int.random(in: 0..<1_000_000, using: &random))
            let signed = try Fixtures.signedRecord(record)
            for text in [try JCS.canonicalString(signed), try signed.encodedString()] {
                #expect(!text.contains(record.citizenID), "record \(index)")
            }
        }
        let hand = try JCS.canonicalString(try YearRecordCredential.build(Fixtures.handRecord()))
        #expect(!hand.contains(Fixtures.citizenID))
        #expect(hand.contains("Nguyễn Văn An"), "the name is shown on purpose")
    }

    @Test("the id is derived from learner, school, year and version")
    func deterministicID() throws {
        let first = try YearRecordCredential.build(Fixtures.handRecord())
        let again = try YearRecordCredential.build(Fixtures.handRecord())
        #expect(first == again, "building twice gives the same document")
        let reissued = try YearRecordCredential.build(Fixtures.handRecord(version: 2))
        let other = try YearRecordCredential.build(Fixtures.handRecord(learnerID: "learner-0002"))
        #expect(first["id"] != reissued["id"])
        #expect(first["id"] != other["id"])
        #expect(first["id"]?.stringValue == YearRecordCredential.credentialID(
            learnerID: "learner-0001", schoolCode: "19TH001", schoolYearStart: 2024, version: 1))
        // Part ids follow the record id, so a re-issue gets new part ids too.
        let firstPart = first["credentialSubject"]?["verifiableCredential"]?.arrayValue?.first?["id"]
        let reissuedPart = reissued["credentialSubject"]?["verifiableCredential"]?.arrayValue?.first?["id"]
        #expect(firstPart != reissuedPart)
    }

    @Test("a reused builder gives the same documents as fresh ones, already in JCS order")
    func builderCacheIsTransparent() throws {
        var builder = YearRecordCredentialBuilder()
        for index in 0..<60 {
            let record = Fixtures.record(index * 7919)
            let cached = try builder.build(record)
            let fresh = try YearRecordCredential.build(record)
            #expect(cached == fresh, "record \(index)")
            #expect(cached == cached.canonicallyOrdered(), "members are emitted in JCS order")
        }
    }

    @Test("invalid records are refused with the reason")
    func invalidRecords() {
        var record = Fixtures.handRecord()
        record.conduct = Rating(.conduct, "xuat_sac")
        #expect(throws: YearRecordError.unknownLevel(scale: "conduct", code: "xuat_sac")) { try YearRecordCredential.build(record) }

        record = Fixtures.handRecord()
        record.subjects.append(record.subjects[0])
        #expect(throws: YearRecordError.duplicateSubject("toan")) { try YearRecordCredential.build(record) }

        record = Fixtures.handRecord()
        record.school.did = "did:web:example.vn"
        #expect(throws: YearRecordError.issuerNotDIDKey("did:web:example.vn")) { try YearRecordCredential.build(record) }

        record = Fixtures.handRecord()
        record.citizenID = ""
        #expect(throws: YearRecordError.emptyField("citizenID")) { try YearRecordCredential.build(record) }

        record = Fixtures.handRecord()
        record.grade = 13
        #expect(throws: YearRecordError.gradeOutOfRange(13)) { try YearRecordCredential.build(record) }

        record = Fixtures.handRecord()
        record.validUntil = record.validFrom
        #expect(throws: YearRecordError.validUntilNotAfterValidFrom) { try YearRecordCredential.build(record) }
    }

    @Test("validUntil, when set, is written with the time zone")
    func validUntil() throws {
        var record = Fixtures.handRecord()
        record.validUntil = Fixtures.date("2030-05-31T00:00:00+07:00")
        let credential = try YearRecordCredential.build(record)
        #expect(credential["validUntil"] == "2030-05-31T00:00:00+07:00")
        #expect(ShapeRules.problems(of: credential).isEmpty)
    }
}
