/// A JSON value exactly as it was written, for signing.
///
/// Object members keep the order they were parsed in, and strings keep their Unicode
/// scalars unchanged: a signature covers the bytes the issuer produced, so nothing may be
/// normalised, merged or reordered behind the caller's back (DOMAIN.md §4.5, pitfalls 6–7).
/// Canonical ordering happens only when serialising with `JCS`.
///
/// Equality is structural and exact: strings and keys compare by Unicode scalars, not by
/// Swift's canonical equivalence, so `"\u{E9}"` and `"e\u{301}"` are different values, as
/// they are different bytes under a signature. Member order is part of equality; use
/// `canonicallyOrdered()` to compare two objects regardless of order.
///
/// Not `indirect`: arrays already hold their elements out of line, and a box around every
/// value would cost an allocation per value parsed and a retain per value written.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// Every JSON number is an IEEE-754 double, as in I-JSON (RFC 7493) and JCS.
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Members in document order. Duplicate keys are representable here (a program may
    /// build them) but are rejected by the parser and by the serialisers.
    case object([(key: String, value: JSONValue)])
}

extension JSONValue: Equatable {
    /// Structural, scalar-exact, order-sensitive equality (see the type comment).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case let (.bool(a), .bool(b)):
            return a == b
        case let (.number(a), .number(b)):
            return a == b
        case let (.string(a), .string(b)):
            return a.hasSameScalars(as: b)
        case let (.array(a), .array(b)):
            return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count
                && zip(a, b).allSatisfy { $0.key.hasSameScalars(as: $1.key) && $0.value == $1.value }
        default:
            return false
        }
    }
}

extension String {
    /// Scalar-exact comparison. `==` on `String` treats canonically equivalent text as
    /// equal, which would merge keys that JCS (and a signature) keep apart.
    func hasSameScalars(as other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}

// MARK: - Reading

extension JSONValue {
    /// The first member named exactly `key` (scalar comparison), if this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key.hasSameScalars(as: key) }?.value
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The number, if this is a number.
    public var numberValue: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The Boolean, if this is a Boolean.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The members in document order, if this is an object.
    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let m) = self { return m }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short name of the JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

// MARK: - Editing

extension JSONValue {
    /// This object without any member named exactly `key`; other values are returned
    /// unchanged. Used to strip `proof` and `proofValue` before hashing.
    public func removingMember(_ key: String) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { !$0.key.hasSameScalars(as: key) })
    }

    /// This object with `key` set to `value`: replaced in place if present (keeping the
    /// member's position), appended otherwise. Other values are returned unchanged.
    public func settingMember(_ key: String, to value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        if let index = members.firstIndex(where: { $0.key.hasSameScalars(as: key) }) {
            members[index].value = value
        } else {
            members.append((key: key, value: value))
        }
        return .object(members)
    }

    /// The same value with every object's members in JCS order (UTF-16 code units), so
    /// two values can be compared regardless of member order.
    public func canonicallyOrdered() -> JSONValue {
        switch self {
        case .array(let items):
            return .array(items.map { $0.canonicallyOrdered() })
        case .object(let members):
            return .object(
                members
                    .map { (key: $0.key, value: $0.value.canonicallyOrdered()) }
                    .sorted { JCS.precedes($0.key, $1.key) }
            )
        default:
            return self
        }
    }
}

// MARK: - Literals (convenient for building documents in code and tests)

extension JSONValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// Keeps the literal's order, unlike a `Dictionary`.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) })
    }
}
