import Compression

/// Writes a ZIP archive of DEFLATE entries, front to back, never seeking: small entries
/// are compressed whole; a streamed entry is followed by a data descriptor with its
/// CRC-32 and sizes (flag bit 3), which every ZIP reader, Excel and LibreOffice included,
/// takes from the central directory. Timestamps are fixed (1980-01-01) so the same
/// content always gives the same bytes.
struct ZipWriter {
    private var output: ZipOutput
    private var records: [ZipEntry] = []
    private var current: StreamedEntry?

    private struct StreamedEntry {
        let name: String
        let localHeaderOffset: Int
        var deflater = DeflateStream()
        var checksum = CRC32()
        var uncompressedSize = 0
        var compressedSize = 0
    }

    private static let versionNeeded = 20  // 2.0: DEFLATE
    private static let dataDescriptorFlag = 0x0008
    private static let dosDate = 0x0021  // 1980-01-01
    private static let dosTime = 0

    init(output: ZipOutput) {
        self.output = output
    }

    /// Adds an entry whose bytes are all at hand.
    mutating func addEntry(name: String, bytes: [UInt8]) throws(XLSXWriterError) {
        precondition(current == nil, "addEntry while an entry is being streamed")
        let compressed = Deflate.deflate(bytes)
        let entry = ZipEntry(
            name: name, methodNumber: ZipEntry.Method.deflated.rawValue, flags: 0,
            crc32: CRC32.checksum(bytes), compressedSize: compressed.count,
            uncompressedSize: bytes.count, localHeaderOffset: output.count)
        try checkSizes(entry)
        try output.write(localHeader(entry))
        try output.write(compressed)
        records.append(entry)
    }

    /// Starts an entry whose bytes will come through `write(_:)`.
    mutating func beginEntry(name: String) throws(XLSXWriterError) {
        precondition(current == nil, "beginEntry while an entry is being streamed")
        let entry = ZipEntry(
            name: name, methodNumber: ZipEntry.Method.deflated.rawValue, flags: Self.dataDescriptorFlag,
            crc32: 0, compressedSize: 0, uncompressedSize: 0, localHeaderOffset: output.count)
        try output.write(localHeader(entry))
        current = StreamedEntry(name: name, localHeaderOffset: entry.localHeaderOffset)
    }

    mutating func write(_ bytes: [UInt8]) throws(XLSXWriterError) {
        guard var entry = current else { preconditionFailure("write without beginEntry") }
        current = nil  // keeps `entry` uniquely referenced while it changes
        entry.checksum.update(bytes)
        entry.uncompressedSize += bytes.count
        let compressed = entry.deflater.compress(bytes)
        entry.compressedSize += compressed.count
        current = entry
        try output.write(compressed)
    }

    mutating func endEntry() throws(XLSXWriterError) {
        guard var streamed = current else { preconditionFailure("endEntry without beginEntry") }
        current = nil
        let compressed = streamed.deflater.finish()
        streamed.compressedSize += compressed.count
        try output.write(compressed)
        let entry = ZipEntry(
            name: streamed.name, methodNumber: ZipEntry.Method.deflated.rawValue, flags: Self.dataDescriptorFlag,
            crc32: streamed.checksum.value, compressedSize: streamed.compressedSize,
            uncompressedSize: streamed.uncompressedSize, localHeaderOffset: streamed.localHeaderOffset)
        try checkSizes(entry)
        var descriptor: [UInt8] = []
        descriptor.appendUInt32(ZipSignature.dataDescriptor)
        descriptor.appendUInt32(Int(entry.crc32))
        descriptor.appendUInt32(entry.compressedSize)
        descriptor.appendUInt32(entry.uncompressedSize)
        try output.write(descriptor)
        records.append(entry)
    }

    /// Writes the central directory and the end record; returns the archive's bytes
    /// when writing to memory.
    mutating func finish() throws(XLSXWriterError) -> [UInt8] {
        precondition(current == nil, "finish while an entry is being streamed")
        guard records.count < ZipSignature.zip64Marker16 else { throw .archiveTooLarge }
        let directoryOffset = output.count
        var directory: [UInt8] = []
        for entry in records {
            directory.append(contentsOf: centralHeader(entry))
        }
        guard directoryOffset + directory.count < ZipSignature.zip64Marker32 else { throw .archiveTooLarge }
        try output.write(directory)
        var end: [UInt8] = []
        end.appendUInt32(ZipSignature.endOfCentralDirectory)
        end.appendUInt16(0)  // this disk
        end.appendUInt16(0)  // disk with the central directory
        end.appendUInt16(records.count)
        end.appendUInt16(records.count)
        end.appendUInt32(directory.count)
        end.appendUInt32(directoryOffset)
        end.appendUInt16(0)  // comment length
        try output.write(end)
        return try output.close()
    }

    private func checkSizes(_ entry: ZipEntry) throws(XLSXWriterError) {
        guard entry.compressedSize < ZipSignature.zip64Marker32, entry.uncompressedSize < ZipSignature.zip64Marker32,
              entry.localHeaderOffset < ZipSignature.zip64Marker32 else { throw .archiveTooLarge }
    }

    private func localHeader(_ entry: ZipEntry) -> [UInt8] {
        let name = Array(entry.name.utf8)
        var header: [UInt8] = []
        header.appendUInt32(ZipSignature.localHeader)
        header.appendUInt16(Self.versionNeeded)
        header.appendUInt16(entry.flags)
        header.appendUInt16(entry.methodNumber)
        header.appendUInt16(Self.dosTime)
        header.appendUInt16(Self.dosDate)
        header.appendUInt32(Int(entry.crc32))
        header.appendUInt32(entry.compressedSize)
        header.appendUInt32(entry.uncompressedSize)
        header.appendUInt16(name.count)
        header.appendUInt16(0)  // extra field length
        header.append(contentsOf: name)
        return header
    }

    private func centralHeader(_ entry: ZipEntry) -> [UInt8] {
        let name = Array(entry.name.utf8)
        var header: [UInt8] = []
        header.appendUInt32(ZipSignature.centralHeader)
        header.appendUInt16(Self.versionNeeded)  // made by: MS-DOS, version 2.0
        header.appendUInt16(Self.versionNeeded)
        header.appendUInt16(entry.flags)
        header.appendUInt16(entry.methodNumber)
        header.appendUInt16(Self.dosTime)
        header.appendUInt16(Self.dosDate)
        header.appendUInt32(Int(entry.crc32))
        header.appendUInt32(entry.compressedSize)
        header.appendUInt32(entry.uncompressedSize)
        header.appendUInt16(name.count)
        header.appendUInt16(0)  // extra field length
        header.appendUInt16(0)  // comment length
        header.appendUInt16(0)  // disk number
        header.appendUInt16(0)  // internal attributes
        header.appendUInt32(0)  // external attributes
        header.appendUInt32(entry.localHeaderOffset)
        header.append(contentsOf: name)
        return header
    }
}
