import DataIntegrity
import Foundation
import SplitMix
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
        // One AchievementCredential with the year's results.
        #expect(subject["verifiableCredential"]?.arrayValue?.count == 1)
        // Status: a BitstringStatusListEntry with the index as a decimal string.
        let status = try #require(credential["credentialStatus"])
        #expect(status["type"] == "BitstringStatusListEntry")
        #expect(status["statusPurpose"] == "revocation")
        #expect(status["statusListIndex"] == "4242")
        #expect(status["statusListCredential"] == .string(Fixtures.statusListURL))
        #expect(try BitstringStatusListEntry.entries(in: credential).first?.statusListIndex == 4242)
    }

    @Test("the year's results are one OB 3.0 AchievementCredential with its required members")
    func achievementCredentialRequiredMembers() throws {
        let credential = try YearRecordCredential.build(Fixtures.handRecord())
        let part = try #require(credential["credentialSubject"]?["verifiableCredential"]?.arrayValue?.first)
        #expect(part["@context"] == [.string(Self.vc2), .string(Self.ob3)])
        #expect(Self.strings(part["type"]) == ["VerifiableCredential", "AchievementCredential"])
        #expect(part["id"]?.stringValue?.hasPrefix("urn:uuid:") == true)
        #expect(part["id"] != credential["id"])
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
        #expect(achievement["achievementType"] == "LearningProgram")
        #expect(achievement["criteria"]?["narrative"]?.stringValue?.contains("Thông tư 22/2021/TT-BGDĐT") == true)
        #expect(ShapeRules.problems(of: part).isEmpty)

        // 4 subjects, then conduct, learning level, promotion and award: each result points
        // at its own description, in the same order.
        let descriptions = try #require(achievement["resultDescription"]?.arrayValue)
        let results = try #require(subject["result"]?.arrayValue)
        #expect(descriptions.count == 8)
        #expect(results.count == 8)
        for (description, result) in zip(descriptions, results) {
            #expect(Self.strings(description["type"]) == ["ResultDescription"])
            #expect(description["resultType"]?.stringValue != nil)
            #expect(result["resultDescription"] == description["id"])
            #expect(Self.strings(result["type"]) == ["Result"])
            #expect(result["value"]?.stringValue != nil, "result values are strings")
        }
        #expect(Set(descriptions.compactMap { $0["id"]?.stringValue }).count == 8, "description ids are distinct")
        #expect(descriptions.map { $0["name"]?.stringValue } == [
            "Toán", "Ngữ văn", "Giáo dục thể chất", "Tin học",
            "Kết quả rèn luyện cả năm", "Kết quả học tập cả năm", "Xét lên lớp", RatingScale.award.nameVI,
        ])
        #expect(results.map { $0["value"]?.stringValue } == ["8.5", "7.0", "Đạt", "Miễn học", "Tốt", "Khá", "Được lên lớp", "Học sinh Giỏi"])
        #expect(descriptions[0]["id"] == "urn:nemis:tt22_2021:7:toan:diem")
        #expect(descriptions[0]["resultType"] == "GradePointAverage")
        #expect(descriptions[0]["valueMin"] == "0")
        #expect(descriptions[0]["valueMax"] == "10")
        #expect(descriptions[2]["id"] == "urn:nemis:tt22_2021:7:gdtc:comment_subject")
        #expect(descriptions[2]["allowedValue"] == ["Chưa đạt", "Đạt"])
        #expect(descriptions[3]["id"] == "urn:nemis:tt22_2021:7:tin_hoc:mien")
        #expect(descriptions[4]["allowedValue"] == ["Chưa đạt", "Đạt", "Khá", "Tốt"], "lowest first")
    }

    @Test("subject codes that cannot sit in a URN are refused, naming the code")
    func invalidSubjectCode() throws {
        var record = Fixtures.handRecord()
        record.subjects[0].code = "toán học"
        #expect(throws: YearRecordError.invalidCode("toán học")) { try YearRecordCredential.build(record) }
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
