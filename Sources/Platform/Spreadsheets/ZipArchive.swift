/// A ZIP archive opened for reading: the central directory is parsed once, and an entry's
/// data is read from the source only when that entry is opened.
///
/// Supports what spreadsheet files use: stored and DEFLATE entries, data descriptors,
/// archive comments. Refuses, with a reason, what they do not: ZIP64, split archives,
/// encryption, other compression methods.
struct ZipArchive: Sendable {
    /// 65,535 records with long names fit easily; a larger directory is not a workbook.
    static let maximumCentralDirectoryBytes = 32 << 20

    let source: any ByteSource
    let entries: [ZipEntry]
    private let indexByName: [String: Int]
    private let indexByFoldedName: [String: Int]

    init(source: any ByteSource) throws(ZipError) {
        self.source = source
        let end = try Self.findEndRecord(in: source)
        let directory = try source.read(at: end.directoryOffset, length: end.directorySize)
        guard directory.count == end.directorySize else { throw .truncated(entry: nil) }
        entries = try Self.parseCentralDirectory(directory, entryCount: end.entryCount)

        var byName: [String: Int] = [:]
        var byFoldedName: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            guard byName.updateValue(index, forKey: entry.name) == nil else { throw .duplicateEntry(entry.name) }
            // Part names in a package are case-insensitive (ECMA-376 Part 2, §6.2.2.3).
            byFoldedName[entry.name.lowercased()] = byFoldedName[entry.name.lowercased()] ?? index
        }
        indexByName = byName
        indexByFoldedName = byFoldedName
    }

    /// The entry with this name, matched exactly or else ignoring case.
    func entry(named name: String) -> ZipEntry? {
        if let index = indexByName[name] ?? indexByFoldedName[name.lowercased()] {
            return entries[index]
        }
        return nil
    }

    /// A streaming reader of the entry's uncompressed bytes, after checking its declared
    /// size against `limits`.
    func reader(for entry: ZipEntry, limits: ZipReadLimits) throws(ZipError) -> ZipEntryReader {
        guard !entry.isEncrypted else { throw .encryptedEntry(entry.name) }
        guard let method = ZipEntry.Method(rawValue: entry.methodNumber) else {
            throw .unsupportedCompressionMethod(entry: entry.name, method: entry.methodNumber)
        }
        try limits.check(entry)
        if method == .stored, entry.compressedSize != entry.uncompressedSize {
            throw .invalidHeader(entry: entry.name, reason: "a stored entry whose two sizes differ")
        }
        let data = try dataRange(of: entry)
        return ZipEntryReader(entry: entry, method: method, source: source, data: data)
    }

    /// The whole uncompressed entry, for parts small enough to hold in memory.
    func contents(of entry: ZipEntry, limits: ZipReadLimits) throws(ZipError) -> [UInt8] {
        var reader = try reader(for: entry, limits: limits)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entry.uncompressedSize)
        while let chunk = try reader.nextChunk() {
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    // MARK: Structure

    private struct EndRecord {
        let entryCount: Int
        let directorySize: Int
        let directoryOffset: Int
    }

    /// Finds the end-of-central-directory record: the last 22+ bytes, before an optional
    /// comment of up to 64 KiB, so the search scans backwards from the end.
    private static func findEndRecord(in source: any ByteSource) throws(ZipError) -> EndRecord {
        let fixed = ZipSignature.endOfCentralDirectorySize
        guard source.count >= fixed else { throw try missingEnd(source) }
        let tailLength = min(source.count, fixed + ZipSignature.maximumCommentSize)
        let tailStart = source.count - tailLength
        let tail = try source.read(at: tailStart, length: tailLength)
        guard tail.count == tailLength else { throw .truncated(entry: nil) }

        var candidate: Int?
        for offset in stride(from: tail.count - fixed, through: 0, by: -1)
        where tail.uint32(at: offset) == ZipSignature.endOfCentralDirectory {
            // A signature inside the comment is not the record: the comment length must
            // reach exactly to the end of the file.
            if offset + fixed + tail.uint16(at: offset + 20) == tail.count {
                candidate = offset
                break
            }
            candidate = candidate ?? offset
        }
        guard let offset = candidate else { throw try missingEnd(source) }

        let recordOffset = tailStart + offset
        if recordOffset >= ZipSignature.zip64EndLocatorSize {
            let locator = try source.read(
                at: recordOffset - ZipSignature.zip64EndLocatorSize, length: 4)
            if locator.count == 4, locator.uint32(at: 0) == ZipSignature.zip64EndLocator {
                throw .zip64NotSupported
            }
        }
        let disk = tail.uint16(at: offset + 4)
        let directoryDisk = tail.uint16(at: offset + 6)
        let entriesOnDisk = tail.uint16(at: offset + 8)
        let entryCount = tail.uint16(at: offset + 10)
        let directorySize = tail.uint32(at: offset + 12)
        let directoryOffset = tail.uint32(at: offset + 16)
        if entryCount == ZipSignature.zip64Marker16 || directorySize == ZipSignature.zip64Marker32
            || directoryOffset == ZipSignature.zip64Marker32 {
            throw .zip64NotSupported
        }
        guard disk == 0, directoryDisk == 0, entriesOnDisk == entryCount else { throw .multiDiskNotSupported }
        guard directoryOffset + directorySize <= recordOffset else {
            throw .invalidHeader(entry: nil, reason: "the central directory lies outside the archive")
        }
        guard directorySize <= maximumCentralDirectoryBytes else {
            throw .invalidHeader(entry: nil, reason: "the central directory is implausibly large")
        }
        return EndRecord(entryCount: entryCount, directorySize: directorySize, directoryOffset: directoryOffset)
    }

    /// A file that starts like a ZIP archive but has no end record was cut short;
    /// anything else is not a ZIP archive at all.
    private static func missingEnd(_ source: any ByteSource) throws(ZipError) -> ZipError {
        let start = try source.read(at: 0, length: 4)
        if start.count == 4, start.uint32(at: 0) == ZipSignature.localHeader {
            return .truncated(entry: nil)
        }
        return .notAZipArchive
    }

    private static func parseCentralDirectory(_ directory: [UInt8], entryCount: Int) throws(ZipError) -> [ZipEntry] {
        var entries: [ZipEntry] = []
        entries.reserveCapacity(entryCount)
        var p = 0
        for number in 0..<entryCount {
            guard p + ZipSignature.centralHeaderSize <= directory.count,
                  directory.uint32(at: p) == ZipSignature.centralHeader else {
                throw .invalidHeader(entry: nil, reason: "central directory record \(number + 1) is damaged")
            }
            let nameLength = directory.uint16(at: p + 28)
            let extraLength = directory.uint16(at: p + 30)
            let commentLength = directory.uint16(at: p + 32)
            let nameStart = p + ZipSignature.centralHeaderSize
            let extraStart = nameStart + nameLength
            let recordEnd = extraStart + extraLength + commentLength
            guard recordEnd <= directory.count else {
                throw .invalidHeader(entry: nil, reason: "central directory record \(number + 1) is damaged")
            }
            // OOXML part names are ASCII; a few Windows tools write backslashes.
            let name = String(
                String(decoding: directory[nameStart..<extraStart], as: UTF8.self).map { $0 == "\\" ? "/" : $0 })
            let entry = ZipEntry(
                name: name,
                methodNumber: directory.uint16(at: p + 10),
                flags: directory.uint16(at: p + 8),
                crc32: UInt32(directory.uint32(at: p + 16)),
                compressedSize: directory.uint32(at: p + 20),
                uncompressedSize: directory.uint32(at: p + 24),
                localHeaderOffset: directory.uint32(at: p + 42))
            if entry.compressedSize == ZipSignature.zip64Marker32
                || entry.uncompressedSize == ZipSignature.zip64Marker32
                || entry.localHeaderOffset == ZipSignature.zip64Marker32
                || hasZip64Field(directory[extraStart..<(extraStart + extraLength)]) {
                throw .zip64NotSupported
            }
            entries.append(entry)
            p = recordEnd
        }
        return entries
    }

    /// Whether an extra-field block holds a ZIP64 field (header ID 0x0001).
    private static func hasZip64Field(_ extra: ArraySlice<UInt8>) -> Bool {
        var p = extra.startIndex
        while p + 4 <= extra.endIndex {
            let id = Int(extra[p]) | Int(extra[p + 1]) << 8
            let size = Int(extra[p + 2]) | Int(extra[p + 3]) << 8
            if id == 0x0001 { return true }
            p += 4 + size
        }
        return false
    }

    /// Where the entry's compressed bytes are: after its local header, whose name and
    /// extra field may differ in length from the central record's.
    private func dataRange(of entry: ZipEntry) throws(ZipError) -> Range<Int> {
        let header = try source.read(at: entry.localHeaderOffset, length: ZipSignature.localHeaderSize)
        guard header.count == ZipSignature.localHeaderSize else { throw .truncated(entry: entry.name) }
        guard header.uint32(at: 0) == ZipSignature.localHeader else {
            throw .invalidHeader(entry: entry.name, reason: "no local header where the central directory says")
        }
        guard header.uint16(at: 8) == entry.methodNumber else {
            throw .invalidHeader(entry: entry.name, reason: "the local and central headers disagree on the method")
        }
        let nameLength = header.uint16(at: 26)
        let extraLength = header.uint16(at: 28)
        let start = entry.localHeaderOffset + ZipSignature.localHeaderSize + nameLength + extraLength
        let end = start + entry.compressedSize
        guard end <= source.count else { throw .truncated(entry: entry.name) }
        return start..<end
    }
}
