import Crypto

/// Ed25519 keys in Multikey form: `"z" + base58btc(multicodec varint ‖ raw key)`.
///
/// The public header `0xED 0x01` (varint of 0xed, ed25519-pub) makes every key start
/// with `z6Mk`; the secret header `0x80 0x26` (varint of 0x1300, ed25519-priv) precedes
/// the 32-byte seed and gives `z3u2`.
public enum Ed25519Multikey {
    /// Varint of multicodec 0xed (ed25519-pub).
    public static let publicKeyHeader: [UInt8] = [0xED, 0x01]
    /// Varint of multicodec 0x1300 (ed25519-priv).
    public static let privateKeyHeader: [UInt8] = [0x80, 0x26]
    /// Raw Ed25519 public keys and seeds are 32 bytes.
    public static let keyLength = 32

    /// `z6Mk…` for a public key.
    public static func encode(_ key: Curve25519.Signing.PublicKey) -> String {
        Multibase.base58btc.encode(publicKeyHeader + Array(key.rawRepresentation))
    }

    /// `z3u2…` for a private key (header + 32-byte seed). Handle with care: this is the
    /// secret itself.
    public static func encode(_ key: Curve25519.Signing.PrivateKey) -> String {
        Multibase.base58btc.encode(privateKeyHeader + Array(key.rawRepresentation))
    }

    /// The public key in a `z6Mk…` Multikey; errors name the first thing wrong.
    public static func decodePublicKey(_ multibase: String) throws(KeyError) -> Curve25519.Signing.PublicKey {
        let raw = try decodeKeyBytes(multibase, header: publicKeyHeader)
        do {
            return try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        } catch {
            throw .invalidKeyBytes
        }
    }

    /// The private key in a `z3u2…` secret Multikey (header 0x8026 + 32-byte seed).
    public static func decodePrivateKey(_ multibase: String) throws(KeyError) -> Curve25519.Signing.PrivateKey {
        let raw = try decodeKeyBytes(multibase, header: privateKeyHeader)
        do {
            return try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        } catch {
            throw .invalidKeyBytes
        }
    }

    /// The 32 key bytes after checking prefix, header and length, in that order, so the
    /// error names the first thing that is wrong.
    static func decodeKeyBytes(_ multibase: String, header: [UInt8]) throws(KeyError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try Multibase.base58btc.decode(multibase)
        } catch {
            throw .invalidMultibase(error)
        }
        guard bytes.starts(with: header) else {
            throw .wrongMulticodec(expected: header, found: Array(bytes.prefix(header.count)))
        }
        let raw = Array(bytes.dropFirst(header.count))
        guard raw.count == keyLength else {
            throw .wrongKeyLength(expected: keyLength, found: raw.count)
        }
        return raw
    }
}
