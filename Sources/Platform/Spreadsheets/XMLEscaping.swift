/// Escaping for XML the writer produces.
enum XMLEscaping {
    /// `text` as element content: `&`, `<` and `>` become entities, a carriage return
    /// `&#13;` (an XML reader turns a literal one into a line feed), and what XML cannot
    /// hold at all becomes an OOXML `_xHHHH_` escape.
    static func appendText(_ text: String, to output: inout [UInt8]) {
        appendEscaped(OOXMLEscapes.encode(text), to: &output, quotes: false)
    }

    /// `text` as an attribute value in double quotes.
    static func attribute(_ text: String) -> String {
        var output: [UInt8] = []
        appendEscaped(text, to: &output, quotes: true)
        return String(decoding: output, as: UTF8.self)
    }

    private static func appendEscaped(_ text: String, to output: inout [UInt8], quotes: Bool) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where quotes: output.append(contentsOf: "&quot;".utf8)
            // Attribute values normalise tab and line feed to spaces unless escaped.
            case 0x09 where quotes: output.append(contentsOf: "&#9;".utf8)
            case 0x0A where quotes: output.append(contentsOf: "&#10;".utf8)
            case 0x0D: output.append(contentsOf: "&#13;".utf8)
            default: output.append(byte)
            }
        }
    }
}
