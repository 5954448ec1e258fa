import Crypto
import DataIntegrity

/// An Ed25519 signing key with its did:key identity: a school's key, or the ministry's key
/// that signs the issuer registry.
public struct IssuerKey: Sendable {
    /// Whose key it is; recorded in key files so a ministry key is not used as a school's.
    public enum Role: String, Sendable, CaseIterable {
        case ministry
        case school
    }

    /// The secret key.
    public let privateKey: Curve25519.Signing.PrivateKey
    /// Ministry or school.
    public let role: Role
    /// Free text naming the holder, e.g. the school's sector code.
    public let label: String?
    /// `did:key:z6Mk…`, the issuer id of what this key signs.
    public let did: String
    /// `did:key:z6Mk…#z6Mk…`, the proof's `verificationMethod`.
    public let verificationMethod: String

    /// A key from its secret.
    public init(privateKey: Curve25519.Signing.PrivateKey, role: Role, label: String? = nil) {
        self.privateKey = privateKey
        self.role = role
        self.label = label
        // Computed once: base58 encoding is quadratic, and a batch signs a million times.
        let didKey = DIDKey(publicKey: privateKey.publicKey)
        did = didKey.did
        verificationMethod = didKey.verificationMethod
    }

    /// A new random key.
    public static func generate(role: Role, label: String? = nil) -> IssuerKey {
        IssuerKey(privateKey: Curve25519.Signing.PrivateKey(), role: role, label: label)
    }

    /// The did:key of the public key.
    public var didKey: DIDKey { DIDKey(publicKey: privateKey.publicKey) }
}
