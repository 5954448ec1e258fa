/// A strict JSON (RFC 8259 / I-JSON RFC 7493) parser for data that will be signed or verified.
///
/// Strict because a lenient parser lets two verifiers see two different documents under
/// one signature: it rejects duplicate member names (compared by exact Unicode scalars,
/// since Swift's `==` merges canonically equivalent names), lone surrogates, invalid
/// UTF-8, raw control characters, trailing data, numbers outside the double range and
/// excessive nesting. It never normalises strings or reorders members.
public enum JSONParser {
    /// Deep enough for any credential, shallow enough that hostile input cannot exhaust
    /// the stack of the recursive descent.
    public static let defaultMaximumDepth = 256

    /// Parses UTF-8 JSON text.
    public static func parse(
        _ bytes: some Collection<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONError) -> JSONValue in
                var reader = Reader(bytes: buffer, maximumDepth: maximumDepth)
                return try reader.parseDocument()
            }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes), maximumDepth: maximumDepth)
    }

    /// Parses JSON text held in a `String` (its UTF-8 bytes, unchanged).
    public static func parse(
        _ text: String, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONError) -> JSONValue {
        try parse(text.utf8, maximumDepth: maximumDepth)
    }
}

/// Recursive-descent reader over the input bytes; `index` always points at the next
/// unread byte, which is the offset reported in errors.
private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw .trailingData(offset: index) }
        return value
    }

    // MARK: Values

    mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard index < bytes.count else { throw .unexpectedEnd(offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case let byte:
            throw .unexpectedByte(byte, offset: index)
        }
    }

    mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maximumDepth else { throw .nestingTooDeep(limit: maximumDepth, offset: index) }
        index += 1  // "{"
        var members: [(key: String, value: JSONValue)] = []
        // Names are compared by their UTF-8 bytes: byte equality is scalar equality, unlike
        // `String ==` or `Set<String>`, which treat "é" and "e\u{301}" as one name. Small
        // objects (nearly all) are searched directly; a set is made only for large ones.
        var seen: Set<[UInt8]>?
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            let keyOffset = index
            guard try peek() == UInt8(ascii: "\"") else { throw .unexpectedByte(bytes[index], offset: index) }
            let key = try parseString()
            if var names = seen {
                guard names.insert(Array(key.utf8)).inserted else { throw .duplicateKey(key, offset: keyOffset) }
                seen = names
            } else if members.contains(where: { $0.key.utf8.elementsEqual(key.utf8) }) {
                throw .duplicateKey(key, offset: keyOffset)
            } else if members.count == 15 {
                seen = Set(members.map { Array($0.key.utf8) } + [Array(key.utf8)])
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append((key: key, value: value))
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            case let byte:
                throw .unexpectedByte(byte, offset: index)
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maximumDepth else { throw .nestingTooDeep(limit: maximumDepth, offset: index) }
        index += 1  // "["
        var items: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(items)
            case let byte:
                throw .unexpectedByte(byte, offset: index)
            }
        }
    }

    // MARK: Strings

    /// Reads a string token. Most strings have no escapes: their bytes, once validated, are
    /// the string, taken in one piece; the others are rebuilt by `parseStringBytes`.
    mutating func parseString() throws(JSONError) -> String {
        let start = index + 1
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                index = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            i += byte < 0x80 ? 1 : try validUTF8SequenceLength(at: i)
        }
        return String(decoding: try parseStringBytes(), as: UTF8.self)
    }

    /// Reads a string token and returns its content as well-formed UTF-8 with escapes
    /// resolved. Non-ASCII input bytes are validated here, so the result never needs
    /// repair (no U+FFFD substitution, which would silently change signed text).
    mutating func parseStringBytes() throws(JSONError) -> [UInt8] {
        index += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw .unexpectedEnd(offset: index) }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return out
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case 0x00..<0x20:
                throw .unescapedControlCharacter(byte, offset: index)
            case 0x20..<0x80:
                out.append(byte)
                index += 1
            default:
                let length = try validUTF8SequenceLength(at: index)
                out.append(contentsOf: bytes[index..<index + length])
                index += length
            }
        }
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(JSONError) {
        let start = index
        index += 1  // backslash
        guard index < bytes.count else { throw .unexpectedEnd(offset: index) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try parseHex4()
            let scalarValue: UInt32
            switch unit {
            case 0xD800...0xDBFF:
                // A high surrogate must be followed immediately by an escaped low one.
                guard index + 1 < bytes.count,
                      bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw .loneSurrogate(offset: start) }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw .loneSurrogate(offset: start) }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            case 0xDC00...0xDFFF:
                throw .loneSurrogate(offset: start)
            default:
                scalarValue = UInt32(unit)
            }
            // Cannot fail: surrogates were handled above and the value is ≤ U+10FFFF.
            let scalar = Unicode.Scalar(scalarValue)!
            out.append(contentsOf: UTF8.encode(scalar)!)
        default:
            throw .invalidEscape(offset: start)
        }
    }

    mutating func parseHex4() throws(JSONError) -> UInt16 {
        guard index + 4 <= bytes.count else { throw .unexpectedEnd(offset: bytes.count) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .invalidEscape(offset: index)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// Length of the well-formed UTF-8 sequence starting at `start` (Unicode Table 3-7),
    /// rejecting overlong forms, encoded surrogates and values above U+10FFFF.
    func validUTF8SequenceLength(at start: Int) throws(JSONError) -> Int {
        let lead = bytes[start]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw .invalidUTF8(offset: start)
        }
        guard start + length <= bytes.count else { throw .invalidUTF8(offset: start) }
        guard secondRange.contains(bytes[start + 1]) else { throw .invalidUTF8(offset: start) }
        for i in (start + 2)..<(start + length) where !(0x80...0xBF).contains(bytes[i]) {
            throw .invalidUTF8(offset: start)
        }
        return length
    }

    // MARK: Numbers

    /// Checks the JSON number grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    /// and converts with the standard library's correctly rounded decimal conversion.
    mutating func parseNumber() throws(JSONError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw .unexpectedEnd(offset: index) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw .invalidNumber(offset: start) }
        } else if isDigit(bytes[index]) {
            skipDigits()
        } else {
            throw .invalidNumber(offset: start)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw .invalidNumber(offset: start) }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw .invalidNumber(offset: start) }
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw .invalidNumber(offset: start) }
        // Overflow becomes ±infinity, which JSON cannot carry back out; underflow to zero
        // is the correctly rounded value and is kept.
        guard value.isFinite else { throw .numberOutOfRange(text: text, offset: start) }
        return .number(value)
    }

    func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    // MARK: Tokens

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func peek() throws(JSONError) -> UInt8 {
        guard index < bytes.count else { throw .unexpectedEnd(offset: index) }
        return bytes[index]
    }

    mutating func expect(_ byte: UInt8) throws(JSONError) {
        let found = try peek()
        guard found == byte else { throw .unexpectedByte(found, offset: index) }
        index += 1
    }

    mutating func expectLiteral(_ literal: String) throws(JSONError) {
        for byte in literal.utf8 {
            guard index < bytes.count else { throw .unexpectedEnd(offset: index) }
            guard bytes[index] == byte else { throw .unexpectedByte(bytes[index], offset: index) }
            index += 1
        }
    }
}
