/// Writes a CSV file through a 1 MiB buffer into a temporary file beside the target, which
/// `commit()` renames into place: a run that fails leaves no half-written output. A device or a
/// pipe (`/dev/null`, `/dev/stdout`, a FIFO; `FileSystemCalls.isSpecialFile`) is written straight
/// into: renaming over it would replace the device with a file.
///
/// Fields are quoted by `CSVEncoding`'s rule; rows already encoded elsewhere (by workers that
/// fill their own buffers) go in whole with `writeBytes`.
public final class CSVWriter {
    public let path: String
    private let temporaryPath: String
    // One writer per file on one thread; written per byte, so no runtime exclusivity checks.
    // The hot state is visible to inlined callers in other modules (the clearing outputs).
    @usableFromInline @exclusivity(unchecked) var descriptor: Int32
    @usableFromInline let buffer: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity = 1 << 20
    @usableFromInline @exclusivity(unchecked) var used = 0
    @exclusivity(unchecked) private var committed = false

    public init(path: String) throws(FileIOError) {
        self.path = path
        temporaryPath = FileSystemCalls.isSpecialFile(path) ? path : path + ".partial-\(FileSystemCalls.processID)"
        descriptor = try FileSystemCalls.createForWriting(temporaryPath)
        buffer = .allocate(capacity: capacity)
    }

    /// Whether the output goes straight to the target, with nothing to rename or remove.
    private var writesInPlace: Bool { temporaryPath == path }

    deinit {
        if descriptor >= 0 { FileSystemCalls.close(descriptor) }
        if !committed, !writesInPlace { FileSystemCalls.remove(temporaryPath) }
        buffer.deallocate()
    }

    /// Writes one line of fields, quoting those that need it.
    public func writeRow(_ fields: [String]) throws(FileIOError) {
        for (index, field) in fields.enumerated() {
            if index > 0 { try writeByte(UInt8(ascii: ",")) }
            var copy = field
            try copy.withUTF8Throwing { bytes throws(FileIOError) in try writeField(UnsafeRawBufferPointer(bytes)) }
        }
        try writeByte(UInt8(ascii: "\n"))
    }

    /// Writes a field, in quotes with doubled inner quotes when `CSVEncoding.needsQuotes` says so.
    @inlinable @inline(__always)
    public func writeField(_ bytes: UnsafeRawBufferPointer) throws(FileIOError) {
        guard CSVEncoding.needsQuotes(bytes) else { return try writeBytes(bytes) }
        try writeByte(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { try writeByte(byte) }
            try writeByte(byte)
        }
        try writeByte(UInt8(ascii: "\""))
    }

    @inlinable @inline(__always)
    public func writeByte(_ byte: UInt8) throws(FileIOError) {
        if used == capacity { try flush() }
        buffer[used] = byte
        used += 1
    }

    /// Writes bytes as they are (no quoting).
    @inlinable @inline(__always)
    public func writeBytes(_ bytes: UnsafeRawBufferPointer) throws(FileIOError) {
        if used + bytes.count > capacity { try flush() }
        if bytes.count > capacity {
            try FileSystemCalls.write(descriptor, from: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: bytes.count, path: path)
            return
        }
        if let source = bytes.baseAddress {
            (buffer + used).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        used += bytes.count
    }

    /// Writes bytes as they are (no quoting).
    public func writeBytes(_ bytes: [UInt8]) throws(FileIOError) {
        var failure: FileIOError?
        bytes.withUnsafeBytes { raw in
            do throws(FileIOError) { try writeBytes(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes a whole number in decimal.
    @inline(__always)
    public func writeNumber(_ value: Int) throws(FileIOError) {
        if used + 20 > capacity { try flush() }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var remaining = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            } while remaining > 0
            if value < 0 { buffer[used] = UInt8(ascii: "-"); used += 1 }
            for index in stride(from: count - 1, through: 0, by: -1) {
                buffer[used] = scratch[index]
                used += 1
            }
        }
    }

    @usableFromInline
    func flush() throws(FileIOError) {
        guard used > 0 else { return }
        try FileSystemCalls.write(descriptor, from: buffer, count: used, path: temporaryPath)
        used = 0
    }

    /// Flushes, closes and renames the file into place (a device or a pipe has nothing to rename).
    public func commit() throws(FileIOError) {
        try flush()
        FileSystemCalls.close(descriptor)
        descriptor = -1
        if !writesInPlace { try FileSystemCalls.rename(temporaryPath, to: path) }
        committed = true
    }
}

/// The quoting rule of every CSV file NEMIS writes, in one place: a field goes in double quotes,
/// inner quotes doubled, when it holds a comma, a quote or a line break (the same rule as Python's
/// `csv` module, so outputs compare byte for byte).
public enum CSVEncoding {
    @inlinable @inline(__always)
    public static func needsQuotes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    }

    /// Appends `field` to `output`, quoted when needed: for rows built in memory.
    @inlinable
    public static func appendField(_ field: String, to output: inout [UInt8]) {
        var copy = field
        copy.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            guard needsQuotes(raw) else { output.append(contentsOf: bytes); return }
            output.append(UInt8(ascii: "\""))
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { output.append(byte) }
                output.append(byte)
            }
            output.append(UInt8(ascii: "\""))
        }
    }

    /// Appends a whole row and its line feed.
    public static func appendRow(_ fields: [String], to output: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendField(field, to: &output)
        }
        output.append(UInt8(ascii: "\n"))
    }

    /// The UTF-8 byte order mark: Excel reads a CSV file as UTF-8 only when it starts with one.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}

extension String {
    /// `withUTF8` for a body with a typed error.
    public mutating func withUTF8Throwing(_ body: (UnsafeBufferPointer<UInt8>) throws(FileIOError) -> Void) throws(FileIOError) {
        var failure: FileIOError?
        withUTF8 { bytes in
            do throws(FileIOError) { try body(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
