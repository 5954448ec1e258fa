import Foundation

/// The names of a JSON object's members, and of the members of the objects in some of its arrays.
/// `JSON.decodeStrict` checks them against a model's fields.
///
/// They are read in one pass over the text, without building its values. A parse through
/// `JSONSerialization`, which builds every value, was a third of the time `decodeStrict` took over an
/// imported row. The pass answers only for text it is sure of: JSON (RFC 8259) whose top value is an
/// object, whose names carry no escapes, whose numbers have no exponent and at most 18 characters,
/// nested at most 64 deep. For any other text `read` answers nil, and the caller parses the text
/// whole, which also says what is wrong with it.
struct JSONMemberNames: Equatable {
    /// The object's member names, in the text's order.
    var names: [String] = []
    /// For each array asked for, the member names of each of its items; nil for an item that is not
    /// an object, and no items for a member of that name that is not an array.
    var items: [String: [[String]?]] = [:]

    /// nil when the text is not one the pass is sure of (see above), or when it names an array asked
    /// for twice (a parse keeps one of the two).
    static func read(_ data: Data, itemArrays: Set<String>) -> JSONMemberNames? {
        data.withUnsafeBytes { raw in
            var reader = JSONMemberReader(bytes: raw.bindMemory(to: UInt8.self))
            return reader.document(itemArrays: itemArrays)
        }
    }
}

/// A cursor over the text, reading it as `JSONMemberNames` describes; each step answers nil or false
/// for text it is not sure of.
private struct JSONMemberReader {
    static let maximumDepth = 64
    static let maximumNumberLength = 18

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func document(itemArrays: Set<String>) -> JSONMemberNames? {
        var result = JSONMemberNames()
        skipWhitespace()
        let completed = members(depth: 1) { reader, name in
            guard itemArrays.contains(name) else { return reader.value(depth: 1) }
            guard result.items[name] == nil else { return false }
            guard reader.peek == UInt8(ascii: "[") else {
                result.items[name] = []
                return reader.value(depth: 1)
            }
            guard let items = reader.itemNames() else { return false }
            result.items[name] = items
            return true
        } name: { name in
            result.names.append(name)
        }
        guard completed else { return nil }
        skipWhitespace()
        return position == bytes.count ? result : nil
    }

    /// The items of an array, each an object's member names or nil; the cursor at its `[`.
    private mutating func itemNames() -> [[String]?]? {
        var items: [[String]?] = []
        let completed = elements(depth: 2) { reader in
            guard reader.peek == UInt8(ascii: "{") else {
                items.append(nil)
                return reader.value(depth: 2)
            }
            var names: [String] = []
            guard reader.members(depth: 3, value: { reader, _ in reader.value(depth: 3) }, name: { names.append($0) }) else { return false }
            items.append(names)
            return true
        }
        return completed ? items : nil
    }

    /// An object's members, the cursor at its `{`: `name` hears each name, then `value` reads its value.
    private mutating func members(depth: Int, value: (inout JSONMemberReader, String) -> Bool, name: (String) -> Void) -> Bool {
        guard depth <= Self.maximumDepth, take(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            guard let memberName = plainName() else { return false }
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            name(memberName)
            guard value(&self, memberName) else { return false }
            skipWhitespace()
            if take(UInt8(ascii: ",")) {
                skipWhitespace()
                continue
            }
            return take(UInt8(ascii: "}"))
        }
    }

    /// An array's elements, the cursor at its `[`: `element` reads each.
    private mutating func elements(depth: Int, element: (inout JSONMemberReader) -> Bool) -> Bool {
        guard depth <= Self.maximumDepth, take(UInt8(ascii: "[")) else { return false }
        skipWhitespace()
        if take(UInt8(ascii: "]")) { return true }
        while true {
            guard element(&self) else { return false }
            skipWhitespace()
            if take(UInt8(ascii: ",")) {
                skipWhitespace()
                continue
            }
            return take(UInt8(ascii: "]"))
        }
    }

    /// Any value, read over.
    private mutating func value(depth: Int) -> Bool {
        guard let byte = peek else { return false }
        return switch byte {
        case UInt8(ascii: "{"): members(depth: depth + 1, value: { reader, _ in reader.value(depth: depth + 1) }, name: { _ in })
        case UInt8(ascii: "["): elements(depth: depth + 1) { reader in reader.value(depth: depth + 1) }
        case UInt8(ascii: "\""): string(keepingText: false) != nil
        case UInt8(ascii: "t"): literal("true")
        case UInt8(ascii: "f"): literal("false")
        case UInt8(ascii: "n"): literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): number()
        default: false
        }
    }

    /// A member's name: a string without escapes.
    private mutating func plainName() -> String? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        return string(keepingText: true)
    }

    /// A string, the cursor at its opening quote: its text when `keepingText` (nil when it has an
    /// escape), else an empty text once it is read over. Escapes of UTF-16 surrogates are left to the
    /// parse, which pairs them.
    private mutating func string(keepingText: Bool) -> String? {
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                defer { position += 1 }
                return keepingText ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self) : ""
            case 0..<0x20:
                return nil
            case UInt8(ascii: "\\"):
                guard !keepingText, escape() else { return nil }
            case 0x80...:
                guard utf8Sequence() else { return nil }
            default:
                position += 1
            }
        }
        return nil
    }

    /// One escape, the cursor at its backslash.
    private mutating func escape() -> Bool {
        guard position + 1 < bytes.count else { return false }
        switch bytes[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
            return true
        case UInt8(ascii: "u"):
            guard position + 5 < bytes.count else { return false }
            var scalar: UInt32 = 0
            for byte in bytes[(position + 2)...(position + 5)] {
                guard let digit = Self.hexValue(byte) else { return false }
                scalar = scalar << 4 | digit
            }
            guard !(0xD800...0xDFFF).contains(scalar) else { return false }
            position += 6
            return true
        default:
            return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// One well-formed UTF-8 sequence of two to four bytes (RFC 3629 §4), the cursor at its first byte.
    private mutating func utf8Sequence() -> Bool {
        let lead = bytes[position]
        let second: ClosedRange<UInt8>
        let length: Int
        switch lead {
        case 0xC2...0xDF: (second, length) = (0x80...0xBF, 2)
        case 0xE0: (second, length) = (0xA0...0xBF, 3)
        case 0xE1...0xEC, 0xEE...0xEF: (second, length) = (0x80...0xBF, 3)
        case 0xED: (second, length) = (0x80...0x9F, 3)
        case 0xF0: (second, length) = (0x90...0xBF, 4)
        case 0xF1...0xF3: (second, length) = (0x80...0xBF, 4)
        case 0xF4: (second, length) = (0x80...0x8F, 4)
        default: return false
        }
        guard position + length <= bytes.count, second.contains(bytes[position + 1]) else { return false }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[position + offset]) { return false }
        position += length
        return true
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)?`; an exponent is left to the parse.
    private mutating func number() -> Bool {
        let start = position
        _ = take(UInt8(ascii: "-"))
        if !take(UInt8(ascii: "0")) {
            guard digits() else { return false }
        }
        if take(UInt8(ascii: ".")) {
            guard digits() else { return false }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") { return false }
        return position - start <= Self.maximumNumberLength
    }

    /// One digit or more.
    private mutating func digits() -> Bool {
        let start = position
        while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
        return position > start
    }

    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[position + offset] != text.utf8Start[offset] { return false }
        position += count
        return true
    }

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }
}
