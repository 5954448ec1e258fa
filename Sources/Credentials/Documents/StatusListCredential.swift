import DataIntegrity
import Foundation

/// Builds the unsigned `BitstringStatusListCredential` that publishes revocation bits.
///
/// The database side owns the bits (which index belongs to which credential, and which are
/// set); this turns a bitstring into the document a verifier downloads, to be signed by the
/// school's key or the ministry's.
public enum StatusListCredential {
    /// The unsigned status list credential.
    ///
    /// - Parameters:
    ///   - id: the URL credentials name in `statusListCredential`.
    ///   - issuer: the DID of the key that will sign it.
    ///   - validFrom: when this edition of the list was made; offline verifiers report its age.
    ///   - validUntil: when verifiers should fetch a newer list.
    public static func build(
        id: String, issuer: String, purpose: String = "revocation", bitstring: StatusBitstring,
        validFrom: Date, validUntil: Date? = nil
    ) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("@context", [.string(CredentialVocabulary.vc2Context)]),
            ("id", .string(id)),
            ("type", ["VerifiableCredential", "BitstringStatusListCredential"]),
            ("issuer", .string(issuer)),
            ("validFrom", .string(DateTimeStamp.format(validFrom))),
        ]
        if let validUntil { members.append(("validUntil", .string(DateTimeStamp.format(validUntil)))) }
        members.append(("credentialSubject", [
            "id": .string(id + "#list"),
            "type": "BitstringStatusList",
            "statusPurpose": .string(purpose),
            "encodedList": .string(bitstring.encodedList),
        ]))
        return .object(members)
    }
}
