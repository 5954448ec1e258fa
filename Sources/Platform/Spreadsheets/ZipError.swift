/// Why a ZIP archive, or one entry of it, could not be read. Entry names are given so a
/// message can say which part of a workbook is damaged.
public enum ZipError: Error, Equatable, Hashable, Sendable {
    /// No end-of-central-directory record: not a ZIP file, or cut off at the end.
    case notAZipArchive
    /// The archive ends inside a header or inside an entry's data.
    case truncated(entry: String?)
    /// The archive uses ZIP64 extensions (more than 65,535 entries or 4 GiB); no
    /// spreadsheet this project accepts needs them.
    case zip64NotSupported
    /// The archive is split across several disks.
    case multiDiskNotSupported
    /// A header is inconsistent with the rest of the archive.
    case invalidHeader(entry: String?, reason: String)
    /// Two entries have the same name, so which one a reader sees would be ambiguous.
    case duplicateEntry(String)
    /// The archive has no entry with this name.
    case entryNotFound(String)
    /// The entry is encrypted.
    case encryptedEntry(String)
    /// The entry uses a compression method other than stored (0) or DEFLATE (8).
    case unsupportedCompressionMethod(entry: String, method: Int)
    /// The entry's compressed data is not valid DEFLATE.
    case corruptData(entry: String, reason: String)
    /// The entry's CRC-32 does not match its contents.
    case checksumMismatch(entry: String)
    /// The entry decompresses to a different length than its header declares.
    case sizeMismatch(entry: String, declared: Int)
    /// The entry is larger than the caller accepts.
    case entryTooLarge(entry: String, size: Int, limit: Int)
    /// The entry expands far more than real data does: a decompression bomb.
    case compressionRatioTooHigh(entry: String, ratio: Int, limit: Int)
    /// The file could not be opened or read.
    case readFailed(path: String, reason: String)

    /// A readable explanation for logs and error pages.
    public var message: String {
        switch self {
        case .notAZipArchive:
            "The file is not a ZIP archive (or its end is missing)."
        case .truncated(let entry):
            if let entry { "The archive is truncated inside \(entry)." } else { "The archive is truncated." }
        case .zip64NotSupported:
            "The archive uses ZIP64 extensions, which are not supported."
        case .multiDiskNotSupported:
            "The archive is split across several disks, which is not supported."
        case .invalidHeader(let entry, let reason):
            if let entry { "Invalid ZIP header for \(entry): \(reason)." } else { "Invalid ZIP header: \(reason)." }
        case .duplicateEntry(let name):
            "The archive contains \(name) more than once."
        case .entryNotFound(let name):
            "The archive has no entry \(name)."
        case .encryptedEntry(let name):
            "\(name) is encrypted."
        case .unsupportedCompressionMethod(let entry, let method):
            "\(entry) uses unsupported compression method \(method)."
        case .corruptData(let entry, let reason):
            "The compressed data of \(entry) is corrupt: \(reason)"
        case .checksumMismatch(let entry):
            "The CRC-32 of \(entry) does not match: the file is damaged."
        case .sizeMismatch(let entry, let declared):
            "\(entry) does not decompress to the \(declared) bytes its header declares: the file is damaged."
        case .entryTooLarge(let entry, let size, let limit):
            "\(entry) is \(size) bytes uncompressed, above the limit of \(limit) bytes."
        case .compressionRatioTooHigh(let entry, let ratio, let limit):
            "\(entry) expands \(ratio) times, above the limit of \(limit): refused as a possible ZIP bomb."
        case .readFailed(let path, let reason):
            "Could not read \(path): \(reason)"
        }
    }
}

extension ZipError: CustomStringConvertible {
    public var description: String { message }
}
