import DataIntegrity

/// A faster serialiser that produces exactly the bytes of DataIntegrity's `JCS.canonicalize`
/// (sorted) and `JSONValue.encoded()` (document order), including the same errors.
///
/// Why it exists: signing a province's 1.5 million year records in one batch is bound by
/// canonicalisation (a record is ~15 KB), and the kernel writer appends byte by byte and
/// compares member names through `String.utf16`. This one copies string runs without
/// escapes in one go, compares names on their UTF-8 bytes (with the one correction UTF-16
/// order needs), and skips sorting members that are already in order. Tests compare its
/// output with the kernel's on the RFC 8785 vectors and on generated documents; signatures
/// made through it are byte-identical to `EddsaJcs2022.sign`'s. The kernel could adopt it.
enum CanonicalJSON {
    /// `JCS.canonicalize(value)`.
    static func canonicalize(_ value: JSONValue, capacity: Int = 4096) throws(JSONError) -> [UInt8] {
        var writer = CanonicalWriter(sortMembers: true, capacity: capacity)
        try writer.write(value)
        return writer.output
    }

    /// `JCS.canonicalize(document)` together with where each top-level member starts, so a
    /// member can be spliced in later without canonicalising the document again.
    static func canonicalizeRecordingMembers(_ document: JSONValue, capacity: Int = 32_768) throws(JSONError) -> (bytes: [UInt8], members: [(key: String, offset: Int)]) {
        var writer = CanonicalWriter(sortMembers: true, capacity: capacity)
        writer.recordTopLevel = true
        try writer.write(document)
        return (writer.output, writer.topLevelMembers)
    }

    /// The canonical text of `document` with `key: value` added, from the canonical text of
    /// `document` (with its member offsets) and the canonical text of `value`: what
    /// `JCS.canonicalize(document.settingMember(key, to: value))` gives when `key` is new.
    static func splice(
        _ canonical: (bytes: [UInt8], members: [(key: String, offset: Int)]), key: String, valueBytes: [UInt8]
    ) -> [UInt8] {
        var member: [UInt8] = []
        member.reserveCapacity(key.utf8.count + valueBytes.count + 4)
        var writer = CanonicalWriter(sortMembers: true, capacity: key.utf8.count + 2)
        try? writer.write(.string(key))  // writing a string cannot fail
        member += writer.output
        member.append(UInt8(ascii: ":"))
        member += valueBytes
        var out: [UInt8] = []
        out.reserveCapacity(canonical.bytes.count + member.count + 1)
        if let next = canonical.members.first(where: { precedes(key, $0.key) }) {
            out += canonical.bytes[..<next.offset]
            out += member
            out.append(UInt8(ascii: ","))
            out += canonical.bytes[next.offset...]
        } else {
            out += canonical.bytes.dropLast()  // the closing brace
            if !canonical.members.isEmpty { out.append(UInt8(ascii: ",")) }
            out += member
            out.append(UInt8(ascii: "}"))
        }
        return out
    }

    /// `value.encoded()`: compact, in document member order.
    static func encode(_ value: JSONValue, capacity: Int = 4096) throws(JSONError) -> [UInt8] {
        var writer = CanonicalWriter(sortMembers: false, capacity: capacity)
        try writer.write(value)
        return writer.output
    }

    /// JCS member order: lexicographic over UTF-16 code units, decided on the UTF-8 bytes.
    ///
    /// UTF-8 byte order is code point order, which agrees with UTF-16 order except between
    /// U+E000–U+FFFF (lead bytes EE, EF) and supplementary characters (lead bytes F0–F4,
    /// surrogates D800–DFFF in UTF-16): there the supplementary character comes first.
    /// Bytes before the first difference are equal, so both strings are at the same point
    /// of the same kind of sequence there.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let decided = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                let count = min(x.count, y.count)
                var i = 0
                while i < count && x[i] == y[i] { i += 1 }
                guard i < count else { return x.count < y.count }
                let p = x[i]
                let q = y[i]
                if p >= 0xEE && q >= 0xEE && (p >= 0xF0) != (q >= 0xF0) { return p >= 0xF0 }
                return p < q
            }
        }
        // Strings without contiguous UTF-8 (bridged) take the kernel's definition.
        return (decided ?? nil) ?? JCS.precedes(a, b)
    }

    static func sameScalars(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
}

/// Growable byte buffer with unchecked appends; the writer's hot path is appending.
final class ByteSink {
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

    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

struct CanonicalWriter {
    let sortMembers: Bool
    let sink: ByteSink
    /// Record where the root object's members start (for `splice`).
    var recordTopLevel = false
    var topLevelMembers: [(key: String, offset: Int)] = []
    private var depth = 0

    init(sortMembers: Bool, capacity: Int) {
        self.sortMembers = sortMembers
        sink = ByteSink(capacity: capacity)
    }

    /// The bytes written so far.
    var output: [UInt8] { sink.array }

    /// Appends ASCII text that is already JSON (punctuation and member names without escapes).
    func raw(_ text: StaticString) {
        sink.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends bytes that are already canonical JSON.
    func raw(_ bytes: [UInt8]) { sink.append(bytes) }

    mutating func write(_ value: JSONValue) throws(JSONError) {
        switch value {
        case .null:
            sink.append([0x6E, 0x75, 0x6C, 0x6C])  // null
        case .bool(let b):
            sink.append(b ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
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
            if members.count > 1 && !Self.strictlyOrdered(members) {
                // Out of order or duplicated: sort indices, reject duplicates (in both
                // modes, as the kernel does), then write in the mode's order.
                let order = members.indices.sorted { CanonicalJSON.precedes(members[$0].key, members[$1].key) }
                for i in order.indices.dropFirst() where CanonicalJSON.sameScalars(members[order[i - 1]].key, members[order[i]].key) {
                    throw .duplicateKeyInValue(members[order[i]].key)
                }
                if sortMembers {
                    try writeMembers(order.map { members[$0] })
                    sink.append(UInt8(ascii: "}"))
                    return
                }
            }
            try writeMembers(members)
            sink.append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeMembers(_ members: [(key: String, value: JSONValue)]) throws(JSONError) {
        depth += 1
        defer { depth -= 1 }
        try members.withUnsafeBufferPointer { (buffer) throws(JSONError) in
            for i in buffer.indices {
                if i > 0 { sink.append(UInt8(ascii: ",")) }
                if recordTopLevel && depth == 1 { topLevelMembers.append((buffer[i].key, sink.count)) }
                writeString(buffer[i].key)
                sink.append(UInt8(ascii: ":"))
                try write(buffer[i].value)
            }
        }
    }

    /// True when every name precedes the next: already in JCS order and without duplicates.
    private static func strictlyOrdered(_ members: [(key: String, value: JSONValue)]) -> Bool {
        members.withUnsafeBufferPointer { buffer in
            for i in buffer.indices.dropFirst() where !CanonicalJSON.precedes(buffer[i - 1].key, buffer[i].key) {
                return false
            }
            return true
        }
    }

    private mutating func writeNumber(_ n: Double) throws(JSONError) {
        // Integers below 2^53 print as their digits in ECMAScript (and -0 as 0); anything
        // else goes through the kernel's ECMAScript formatter.
        let text: String
        if n == n.rounded(.towardZero) && n.magnitude < 9_007_199_254_740_992 {
            text = String(Int64(n))
        } else {
            guard let formatted = ECMAScriptNumber.format(n) else { throw .nonFiniteNumber }
            text = formatted
        }
        sink.append(Array(text.utf8))
    }

    /// RFC 8785 §3.2.2.2: escape only `"`, `\` and C0 controls (two-character forms where
    /// JSON has them, `\u00xx` lowercase otherwise); copy everything else as UTF-8.
    func writeString(_ s: String) {
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
            case 0x22: sink.append([0x5C, 0x22])
            case 0x5C: sink.append([0x5C, 0x5C])
            case 0x08: sink.append([0x5C, UInt8(ascii: "b")])
            case 0x09: sink.append([0x5C, UInt8(ascii: "t")])
            case 0x0A: sink.append([0x5C, UInt8(ascii: "n")])
            case 0x0C: sink.append([0x5C, UInt8(ascii: "f")])
            case 0x0D: sink.append([0x5C, UInt8(ascii: "r")])
            default:
                let hex = Array("0123456789abcdef".utf8)
                sink.append([0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
        }
        if runStart < bytes.count { sink.append(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }
}
