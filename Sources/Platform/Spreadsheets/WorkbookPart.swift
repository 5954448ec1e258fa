/// What `xl/workbook.xml` says: the sheets in tab order and the date system.
struct WorkbookPart {
    struct Sheet {
        let name: String
        let relationshipID: String
        let isHidden: Bool
    }

    let sheets: [Sheet]
    let dateSystem: SpreadsheetDateSystem

    static func parse(_ tokenizer: inout XMLTokenizer) throws(XLSXError) -> Self {
        var sheets: [Sheet] = []
        var dateSystem = SpreadsheetDateSystem.from1900
        while true {
            switch try tokenizer.next() {
            case .endOfDocument:
                return WorkbookPart(sheets: sheets, dateSystem: dateSystem)
            case .startElement where tokenizer.isNamed("workbookPr"):
                let flag = try tokenizer.attribute("date1904")
                if flag == "1" || flag == "true" { dateSystem = .from1904 }
            case .startElement where tokenizer.isNamed("sheet"):
                // `r:id`: the prefix varies between producers, the local name does not.
                guard let name = try tokenizer.attribute("name"), let id = try tokenizer.attribute("id") else {
                    throw .invalidPart(part: tokenizer.part, reason: "a sheet without a name or relationship ID")
                }
                let state = try tokenizer.attribute("state")
                sheets.append(Sheet(name: name, relationshipID: id, isHidden: state == "hidden" || state == "veryHidden"))
            default:
                continue
            }
        }
    }
}
