import Crypto
import DataIntegrity
import Foundation
import SplitMix
import Testing
@testable import Credentials

@Suite("Dates, derived ids, hashed identifiers and key files")
struct BuildingBlockTests {
    @Test("date-times are written with +07:00 and must carry a time zone to be read")
    func dateTimeStamps() {
        let date = Date(timeIntervalSince1970: 1_748_653_200)  // 2025-05-31T01:00:00Z
        #expect(DateTimeStamp.format(date) == "2025-05-31T08:00:00+07:00")
        #expect(DateTimeStamp.format(date, offsetSeconds: 0) == "2025-05-31T01:00:00Z")
        #expect(DateTimeStamp.format(date, offsetSeconds: -5 * 3600 - 1800) == "2025-05-30T19:30:00-05:30")
        #expect(DateTimeStamp.parse("2025-05-31T08:00:00+07:00") == date)
        #expect(DateTimeStamp.parse("2025-05-31T01:00:00Z") == date)
        #expect(DateTimeStamp.parse("2025-05-31T01:00:00.250Z") == date.addingTimeInterval(0.25))
        for bad in ["2025-05-31T08:00:00", "2025-05-31", "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-05-31T24:00:00Z",
                    "2025-05-31T08:00:00+7:00", "2025-05-31T08:00:00+07:00 ", "2025-05-31T08:00:00.Z"] {
            #expect(DateTimeStamp.parse(bad) == nil, "\(bad)")
        }
        #expect(DateTimeStamp.parse("2024-02-29T00:00:00Z") != nil)
        #expect(DateTimeStamp.parse("1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
    }

    @Test("format and parse round-trip over a wide range of instants")
    func dateRoundTrip() {
        var random = SplitMix64(seed: 1970)
        for _ in 0..<5000 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -2_208_988_800...4_102_444_800, using: &random)))
            let offset = [0, 25_200, -18_000, 19_800, 50_400].randomElement(using: &random)!
            #expect(DateTimeStamp.parse(DateTimeStamp.format(date, offsetSeconds: offset)) == date)
        }
    }

    @Test("name-based UUIDs are version 8, stable, and separate their parts")
    func nameBasedUUIDs() {
        let id = NameBasedUUID.urn(domain: "nemis:test", ["a", "b"])
        #expect(id == NameBasedUUID.urn(domain: "nemis:test", ["a", "b"]))
        #expect(id != NameBasedUUID.urn(domain: "nemis:test", ["ab", ""]))
        #expect(id != NameBasedUUID.urn(domain: "nemis:other", ["a", "b"]))
        let text = String(id.dropFirst("urn:uuid:".count))
        #expect(text.count == 36)
        #expect(UUID(uuidString: text) != nil)
        let characters = Array(text)
        #expect(characters[14] == "8", "version 8")
        #expect("89ab".contains(characters[19]), "RFC 9562 variant")
        // The UUID comes from SHA-256 of the domain and the parts joined by U+001F.
        let digest = Array(SHA256.hash(data: Array("nemis:test\u{1F}a\u{1F}b".utf8)))
        #expect(text.replacingOccurrences(of: "-", with: "").prefix(12) == NameBasedUUID.hex(digest.prefix(6)))
    }

    @Test("the hashed identifier is sha256$hex(identifier ‖ salt)")
    func hashedIdentifier() {
        let hashed = HashedIdentifier(identifier: "019208123456", salt: "abc")
        let expected = "sha256$" + NameBasedUUID.hex(Array(SHA256.hash(data: Array("019208123456abc".utf8))))
        #expect(hashed.identityHash == expected)
        #expect(HashedIdentifier.matches(hashed.json, identifier: "019208123456"))
        #expect(HashedIdentifier.matches(hashed.json.settingMember("identityHash", to: .string(expected.uppercased().replacingOccurrences(of: "SHA256$", with: "sha256$"))), identifier: "019208123456"))
        #expect(!HashedIdentifier.matches(hashed.json.settingMember("salt", to: "abd"), identifier: "019208123456"))
        #expect(!HashedIdentifier.matches(hashed.json.settingMember("hashed", to: false), identifier: "019208123456"))
        #expect(HashedIdentifier.randomSalt() != HashedIdentifier.randomSalt())
        #expect(HashedIdentifier.randomSalt().count == 32)
    }

    @Test("key files round-trip, are written 0600, and are not overwritten by accident")
    func keyFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-keyfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("school.json")
        let key = IssuerKey.generate(role: .school, label: "19TH001")
        try KeyFile.write(key, to: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let read = try KeyFile.read(from: url)
        #expect(read.did == key.did)
        #expect(read.role == .school)
        #expect(read.label == "19TH001")
        #expect(throws: KeyFileError.fileExists(url.path)) { try KeyFile.write(key, to: url) }
        try KeyFile.write(IssuerKey.generate(role: .ministry), to: url, overwrite: true)
        #expect(try KeyFile.read(from: url).role == .ministry)

        let json = KeyFile.json(key)
        #expect(json["controller"] == .string(key.did))
        #expect(json["id"] == .string(key.verificationMethod))
        let mismatched = json.settingMember("publicKeyMultibase", to: .string(Fixtures.stranger.didKey.multikey))
        #expect(throws: KeyFileError.publicKeyMismatch) { try KeyFile.parse(mismatched) }
        #expect(throws: KeyFileError.unknownRole("teacher")) { try KeyFile.parse(json.settingMember("role", to: "teacher")) }
    }
}
