/// What the reader needs from `xl/styles.xml`: which cell formats (the `s` attribute of
/// a cell indexes `cellXfs`) show numbers as dates.
struct StylesPart {
    /// `isDateStyle[s]` for every cell format, in order.
    let isDateStyle: [Bool]

    static let none = StylesPart(isDateStyle: [])

    static func parse(_ tokenizer: inout XMLTokenizer) throws(XLSXError) -> Self {
        var customFormats: [Int: String] = [:]
        var cellFormatIDs: [Int] = []
        var cellXfsDepth: Int?
        while true {
            switch try tokenizer.next() {
            case .endOfDocument:
                let isDateStyle = cellFormatIDs.map { id in
                    customFormats[id].map(NumberFormat.isDate(code:)) ?? NumberFormat.isBuiltInDate(id)
                }
                return StylesPart(isDateStyle: isDateStyle)
            case .startElement where tokenizer.isNamed("numFmt"):
                guard let id = try tokenizer.attribute("numFmtId").flatMap({ Int($0) }),
                      let code = try tokenizer.attribute("formatCode") else {
                    throw .invalidPart(part: tokenizer.part, reason: "a number format without an ID or code")
                }
                customFormats[id] = code
            case .startElement where tokenizer.isNamed("cellXfs"):
                cellXfsDepth = tokenizer.depth
            case .endElement where tokenizer.isNamed("cellXfs"):
                cellXfsDepth = nil
            case .startElement where tokenizer.isNamed("xf"):
                // Only the direct children of cellXfs; cellStyleXfs holds xf elements too.
                guard let depth = cellXfsDepth, tokenizer.depth == depth + 1 else { continue }
                cellFormatIDs.append(try tokenizer.attribute("numFmtId").flatMap { Int($0) } ?? 0)
            default:
                continue
            }
        }
    }

    func isDate(style: Int) -> Bool {
        isDateStyle.indices.contains(style) && isDateStyle[style]
    }
}
