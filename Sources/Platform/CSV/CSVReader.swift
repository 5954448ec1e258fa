/// One CSV record, valid only during the callback that receives it: its fields point into the
/// reader's buffer, so reading 7 million rows allocates nothing per row.
public struct CSVRecord {
    /// 1-based line where the record starts.
    public let line: Int
    /// Number of fields.
    public let count: Int
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    @usableFromInline let starts: UnsafeMutablePointer<Int>
    @usableFromInline let ends: UnsafeMutablePointer<Int>

    /// The bytes of field `index`, unquoted and unescaped.
    @inlinable @inline(__always)
    public subscript(index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + starts[index], count: ends[index] - starts[index])
    }

    /// Field `index` as a string, for messages.
    public func text(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }
}

/// Reads a CSV file (RFC 4180: comma-separated, fields optionally in double quotes with `""` for a
/// quote; LF or CRLF line ends; an optional UTF-8 byte order mark) through one fixed buffer, so
/// memory stays bounded however large the file is.
///
/// Blank lines are skipped. A malformed record (a quote inside an unquoted field, text after a
/// closing quote, a quote never closed) is reported with its line and column and skipped.
///
/// The scanning state is `@exclusivity(unchecked)`: only this class touches it, one call at a
/// time, and the runtime check on every access of a class property would otherwise cost more
/// than the scanning itself.
public final class CSVReader {
    public let path: String
    private let descriptor: Int32
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var filled = 0
    @exclusivity(unchecked) private var atEndOfFile = false
    @exclusivity(unchecked) private var fieldCapacity = 16
    @exclusivity(unchecked) private var starts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var ends: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var escaped: UnsafeMutablePointer<Bool>

    /// Size of the file when it was opened, for sizing arrays up front.
    public let fileSize: Int
    /// Bytes read from the file so far (ahead of the record being scanned by at most one buffer):
    /// enough for a progress bar.
    public private(set) var bytesRead = 0

    /// The byte between fields: a comma, or the semicolon that Excel writes where the decimal mark
    /// is a comma (as in Vietnamese settings).
    private let separator: UInt8

    public init(path: String, chunkSize: Int = 1 << 22, separator: UInt8 = UInt8(ascii: ",")) throws(FileIOError) {
        self.path = path
        self.separator = separator
        descriptor = try FileSystemCalls.openForReading(path)
        fileSize = FileSystemCalls.fileSize(descriptor)
        capacity = max(chunkSize, 4) // room for a byte order mark and one more byte
        buffer = .allocate(capacity: capacity)
        starts = .allocate(capacity: fieldCapacity)
        ends = .allocate(capacity: fieldCapacity)
        escaped = .allocate(capacity: fieldCapacity)
    }

    deinit {
        FileSystemCalls.close(descriptor)
        buffer.deallocate()
        starts.deallocate()
        ends.deallocate()
        escaped.deallocate()
    }

    private enum Scan {
        case record(end: Int, newlines: Int, fields: Int)
        case malformed(end: Int, newlines: Int, column: Int, message: String)
        case needMore
        case endOfInput
    }

    /// Calls `body` with each well-formed record, and `malformed(line, column, message)` for
    /// each record that is not valid CSV.
    public func forEachRecord(_ body: (CSVRecord) -> Void,
                       malformed: (_ line: Int, _ column: Int, _ message: String) -> Void) throws(FileIOError) {
        // Enough bytes to recognise a byte order mark, however short the reads.
        repeat { try refill(keepingFrom: 0) } while filled < 3 && !atEndOfFile
        var position = 0
        if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        var line = 1
        while true {
            switch scanRecord(at: position) {
            case .record(let end, let newlines, let fields):
                let blank = fields == 1 && starts[0] == ends[0] && !escaped[0] && buffer[position] != UInt8(ascii: "\"")
                if !blank {
                    unescape(fields: fields)
                    body(CSVRecord(line: line, count: fields, base: buffer, starts: starts, ends: ends))
                }
                position = end
                line += newlines
            case .malformed(let end, let newlines, let column, let message):
                malformed(line, column, message)
                position = end
                line += newlines
            case .needMore:
                try refill(keepingFrom: position)
                position = 0
            case .endOfInput:
                return
            }
        }
    }

    /// Moves the unread tail to the front and reads more after it, doubling the buffer when one
    /// record fills it.
    private func refill(keepingFrom position: Int) throws(FileIOError) {
        let kept = filled - position
        if position > 0 {
            buffer.update(from: buffer + position, count: kept)
        } else if kept == capacity {
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: buffer, count: kept)
            buffer.deallocate()
            buffer = larger
            capacity *= 2
        }
        filled = kept
        while filled < capacity {
            let count = try FileSystemCalls.read(descriptor, into: buffer + filled, count: capacity - filled, path: path)
            if count == 0 { atEndOfFile = true; break }
            filled += count
            bytesRead += count
            if filled - kept >= capacity / 2 { break }
        }
    }

    @inline(__always)
    private func ensureFieldCapacity(_ needed: Int) {
        if needed > fieldCapacity { growFields(needed) }
    }

    private func growFields(_ needed: Int) {
        let newCapacity = max(needed, fieldCapacity * 2)
        let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let newEscaped = UnsafeMutablePointer<Bool>.allocate(capacity: newCapacity)
        newStarts.update(from: starts, count: fieldCapacity)
        newEnds.update(from: ends, count: fieldCapacity)
        newEscaped.update(from: escaped, count: fieldCapacity)
        starts.deallocate(); ends.deallocate(); escaped.deallocate()
        starts = newStarts; ends = newEnds; escaped = newEscaped
        fieldCapacity = newCapacity
    }

    private static let newline = UInt8(ascii: "\n")
    private static let quote = UInt8(ascii: "\""), carriageReturn = UInt8(ascii: "\r")

    /// Finds the record starting at `position` and its fields, without changing the buffer, so
    /// a record cut by the end of the buffer can be scanned again after a refill.
    private func scanRecord(at position: Int) -> Scan {
        if position >= filled { return atEndOfFile ? .endOfInput : .needMore }
        let bytes = buffer, limit = filled
        var index = position
        var field = 0
        var newlines = 0
        while true {
            ensureFieldCapacity(field + 1)
            if index < limit, bytes[index] == Self.quote {
                var cursor = index + 1
                var hasEscapes = false
                while true {
                    guard cursor < limit else {
                        if !atEndOfFile { return .needMore }
                        return .malformed(end: limit, newlines: newlines, column: field + 1,
                                          message: "a quoted field is never closed (a missing \" before the end of the file)")
                    }
                    let byte = bytes[cursor]
                    if byte == Self.quote {
                        if cursor + 1 >= limit && !atEndOfFile { return .needMore }
                        if cursor + 1 < limit && bytes[cursor + 1] == Self.quote { hasEscapes = true; cursor += 2; continue }
                        break
                    }
                    if byte == Self.newline { newlines += 1 }
                    cursor += 1
                }
                starts[field] = index + 1
                ends[field] = cursor
                escaped[field] = hasEscapes
                field += 1
                index = cursor + 1
                if index >= limit { return atEndOfFile ? .record(end: index, newlines: newlines, fields: field) : .needMore }
                let next = bytes[index]
                if next == separator { index += 1; continue }
                if next == Self.newline { return .record(end: index + 1, newlines: newlines + 1, fields: field) }
                if next == Self.carriageReturn {
                    if index + 1 >= limit {
                        return atEndOfFile ? .record(end: index + 1, newlines: newlines, fields: field) : .needMore
                    }
                    if bytes[index + 1] == Self.newline { return .record(end: index + 2, newlines: newlines + 1, fields: field) }
                }
                return skipLine(from: index, newlines: newlines, column: field,
                                message: "text after the closing quote; a quoted field must end at a separator or the end of the line")
            }
            var cursor = index
            while cursor < limit {
                let byte = bytes[cursor]
                if byte == separator || byte == Self.newline || byte == Self.quote { break }
                cursor += 1
            }
            if cursor >= limit {
                guard atEndOfFile else { return .needMore }
                var end = cursor
                if end > index, bytes[end - 1] == Self.carriageReturn { end -= 1 }
                starts[field] = index; ends[field] = end; escaped[field] = false
                return .record(end: cursor, newlines: newlines, fields: field + 1)
            }
            let byte = bytes[cursor]
            if byte == Self.quote {
                return skipLine(from: cursor, newlines: newlines, column: field + 1,
                                message: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
            }
            var end = cursor
            if byte == Self.newline, end > index, bytes[end - 1] == Self.carriageReturn { end -= 1 }
            starts[field] = index; ends[field] = end; escaped[field] = false
            field += 1
            if byte == separator { index = cursor + 1; continue }
            return .record(end: cursor + 1, newlines: newlines + 1, fields: field)
        }
    }

    /// Skips to the end of the line after a malformed field.
    private func skipLine(from index: Int, newlines: Int, column: Int, message: String) -> Scan {
        var cursor = index
        while cursor < filled, buffer[cursor] != Self.newline { cursor += 1 }
        if cursor >= filled {
            return atEndOfFile ? .malformed(end: filled, newlines: newlines, column: column, message: message) : .needMore
        }
        return .malformed(end: cursor + 1, newlines: newlines + 1, column: column, message: message)
    }

    /// Turns each `""` in a quoted field into one `"`, in place (the record is complete, so its
    /// bytes are never scanned again).
    private func unescape(fields: Int) {
        for field in 0 ..< fields where escaped[field] {
            var read = starts[field], write = starts[field]
            let end = ends[field]
            while read < end {
                buffer[write] = buffer[read]
                read += buffer[read] == Self.quote ? 2 : 1
                write += 1
            }
            ends[field] = write
        }
    }
}
