import DataIntegrity
import Foundation

/// The ministry's list of which school holds which signing key, and when each key was
/// valid: a Verifiable Credential signed with eddsa-jcs-2022 by the ministry's key.
///
/// Names and codes inside a school's own credential are self-asserted; only this list,
/// once its proof is checked against the pinned ministry key, says who really issued a
/// credential (DOMAIN.md §4.5 pitfall 9). Parsing here does **not** check that proof; the
/// verifier does, against the key it was told to trust.
public struct IssuerRegistry: Sendable {
    /// The signed registry credential as read.
    public let credential: JSONValue
    /// The registry credential's `issuer` (the ministry's DID, once verified).
    public let issuer: String
    /// When this edition of the registry was issued.
    public let validFrom: Date
    /// When this edition stops being usable, if set.
    public let validUntil: Date?
    /// Schools in listing order.
    public let schools: [RegisteredSchool]

    /// Reads a registry credential (signed or not).
    public init(credential: JSONValue) throws(IssuerRegistryError) {
        guard case .object = credential,
              CredentialVocabulary.types(credential["type"]).contains(IssuerRegistryDocument.credentialType)
        else { throw .notRegistryCredential }
        guard let issuer = CredentialVocabulary.issuerID(credential) else { throw .missingField("issuer") }
        guard let from = credential["validFrom"]?.stringValue else { throw .missingField("validFrom") }
        guard let validFrom = DateTimeStamp.parse(from) else { throw .invalidDate("validFrom") }
        var validUntil: Date?
        if let until = credential["validUntil"] {
            guard let text = until.stringValue, let date = DateTimeStamp.parse(text) else { throw .invalidDate("validUntil") }
            validUntil = date
        }
        guard let subject = credential["credentialSubject"] else { throw .missingField("credentialSubject") }
        self.credential = credential
        self.issuer = issuer
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.schools = try Self.schools(in: subject, path: "credentialSubject")
    }

    /// Reads and checks the `schools` list of a registry subject or of a plain listing.
    static func schools(in container: JSONValue, path: String) throws(IssuerRegistryError) -> [RegisteredSchool] {
        guard let list = container["schools"] else { throw .missingField(path + ".schools") }
        guard let items = list.arrayValue else { throw .wrongType(path + ".schools", expected: "array") }
        var schools: [RegisteredSchool] = []
        var codes = Set<String>()
        var dids = Set<String>()
        for (index, item) in items.enumerated() {
            let school = try RegisteredSchool(json: item, at: "\(path).schools[\(index)]")
            guard codes.insert(school.sectorCode).inserted else { throw .duplicateSchool(school.sectorCode) }
            for key in school.keys {
                guard dids.insert(key.did).inserted else { throw .duplicateKey(key.did) }
            }
            schools.append(school)
        }
        return schools
    }

    /// What the registry says about `verificationMethod` (or a bare did:key) at `time`,
    /// normally the credential's issuance time (`validFrom`).
    public func registration(of verificationMethod: String, at time: Date) -> KeyRegistration {
        let did = CredentialVocabulary.controller(ofVerificationMethod: verificationMethod)
        for school in schools {
            guard let key = school.keys.first(where: { $0.did == did }) else { continue }
            if let revokedAt = key.revokedAt, time >= revokedAt { return .compromised(school: school, key: key) }
            if time < key.validFrom { return .notYetValid(school: school, key: key) }
            if let until = key.validUntil, time > until { return .expired(school: school, key: key) }
            return .valid(school: school, key: key)
        }
        return .unregistered
    }

    /// The school holding `did` (at any time), if listed.
    public func school(holding did: String) -> RegisteredSchool? {
        let did = CredentialVocabulary.controller(ofVerificationMethod: did)
        return schools.first { $0.keys.contains { $0.did == did } }
    }
}

/// The registry's answer for one key at one instant.
public enum KeyRegistration: Sendable, Hashable {
    /// Registered to `school` and valid at that time.
    case valid(school: RegisteredSchool, key: RegisteredKey)
    /// Registered, but the time is before the key's `validFrom`.
    case notYetValid(school: RegisteredSchool, key: RegisteredKey)
    /// Registered, but the time is after the key's `validUntil`.
    case expired(school: RegisteredSchool, key: RegisteredKey)
    /// Registered, but revoked as compromised at or before that time.
    case compromised(school: RegisteredSchool, key: RegisteredKey)
    /// Not in the registry.
    case unregistered

    /// The school the key is registered to, whatever its validity.
    public var school: RegisteredSchool? {
        switch self {
        case .valid(let school, _), .notYetValid(let school, _), .expired(let school, _), .compromised(let school, _): school
        case .unregistered: nil
        }
    }

    /// True only for `.valid`.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }
}
