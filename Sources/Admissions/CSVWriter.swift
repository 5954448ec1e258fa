/// Writes a CSV file through a 1 MiB buffer into a temporary file beside the target, which
/// `commit()` renames into place: a run that fails leaves no half-written output.
final class CSVWriter {
    let path: String
    private let temporaryPath: String
    // One writer per file on one thread; written per byte, so no runtime exclusivity checks.
    @exclusivity(unchecked) private var descriptor: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity = 1 << 20
    @exclusivity(unchecked) private var used = 0
    @exclusivity(unchecked) private var committed = false

    init(path: String) throws(ClearingIOError) {
        self.path = path
        temporaryPath = path + ".partial-\(SystemCalls.processID)"
        descriptor = try SystemCalls.createForWriting(temporaryPath)
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        if descriptor >= 0 { SystemCalls.close(descriptor) }
        if !committed { SystemCalls.remove(temporaryPath) }
        buffer.deallocate()
    }

    /// Writes one line of fields, quoting those that need it.
    func writeRow(_ fields: [String]) throws(ClearingIOError) {
        for (index, field) in fields.enumerated() {
            if index > 0 { try writeByte(UInt8(ascii: ",")) }
            var copy = field
            try copy.withUTF8Throwing { bytes throws(ClearingIOError) in try writeField(UnsafeRawBufferPointer(bytes)) }
        }
        try writeByte(UInt8(ascii: "\n"))
    }

    /// Writes a field, in quotes with doubled inner quotes when it holds a comma, a quote or a
    /// line break (the same rule as Python's `csv` module, so outputs compare byte for byte).
    @inline(__always)
    func writeField(_ bytes: UnsafeRawBufferPointer) throws(ClearingIOError) {
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else { return try writeBytes(bytes) }
        try writeByte(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { try writeByte(byte) }
            try writeByte(byte)
        }
        try writeByte(UInt8(ascii: "\""))
    }

    @inline(__always)
    func writeByte(_ byte: UInt8) throws(ClearingIOError) {
        if used == capacity { try flush() }
        buffer[used] = byte
        used += 1
    }

    @inline(__always)
    func writeBytes(_ bytes: UnsafeRawBufferPointer) throws(ClearingIOError) {
        if used + bytes.count > capacity { try flush() }
        if bytes.count > capacity {
            try SystemCalls.write(descriptor, from: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: bytes.count, path: temporaryPath)
            return
        }
        if let source = bytes.baseAddress {
            (buffer + used).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        used += bytes.count
    }

    /// Writes a whole number in decimal.
    @inline(__always)
    func writeNumber(_ value: Int) throws(ClearingIOError) {
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

    private func flush() throws(ClearingIOError) {
        guard used > 0 else { return }
        try SystemCalls.write(descriptor, from: buffer, count: used, path: temporaryPath)
        used = 0
    }

    /// Flushes, closes and renames the file into place.
    func commit() throws(ClearingIOError) {
        try flush()
        SystemCalls.close(descriptor)
        descriptor = -1
        try SystemCalls.rename(temporaryPath, to: path)
        committed = true
    }
}

extension String {
    /// `withUTF8` for a body with a typed error.
    mutating func withUTF8Throwing(_ body: (UnsafeBufferPointer<UInt8>) throws(ClearingIOError) -> Void) throws(ClearingIOError) {
        var failure: ClearingIOError?
        withUTF8 { bytes in
            do throws(ClearingIOError) { try body(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
