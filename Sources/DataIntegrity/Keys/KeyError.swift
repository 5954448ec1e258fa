/// Why a Multikey, did:key or verification method could not be turned into an Ed25519 key.
public enum KeyError: Error, Equatable, Hashable, Sendable {
    /// The DID does not start with `did:key:`.
    case notDIDKey(String)
    /// A verification method without the `#fragment` that names the key.
    case missingFragment(String)
    /// The fragment of `did:key:X#Y` is not `X`: did:key has exactly one key, named by itself.
    case fragmentMismatch(did: String, fragment: String)
    /// The multibase text is not valid base58btc with the `z` prefix.
    case invalidMultibase(BaseEncodingError)
    /// The multicodec header is not the expected one (e.g. an X25519 or P-256 key).
    case wrongMulticodec(expected: [UInt8], found: [UInt8])
    /// The key material after the header is not 32 bytes.
    case wrongKeyLength(expected: Int, found: Int)
    /// The bytes were rejected by the Ed25519 implementation.
    case invalidKeyBytes

    /// A readable explanation for logs and error pages.
    public var message: String {
        switch self {
        case .notDIDKey(let text):
            return "\"\(text)\" is not a did:key identifier."
        case .missingFragment(let text):
            return "Verification method \"\(text)\" has no #fragment naming the key."
        case .fragmentMismatch(let did, let fragment):
            return "Fragment \"\(fragment)\" does not name the key of \(did)."
        case .invalidMultibase(let error):
            return "Key is not valid base58btc multibase: \(error.message)"
        case .wrongMulticodec(let expected, let found):
            return "Key has multicodec header \(Self.hex(found)), expected \(Self.hex(expected)) (Ed25519)."
        case .wrongKeyLength(let expected, let found):
            return "Key is \(found) bytes long, expected \(expected)."
        case .invalidKeyBytes:
            return "The bytes are not a valid Ed25519 key."
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        "0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

extension KeyError: CustomStringConvertible {
    public var description: String { message }
}
