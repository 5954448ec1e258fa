import Crypto

/// A `did:key` identifier for an Ed25519 key: `did:key:z6Mk…`.
///
/// A did:key resolves without any network: the identifier *is* the key. Its single
/// verification method is `did:key:z6Mk…#z6Mk…`, usable for `assertionMethod`.
public struct DIDKey: Sendable {
    /// The prefix of every did:key identifier.
    public static let scheme = "did:key:"

    /// The Ed25519 key the identifier encodes.
    public let publicKey: Curve25519.Signing.PublicKey

    /// The did:key of `publicKey`.
    public init(publicKey: Curve25519.Signing.PublicKey) {
        self.publicKey = publicKey
    }

    /// Parses `did:key:z6Mk…` (without a fragment).
    public init(parsing did: String) throws(KeyError) {
        guard did.hasPrefix(Self.scheme) else { throw .notDIDKey(did) }
        publicKey = try Ed25519Multikey.decodePublicKey(String(did.dropFirst(Self.scheme.count)))
    }

    /// The Multikey text, `z6Mk…`.
    public var multikey: String { Ed25519Multikey.encode(publicKey) }

    /// `did:key:z6Mk…`.
    public var did: String { Self.scheme + multikey }

    /// `did:key:z6Mk…#z6Mk…`, the value for a proof's `verificationMethod`.
    public var verificationMethod: String { did + "#" + multikey }

    /// The public key named by a did:key verification method `did:key:X#X`.
    ///
    /// The fragment must repeat the key: a verification method naming some other key
    /// under this DID does not exist, and accepting it would let a proof claim a method
    /// the DID document does not have.
    public static func resolve(verificationMethod: String) throws(KeyError) -> Curve25519.Signing.PublicKey {
        guard verificationMethod.hasPrefix(scheme) else { throw .notDIDKey(verificationMethod) }
        guard let hash = verificationMethod.firstIndex(of: "#") else {
            throw .missingFragment(verificationMethod)
        }
        let did = String(verificationMethod[..<hash])
        let fragment = String(verificationMethod[verificationMethod.index(after: hash)...])
        let multikey = String(did.dropFirst(scheme.count))
        guard fragment.hasSameScalars(as: multikey) else {
            throw .fragmentMismatch(did: did, fragment: fragment)
        }
        return try DIDKey(parsing: did).publicKey
    }
}

extension DIDKey: Equatable {
    /// Two did:keys are equal when their key bytes are.
    public static func == (lhs: DIDKey, rhs: DIDKey) -> Bool {
        Array(lhs.publicKey.rawRepresentation) == Array(rhs.publicKey.rawRepresentation)
    }
}
