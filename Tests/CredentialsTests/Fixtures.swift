import Crypto
import DataIntegrity
import Foundation
@testable import Credentials

/// Fixed keys, dates and documents shared by the tests.
enum Fixtures {
    /// A key from a fixed seed, so failures reproduce.
    static func key(_ seed: UInt8, role: IssuerKey.Role) -> IssuerKey {
        let raw = (0..<32).map { UInt8(truncatingIfNeeded: Int($0) &* 31 &+ Int(seed) &* 97 &+ 1) }
        return IssuerKey(privateKey: try! Curve25519.Signing.PrivateKey(rawRepresentation: raw), role: role)
    }

    static let ministry = key(1, role: .ministry)
    static let school = key(2, role: .school)
    /// The same school's next key, after rotation.
    static let schoolRotated = key(3, role: .school)
    /// A school that is not in the registry.
    static let stranger = key(4, role: .school)
    /// Someone who is neither the issuer nor the ministry.
    static let outsider = key(5, role: .school)

    static func date(_ text: String) -> Date { DateTimeStamp.parse(text)! }

    static let issued = date("2025-05-31T08:00:00+07:00")
    static let now = date("2025-09-05T10:00:00+07:00")
    static let statusListURL = "https://nemis.example.vn/status/19TH001/1"

    static func schoolProfile(_ key: IssuerKey = school) -> SchoolProfile {
        SchoolProfile(did: key.did, name: "Trường THCS Chu Văn An", sectorCode: "19TH001")
    }

    /// Synthetic record `index` issued by `key`.
    static func record(_ index: Int = 7, key: IssuerKey = school, validFrom: Date = issued) -> LearnerYearRecord {
        SyntheticYearRecords(school: schoolProfile(key), validFrom: validFrom, statusListURL: statusListURL).record(index)
    }

    /// A hand-written record with every kind of result, including an exempt subject.
    static let citizenID = "019208123456"

    static func handRecord(version: Int = 1, learnerID: String = "learner-0001") -> LearnerYearRecord {
        LearnerYearRecord(
            learnerID: learnerID, citizenID: citizenID, identifierSalt: "5a1t5a1t5a1t5a1t", learnerName: "Nguyễn Văn An",
            school: schoolProfile(), schoolYearStart: 2024, grade: 7, className: "7A1", ruleSet: .circular22_2021,
            subjects: [
                SubjectOutcome(code: "toan", nameVI: "Toán", result: .score("8.5")),
                SubjectOutcome(code: "ngu_van", nameVI: "Ngữ văn", result: .score("7.0")),
                SubjectOutcome(code: "gdtc", nameVI: "Giáo dục thể chất", result: .rating(Rating(.commentSubject, "dat"))),
                SubjectOutcome(code: "tin_hoc", nameVI: "Tin học", result: .exempt),
            ],
            conduct: Rating(.conduct, "tot"), learningLevel: Rating(.learningLevel, "kha"),
            promotion: Rating(.promotion, "promoted"), award: Rating(.award, "gioi"),
            version: version, validFrom: issued,
            status: BitstringStatusListEntry(statusPurpose: "revocation", statusListIndex: 4242, statusListCredential: statusListURL))
    }

    static func signedRecord(_ record: LearnerYearRecord = record(), key: IssuerKey = school) throws -> JSONValue {
        try CredentialSigner.sign(YearRecordCredential.build(record), with: key, created: record.validFrom)
    }

    /// A registry signed by `signer` (the ministry unless said otherwise).
    static func registry(_ schools: [RegisteredSchool], signer: IssuerKey = ministry, validFrom: Date = date("2025-01-01T00:00:00+07:00")) throws -> IssuerRegistry {
        let document = IssuerRegistryDocument.build(schools: schools, ministryDID: signer.did, validFrom: validFrom)
        return try IssuerRegistry(credential: CredentialSigner.sign(document, with: signer, created: validFrom))
    }

    static func registeredSchool(keys: [RegisteredKey]) -> RegisteredSchool {
        RegisteredSchool(sectorCode: "19TH001", name: "Trường THCS Chu Văn An", keys: keys)
    }

    /// The school's key, valid from August 2024 with no end.
    static func standardRegistry() throws -> IssuerRegistry {
        try registry([registeredSchool(keys: [RegisteredKey(did: school.did, validFrom: date("2024-08-01T00:00:00+07:00"))])])
    }

    /// A signed status list with `revoked` entries set.
    static func statusList(revoked: [Int] = [], signer: IssuerKey = school, url: String = statusListURL, purpose: String = "revocation") throws -> JSONValue {
        var bits = try StatusBitstring()
        for index in revoked { try bits.setBit(at: index, to: true) }
        let document = StatusListCredential.build(
            id: url, issuer: signer.did, purpose: purpose, bitstring: bits, validFrom: date("2025-09-01T00:00:00+07:00"))
        return try CredentialSigner.sign(document, with: signer, created: date("2025-09-01T00:00:00+07:00"))
    }

    static func verify(
        _ credential: JSONValue, registry: IssuerRegistry? = nil, lists: [JSONValue] = [], ministryKey: String? = ministry.did,
        now: Date = now, trustedOnly: Bool = false, requireStatus: Bool = false
    ) -> VerificationReport {
        CredentialVerifier.verify(
            credential: credential, registry: registry, statusLists: CredentialVerifier.statusListsByID(lists),
            trustedRegistryKey: ministryKey, now: now, trustedOnly: trustedOnly, requireStatus: requireStatus)
    }
}

extension VerificationReport {
    /// The codes of the results of `check`.
    func codes(_ check: VerificationCheck) -> [String] { results(for: check).map(\.code) }
    /// The outcomes of the results of `check`.
    func outcomes(_ check: VerificationCheck) -> [CheckOutcome] { results(for: check).map(\.outcome) }
}

extension JSONValue {
    /// Every string value (not member names) with a path to it, in document order.
    func stringPaths(_ path: [PathStep] = []) -> [[PathStep]] {
        switch self {
        case .string: return [path]
        case .array(let items): return items.enumerated().flatMap { $0.element.stringPaths(path + [.index($0.offset)]) }
        case .object(let members): return members.flatMap { $0.value.stringPaths(path + [.key($0.key)]) }
        default: return []
        }
    }

    /// This value with the value at `path` replaced by `transform` of it.
    func updating(_ path: ArraySlice<PathStep>, _ transform: (JSONValue) -> JSONValue) -> JSONValue {
        guard let step = path.first else { return transform(self) }
        switch (self, step) {
        case (.array(var items), .index(let i)):
            items[i] = items[i].updating(path.dropFirst(), transform)
            return .array(items)
        case (.object(var members), .key(let k)):
            let i = members.firstIndex { $0.key == k }!
            members[i].value = members[i].value.updating(path.dropFirst(), transform)
            return .object(members)
        default:
            return self
        }
    }

    /// Every object's members in reverse order, recursively.
    func reversingMembers() -> JSONValue {
        switch self {
        case .array(let items): .array(items.map { $0.reversingMembers() })
        case .object(let members): .object(members.reversed().map { (key: $0.key, value: $0.value.reversingMembers()) })
        default: self
        }
    }
}

enum PathStep: Hashable {
    case key(String)
    case index(Int)
}
