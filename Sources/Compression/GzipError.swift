/// Why GZIP data could not be decompressed. Every case means the input is corrupt,
/// truncated, hostile or uses a feature outside RFC 1951/1952.
public enum GzipError: Error, Equatable, Hashable, Sendable {
    /// The input ended before the stream did.
    case truncated
    /// The first two bytes are not 1F 8B.
    case notGzip
    /// A compression method other than 8 (DEFLATE).
    case unsupportedMethod(UInt8)
    /// Header flag bits 5–7 are set; RFC 1952 requires rejecting them.
    case reservedFlagsSet
    /// The optional header CRC-16 does not match.
    case headerChecksumMismatch
    /// DEFLATE block type 3.
    case invalidBlockType
    /// A stored block whose LEN and NLEN are not complements.
    case storedLengthMismatch
    /// Huffman code lengths that do not form a usable prefix code.
    case invalidCodeLengths(String)
    /// A code that decodes to no symbol, or to a reserved length/distance symbol.
    case invalidSymbol
    /// A back-reference to before the start of the output.
    case distanceTooFar
    /// The output would exceed the caller's limit: a decompression bomb, or simply a
    /// list larger than the caller accepts.
    case outputLimitExceeded(limit: Int)
    /// The CRC-32 of the output does not match the trailer.
    case checksumMismatch
    /// The output length modulo 2^32 does not match the trailer.
    case sizeMismatch
    /// Bytes after the end of the first gzip member.
    case trailingData

    /// A readable explanation for logs and error pages.
    public var message: String {
        switch self {
        case .truncated: "The compressed data is truncated."
        case .notGzip: "The data is not in GZIP format."
        case .unsupportedMethod(let m): "Unsupported GZIP compression method \(m)."
        case .reservedFlagsSet: "The GZIP header has reserved flags set."
        case .headerChecksumMismatch: "The GZIP header checksum does not match."
        case .invalidBlockType: "Invalid DEFLATE block type."
        case .storedLengthMismatch: "A stored DEFLATE block has an inconsistent length."
        case .invalidCodeLengths(let reason): "Invalid Huffman code: \(reason)."
        case .invalidSymbol: "Invalid Huffman-coded symbol."
        case .distanceTooFar: "A back-reference points before the start of the data."
        case .outputLimitExceeded(let limit): "The decompressed data would exceed \(limit) bytes."
        case .checksumMismatch: "The CRC-32 of the decompressed data does not match."
        case .sizeMismatch: "The length of the decompressed data does not match."
        case .trailingData: "Unexpected data after the end of the GZIP stream."
        }
    }
}

extension GzipError: CustomStringConvertible {
    public var description: String { message }
}

extension GzipError {
    /// The GZIP error for a failure inside the DEFLATE data.
    init(_ error: DeflateError) {
        self = switch error {
        case .truncated: .truncated
        case .invalidBlockType: .invalidBlockType
        case .storedLengthMismatch: .storedLengthMismatch
        case .invalidCodeLengths(let reason): .invalidCodeLengths(reason)
        case .invalidSymbol: .invalidSymbol
        case .distanceTooFar: .distanceTooFar
        case .outputLimitExceeded(let limit): .outputLimitExceeded(limit: limit)
        case .trailingData: .trailingData
        }
    }
}
