/// Supplies the bytes of one XML part a chunk at a time.
protocol XMLByteSource {
    /// The next chunk, or nil at the end of the part.
    mutating func nextChunk() throws(XLSXError) -> [UInt8]?
}

/// A part streamed out of the archive as it is decompressed.
struct ZipPartSource: XMLByteSource {
    var reader: ZipEntryReader

    mutating func nextChunk() throws(XLSXError) -> [UInt8]? {
        do {
            return try reader.nextChunk()
        } catch {
            throw .archive(error)
        }
    }
}

/// A part already in memory.
struct InMemoryPartSource: XMLByteSource {
    private var bytes: [UInt8]?

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func nextChunk() throws(XLSXError) -> [UInt8]? {
        defer { bytes = nil }
        return bytes
    }
}
