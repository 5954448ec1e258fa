/// Why a raw DEFLATE (RFC 1951) stream could not be decoded. Every case means the data is
/// corrupt, truncated, hostile or larger than the caller accepts.
public enum DeflateError: Error, Equatable, Hashable, Sendable {
    /// The input ended before the final block did.
    case truncated
    /// Block type 3, which RFC 1951 reserves.
    case invalidBlockType
    /// A stored block whose LEN and NLEN are not complements.
    case storedLengthMismatch
    /// Huffman code lengths that do not form a usable prefix code.
    case invalidCodeLengths(String)
    /// A code that decodes to no symbol, or to a reserved length/distance symbol.
    case invalidSymbol
    /// A back-reference to before the start of the output.
    case distanceTooFar
    /// The output would exceed the caller's limit: a decompression bomb, or simply more
    /// data than the caller accepts.
    case outputLimitExceeded(limit: Int)
    /// Bytes after the end of the final block, where the caller expected none.
    case trailingData

    /// A readable explanation for logs and error pages.
    public var message: String {
        switch self {
        case .truncated: "The compressed data is truncated."
        case .invalidBlockType: "Invalid DEFLATE block type."
        case .storedLengthMismatch: "A stored DEFLATE block has an inconsistent length."
        case .invalidCodeLengths(let reason): "Invalid Huffman code: \(reason)."
        case .invalidSymbol: "Invalid Huffman-coded symbol."
        case .distanceTooFar: "A back-reference points before the start of the data."
        case .outputLimitExceeded(let limit): "The decompressed data would exceed \(limit) bytes."
        case .trailingData: "Unexpected data after the end of the DEFLATE stream."
        }
    }
}

extension DeflateError: CustomStringConvertible {
    public var description: String { message }
}
