/// The multibase encodings this module reads and writes: a one-character prefix names
/// the base of the text that follows.
public enum Multibase: Sendable, Equatable, Hashable, CaseIterable {
    /// Prefix `z`: Multikey, did:key and eddsa `proofValue`.
    case base58btc
    /// Prefix `u`: Bitstring Status List `encodedList`.
    case base64url

    /// The character that announces this encoding.
    public var prefix: Character {
        switch self {
        case .base58btc: "z"
        case .base64url: "u"
        }
    }

    /// The prefixed text for `bytes`.
    public func encode(_ bytes: some Collection<UInt8>) -> String {
        switch self {
        case .base58btc: "z" + Base58BTC.encode(bytes)
        case .base64url: "u" + Base64URL.encode(bytes)
        }
    }

    /// Decodes text that must use this encoding; a different or missing prefix is an
    /// error rather than a silent switch, since each field has one prescribed base.
    public func decode(_ text: String) throws(BaseEncodingError) -> [UInt8] {
        guard text.first == prefix else {
            throw .unexpectedMultibasePrefix(expected: prefix, found: text.first)
        }
        let body = String(text.dropFirst())
        switch self {
        case .base58btc: return try Base58BTC.decode(body)
        case .base64url: return try Base64URL.decode(body)
        }
    }

    /// Decodes text in any supported encoding, reporting which one it was.
    public static func decodeAny(_ text: String) throws(BaseEncodingError) -> (encoding: Multibase, bytes: [UInt8]) {
        guard let encoding = allCases.first(where: { $0.prefix == text.first }) else {
            throw .unexpectedMultibasePrefix(expected: nil, found: text.first)
        }
        return (encoding, try encoding.decode(text))
    }
}
