/// Bounds on what opening one entry may cost, checked against the sizes the central
/// directory declares before any data is decompressed. The decompressor then stops at
/// the declared size, so an entry that lies about its size cannot expand further.
struct ZipReadLimits: Sendable {
    /// The largest uncompressed size accepted.
    var maximumUncompressedBytes: Int
    /// The largest uncompressed/compressed ratio accepted for entries above
    /// `ratioThreshold` bytes. DEFLATE can reach about 1,032:1; real spreadsheet XML stays
    /// far below 100:1.
    var maximumCompressionRatio: Int
    /// Entries up to this size are too small to matter whatever their ratio.
    var ratioThreshold: Int

    func check(_ entry: ZipEntry) throws(ZipError) {
        guard entry.uncompressedSize <= maximumUncompressedBytes else {
            throw .entryTooLarge(entry: entry.name, size: entry.uncompressedSize, limit: maximumUncompressedBytes)
        }
        if entry.uncompressedSize > ratioThreshold {
            let ratio = entry.uncompressedSize / max(entry.compressedSize, 1)
            guard ratio <= maximumCompressionRatio else {
                throw .compressionRatioTooHigh(entry: entry.name, ratio: ratio, limit: maximumCompressionRatio)
            }
        }
    }
}
