/// An object's canonical (JCS) text together with where each of its members starts, so a
/// member can be added later without canonicalising the whole object again: how a signer
/// adds `proof` to the text it has just hashed.
public struct CanonicalDocument: Sendable {
    /// The canonical UTF-8 text of the object.
    public let bytes: [UInt8]
    /// The object's member names in order, each with the offset of its opening quote.
    public let members: [(key: String, offset: Int)]

    /// Text and member offsets already known to belong together (a writer that produced
    /// the text recorded them).
    public init(bytes: [UInt8], members: [(key: String, offset: Int)]) {
        self.bytes = bytes
        self.members = members
    }

    /// Canonicalises `object`, recording its members.
    public init(canonicalizing object: JSONValue, capacity: Int = 32_768) throws(JSONError) {
        var writer = JSONTextWriter(sortMembers: true, capacity: capacity)
        writer.recordTopLevel = true
        try writer.write(object)
        self.init(bytes: writer.output, members: writer.topLevelMembers)
    }

    /// Whether the object has a member named exactly `key`.
    public func hasMember(_ key: String) -> Bool {
        members.contains { $0.key.hasSameScalars(as: key) }
    }

    /// The canonical text of the object with `key: value` added, where `valueBytes` is the
    /// canonical text of `value` and `key` is not yet a member: the bytes
    /// `JCS.canonicalize(object.settingMember(key, to: value))` gives.
    public func inserting(key: String, valueBytes: [UInt8]) -> [UInt8] {
        var writer = JSONTextWriter(sortMembers: true, capacity: key.utf8.count + valueBytes.count + 8)
        writer.writeString(key)
        writer.raw(":")
        writer.raw(valueBytes)
        let member = writer.output
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + member.count + 1)
        if let next = members.first(where: { JCS.precedes(key, $0.key) }) {
            out += bytes[..<next.offset]
            out += member
            out.append(UInt8(ascii: ","))
            out += bytes[next.offset...]
        } else {
            out += bytes.dropLast()  // the closing brace
            if !members.isEmpty { out.append(UInt8(ascii: ",")) }
            out += member
            out.append(UInt8(ascii: "}"))
        }
        return out
    }
}
