/// The JSON Canonicalization Scheme (RFC 8785): the byte form that eddsa-jcs-2022 hashes.
///
/// Canonical form: no whitespace; object members sorted by the UTF-16 code units of
/// their names (not by Swift's `String <`, which compares by scalars/grapheme rules);
/// numbers in ECMAScript format; strings with only the mandatory escapes and no
/// Unicode normalisation.
public enum JCS {
    /// The canonical UTF-8 bytes of `value`.
    public static func canonicalize(_ value: JSONValue, capacity: Int = 4096) throws(JSONError) -> [UInt8] {
        var writer = JSONTextWriter(sortMembers: true, capacity: capacity)
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

    /// JCS member order: lexicographic over UTF-16 code units, decided on the UTF-8 bytes.
    ///
    /// UTF-8 byte order is code point order, which agrees with UTF-16 order except between
    /// U+E000–U+FFFF (lead bytes EE, EF) and supplementary characters (lead bytes F0–F4,
    /// surrogates D800–DFFF in UTF-16): there the supplementary character comes first, so
    /// U+1F600 sorts before U+FB33. Bytes before the first difference are equal, so both
    /// strings are at the same point of the same kind of sequence there.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let decided = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                let count = min(x.count, y.count)
                var i = 0
                while i < count && x[i] == y[i] { i += 1 }
                guard i < count else { return x.count < y.count }
                let p = x[i]
                let q = y[i]
                if p >= 0xEE && q >= 0xEE && (p >= 0xF0) != (q >= 0xF0) { return p >= 0xF0 }
                return p < q
            }
        }
        // Strings without contiguous UTF-8 (bridged ones) compare their UTF-16 directly.
        return (decided ?? nil) ?? a.utf16.lexicographicallyPrecedes(b.utf16)
    }
}

extension JSONValue {
    /// Compact JSON text in document member order, with the same string and number
    /// rules as JCS. For output meant to be read or stored, not hashed.
    public func encoded(capacity: Int = 4096) throws(JSONError) -> [UInt8] {
        var writer = JSONTextWriter(sortMembers: false, capacity: capacity)
        try writer.write(self)
        return writer.output
    }

    /// `encoded()` as a `String`.
    public func encodedString() throws(JSONError) -> String {
        String(decoding: try encoded(), as: UTF8.self)
    }
}
