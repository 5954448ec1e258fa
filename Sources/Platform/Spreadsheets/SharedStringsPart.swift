/// The shared string table (`xl/sharedStrings.xml`): cells of type `s` hold an index
/// into it. Each item is plain (`<si><t>…</t></si>`) or rich text in runs
/// (`<si><r><rPr>…</rPr><t>…</t></r>…</si>`), whose texts are joined; phonetic guides
/// (`<rPh>`, East Asian readings) are not part of the value and are skipped.
enum SharedStringsPart {
    static func parse(_ tokenizer: inout XMLTokenizer) throws(XLSXError) -> [String] {
        var strings: [String] = []
        var text: [UInt8] = []
        var inItem = false
        var isCapturing = false
        var phoneticDepth = 0
        while true {
            switch try tokenizer.next() {
            case .endOfDocument:
                return strings
            case .startElement:
                if tokenizer.isNamed("si") {
                    inItem = true
                    text.removeAll(keepingCapacity: true)
                } else if tokenizer.isNamed("rPh") {
                    phoneticDepth += 1
                } else if inItem, phoneticDepth == 0, tokenizer.isNamed("t") {
                    isCapturing = true
                } else if tokenizer.isNamed("sst"), let count = tokenizer.rawAttribute("uniqueCount").flatMap(parseInteger) {
                    strings.reserveCapacity(min(count, 1 << 20))
                }
            case .text where isCapturing:
                try tokenizer.appendText(to: &text)
            case .endElement:
                if tokenizer.isNamed("t") {
                    isCapturing = false
                } else if tokenizer.isNamed("rPh") {
                    phoneticDepth -= 1
                } else if tokenizer.isNamed("si") {
                    inItem = false
                    strings.append(try tokenizer.string(OOXMLEscapes.decode(text)))
                }
            default:
                continue
            }
        }
    }
}
