import DataIntegrity
import Foundation

/// Builds the unsigned issuer registry credential the ministry signs.
public enum IssuerRegistryDocument {
    /// The credential type that marks a registry.
    public static let credentialType = "IssuerRegistryCredential"

    /// The registry's own terms, as an inline JSON-LD context after the VC 2.0 one: the
    /// document stays self-contained offline, and every term it uses is defined (VC 2.0 asks
    /// issuers not to rely on its `@vocab` fallback).
    public static let inlineContext: JSONValue = [
        "@protected": true,
        "IssuerRegistryCredential": "urn:nemis:vocab:IssuerRegistryCredential",
        "IssuerRegistry": "urn:nemis:vocab:IssuerRegistry",
        "RegisteredSchool": "urn:nemis:vocab:RegisteredSchool",
        "RegisteredKey": "urn:nemis:vocab:RegisteredKey",
        "schools": ["@id": "urn:nemis:vocab:schools", "@container": "@set"],
        "keys": ["@id": "urn:nemis:vocab:keys", "@container": "@set"],
        "sectorCode": "urn:nemis:vocab:sectorCode",
        "revokedAt": ["@id": "urn:nemis:vocab:revokedAt", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"],
        "revocationReason": "urn:nemis:vocab:revocationReason",
    ]

    /// `@context` of a registry credential.
    public static let contexts: JSONValue = [.string(CredentialVocabulary.vc2Context), inlineContext]

    /// The unsigned registry credential.
    ///
    /// - Parameters:
    ///   - ministryDID: the ministry key's DID; the credential must be signed with that key.
    ///   - validFrom: when this edition takes effect; verifiers can tell a newer edition.
    ///   - validUntil: when verifiers should stop trusting this edition and fetch a newer one.
    public static func build(
        schools: [RegisteredSchool], ministryDID: String, ministryName: String = "Bộ Giáo dục và Đào tạo",
        validFrom: Date, validUntil: Date? = nil
    ) -> JSONValue {
        let stamp = DateTimeStamp.format(validFrom)
        var members: [(key: String, value: JSONValue)] = [
            ("@context", contexts),
            ("id", .string(NameBasedUUID.urn(domain: "nemis:issuer-registry", [ministryDID, stamp]))),
            ("type", ["VerifiableCredential", .string(credentialType)]),
            ("issuer", ["id": .string(ministryDID), "name": .string(ministryName)]),
            ("validFrom", .string(stamp)),
        ]
        if let validUntil { members.append(("validUntil", .string(DateTimeStamp.format(validUntil)))) }
        members.append(("name", "Danh sách khóa ký số của các cơ sở giáo dục"))
        members.append(("credentialSubject", [
            "type": "IssuerRegistry",
            "schools": .array(schools.map(\.json)),
        ]))
        return .object(members)
    }

    /// Reads a plain listing `{"schools": [...]}` (what an operator writes by hand before
    /// signing), with the same checks as a registry: dates with time zones, valid did:keys,
    /// no key or school listed twice.
    public static func schools(fromListing listing: JSONValue) throws(IssuerRegistryError) -> [RegisteredSchool] {
        try IssuerRegistry.schools(in: listing, path: "listing")
    }
}
