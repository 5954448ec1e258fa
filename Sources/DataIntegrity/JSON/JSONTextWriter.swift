/// Writes JSON text with the string and number rules of RFC 8785, members either sorted
/// (JCS) or in document order: the one serialiser behind `JCS.canonicalize` and
/// `JSONValue.encoded()`, and public so a caller that knows a document's shape can write
/// its canonical text directly, copying constant parts it canonicalised once.
///
/// Why it is written this way: signing a province's year records and verifying uploaded
/// ones is bound by this step. Runs of string bytes without escapes are copied in one go,
/// member names are compared on their UTF-8 bytes (with the one correction UTF-16 order
/// needs, see `JCS.precedes`), and objects already in order are not sorted again. The
/// tests compare it with a plain reference writer on generated documents and on the
/// RFC 8785 vectors.
public struct JSONTextWriter {
    /// Whether object members are written in JCS order (`true`) or as given.
    public let sortMembers: Bool
    private let sink: ByteSink
    /// When set, where each member of the outermost object starts is recorded in
    /// `topLevelMembers` (for `CanonicalDocument`).
    public var recordTopLevel = false
    /// Names and offsets of the outermost object's members (the offset of the name's
    /// opening quote), when `recordTopLevel` was set before writing.
    public private(set) var topLevelMembers: [(key: String, offset: Int)] = []
    private var depth = 0

    /// A writer whose buffer starts with room for `capacity` bytes.
    public init(sortMembers: Bool, capacity: Int = 4096) {
        self.sortMembers = sortMembers
        sink = ByteSink(capacity: capacity)
    }

    /// The bytes written so far.
    public var output: [UInt8] { sink.array }

    /// How many bytes have been written.
    public var count: Int { sink.count }

    /// Appends ASCII text that is already JSON (punctuation, member names without escapes).
    public func raw(_ text: StaticString) {
        sink.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends bytes that are already JSON in the writer's form.
    public func raw(_ bytes: [UInt8]) { sink.append(bytes) }

    /// Writes `value`. Duplicate member names are refused in both modes: a verifier that
    /// keeps the first and one that keeps the last would disagree about the content.
    public mutating func write(_ value: JSONValue) throws(JSONError) {
        switch value {
        case .null:
            raw("null")
        case .bool(let b):
            if b { raw("true") } else { raw("false") }
        case .number(let n):
            try writeNumber(n)
        case .string(let s):
            writeString(s)
        case .array(let items):
            sink.append(UInt8(ascii: "["))
            try items.withUnsafeBufferPointer { (buffer) throws(JSONError) in
                for i in buffer.indices {
                    if i > 0 { sink.append(UInt8(ascii: ",")) }
                    try write(buffer[i])
                }
            }
            sink.append(UInt8(ascii: "]"))
        case .object(let members):
            sink.append(UInt8(ascii: "{"))
            // Objects are nearly always already in JCS order (documents built in code, canonical
            // text parsed back): write them straight, checking the order on the way, and only
            // when a name is out of order go back and sort.
            let start = sink.count
            let recorded = topLevelMembers.count
            if writeMembersIfOrdered(members) {
                sink.append(UInt8(ascii: "}"))
                return
            }
            sink.truncate(to: start)
            topLevelMembers.removeSubrange(recorded...)
            // Out of order or duplicated: sort indices, refuse duplicates, then write in the
            // mode's order.
            let order = members.indices.sorted { JCS.precedes(members[$0].key, members[$1].key) }
            for i in order.indices.dropFirst() where members[order[i - 1]].key.hasSameScalars(as: members[order[i]].key) {
                throw .duplicateKeyInValue(members[order[i]].key)
            }
            if sortMembers {
                _ = try writeMembers(order.map { members[$0] }, checkingOrder: false)
            } else {
                _ = try writeMembers(members, checkingOrder: false)
            }
            sink.append(UInt8(ascii: "}"))
        }
    }

    /// Writes the members in the given order and returns true, or stops at the first name
    /// that does not follow its predecessor in JCS order and returns false. A value that
    /// cannot be written also answers false: the checked path then reports this object's
    /// duplicate names before any error inside its values, as the plain writer would.
    private mutating func writeMembersIfOrdered(_ members: [(key: String, value: JSONValue)]) -> Bool {
        (try? writeMembers(members, checkingOrder: true)) ?? false
    }

    private mutating func writeMembers(_ members: [(key: String, value: JSONValue)], checkingOrder: Bool) throws(JSONError) -> Bool {
        depth += 1
        defer { depth -= 1 }
        return try members.withUnsafeBufferPointer { (buffer) throws(JSONError) -> Bool in
            for i in buffer.indices {
                if i > 0 {
                    if checkingOrder && !JCS.precedes(buffer[i - 1].key, buffer[i].key) { return false }
                    sink.append(UInt8(ascii: ","))
                }
                if recordTopLevel && depth == 1 { topLevelMembers.append((buffer[i].key, sink.count)) }
                writeString(buffer[i].key)
                sink.append(UInt8(ascii: ":"))
                try write(buffer[i].value)
            }
            return true
        }
    }

    private func writeNumber(_ n: Double) throws(JSONError) {
        // Integers below 2^53 print as their digits in ECMAScript (and -0 as 0); anything
        // else goes through the ECMAScript formatter.
        if n == n.rounded(.towardZero) && n.magnitude < 9_007_199_254_740_992 {
            sink.appendDecimal(Int64(n))
        } else {
            guard let formatted = ECMAScriptNumber.format(n) else { throw .nonFiniteNumber }
            sink.append(Array(formatted.utf8))
        }
    }

    /// Writes `s` as a JSON string. RFC 8785 §3.2.2.2: escape only `"`, `\` and C0 controls
    /// (two-character forms where JSON has them, lowercase `\u00xx` otherwise); everything
    /// else, including `/`, DEL and non-ASCII, is copied as UTF-8.
    public func writeString(_ s: String) {
        sink.append(UInt8(ascii: "\""))
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            Array(s.utf8).withUnsafeBufferPointer { appendEscaped($0) }
        }
        sink.append(UInt8(ascii: "\""))
    }

    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for i in 0..<bytes.count {
            let byte = bytes[i]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            if runStart < i { sink.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            runStart = i + 1
            switch byte {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x08: raw("\\b")
            case 0x09: raw("\\t")
            case 0x0A: raw("\\n")
            case 0x0C: raw("\\f")
            case 0x0D: raw("\\r")
            default:
                let hex: StaticString = "0123456789abcdef"
                raw("\\u00")
                sink.append(hex.utf8Start[Int(byte >> 4)])
                sink.append(hex.utf8Start[Int(byte & 0x0F)])
            }
        }
        if runStart < bytes.count { sink.append(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }
}

/// Growable byte buffer with unchecked appends: the writer's hot path is appending, and
/// `[UInt8].append` checks uniqueness and capacity on every byte.
private final class ByteSink {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    /// Forgets everything written after the first `count` bytes.
    func truncate(to count: Int) {
        self.count = count
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// The decimal digits of `value`, with a minus sign when negative.
    func appendDecimal(_ value: Int64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 2^63's 19 digits
        var magnitude = value.magnitude
        var length = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                length += 1
                buffer[24 - length] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { append(UInt8(ascii: "-")) }
            append(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[(24 - length)...]))
        }
    }

    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
