/// The `_xHHHH_` escapes of OOXML strings (ECMA-376 Part 1, §22.9.2.19, ST_Xstring).
///
/// XML 1.0 cannot carry most control characters even as character references, so Excel
/// writes them as `_xHHHH_` (a UTF-16 code unit in hex): a carriage return in a cell is
/// `_x000D_`. A literal `_x` that happens to precede four hex digits and `_` is itself
/// escaped, its underscore written as `_x005F_`.
enum OOXMLEscapes {
    /// Replaces `_xHHHH_` escapes in UTF-8 `bytes`; pairs of escaped surrogates become
    /// one character, a lone escaped surrogate is left as written.
    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 7, containsEscape(bytes) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if let unit = codeUnit(bytes, at: i) {
                if UTF16.isLeadSurrogate(unit), let trail = codeUnit(bytes, at: i + 7), UTF16.isTrailSurrogate(trail) {
                    let scalar = Unicode.Scalar(UTF16.decode(UTF16.EncodedScalar([unit, trail])).value)!
                    output.append(contentsOf: String(Character(scalar)).utf8)
                    i += 14
                    continue
                }
                if let scalar = Unicode.Scalar(unit) {
                    output.append(contentsOf: String(Character(scalar)).utf8)
                    i += 7
                    continue
                }
            }
            output.append(bytes[i])
            i += 1
        }
        return output
    }

    /// Escapes what XML 1.0 text cannot hold (control characters other than tab, line
    /// feed and carriage return, and U+FFFE/U+FFFF) and the underscore of any literal
    /// `_xHHHH_`, so the text reads back exactly. A carriage return is left to the XML
    /// writer as `&#13;`, which every XML parser keeps; not all spreadsheet readers
    /// decode `_x000D_` (openpyxl does not).
    static func encode(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: { needsEscape($0) || $0 == "_" }) else { return text }
        var output = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            if needsEscape(scalar) {
                output.append(contentsOf: escape(UInt16(scalar.value)).unicodeScalars)
            } else if scalar == "_", codeUnit(Array(String(scalars[index...].prefix(7)).utf8), at: 0) != nil {
                output.append(contentsOf: escape(0x5F).unicodeScalars)
            } else {
                output.append(scalar)
            }
            index = scalars.index(after: index)
        }
        return String(output)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    private static func escape(_ unit: UInt16) -> String {
        let hex = String(unit, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
    }

    private static func containsEscape(_ bytes: [UInt8]) -> Bool {
        for i in 0..<(bytes.count - 1) where bytes[i] == UInt8(ascii: "_") && bytes[i + 1] == UInt8(ascii: "x") {
            return true
        }
        return false
    }

    /// The code unit of an `_xHHHH_` escape starting at `i`, if there is one.
    private static func codeUnit(_ bytes: [UInt8], at i: Int) -> UInt16? {
        guard i + 7 <= bytes.count, bytes[i] == UInt8(ascii: "_"), bytes[i + 1] == UInt8(ascii: "x"),
              bytes[i + 6] == UInt8(ascii: "_") else { return nil }
        var value: UInt16 = 0
        for b in bytes[(i + 2)..<(i + 6)] {
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
