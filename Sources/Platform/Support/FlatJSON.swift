/// JSON text of a flat model, byte for byte what `JSON.encoder` writes (keys sorted by their UTF-8
/// bytes, slashes not escaped, absent optionals left out), written straight into bytes.
///
/// Every registry record is flat: its fields are strings, integers, booleans and values that encode
/// as one of those (a `CivilDate`, a `String` enum). Foundation's encoder builds a tree of boxed values
/// before it writes a byte, and a bulk import encodes two documents for each of its records, which
/// made that a sixth of the import's writer. Anything else (a nested object or array, a floating-point
/// number, whose text Foundation decides) makes `encode` give up with nil, and the caller uses
/// Foundation's encoder.
enum FlatJSON {
    static func encode<T: Encodable>(_ value: T) -> [UInt8]? {
        let encoder = FlatObjectEncoder()
        do {
            try value.encode(to: encoder)
        } catch {
            return nil
        }
        guard encoder.isObject else { return nil }
        return encoder.text()
    }

    /// A JSON string literal as Foundation writes it: `"` and `\` escaped, the control characters
    /// with a short escape where JSON has one and `\u00xx` otherwise, everything else as it is.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // A native string's bytes are read in place; iterating the UTF-8 view one byte at a time
        // took most of this function's time.
        if text.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil {
            appendEscaped(Array(text.utf8), to: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped<Bytes: Collection<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        var plainStart = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                bytes.formIndex(after: &index)
                continue
            }
            out.append(contentsOf: bytes[plainStart..<index])
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
            bytes.formIndex(after: &index)
            plainStart = index
        }
        out.append(contentsOf: bytes[plainStart..<index])
    }
}

/// Thrown inside the encoders when the value is not flat; `FlatJSON.encode` turns it into nil.
private struct NotFlat: Error {}

/// Encodes the top-level object: its members' values go into one buffer as they come, and are put
/// in key order at the end.
private final class FlatObjectEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    private var values: [UInt8] = []
    private var members: [(key: String, value: Range<Int>)] = []
    private(set) var isObject = false
    /// Set when the value asked for a container this encoder cannot give; `isObject` is then false.
    private var refused = false

    init() {
        values.reserveCapacity(512)
        members.reserveCapacity(24)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if !refused { isObject = true }
        return KeyedEncodingContainer(FlatMembers<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        refuse()
        return RefusingUnkeyed(codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        refuse()
        return FlatScalar(codingPath: codingPath)
    }

    func refuse() {
        refused = true
        isObject = false
    }

    func add(_ key: some CodingKey, _ write: (inout [UInt8]) -> Void) {
        let start = values.count
        write(&values)
        members.append((key.stringValue, start..<values.count))
    }

    /// The object's text; nil when a key came twice (Foundation would keep one of them).
    func text() -> [UInt8]? {
        members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(values.count + members.count * 16 + 2)
        for (index, member) in members.enumerated() {
            if index > 0 {
                if members[index - 1].key == member.key { return nil }
                out.append(UInt8(ascii: ","))
            }
            FlatJSON.appendString(member.key, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: values[member.value])
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

private struct FlatMembers<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: FlatObjectEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: "null".utf8) } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: (value ? "true" : "false").utf8) } }
    mutating func encode(_ value: String, forKey key: Key) throws { encoder.add(key) { FlatJSON.appendString(value, to: &$0) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { throw NotFlat() }
    mutating func encode(_ value: Float, forKey key: Key) throws { throw NotFlat() }
    mutating func encode(_ value: Int, forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { encoder.add(key) { $0.append(contentsOf: String(value).utf8) } }

    /// A value of another type is kept only if it encodes as one scalar (a date as its text).
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let scalar = FlatScalarEncoder(codingPath: codingPath + [key])
        try value.encode(to: scalar)
        guard let text = scalar.container.text else { throw NotFlat() }
        encoder.add(key) { $0.append(contentsOf: text) }
    }

    // A nested container is not flat even when nothing is written into it (Foundation writes `{}`).
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        encoder.refuse()
        return KeyedEncodingContainer(RefusingMembers<NestedKey>(codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.refuse()
        return RefusingUnkeyed(codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        encoder.refuse()
        return FlatScalarEncoder(codingPath: codingPath, refusing: true)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.refuse()
        return FlatScalarEncoder(codingPath: codingPath + [key], refusing: true)
    }
}

/// Encodes a member's value that is not a primitive: it may ask for one single-value container only.
private final class FlatScalarEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] = [:]
    let container: FlatScalar

    init(codingPath: [any CodingKey], refusing: Bool = false) {
        self.codingPath = codingPath
        container = FlatScalar(codingPath: codingPath)
        container.refused = refusing
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        container.refused = true
        return KeyedEncodingContainer(RefusingMembers<Key>(codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        container.refused = true
        return RefusingUnkeyed(codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { container }
}

/// One scalar's text; nil until a value is written, or when the value turned out not to be flat.
private final class FlatScalar: SingleValueEncodingContainer {
    let codingPath: [any CodingKey]
    var refused = false
    private var written: [UInt8]?

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    var text: [UInt8]? { refused ? nil : written }

    private func set(_ bytes: [UInt8]) throws {
        if refused || written != nil { throw NotFlat() }
        written = bytes
    }

    func encodeNil() throws { try set(Array("null".utf8)) }
    func encode(_ value: Bool) throws { try set(Array((value ? "true" : "false").utf8)) }
    func encode(_ value: String) throws {
        var out: [UInt8] = []
        FlatJSON.appendString(value, to: &out)
        try set(out)
    }
    func encode(_ value: Double) throws { throw NotFlat() }
    func encode(_ value: Float) throws { throw NotFlat() }
    func encode(_ value: Int) throws { try set(Array(String(value).utf8)) }
    func encode(_ value: Int8) throws { try set(Array(String(value).utf8)) }
    func encode(_ value: Int16) throws { try set(Array(String(value).utf8)) }
    func encode(_ value: Int32) throws { try set(Array(String(value).utf8)) }
    func encode(_ value: Int64) throws { try set(Array(String(value).utf8)) }
    func encode(_ value: UInt) throws { try set(Array(String(value).utf8)) }
    func encode(_ value: UInt8) throws { try set(Array(String(value).utf8)) }
    func encode(_ value: UInt16) throws { try set(Array(String(value).utf8)) }
    func encode(_ value: UInt32) throws { try set(Array(String(value).utf8)) }
    func encode(_ value: UInt64) throws { try set(Array(String(value).utf8)) }

    func encode<T: Encodable>(_ value: T) throws {
        // A wrapper around one scalar (an enum with a raw value) passes it on to this container.
        let inner = FlatScalarEncoder(codingPath: codingPath)
        try value.encode(to: inner)
        guard let text = inner.container.text else { throw NotFlat() }
        try set(text)
    }
}

/// The containers a flat value never asks for: any use of them makes the value not flat.
private struct RefusingMembers<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { throw NotFlat() }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw NotFlat() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(RefusingMembers<NestedKey>(codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { RefusingUnkeyed(codingPath: codingPath + [key]) }
    mutating func superEncoder() -> any Encoder { FlatScalarEncoder(codingPath: codingPath, refusing: true) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { FlatScalarEncoder(codingPath: codingPath + [key], refusing: true) }
}

private struct RefusingUnkeyed: UnkeyedEncodingContainer {
    let codingPath: [any CodingKey]
    var count: Int { 0 }

    mutating func encodeNil() throws { throw NotFlat() }
    mutating func encode<T: Encodable>(_ value: T) throws { throw NotFlat() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(RefusingMembers<NestedKey>(codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { RefusingUnkeyed(codingPath: codingPath) }
    mutating func superEncoder() -> any Encoder { FlatScalarEncoder(codingPath: codingPath, refusing: true) }
}
