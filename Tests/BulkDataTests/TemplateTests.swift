import BulkData
import Foundation
import Platform
import Testing

@Suite("Templates")
struct TemplateTests {
    @Test("the CSV template is a byte order mark, the Vietnamese headers and the notes")
    func learnersCSVBytes() {
        let expected = "\u{FEFF}"
            + "Mã định danh,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Nơi đăng ký khai sinh,Mã trường\n"
            + "Mã học sinh do Bộ GD&ĐT cấp; để trống nếu chưa có (hệ thống cấp mã),"
            + "12 chữ số (số định danh cá nhân); bắt buộc khi chưa có mã định danh,"
            + "\"Bắt buộc. Họ, tên đệm và tên, có dấu, như trên giấy khai sinh\","
            + "Bắt buộc. dd/mm/yyyy,Bắt buộc. Nam hoặc Nữ,\"Ví dụ: Kinh, Tày, H'Mông, Khmer\",Tỉnh/thành phố,"
            + "Bắt buộc. Trường đang quản lý hồ sơ học sinh\n"
        #expect(BulkTemplate.csvBytes(.learners) == Array(expected.utf8))
    }

    @Test("every CSV template reads back as its header and notes rows", arguments: BulkKind.allCases)
    func csvReadsBack(kind: BulkKind) throws {
        let folder = try TemporaryDirectory("template")
        defer { folder.remove() }
        let path = folder.file("\(kind.rawValue).csv")
        try BulkTemplate.write(kind, as: .csv, to: path)
        let file = try CSVFile(path: path)
        #expect(file.startsWithByteOrderMark)
        #expect(file.header == kind.format.headers)
        #expect(file.rows == [kind.format.notesRow])
        #expect(kind.format.isNotesRow(file.rows[0]))
    }

    @Test("every XLSX template reads back with the workbook reader: headers, notes, nothing else", arguments: BulkKind.allCases)
    func xlsxReadsBack(kind: BulkKind) throws {
        let folder = try TemporaryDirectory("template")
        defer { folder.remove() }
        let path = folder.file("\(kind.rawValue).xlsx")
        try BulkTemplate.write(kind, as: .xlsx, to: path)
        for workbook in [try XLSXWorkbook(path: path), try XLSXWorkbook(bytes: try BulkTemplate.xlsxBytes(kind))] {
            #expect(workbook.sheetNames == [kind.sheetName])
            var reader = try workbook.rows(sheet: kind.sheetName)
            var rows: [SpreadsheetRow] = []
            while let row = try reader.next() { rows.append(row) }
            #expect(rows.map(\.number) == [1, 2])
            #expect(rows.first?.cells.map { $0.stringValue ?? "" } == kind.format.headers)
            #expect(rows.last?.cells.map { $0.stringValue ?? "" } == kind.format.notesRow)
        }
    }
}
