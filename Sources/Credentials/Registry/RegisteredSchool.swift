import DataIntegrity
import Foundation

/// A school in the issuer registry with every signing key it has had.
public struct RegisteredSchool: Sendable, Hashable {
    /// The school's code in the sector database (mã trường).
    public let sectorCode: String
    /// The official name, as the ministry records it.
    public let name: String
    /// Keys in any order; rotation adds a key whose validity starts where (or before) the
    /// previous key's ends.
    public let keys: [RegisteredKey]

    /// A school entry for the registry listing.
    public init(sectorCode: String, name: String, keys: [RegisteredKey]) {
        self.sectorCode = sectorCode
        self.name = name
        self.keys = keys
    }

    /// The registry JSON of this school.
    public var json: JSONValue {
        [
            "type": "RegisteredSchool",
            "sectorCode": .string(sectorCode),
            "name": .string(name),
            "keys": .array(keys.map(\.json)),
        ]
    }

    /// Reads one school entry.
    init(json: JSONValue, at path: String) throws(IssuerRegistryError) {
        guard case .object = json else { throw .wrongType(path, expected: "object") }
        sectorCode = try Self.requiredString(json, "sectorCode", path)
        name = try Self.requiredString(json, "name", path)
        guard let keyList = json["keys"]?.arrayValue else { throw .missingField(path + ".keys") }
        var keys: [RegisteredKey] = []
        for (index, item) in keyList.enumerated() {
            keys.append(try RegisteredKey(json: item, at: "\(path).keys[\(index)]"))
        }
        self.keys = keys
    }

    static func requiredString(_ json: JSONValue, _ field: String, _ path: String) throws(IssuerRegistryError) -> String {
        guard let value = json[field] else { throw .missingField("\(path).\(field)") }
        guard let text = value.stringValue, !text.isEmpty else { throw .wrongType("\(path).\(field)", expected: "non-empty string") }
        return text
    }
}

/// One signing key of a school and when it may be used.
public struct RegisteredKey: Sendable, Hashable {
    /// `did:key:z6Mk…`, the issuer id of credentials signed with the key.
    public let did: String
    /// First instant the key may sign.
    public let validFrom: Date
    /// End of the key's planned use (rotation), if set.
    public let validUntil: Date?
    /// When the key stopped being trusted because it was (or may have been) compromised.
    /// Credentials issued at or after this instant fail; earlier ones stand.
    public let revokedAt: Date?
    /// Why the key was revoked, for people.
    public let revocationReason: String?

    /// A key entry; `did` is `did:key:z6Mk…`.
    public init(did: String, validFrom: Date, validUntil: Date? = nil, revokedAt: Date? = nil, revocationReason: String? = nil) {
        self.did = did
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
    }

    /// `did:key:z6Mk…#z6Mk…`.
    public var verificationMethod: String {
        (try? DIDKey(parsing: did).verificationMethod) ?? did
    }

    /// The registry JSON of this key; the entry's `id` is the verification method.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(verificationMethod)),
            ("type", "RegisteredKey"),
            ("validFrom", .string(DateTimeStamp.format(validFrom))),
        ]
        if let validUntil { members.append(("validUntil", .string(DateTimeStamp.format(validUntil)))) }
        if let revokedAt { members.append(("revokedAt", .string(DateTimeStamp.format(revokedAt)))) }
        if let revocationReason { members.append(("revocationReason", .string(revocationReason))) }
        return .object(members)
    }

    /// Reads one key entry; `id` may be a did:key or its verification method.
    init(json: JSONValue, at path: String) throws(IssuerRegistryError) {
        guard case .object = json else { throw .wrongType(path, expected: "object") }
        let id = try RegisteredSchool.requiredString(json, "id", path)
        let did = CredentialVocabulary.controller(ofVerificationMethod: id)
        do {
            if id.contains("#") {
                _ = try DIDKey.resolve(verificationMethod: id)
            } else {
                _ = try DIDKey(parsing: id)
            }
        } catch {
            throw .invalidKey(path + ".id", error.message)
        }
        self.did = did
        validFrom = try Self.date(json, "validFrom", path, required: true)!
        validUntil = try Self.date(json, "validUntil", path, required: false)
        revokedAt = try Self.date(json, "revokedAt", path, required: false)
        revocationReason = json["revocationReason"]?.stringValue
        if let validUntil, validUntil <= validFrom { throw .invalidValidity(path) }
    }

    private static func date(_ json: JSONValue, _ field: String, _ path: String, required: Bool) throws(IssuerRegistryError) -> Date? {
        guard let value = json[field] else {
            if required { throw .missingField("\(path).\(field)") }
            return nil
        }
        guard let text = value.stringValue, let date = DateTimeStamp.parse(text) else {
            throw .invalidDate("\(path).\(field)")
        }
        return date
    }
}
