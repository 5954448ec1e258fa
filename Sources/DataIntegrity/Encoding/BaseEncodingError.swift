/// Why text is not valid base58btc, base64url or multibase.
public enum BaseEncodingError: Error, Equatable, Hashable, Sendable {
    /// A character outside the alphabet, with its position (in characters from the start).
    case invalidCharacter(Character, offset: Int)
    /// A base64url text whose length cannot come from whole bytes (length ≡ 1 mod 4).
    case invalidLength(Int)
    /// Base64url padding bits that are not zero: another text decodes to the same bytes,
    /// so this one was not produced by a conforming encoder.
    case nonZeroPaddingBits
    /// The multibase prefix character is missing or not the one expected.
    case unexpectedMultibasePrefix(expected: Character?, found: Character?)

    /// A readable explanation for logs and error pages.
    public var message: String {
        switch self {
        case .invalidCharacter(let c, let offset):
            return "Invalid character '\(c)' at position \(offset)."
        case .invalidLength(let length):
            return "Invalid base64url length \(length)."
        case .nonZeroPaddingBits:
            return "Base64url text has non-zero padding bits."
        case .unexpectedMultibasePrefix(let expected, let found):
            let foundText = found.map { "'\($0)'" } ?? "nothing"
            if let expected {
                return "Expected multibase prefix '\(expected)', found \(foundText)."
            }
            return "Unsupported multibase prefix \(foundText)."
        }
    }
}

extension BaseEncodingError: CustomStringConvertible {
    public var description: String { message }
}
