import Foundation
import Testing
@testable import Platform

@Suite("XLSX writing, read back by this reader")
struct XLSXWriterTests {
    static let columns = [
        XLSXColumn("Họ và tên", note: "Đầy đủ, có dấu", width: 28),
        XLSXColumn("Số định danh", note: "12 chữ số, giữ số 0 đầu", format: .text),
        XLSXColumn("Ngày sinh", note: "dd/mm/yyyy", format: .date),
        XLSXColumn("Điểm"),
        XLSXColumn("Ghi chú"),
    ]

    static let rows: [[SpreadsheetCell]] = [
        [.text("Nguyễn Văn An".precomposedStringWithCanonicalMapping), .text("001204012345"),
         .date(SpreadsheetDate(year: 2008, month: 5, day: 17)!), .number(8.5, raw: "8.5"), .empty],
        [.text("Trần Đức Hưng".decomposedStringWithCanonicalMapping), .number(12_345_678_901, raw: "12345678901"),
         .date(SpreadsheetDate(year: 2024, month: 9, day: 5, hour: 7, minute: 30)!), .number(7, raw: "7.0"),
         .text("  khoảng trắng  ")],
        [.empty, .empty, .empty, .bool(true), .error("#N/A")],
        [.text("A & B <C> \"D\" 'E'\nhai dòng\r\nCR LF, tab\tvà _x0041_ và \u{1} điều khiển")],
        [.number(-1.5e-7, raw: "-1.5E-07"), .number(0.1, raw: "1,000"), .number(1e21, raw: "1E+21")],
    ]

    static func workbookBytes() throws -> [UInt8] {
        let writer = XLSXWriter()
        try writer.addSheet(XLSXSheet(name: "Học sinh", columns: columns), rows: rows)
        try writer.addSheet(XLSXSheet(name: "Dữ liệu thô"), rows: [[.text("x")], [], [.number(1, raw: "1")]])
        return try writer.finish()
    }

    @Test("header, notes and every kind of cell survive writing and reading")
    func roundTrip() throws {
        let workbook = try XLSXWorkbook(bytes: Self.workbookBytes())
        #expect(workbook.sheetNames == ["Học sinh", "Dữ liệu thô"])
        let rows = try workbook.allRows(sheet: "Học sinh")
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 6, 7])
        #expect(rows[0].cells == Self.columns.map { .text($0.header) })
        #expect(rows[1].cells == Self.columns.prefix(3).map { .text($0.note!) }, "notes, up to the last one")

        var expected = Self.rows
        // A raw text that is not an XML number ("1,000") is written from the Double.
        expected[4][1] = .number(0.1, raw: "0.1")
        for (row, cells) in zip(rows.dropFirst(2), expected) {
            var trimmed = cells
            while trimmed.last?.isEmpty == true { trimmed.removeLast() }
            #expect(row.cells == trimmed, "row \(row.number)")
            // Swift's == ignores normalisation; the bytes must survive too.
            #expect(row.cells.map { scalars($0.stringValue) } == trimmed.map { scalars($0.stringValue) })
        }
        let dates = rows[3].cells.compactMap { if case .date(let d) = $0 { d } else { nil } }
        #expect(dates.map(\.isoString) == ["2024-09-05T07:30:00"])

        let raw = try workbook.allRows(sheet: "Dữ liệu thô")
        #expect(raw.map(\.number) == [1, 3], "an empty row is not stored")
    }

    @Test("the sheet has frozen header rows, column widths and formats, and styled header cells")
    func layout() throws {
        let bytes = try Self.workbookBytes()
        let archive = try ZipArchive(source: MemoryByteSource(bytes: bytes))
        let limits = XLSXLimits().forParts
        let sheet = String(decoding: try archive.contents(of: #require(archive.entry(named: "xl/worksheets/sheet1.xml")), limits: limits), as: UTF8.self)
        #expect(sheet.contains(#"<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<col min="1" max="1" width="28.0" customWidth="1"/>"#))
        #expect(sheet.contains(#"<col min="2" max="2" width=""#) && sheet.contains(#"customWidth="1" style="5"/>"#))
        #expect(sheet.contains(#"<c r="A1" s="1" t="inlineStr"><is><t>Họ và tên</t></is></c>"#), "bold header")
        #expect(sheet.contains(#"<c r="A2" s="2" t="inlineStr">"#), "italic notes")
        #expect(sheet.contains(#"<c r="C3" s="3"><v>39585</v></c>"#), "a date is a serial with a date style")
        let rawSheet = String(decoding: try archive.contents(of: #require(archive.entry(named: "xl/worksheets/sheet2.xml")), limits: limits), as: UTF8.self)
        #expect(!rawSheet.contains("<pane"), "no header, nothing to freeze")

        let styles = try archive.contents(of: #require(archive.entry(named: "xl/styles.xml")), limits: limits)
        var tokenizer = XMLTokenizer(part: "xl/styles.xml", source: InMemoryPartSource(styles))
        let parsed = try StylesPart.parse(&tokenizer)
        #expect(parsed.isDateStyle == [false, false, false, true, true, false])
        #expect(archive.entries.first?.name == "_rels/.rels", "file-type sniffers look near the start")
    }

    @Test("a workbook streamed to a file reads back from the file")
    func file() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-\(UUID()).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try XLSXWriter(path: path)
        try writer.beginSheet(XLSXSheet(name: "Lớp", columns: [XLSXColumn("Mã"), XLSXColumn("Sĩ số")]))
        for index in 0..<5_000 {
            try writer.appendRow([.text("10A\(index)"), .number(Double(index % 45), raw: "\(index % 45)")])
        }
        #expect(try writer.finish().isEmpty)
        let rows = try XLSXWorkbook(path: path).allRows()
        #expect(rows.count == 5_001)
        #expect(rows[4_321].cells == [.text("10A4320"), .number(0, raw: "0")])
        #expect(rows.last?.number == 5_001)
    }

    @Test("the same content always gives the same bytes")
    func deterministic() throws {
        #expect(try Self.workbookBytes() == Self.workbookBytes())
    }

    @Test("names Excel would refuse, duplicate names and values a cell cannot hold are errors")
    func refusals() throws {
        let writer = XLSXWriter()
        #expect(throws: XLSXWriterError.invalidSheetName("", reason: "it is empty")) {
            try writer.beginSheet(XLSXSheet(name: ""))
        }
        #expect(throws: XLSXWriterError.invalidSheetName("Lớp 10/A", reason: "it contains /")) {
            try writer.beginSheet(XLSXSheet(name: "Lớp 10/A"))
        }
        #expect(throws: XLSXWriterError.self) { try writer.beginSheet(XLSXSheet(name: String(repeating: "a", count: 32))) }
        #expect(throws: XLSXWriterError.noSheets) { try writer.finish() }
        try writer.beginSheet(XLSXSheet(name: "Điểm"))
        #expect(throws: XLSXWriterError.duplicateSheetName("ĐIỂM")) { try writer.beginSheet(XLSXSheet(name: "ĐIỂM")) }
        #expect(throws: XLSXWriterError.nonFiniteNumber(sheet: "Điểm", reference: "B1")) {
            try writer.appendRow([.empty, .number(.nan, raw: "NaN")])
        }
        #expect(throws: XLSXWriterError.textTooLong(sheet: "Điểm", reference: "A1")) {
            try writer.appendRow([.text(String(repeating: "x", count: 32_768))])
        }
        try writer.appendRow([.text("sau lỗi")])
        let rows = try XLSXWorkbook(bytes: writer.finish()).allRows()
        #expect(rows == [SpreadsheetRow(number: 1, cells: [.text("sau lỗi")])], "refused rows left no trace")
    }

    @Test("column letters and A1 references")
    func columnNames() {
        #expect(SpreadsheetColumn.name(0) == "A")
        #expect(SpreadsheetColumn.name(25) == "Z")
        #expect(SpreadsheetColumn.name(26) == "AA")
        #expect(SpreadsheetColumn.name(27) == "AB")
        #expect(SpreadsheetColumn.name(16_383) == "XFD")
        #expect(SpreadsheetColumn.index("xfd") == 16_383)
        #expect(SpreadsheetColumn.index("XFE") == nil)
        #expect(SpreadsheetColumn.index("A1") == nil)
        for index in [0, 1, 25, 26, 701, 702, 16_383] {
            #expect(SpreadsheetColumn.index(SpreadsheetColumn.name(index)) == index)
        }
        let absolute = SpreadsheetColumn.parseReference(Array("$AB$12".utf8)[...])
        #expect(absolute?.column == 27 && absolute?.row == 12)
        let columnOnly = SpreadsheetColumn.parseReference(Array("C".utf8)[...])
        #expect(columnOnly?.column == 2 && columnOnly?.row == nil)
        #expect(SpreadsheetColumn.parseReference(Array("C0".utf8)[...]) == nil)
        #expect(SpreadsheetColumn.parseReference(Array("12".utf8)[...]) == nil)
    }
}
