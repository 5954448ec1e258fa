import Compression

/// Reads one entry's uncompressed bytes a chunk at a time, so a large worksheet never
/// has to be in memory whole. At the end, the length and CRC-32 are checked against the
/// central directory; a mismatch is an error, not a silent short read.
struct ZipEntryReader: Sendable {
    /// Compressed bytes read from the source per step.
    static let readSize = 1 << 16

    let entry: ZipEntry
    private let method: ZipEntry.Method
    private let source: any ByteSource
    private var nextOffset: Int
    private let endOffset: Int
    private var inflater: InflateStream
    private var checksum = CRC32()
    private var producedCount = 0
    private var isFinished = false

    init(entry: ZipEntry, method: ZipEntry.Method, source: any ByteSource, data: Range<Int>) {
        self.entry = entry
        self.method = method
        self.source = source
        self.nextOffset = data.lowerBound
        self.endOffset = data.upperBound
        // The declared size is the output limit: an entry that inflates past it is
        // damaged or hostile, and is stopped there.
        self.inflater = InflateStream(maximumOutputBytes: entry.uncompressedSize, chunkSize: 1 << 16)
    }

    /// The next piece of the entry, or nil after the last one (once its size and CRC-32
    /// have been checked).
    mutating func nextChunk() throws(ZipError) -> [UInt8]? {
        guard !isFinished else { return nil }
        let chunk: [UInt8]? = switch method {
        case .stored: try nextStoredChunk()
        case .deflated: try nextInflatedChunk()
        }
        guard let chunk else {
            try verify()
            isFinished = true
            return nil
        }
        checksum.update(chunk)
        producedCount += chunk.count
        return chunk
    }

    private mutating func nextStoredChunk() throws(ZipError) -> [UInt8]? {
        guard nextOffset < endOffset else { return nil }
        let bytes = try source.read(at: nextOffset, length: min(Self.readSize, endOffset - nextOffset))
        guard !bytes.isEmpty else { throw .truncated(entry: entry.name) }
        nextOffset += bytes.count
        return bytes
    }

    private mutating func nextInflatedChunk() throws(ZipError) -> [UInt8]? {
        while true {
            let progress: InflateStream.Progress
            do throws(DeflateError) {
                progress = try inflater.next()
            } catch {
                switch error {
                case .outputLimitExceeded:
                    throw .sizeMismatch(entry: entry.name, declared: entry.uncompressedSize)
                default:
                    throw .corruptData(entry: entry.name, reason: error.message)
                }
            }
            switch progress {
            case .output(let bytes):
                return bytes
            case .finished:
                return nil
            case .needsInput:
                if nextOffset < endOffset {
                    let bytes = try source.read(at: nextOffset, length: min(Self.readSize, endOffset - nextOffset))
                    guard !bytes.isEmpty else { throw .truncated(entry: entry.name) }
                    nextOffset += bytes.count
                    inflater.append(bytes)
                } else {
                    inflater.finishInput()
                }
            }
        }
    }

    private func verify() throws(ZipError) {
        guard producedCount == entry.uncompressedSize else {
            throw .sizeMismatch(entry: entry.name, declared: entry.uncompressedSize)
        }
        guard checksum.value == entry.crc32 else { throw .checksumMismatch(entry: entry.name) }
    }
}
