import Foundation

/// JSON text of an `Encodable` value, byte for byte what `JSON.encoder` writes (keys sorted by their
/// UTF-8 bytes, slashes not escaped, absent optionals left out), written with far less work.
///
/// Foundation's encoder boxes every value into a tree of enums and dictionaries before it writes a
/// byte. A bulk import encodes two documents for each record and an identity run one outcome for each
/// person, which made that a sixth of either's time. Here scalars are written as text at once into
/// their container's buffer; only objects and arrays are nodes, rendered when the value is done.
///
/// Values Foundation's encoder treats specially (`Date`, `Data`, `URL`, `Decimal`), non-finite
/// numbers (an error there), a key written twice, a `superEncoder` and nesting deeper than Foundation
/// allows make `encode` give up with nil; the caller then uses Foundation's encoder, which gives its
/// own text or error. Giving up is remembered as well as thrown, so a value that swallows the error
/// (`try?` in its `encode(to:)`) cannot leave a text that differs from Foundation's.
enum DirectJSON {
    static func encode<T: Encodable>(_ value: T) -> [UInt8]? {
        let refusal = Refusal()
        guard let encoded = try? encodeValue(value, codingPath: [], refusal: refusal), !refusal.refused else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(256)
        return encoded.write(to: &out, depth: 0) ? out : nil
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

    /// A number as Foundation writes it: Swift's shortest round-tripping text, without a trailing ".0".
    fileprivate static func appendNumber<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F, to out: inout [UInt8],
                                                                                          refusal: Refusal) throws {
        guard value.isFinite else { throw refusal.refuse() }
        appendFiniteNumber(value, to: &out)
    }

    /// The text of a finite number (Foundation refuses the others).
    static func appendFiniteNumber<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F, to out: inout [UInt8]) {
        let text = value.description
        out.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
    }

    /// Any value: scalars become text at once, anything else is encoded through a `NodeEncoder`.
    fileprivate static func encodeValue<T: Encodable>(_ value: T, codingPath: [any CodingKey], refusal: Refusal) throws -> EncodedValue {
        // The type is asked, not the value: a cast that fails costs more than writing a member, and
        // every object or array failed all of them. An optional's wrapped value comes back here
        // through its single-value container, so it is judged by its own type all the same.
        var text: [UInt8] = []
        if T.self == String.self {
            appendString(value as! String, to: &text)
        } else if T.self == Int.self {
            text.append(contentsOf: String(value as! Int).utf8)
        } else if T.self == Bool.self {
            text.append(contentsOf: (value as! Bool ? "true" : "false").utf8)
        } else if T.self == Double.self {
            try appendNumber(value as! Double, to: &text, refusal: refusal)
        } else if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            throw refusal.refuse()
        } else {
            let encoder = NodeEncoder(codingPath: codingPath, refusal: refusal)
            try value.encode(to: encoder)
            // A value that encoded nothing: Foundation decides what that means.
            guard let encoded = encoder.encoded else { throw refusal.refuse() }
            return encoded
        }
        return .text(text)
    }
}

/// Thrown inside the encoders when Foundation's encoder must take the value.
private struct NotDirect: Error {}

/// Whether the value was given up on, also where giving up could not throw (a `superEncoder`).
private final class Refusal {
    var refused = false

    func refuse() -> NotDirect {
        refused = true
        return NotDirect()
    }
}

/// A value as encoded: a scalar's text, or an object or array still open to more members.
private enum EncodedValue {
    case text([UInt8])
    case object(ObjectNode)
    case array(ArrayNode)

    /// Foundation's writer refuses containers nested this deep; giving up a level early is harmless.
    static let maximumDepth = 512

    /// False when an object holds a key twice or containers nest too deep.
    func write(to out: inout [UInt8], depth: Int) -> Bool {
        switch self {
        case .text(let bytes):
            out.append(contentsOf: bytes)
            return true
        case .object(let node): return node.write(to: &out, depth: depth + 1)
        case .array(let node): return node.write(to: &out, depth: depth + 1)
        }
    }
}

/// Where a member or element is: text in its container's buffer, or a nested container.
private enum Piece {
    case text(Range<Int>)
    case object(ObjectNode)
    case array(ArrayNode)
}

/// The scalars of a container go into one buffer as they come; `pieces` say where each one is.
private class ContainerNode {
    var buffer: [UInt8] = []

    func piece(_ encoded: EncodedValue) -> Piece {
        switch encoded {
        case .text(let bytes): return text { $0.append(contentsOf: bytes) }
        case .object(let node): return .object(node)
        case .array(let node): return .array(node)
        }
    }

    func text(_ write: (inout [UInt8]) throws -> Void) rethrows -> Piece {
        let start = buffer.count
        try write(&buffer)
        return .text(start..<buffer.count)
    }

    func write(_ piece: Piece, to out: inout [UInt8], depth: Int) -> Bool {
        switch piece {
        case .text(let range):
            out.append(contentsOf: buffer[range])
            return true
        case .object(let node): return node.write(to: &out, depth: depth + 1)
        case .array(let node): return node.write(to: &out, depth: depth + 1)
        }
    }
}

private final class ObjectNode: ContainerNode {
    /// The members' keys and values, side by side in the order they came.
    private var keys: [String] = []
    private var pieces: [Piece] = []
    /// Whether every key is ASCII (the keys of nearly every type): then Swift's string order is the
    /// order of their UTF-8 bytes, and two keys are equal only when their bytes are.
    private var keysAreASCII = true

    func add(_ key: String, _ piece: Piece) {
        if keysAreASCII, !key.utf8.allSatisfy({ $0 < 0x80 }) { keysAreASCII = false }
        keys.append(key)
        pieces.append(piece)
    }

    /// The members' positions in key order (by UTF-8 bytes), or nil when a key comes twice.
    /// Foundation keeps one member per key, by Swift's string equality, where "é" typed as one
    /// character or as "e" and an accent are the same key: ASCII keys are equal only when their
    /// bytes are, which sorting puts side by side; a set is built only when a key is not ASCII.
    /// Positions are sorted rather than the members, which would copy and count references to
    /// every key and nested node at each move.
    private func keyOrder() -> [Int]? {
        var order = Array(keys.indices)
        if keysAreASCII {
            order.sort { keys[$0] < keys[$1] }
            return zip(order, order.dropFirst()).contains { keys[$0] == keys[$1] } ? nil : order
        }
        order.sort { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }
        var seen = Set<String>(minimumCapacity: keys.count)
        return keys.contains { !seen.insert($0).inserted } ? nil : order
    }

    func write(to out: inout [UInt8], depth: Int) -> Bool {
        guard depth < EncodedValue.maximumDepth, let order = keyOrder() else { return false }
        out.append(UInt8(ascii: "{"))
        for (index, member) in order.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            DirectJSON.appendString(keys[member], to: &out)
            out.append(UInt8(ascii: ":"))
            guard write(pieces[member], to: &out, depth: depth) else { return false }
        }
        out.append(UInt8(ascii: "}"))
        return true
    }
}

private final class ArrayNode: ContainerNode {
    var elements: [Piece] = []

    func write(to out: inout [UInt8], depth: Int) -> Bool {
        guard depth < EncodedValue.maximumDepth else { return false }
        out.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard write(element, to: &out, depth: depth) else { return false }
        }
        out.append(UInt8(ascii: "]"))
        return true
    }
}

/// The encoder a value encodes itself with: it holds one value, made by the first container asked for.
private final class NodeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let refusal: Refusal
    var encoded: EncodedValue?

    init(codingPath: [any CodingKey], refusal: Refusal) {
        self.codingPath = codingPath
        self.refusal = refusal
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        switch encoded {
        case .object(let node)?: return KeyedEncodingContainer(ObjectContainer<Key>(node: node, codingPath: codingPath, refusal: refusal))
        case nil: break
        default: refusal.refused = true
        }
        let node = ObjectNode()
        encoded = .object(node)
        return KeyedEncodingContainer(ObjectContainer<Key>(node: node, codingPath: codingPath, refusal: refusal))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        switch encoded {
        case .array(let node)?: return ArrayContainer(node: node, codingPath: codingPath, refusal: refusal)
        case nil: break
        default: refusal.refused = true
        }
        let node = ArrayNode()
        encoded = .array(node)
        return ArrayContainer(node: node, codingPath: codingPath, refusal: refusal)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { ScalarContainer(encoder: self) }
}

private struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: ObjectNode
    let codingPath: [any CodingKey]
    let refusal: Refusal

    private func add(_ key: Key, _ write: (inout [UInt8]) throws -> Void) rethrows {
        node.add(key.stringValue, try node.text(write))
    }

    mutating func encodeNil(forKey key: Key) throws { add(key) { $0.append(contentsOf: "null".utf8) } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { add(key) { $0.append(contentsOf: (value ? "true" : "false").utf8) } }
    mutating func encode(_ value: String, forKey key: Key) throws { add(key) { DirectJSON.appendString(value, to: &$0) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { try add(key) { try DirectJSON.appendNumber(value, to: &$0, refusal: refusal) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { try add(key) { try DirectJSON.appendNumber(value, to: &$0, refusal: refusal) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { add(key) { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { add(key) { $0.append(contentsOf: String(value).utf8) } }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let encoded = try DirectJSON.encodeValue(value, codingPath: codingPath + [key], refusal: refusal)
        node.add(key.stringValue, node.piece(encoded))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = ObjectNode()
        node.add(key.stringValue, .object(child))
        return KeyedEncodingContainer(ObjectContainer<NestedKey>(node: child, codingPath: codingPath + [key], refusal: refusal))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = ArrayNode()
        node.add(key.stringValue, .array(child))
        return ArrayContainer(node: child, codingPath: codingPath + [key], refusal: refusal)
    }

    // Foundation's super encoders write into the container later, under a key of their own.
    mutating func superEncoder() -> any Encoder {
        refusal.refused = true
        return NodeEncoder(codingPath: codingPath, refusal: refusal)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        refusal.refused = true
        return NodeEncoder(codingPath: codingPath + [key], refusal: refusal)
    }
}

private struct ArrayContainer: UnkeyedEncodingContainer {
    let node: ArrayNode
    let codingPath: [any CodingKey]
    let refusal: Refusal
    var count: Int { node.elements.count }

    private func add(_ write: (inout [UInt8]) throws -> Void) rethrows {
        node.elements.append(try node.text(write))
    }

    mutating func encodeNil() throws { add { $0.append(contentsOf: "null".utf8) } }
    mutating func encode(_ value: Bool) throws { add { $0.append(contentsOf: (value ? "true" : "false").utf8) } }
    mutating func encode(_ value: String) throws { add { DirectJSON.appendString(value, to: &$0) } }
    mutating func encode(_ value: Double) throws { try add { try DirectJSON.appendNumber(value, to: &$0, refusal: refusal) } }
    mutating func encode(_ value: Float) throws { try add { try DirectJSON.appendNumber(value, to: &$0, refusal: refusal) } }
    mutating func encode(_ value: Int) throws { add { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int8) throws { add { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int16) throws { add { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int32) throws { add { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int64) throws { add { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt) throws { add { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt8) throws { add { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt16) throws { add { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt32) throws { add { $0.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt64) throws { add { $0.append(contentsOf: String(value).utf8) } }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let encoded = try DirectJSON.encodeValue(value, codingPath: codingPath, refusal: refusal)
        node.elements.append(node.piece(encoded))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = ObjectNode()
        node.elements.append(.object(child))
        return KeyedEncodingContainer(ObjectContainer<NestedKey>(node: child, codingPath: codingPath, refusal: refusal))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = ArrayNode()
        node.elements.append(.array(child))
        return ArrayContainer(node: child, codingPath: codingPath, refusal: refusal)
    }

    mutating func superEncoder() -> any Encoder {
        refusal.refused = true
        return NodeEncoder(codingPath: codingPath, refusal: refusal)
    }
}

/// One value written once: a second write, or a container asked for beside it, is left to Foundation.
private struct ScalarContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ encoded: EncodedValue) throws {
        guard encoder.encoded == nil else { throw encoder.refusal.refuse() }
        encoder.encoded = encoded
    }

    private func setText(_ write: (inout [UInt8]) throws -> Void) throws {
        var text: [UInt8] = []
        try write(&text)
        try set(.text(text))
    }

    func encodeNil() throws { try setText { $0.append(contentsOf: "null".utf8) } }
    func encode(_ value: Bool) throws { try setText { $0.append(contentsOf: (value ? "true" : "false").utf8) } }
    func encode(_ value: String) throws { try setText { DirectJSON.appendString(value, to: &$0) } }
    func encode(_ value: Double) throws { try setText { try DirectJSON.appendNumber(value, to: &$0, refusal: encoder.refusal) } }
    func encode(_ value: Float) throws { try setText { try DirectJSON.appendNumber(value, to: &$0, refusal: encoder.refusal) } }
    func encode(_ value: Int) throws { try setText { $0.append(contentsOf: String(value).utf8) } }
    func encode(_ value: Int8) throws { try setText { $0.append(contentsOf: String(value).utf8) } }
    func encode(_ value: Int16) throws { try setText { $0.append(contentsOf: String(value).utf8) } }
    func encode(_ value: Int32) throws { try setText { $0.append(contentsOf: String(value).utf8) } }
    func encode(_ value: Int64) throws { try setText { $0.append(contentsOf: String(value).utf8) } }
    func encode(_ value: UInt) throws { try setText { $0.append(contentsOf: String(value).utf8) } }
    func encode(_ value: UInt8) throws { try setText { $0.append(contentsOf: String(value).utf8) } }
    func encode(_ value: UInt16) throws { try setText { $0.append(contentsOf: String(value).utf8) } }
    func encode(_ value: UInt32) throws { try setText { $0.append(contentsOf: String(value).utf8) } }
    func encode(_ value: UInt64) throws { try setText { $0.append(contentsOf: String(value).utf8) } }

    func encode<T: Encodable>(_ value: T) throws {
        try set(DirectJSON.encodeValue(value, codingPath: codingPath, refusal: encoder.refusal))
    }
}
