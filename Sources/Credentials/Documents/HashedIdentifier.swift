import Crypto
import DataIntegrity

/// An Open Badges 3.0 `IdentityObject` that names the learner by a salted SHA-256 hash, so
/// the citizen ID never appears in clear (Decree 13/2023/NĐ-CP; DOMAIN.md §4.5 pitfall 10).
///
/// `identityHash = "sha256$" + hex(SHA-256(UTF-8(identifier) ‖ UTF-8(salt)))`, the form OB 3.0
/// defines. A relying party that is told the learner's identifier recomputes the hash with
/// the salt carried next to it and compares.
///
/// Limits: a 12-digit citizen ID whose province, sex and birth year are known has about a
/// million candidates, so anyone holding the credential can recover it by trying them all;
/// the salt only stops precomputed tables and linking one learner's credentials to each
/// other. The hash keeps the number out of logs, screenshots and casual reading; it is not
/// encryption. Use a fresh random salt per credential (`randomSalt()`).
public struct HashedIdentifier: Sendable, Hashable {
    /// OB 3.0 `IdentifierTypeEnum` value for a citizen ID (CCCD).
    public static let nationalIdentityNumber = "nationalIdentityNumber"

    /// `"sha256$…"`.
    public let identityHash: String
    /// The salt appended to the identifier before hashing.
    public let salt: String
    /// What kind of identifier was hashed, e.g. `nationalIdentityNumber`.
    public let identityType: String

    /// Hashes `identifier` with `salt`.
    public init(identifier: String, salt: String, identityType: String = nationalIdentityNumber) {
        self.identityHash = Self.hash(identifier: identifier, salt: salt)
        self.salt = salt
        self.identityType = identityType
    }

    /// `"sha256$" + hex(SHA-256(identifier ‖ salt))`.
    public static func hash(identifier: String, salt: String) -> String {
        let digest = SHA256.hash(data: Array(identifier.utf8) + Array(salt.utf8))
        return "sha256$" + NameBasedUUID.hex(Array(digest))
    }

    /// 16 random bytes as 32 hex digits: enough that no two credentials share a salt.
    public static func randomSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return NameBasedUUID.hex((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The `IdentityObject` JSON.
    public var json: JSONValue {
        // In JCS order, so canonicalising finds it sorted.
        [
            "hashed": true,
            "identityHash": .string(identityHash),
            "identityType": .string(identityType),
            "salt": .string(salt),
            "type": "IdentityObject",
        ]
    }

    /// Whether an `IdentityObject` (as found in a credential) names `identifier`: it must be
    /// hashed with SHA-256 and the hash must match with its own salt. Hex case is ignored,
    /// as OB 3.0 allows either.
    public static func matches(_ identityObject: JSONValue, identifier: String) -> Bool {
        guard identityObject["hashed"]?.boolValue == true,
              let hash = identityObject["identityHash"]?.stringValue,
              hash.hasPrefix("sha256$")
        else { return false }
        let salt = identityObject["salt"]?.stringValue ?? ""
        return hash.lowercased() == Self.hash(identifier: identifier, salt: salt)
    }
}
