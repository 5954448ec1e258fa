@testable import DataIntegrity

/// The plain JCS writer the kernel had before `JSONTextWriter`: byte-by-byte appends and
/// member order decided on `String.utf16` exactly as RFC 8785 words it. Kept as the oracle
/// the fast writer is compared with.
struct ReferenceJSONWriter {
    let sortMembers: Bool
    var output: [UInt8] = []

    init(sortMembers: Bool) {
        self.sortMembers = sortMembers
    }

    static func canonicalize(_ value: JSONValue) throws(JSONError) -> [UInt8] {
        var writer = ReferenceJSONWriter(sortMembers: true)
        try writer.write(value)
        return writer.output
    }

    static func encode(_ value: JSONValue) throws(JSONError) -> [UInt8] {
        var writer = ReferenceJSONWriter(sortMembers: false)
        try writer.write(value)
        return writer.output
    }

    mutating func write(_ value: JSONValue) throws(JSONError) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let b):
            output.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n):
            guard let text = ECMAScriptNumber.format(n) else { throw .nonFiniteNumber }
            output.append(contentsOf: text.utf8)
        case .string(let s):
            writeString(s)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                try write(item)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            let ordered = try orderedCheckingDuplicates(members)
            output.append(UInt8(ascii: "{"))
            for (i, member) in ordered.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key)
                output.append(UInt8(ascii: ":"))
                try write(member.value)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Members in output order. Duplicates are refused in both modes: a verifier that
    /// keeps the first and one that keeps the last would disagree about the content.
    func orderedCheckingDuplicates(
        _ members: [(key: String, value: JSONValue)]
    ) throws(JSONError) -> [(key: String, value: JSONValue)] {
        let sorted = members.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
        for i in sorted.indices.dropFirst() where sorted[i - 1].key.utf8.elementsEqual(sorted[i].key.utf8) {
            throw .duplicateKeyInValue(sorted[i].key)
        }
        return sortMembers ? sorted : members
    }

    /// RFC 8785 §3.2.2.2: escape only `"`, `\` and C0 controls; use the two-character forms
    /// where JSON has them and lowercase `\u00xx` otherwise. Everything else, including
    /// `/`, DEL and non-ASCII, is written as raw UTF-8.
    mutating func writeString(_ s: String) {
        output.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
