import Compression

/// Why a status list or status entry could not be read or looked up.
public enum StatusListError: Error, Equatable, Hashable, Sendable {
    /// The bitstring has fewer bits than the specification's minimum (131,072 entries of
    /// `statusSize` bits). Short lists shrink the crowd an index hides in.
    case bitstringTooShort(bitCount: Int, minimum: Int)
    /// The entry's index is past the end of the list.
    case indexOutOfRange(index: Int, entryCount: Int)
    /// `statusSize` is not an integer from 1 to 64.
    case invalidStatusSize(String)
    /// `encodedList` is not `u` + base64url without padding.
    case encodedListNotBase64URL(BaseEncodingError)
    /// `encodedList` is not valid GZIP, or decompresses past the size limit.
    case decompressionFailed(GzipError)
    /// A `credentialStatus` entry whose `type` is not `BitstringStatusListEntry`.
    case notStatusListEntry(type: String?)
    /// A required member is missing.
    case missingField(String)
    /// A member has the wrong JSON type.
    case wrongFieldType(field: String, expected: String, found: String)
    /// `statusListIndex` is a string but not a plain decimal integer (no sign, spaces,
    /// exponent or fraction).
    case indexNotDecimal(String)
    /// The credential is not a `BitstringStatusListCredential` with a
    /// `BitstringStatusList` subject.
    case notStatusListCredential
    /// The entry's purpose is not one of the list's purposes.
    case purposeMismatch(entry: String, list: [String])
    /// The entry points at a different status list credential than the one supplied.
    case listCredentialMismatch(entry: String, list: String?)

    /// A readable explanation for logs and error pages.
    public var message: String {
        switch self {
        case .bitstringTooShort(let bitCount, let minimum):
            return "The status list has \(bitCount) bits; at least \(minimum) are required."
        case .indexOutOfRange(let index, let entryCount):
            return "Status index \(index) is outside the list of \(entryCount) entries."
        case .invalidStatusSize(let found):
            return "statusSize must be an integer from 1 to 64; found \(found)."
        case .encodedListNotBase64URL(let error):
            return "encodedList is not multibase base64url: \(error.message)"
        case .decompressionFailed(let error):
            return "encodedList could not be decompressed: \(error.message)"
        case .notStatusListEntry(let type):
            return "The status entry type is \(type.map { "\"\($0)\"" } ?? "missing"), not \"BitstringStatusListEntry\"."
        case .missingField(let field):
            return "The required member \"\(field)\" is missing."
        case .wrongFieldType(let field, let expected, let found):
            return "\"\(field)\" must be a \(expected), found a \(found)."
        case .indexNotDecimal(let text):
            return "statusListIndex \"\(text)\" is not a decimal integer."
        case .notStatusListCredential:
            return "The credential is not a BitstringStatusListCredential."
        case .purposeMismatch(let entry, let list):
            return "The entry's purpose \"\(entry)\" is not among the list's purposes \(list)."
        case .listCredentialMismatch(let entry, let list):
            return "The entry refers to \"\(entry)\" but the list credential is \(list.map { "\"\($0)\"" } ?? "unnamed")."
        }
    }
}

extension StatusListError: CustomStringConvertible {
    public var description: String { message }
}
