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

    /// The members' values in the order of `names`, as `->>` and `json_extract` give them: strings
    /// unescaped; numbers, `true` and `false` as written; objects and arrays as their JSON text;
    /// null or absent as "".
    public func values(in document: String) throws -> [String] {
        var document = document
        return try document.withUTF8 { try values(in: $0) }
    }

    private func index(of key: (range: Range<Int>, escaped: Bool), in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if key.escaped {
            let name = Scanner.unescaped(bytes, key.range)
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
            if let index = index(of: key, in: bytes) {
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
            if span.escaped { return String(decoding: Self.unescaped(bytes, span.range), as: UTF8.self) }
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

    /// A string's contents with its escapes resolved (`\uD83D\uDE00` pairs included).
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var at = range.lowerBound
        func hex4(_ from: Int) -> UInt32? {
            guard from + 4 <= range.upperBound else { return nil }
            var value: UInt32 = 0
            for byte in bytes[from..<from + 4] {
                guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while at < range.upperBound {
            let byte = bytes[at]
            guard byte == UInt8(ascii: "\\"), at + 1 < range.upperBound else {
                out.append(byte)
                at += 1
                continue
            }
            let kind = bytes[at + 1]
            at += 2
            switch kind {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hex4(at) else { continue }
                at += 4
                if (0xD800..<0xDC00).contains(code), at + 1 < range.upperBound, bytes[at] == UInt8(ascii: "\\"),
                   bytes[at + 1] == UInt8(ascii: "u"), let low = hex4(at + 2), (0xDC00..<0xE000).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    at += 6
                }
                out += Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
            default: out.append(kind)  // \" \\ \/
            }
        }
        return out
    }
}
