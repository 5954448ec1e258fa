import Testing
@testable import Platform

@Suite("XLSX reading: hand-made parts for what the fixtures do not cover")
struct HandmadePartsTests {
    static let sheet = "xl/worksheets/sheet1.xml"

    @Test("phonetic guides are not part of a string; rich runs are joined")
    func phoneticRuns() throws {
        let bytes = try ArchiveBuilder.workbook(
            sheetData: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>Lê </t></r><r><t>Lý</t></r><rPh sb="0" eb="1"><t>LE</t></rPh></is></c></row>"#,
            sharedStrings: #"<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>"#)
        #expect(try XLSXWorkbook(bytes: bytes).allRows()[0].cells == [.text("東京"), .text("Lê Lý")])
    }

    @Test("cells and rows without references follow the previous ones; t=\"d\" holds ISO dates")
    func implicitReferences() throws {
        let bytes = try ArchiveBuilder.workbook(sheetData: """
            <row><c><v>1</v></c><c t="str"><v>hai</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>\
            <row><c t="d"><v>2024-09-05T07:30:00</v></c><c t="n"><v> 42 </v></c></row>
            """)
        let rows = try XLSXWorkbook(bytes: bytes).allRows()
        #expect(rows.map(\.number) == [1, 2])
        #expect(rows[0].cells == [.number(1, raw: "1"), .text("hai"), .empty, .empty, .number(5, raw: "5"), .number(6, raw: "6")])
        #expect(rows[1][0].stringValue == "2024-09-05T07:30:00")
        #expect(rows[1][1] == .number(42, raw: "42"), "whitespace around a number is not part of it")
    }

    @Test("date styles come from cellXfs only, built-in or custom")
    func styles() throws {
        let styles = """
            <numFmts count="1"><numFmt numFmtId="200" formatCode="[$-42A]dd/mm/yyyy"/></numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="200"><alignment/></xf><xf numFmtId="14"/></cellXfs>
            """
        let bytes = try ArchiveBuilder.workbook(
            sheetData: #"<row r="1"><c s="0"><v>45540</v></c><c s="1"><v>45540</v></c><c s="2"><v>45540</v></c><c s="9"><v>45540</v></c></row>"#,
            styles: styles)
        let cells = try XLSXWorkbook(bytes: bytes).allRows()[0].cells
        #expect(cells.map(\.stringValue) == ["45540", "2024-09-05", "2024-09-05", "45540"])
    }

    @Test("bad cell values name the sheet and the cell", arguments: [
        (#"<row r="3"><c r="B3" t="s"><v>7</v></c></row>"#, "B3", "shared string 7 does not exist (the table has 0)"),
        (#"<row r="3"><c r="C3"><v>12,5</v></c></row>"#, "C3", "\"12,5\" is not a number"),
        (#"<row r="3"><c r="D3" t="b"><v>yes</v></c></row>"#, "D3", "\"yes\" is not a boolean"),
        (#"<row r="3"><c r="A3" t="x"><v>1</v></c></row>"#, "A3", "unknown cell type \"x\""),
        (#"<row r="3"><c r="3A"><v>1</v></c></row>"#, "3A", "not a cell reference"),
    ])
    func invalidCells(sheetData: String, reference: String, reason: String) throws {
        let workbook = try XLSXWorkbook(bytes: ArchiveBuilder.workbook(sheetData: sheetData))
        #expect(throws: XLSXError.invalidCell(sheet: "S", reference: reference, reason: reason)) {
            try workbook.allRows()
        }
    }

    @Test("malformed sheet XML names the part and the byte")
    func malformedSheet() throws {
        let workbook = try XLSXWorkbook(bytes: ArchiveBuilder.workbook(sheetData: #"<row r="1"><c><v>1</c></row>"#))
        #expect {
            try workbook.allRows()
        } throws: { error in
            guard case XLSXError.malformedXML(let part, _, let reason) = error else { return false }
            return part == Self.sheet && reason == "</c> where </v> was expected"
        }
    }

    @Test("missing parts, sheets without relationships and chart sheets are told apart")
    func structure() throws {
        #expect(throws: XLSXError.missingPart("xl/workbook.xml")) {
            try XLSXWorkbook(bytes: ArchiveBuilder.zip([("docProps/app.xml", "<Properties/>")]))
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let workbook = #"<workbook xmlns="\#(main)" xmlns:r="\#(rel)"><sheets><sheet name="Biểu đồ" sheetId="1" r:id="rId1"/><sheet name="Ẩn" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>"#
        let noRelationship = try ArchiveBuilder.zip([
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Type="\#(rel)/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>"#),
        ])
        #expect(throws: XLSXError.invalidPart(part: "xl/_rels/workbook.xml.rels", reason: "no relationship rId2 for sheet \"Ẩn\"")) {
            try XLSXWorkbook(bytes: noRelationship)
        }
        let chart = try ArchiveBuilder.zip([
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Type="\#(rel)/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rId2" Type="\#(rel)/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#),
        ])
        let book = try XLSXWorkbook(bytes: chart)
        #expect(book.sheetNames == ["Biểu đồ", "Ẩn"])
        #expect(book.hiddenSheetNames == ["Ẩn"])
        #expect(throws: XLSXError.notAWorksheet("Biểu đồ")) { try book.rows() }
        #expect(throws: XLSXError.missingPart("xl/worksheets/sheet2.xml")) { try book.rows(sheet: "Ẩn") }
        #expect(throws: XLSXError.noSheets) {
            try XLSXWorkbook(bytes: ArchiveBuilder.zip([
                ("xl/workbook.xml", #"<workbook xmlns="\#(main)"><sheets/></workbook>"#),
                ("xl/_rels/workbook.xml.rels", "<Relationships/>"),
            ]))
        }
    }

    @Test("the workbook part is found through _rels/.rels, and part names ignore case")
    func packageRelationships() throws {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let bytes = try ArchiveBuilder.zip([
            ("_rels/.rels", #"<Relationships><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="/book/Main.xml"/></Relationships>"#),
            ("book/Main.xml", #"<workbook xmlns="\#(main)" xmlns:r="\#(rel)"><sheets><sheet name="A" sheetId="1" r:id="rId7"/></sheets></workbook>"#),
            ("book/_rels/Main.xml.rels", #"<Relationships><Relationship Id="rId7" Type="\#(rel)/worksheet" Target="./sheets/../sheets/One.xml"/></Relationships>"#),
            ("book/sheets/one.XML", #"<worksheet><sheetData><row r="4"><c r="B4"><v>9</v></c></row></sheetData></worksheet>"#),
        ])
        let rows = try XLSXWorkbook(bytes: bytes).allRows()
        #expect(rows == [SpreadsheetRow(number: 4, cells: [.empty, .number(9, raw: "9")])])
    }
}
