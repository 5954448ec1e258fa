/// Why JSON text could not be read, or a `JSONValue` could not be serialised.
///
/// Parse errors carry the byte offset into the input so a person can find the problem;
/// `message` is a readable sentence for logs, CLIs and web pages.
public enum JSONError: Error, Equatable, Hashable, Sendable {
    /// The input ended inside a value.
    case unexpectedEnd(offset: Int)
    /// A byte that cannot start or continue a value here.
    case unexpectedByte(UInt8, offset: Int)
    /// A byte sequence that is not well-formed UTF-8 (overlong, surrogate, > U+10FFFF, truncated).
    case invalidUTF8(offset: Int)
    /// A raw control character (< U+0020) inside a string; JSON requires it escaped.
    case unescapedControlCharacter(UInt8, offset: Int)
    /// A backslash followed by something other than `" \ / b f n r t u` or four hex digits.
    case invalidEscape(offset: Int)
    /// A `\u` escape of a high surrogate without its low half, or a low surrogate alone.
    /// Such text cannot be represented as Unicode, so signatures over it are meaningless.
    case loneSurrogate(offset: Int)
    /// A number that does not follow the JSON grammar (leading zeros, `+`, `.5`, `1.`, …).
    case invalidNumber(offset: Int)
    /// A number whose magnitude does not fit a double (it would become infinity).
    case numberOutOfRange(text: String, offset: Int)
    /// The same member name twice in one object (compared by exact Unicode scalars).
    case duplicateKey(String, offset: Int)
    /// Something other than whitespace after the top-level value.
    case trailingData(offset: Int)
    /// Arrays and objects nested deeper than the parser's limit (protects the stack).
    case nestingTooDeep(limit: Int, offset: Int)
    /// NaN or an infinity in a value being serialised; JSON cannot express them.
    case nonFiniteNumber
    /// A value built in code holds the same member name twice; serialising it would give
    /// text that verifiers read differently.
    case duplicateKeyInValue(String)

    /// Byte offset in the input, for parse errors.
    public var offset: Int? {
        switch self {
        case .unexpectedEnd(let o), .unexpectedByte(_, let o), .invalidUTF8(let o),
             .unescapedControlCharacter(_, let o), .invalidEscape(let o), .loneSurrogate(let o),
             .invalidNumber(let o), .numberOutOfRange(_, let o), .duplicateKey(_, let o),
             .trailingData(let o), .nestingTooDeep(_, let o):
            return o
        case .nonFiniteNumber, .duplicateKeyInValue:
            return nil
        }
    }

    /// A readable explanation, including the byte offset for parse errors.
    public var message: String {
        switch self {
        case .unexpectedEnd(let o):
            return "JSON ends unexpectedly at byte \(o)."
        case .unexpectedByte(let b, let o):
            return "Unexpected \(Self.describe(b)) at byte \(o)."
        case .invalidUTF8(let o):
            return "Invalid UTF-8 at byte \(o)."
        case .unescapedControlCharacter(let b, let o):
            return "Unescaped control character \(Self.describe(b)) in a string at byte \(o)."
        case .invalidEscape(let o):
            return "Invalid escape sequence at byte \(o)."
        case .loneSurrogate(let o):
            return "Unpaired UTF-16 surrogate in a \\u escape at byte \(o)."
        case .invalidNumber(let o):
            return "Malformed number at byte \(o)."
        case .numberOutOfRange(let text, let o):
            return "Number \(text) at byte \(o) is outside the range of a double."
        case .duplicateKey(let key, let o):
            return "Duplicate member name \"\(key)\" at byte \(o)."
        case .trailingData(let o):
            return "Unexpected data after the JSON value at byte \(o)."
        case .nestingTooDeep(let limit, let o):
            return "Nesting deeper than \(limit) levels at byte \(o)."
        case .nonFiniteNumber:
            return "NaN and infinite numbers cannot be written as JSON."
        case .duplicateKeyInValue(let key):
            return "The value contains the member name \"\(key)\" twice."
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        let code = "0x" + (hex.count < 2 ? "0" + hex : hex)
        if byte >= 0x21 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))' (\(code))"
        }
        return "byte \(code)"
    }
}

extension JSONError: CustomStringConvertible {
    public var description: String { message }
}
