import DataIntegrity

/// Chosen top-level members of a stored JSON document, read in one pass over its bytes.
///
/// A page of an export reads a few members of 20,000 documents. PostgreSQL's `->>` first turns each
/// document into `jsonb` (parsing it, building it and sorting its keys), which took 150 of a page's
/// 180 ms; the text itself came in 25. So the large readers fetch the documents as text and read
/// the members here, on the cores beside the event loop, the same way on both engines.
public struct DocumentMembers: Sendable {
    private let names: [[UInt8]]

    public init(_ names: [String]) {
        self.names = names.map { Array($0.utf8) }
    }

    public var count: Int { names.count }

    public struct Malformed: Error, CustomStringConvertible {
        public let offset: Int
        public var description: String { "a stored document is not a JSON object (at byte \(offset))" }
    }

    /// The members' values in the order of `names`: strings unescaped; numbers, `true` and `false`
    /// as written; objects and arrays as their JSON text as stored; null or absent as "". For the
    /// strings the readers take this is what `->>` and `json_extract` gave; numbers, booleans and
    /// nested values are written differently by each database (`1500` or `1500.0` for `1.5e3`, `1`
    /// for `true` on SQLite, reformatted objects), and no reader takes them as text.
    public func values(in document: String) throws -> [String] {
        var document = document
        return try document.withUTF8 { try values(in: $0) }
    }

    private func index(of key: (range: Range<Int>, escaped: Bool), in bytes: UnsafeBufferPointer<UInt8>) throws -> Int? {
        if key.escaped {
            let name = Array(try Scanner.unescaped(bytes, key.range).utf8)
            return names.firstIndex(of: name)
        }
        let text = UnsafeBufferPointer(rebasing: bytes[key.range])
        return names.firstIndex { $0.count == text.count && $0.elementsEqual(text) }
    }

    public func values(in bytes: UnsafeBufferPointer<UInt8>) throws -> [String] {
        var found = [String](repeating: "", count: names.count)
        var scanner = Scanner(bytes: bytes)
        scanner.skipSpace()
        try scanner.expect(UInt8(ascii: "{"))
        scanner.skipSpace()
        if scanner.peek == UInt8(ascii: "}") { return found }
        while true {
            scanner.skipSpace()
            let key = try scanner.stringSpan()
            scanner.skipSpace()
            try scanner.expect(UInt8(ascii: ":"))
            scanner.skipSpace()
            if let index = try index(of: key, in: bytes) {
                found[index] = try scanner.valueText()
            } else {
                try scanner.skipValue()
            }
            scanner.skipSpace()
            if scanner.peek == UInt8(ascii: ",") {
                scanner.at += 1
                continue
            }
            try scanner.expect(UInt8(ascii: "}"))
            return found
        }
    }
}

private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    var peek: UInt8? { at < bytes.count ? bytes[at] : nil }

    func malformed() -> DocumentMembers.Malformed { DocumentMembers.Malformed(offset: at) }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    mutating func skipSpace() {
        while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
    }

    mutating func expect(_ byte: UInt8) throws {
        guard peek == byte else { throw malformed() }
        at += 1
    }

    /// A string's contents (between its quotes), and whether it holds escapes.
    mutating func stringSpan() throws -> (range: Range<Int>, escaped: Bool) {
        try expect(UInt8(ascii: "\""))
        let start = at
        var escaped = false
        while at < bytes.count {
            switch bytes[at] {
            case UInt8(ascii: "\""):
                at += 1
                return (start..<at - 1, escaped)
            case UInt8(ascii: "\\"):
                escaped = true
                at += 2
            default:
                at += 1
            }
        }
        throw malformed()
    }

    /// The value at the cursor as text (see `DocumentMembers.values`).
    mutating func valueText() throws -> String {
        if peek == UInt8(ascii: "\"") {
            let span = try stringSpan()
            if span.escaped { return try Self.unescaped(bytes, span.range) }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[span.range]), as: UTF8.self)
        }
        let start = at
        try skipValue()
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        return text == "null" ? "" : text
    }

    mutating func skipValue() throws {
        switch peek {
        case UInt8(ascii: "\""):
            _ = try stringSpan()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            repeat {
                switch peek {
                case UInt8(ascii: "\""): _ = try stringSpan(); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                case nil: throw malformed()
                default: break
                }
                at += 1
            } while depth > 0
        case nil:
            throw malformed()
        default:
            // A number, true, false or null: up to the next delimiter.
            let start = at
            while at < bytes.count, bytes[at] != UInt8(ascii: ","), bytes[at] != UInt8(ascii: "}"), bytes[at] != UInt8(ascii: "]"),
                  !Self.isSpace(bytes[at]) { at += 1 }
            if at == start { throw malformed() }
        }
    }

    /// A string's contents with its escapes resolved, by the strict parser the credentials use.
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws -> String {
        guard let value = try? JSONParser.parse(bytes[(range.lowerBound - 1)..<(range.upperBound + 1)]), case .string(let text) = value else {
            throw DocumentMembers.Malformed(offset: range.lowerBound)
        }
        return text
    }
}
