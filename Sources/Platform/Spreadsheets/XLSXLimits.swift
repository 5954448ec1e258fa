/// How much a workbook may make the reader decompress, so a hostile or broken upload
/// (a ZIP bomb) is refused before it costs time or memory.
public struct XLSXLimits: Sendable, Hashable {
    /// The largest worksheet XML, uncompressed. Worksheets are streamed, so this bounds
    /// time rather than memory; 2 GiB holds well over a million rows of a wide sheet.
    public var maximumWorksheetBytes: Int
    /// The largest of the other parts (shared strings, styles, the workbook and its
    /// relationships), which are read whole into memory.
    public var maximumPartBytes: Int
    /// The largest expansion (uncompressed size / compressed size) accepted for a part
    /// larger than `ratioCheckThreshold`. Excel's XML compresses about 5–20 times; a
    /// DEFLATE bomb expands about 1,000 times.
    public var maximumCompressionRatio: Int
    /// Parts up to this size are accepted whatever their ratio.
    public var ratioCheckThreshold: Int

    public init(
        maximumWorksheetBytes: Int = 2 << 30,
        maximumPartBytes: Int = 256 << 20,
        maximumCompressionRatio: Int = 200,
        ratioCheckThreshold: Int = 16 << 20
    ) {
        self.maximumWorksheetBytes = maximumWorksheetBytes
        self.maximumPartBytes = maximumPartBytes
        self.maximumCompressionRatio = maximumCompressionRatio
        self.ratioCheckThreshold = ratioCheckThreshold
    }

    var forWorksheets: ZipReadLimits {
        ZipReadLimits(
            maximumUncompressedBytes: maximumWorksheetBytes,
            maximumCompressionRatio: maximumCompressionRatio,
            ratioThreshold: ratioCheckThreshold)
    }

    var forParts: ZipReadLimits {
        ZipReadLimits(
            maximumUncompressedBytes: maximumPartBytes,
            maximumCompressionRatio: maximumCompressionRatio,
            ratioThreshold: ratioCheckThreshold)
    }
}
