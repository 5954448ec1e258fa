/// The fixed parts of a workbook the writer produces: content types, relationships, the
/// workbook part and the styles.
enum XLSXPackageParts {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    private static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml."

    static func worksheetPath(_ index: Int) -> String { "xl/worksheets/sheet\(index + 1).xml" }

    static func contentTypes(sheetCount: Int) -> String {
        var xml = declaration
        xml += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="\#(contentType)sheet.main+xml"/>"#
        for index in 0..<sheetCount {
            xml += #"<Override PartName="/\#(worksheetPath(index))" ContentType="\#(contentType)worksheet+xml"/>"#
        }
        xml += #"<Override PartName="/xl/styles.xml" ContentType="\#(contentType)styles+xml"/>"#
        xml += "</Types>"
        return xml
    }

    static let rootRelationships = declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="\#(relationshipType)officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = declaration
        xml += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in 0..<sheetCount {
            xml += #"<Relationship Id="rId\#(index + 1)" Type="\#(relationshipType)worksheet" "#
            xml += #"Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(relationshipType)styles" Target="styles.xml"/>"#
        xml += "</Relationships>"
        return xml
    }

    static func workbook(sheetNames: [String]) -> String {
        var xml = declaration
        xml += #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipsNamespace)">"#
        xml += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (index, name) in sheetNames.enumerated() {
            xml += #"<sheet name="\#(XMLEscaping.attribute(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        xml += "</sheets></workbook>"
        return xml
    }

    /// Indexes into `cellXfs` below, for the `s` attribute of cells and columns.
    enum Style: Int {
        case normal = 0
        case header = 1
        case note = 2
        case date = 3
        case dateTime = 4
        case text = 5

        init(_ format: XLSXColumnFormat) {
            self = switch format {
            case .general: .normal
            case .text: .text
            case .date: .date
            case .dateTime: .dateTime
            }
        }
    }

    /// Fonts: regular, bold (headers), grey italic (notes). The header has a light fill
    /// and a bottom border, and wraps like the notes. Dates are `dd/mm/yyyy` as read in
    /// Vietnam; 49 is the built-in text format `@`.
    static let styles = declaration
        + #"<styleSheet xmlns="\#(mainNamespace)">"#
        + #"<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>"#
        + #"<numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm:ss"/></numFmts>"#
        + #"<fonts count="3">"#
        + #"<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><i/><sz val="10"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font>"#
        + "</fonts>"
        + #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        + #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
        + #"<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="6">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">"#
        + #"<alignment vertical="center" wrapText="1"/></xf>"#
        + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">"#
        + #"<alignment vertical="top" wrapText="1"/></xf>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}
