/// The JSON Canonicalization Scheme (RFC 8785): the byte form that eddsa-jcs-2022 hashes.
///
/// Canonical form: no whitespace; object members sorted by the UTF-16 code units of
/// their names (not by Swift's `String <`, which compares by scalars/grapheme rules);
/// numbers in ECMAScript format; strings with only the mandatory escapes and no
/// Unicode normalisation.
public enum JCS {
    /// The canonical UTF-8 bytes of `value`.
    public static func canonicalize(_ value: JSONValue) throws(JSONError) -> [UInt8] {
        var writer = JSONWriter(sortMembers: true)
        try writer.write(value)
        return writer.output
    }

    /// The canonical form of `value` as a `String`.
    public static func canonicalString(_ value: JSONValue) throws(JSONError) -> String {
        String(decoding: try canonicalize(value), as: UTF8.self)
    }

    /// Parses JSON text strictly and returns its canonical bytes.
    public static func canonicalize(jsonText bytes: some Collection<UInt8>) throws(JSONError) -> [UInt8] {
        try canonicalize(JSONParser.parse(bytes))
    }

    /// JCS member order: lexicographic over UTF-16 code units. This differs from
    /// scalar order above U+FFFF: U+1F600 (surrogates D83D DE00) sorts before U+FB33.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }
}

extension JSONValue {
    /// Compact JSON text in document member order, with the same string and number
    /// rules as JCS. For output meant to be read or stored, not hashed.
    public func encoded() throws(JSONError) -> [UInt8] {
        var writer = JSONWriter(sortMembers: false)
        try writer.write(self)
        return writer.output
    }

    /// `encoded()` as a `String`.
    public func encodedString() throws(JSONError) -> String {
        String(decoding: try encoded(), as: UTF8.self)
    }
}

/// Serialises `JSONValue`s with JCS string and number rules, optionally sorting members.
struct JSONWriter {
    let sortMembers: Bool
    var output: [UInt8] = []

    init(sortMembers: Bool) {
        self.sortMembers = sortMembers
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
        let sorted = members.sorted { JCS.precedes($0.key, $1.key) }
        for i in sorted.indices.dropFirst() where sorted[i - 1].key.hasSameScalars(as: sorted[i].key) {
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
