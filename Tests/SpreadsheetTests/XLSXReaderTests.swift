import Foundation
import Testing
@testable import Platform

@Suite("XLSX reading: fixtures made by openpyxl, XlsxWriter and LibreOffice")
struct XLSXReaderTests {
    static let nfcName = "Nguyễn Thị Ánh Tuyết".precomposedStringWithCanonicalMapping
    static let nfdName = "Trần Đức Hưng".decomposedStringWithCanonicalMapping

    /// openpyxl writes inline strings; LibreOffice saved the same workbook with a shared
    /// string table. The reader must see the same cells in both.
    @Test("the student workbook reads the same through inline and shared strings",
          arguments: ["openpyxl-students.xlsx", "libreoffice-students.xlsx"])
    func students(file: String) throws {
        let workbook = try XLSXWorkbook(path: Fixtures.path(file))
        #expect(workbook.sheetNames == ["Học sinh", "Lớp"])
        #expect(workbook.dateSystem == .from1900)
        let rows = try workbook.allRows()
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 7, 8], "the empty row 6 is not stored")

        #expect(rows[0].cells.map(\.stringValue) == ["STT", "Họ và tên", "Số định danh", "Ngày sinh", "Điểm TB", "Ghi chú"])

        let first = rows[1]
        #expect(first[0] == .number(1, raw: "1"))
        #expect(scalars(first[1].stringValue) == scalars(Self.nfcName), "NFC kept as written")
        // 012345678901 typed as a number: the leading zero is gone, the digits are exact.
        #expect(first[2] == .number(12_345_678_901, raw: "12345678901"))
        guard case .date(let birth) = first[3] else { Issue.record("D2 is not a date: \(first[3])"); return }
        #expect(birth.civilDate == CivilDate(year: 2008, month: 5, day: 17))
        #expect(birth.serial == 39_585 && birth.raw == "39585")
        #expect(first[4] == .number(8.5, raw: "8.5"))
        #expect(first[5] == .text("Lớp trưởng"))

        let second = rows[2]
        #expect(scalars(second[1].stringValue) == scalars(Self.nfdName), "NFD kept as written")
        // Shown as 1.23E+11 by its format, stored with every digit.
        #expect(second[2] == .number(123_456_789_012, raw: "123456789012"))
        #expect(second.cells.count == 5, "the empty F3 at the row end is not a cell")

        let gaps = rows[3]
        #expect(gaps.cells == [
            .number(3, raw: "3"), .empty, .text("1.23457E+11"), .empty, .number(9, raw: "9"),
            .text("  có khoảng trắng  "),
        ])
        #expect(rows[4].cells == [.number(4, raw: "4"), .text("Lê Văn Cường")])
        #expect(rows[4][5] == .empty, "past the end of a row reads as empty")

        let mixed = rows[5]
        #expect(mixed[1] == .bool(true) && mixed[2] == .bool(false))
        #expect(mixed[3] == .error("#N/A"))
        // openpyxl saves no formula results; LibreOffice saved the computed 15.75.
        #expect(mixed[4] == (file.hasPrefix("libreoffice") ? .number(15.75, raw: "15.75") : .empty))
        #expect(mixed[5] == .text("A & B <C> \"D\" 'E'\nline two"))
    }

    @Test("date serials around the 1900 leap-year bug, date-times, built-in formats and times",
          arguments: ["openpyxl-students.xlsx", "libreoffice-students.xlsx"])
    func dates(file: String) throws {
        let row = try XLSXWorkbook(path: Fixtures.path(file)).allRows().first { $0.number == 8 }!
        let dates = row.cells.compactMap { cell -> SpreadsheetDate? in
            if case .date(let date) = cell { date } else { nil }
        }
        #expect(dates.count == 6, "every cell of row 8 has a date or time format")
        #expect(dates[0].isoString == "1900-02-28" && dates[0].serial == 59)
        #expect(dates[1].isoString == "1900-02-29" && dates[1].isNonexistentLeapDay && dates[1].civilDate == nil,
                "serial 60 is the day Excel invented")
        #expect(dates[2].isoString == "1900-03-01" && dates[2].civilDate != nil)
        #expect(dates[3].isoString == "2024-09-05T07:30:00" && dates[3].raw == "45540.3125")
        #expect(dates[4].isoString == "2024-09-05", "built-in format 14")
        #expect(dates[5].hour == 12 && dates[5].minute == 0 && dates[5].serial == 0.5, "[h]:mm is a time")
    }

    @Test("a second sheet, found by name in any case, with a cell far to the right")
    func secondSheet() throws {
        let workbook = try XLSXWorkbook(path: Fixtures.path("openpyxl-students.xlsx"))
        let rows = try workbook.allRows(sheet: "lớp")
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[1].cells == [.text("10A1"), .text("Lớp 10A1")])
        #expect(rows[2].cells.count == 28 && rows[2][27] == .text("xa"), "AB3 is column index 27")
        #expect(rows[2].cells.dropLast().allSatisfy { $0.isEmpty })
        #expect(throws: XLSXError.sheetNotFound("Điểm", available: ["Học sinh", "Lớp"])) {
            try workbook.rows(sheet: "Điểm")
        }
    }

    @Test("XlsxWriter inline strings: rich text runs joined, cached formula results, spaces kept")
    func xlsxWriterInline() throws {
        let workbook = try XLSXWorkbook(path: Fixtures.path("xlsxwriter-inline.xlsx"))
        #expect(workbook.sheetNames == ["Điểm"])
        let rows = try workbook.allRows()
        #expect(rows[0].cells.map(\.stringValue) == ["Họ và tên", "Điểm", "Gấp đôi", "Ngày thi"])
        #expect(scalars(rows[1][0].stringValue) == scalars(Self.nfcName))
        #expect(rows[1][2] == .number(17, raw: "17"), "cached result of =B2*2")
        #expect(rows[1][3].stringValue == "2025-06-26")
        #expect(scalars(rows[2][0].stringValue) == scalars(Self.nfdName))
        #expect(rows[2][2] == .text("Đạt"), "cached text result (t=\"str\")")
        #expect(rows[3][0] == .text("Phạm Minh Châu"))
        #expect(rows[3][3] == .text("  giữ khoảng trắng "))
    }

    @Test("XlsxWriter shared strings: rich text, repeats and _xHHHH_ escapes")
    func xlsxWriterShared() throws {
        let rows = try XLSXWorkbook(path: Fixtures.path("xlsxwriter-shared.xlsx")).allRows()
        #expect(rows[0][0] == .text(Self.nfcName))
        #expect(rows[1][0] == .text("Điểm giỏi và xuất sắc"))
        #expect(rows[2].cells == [.text(Self.nfcName), .empty, .text("_x000D_ literal")])
        #expect(rows[3][0].stringValue?.unicodeScalars.elementsEqual("dòng một\r\ndòng hai".unicodeScalars) == true,
                "_x000D_ is a carriage return")
    }

    @Test("LibreOffice's cached formula results of every type")
    func libreOfficeFormulas() throws {
        let rows = try XLSXWorkbook(path: Fixtures.path("libreoffice-formulas.xlsx")).allRows(sheet: "Công thức")
        #expect(rows.count == 1)
        #expect(rows[0].cells == [
            .number(2, raw: "2"), .number(3, raw: "3"), .number(6, raw: "6"), .text("lớn"), .error("#DIV/0!"),
            .bool(true),
        ])
    }

    @Test("the 1904 date system of old Mac workbooks")
    func date1904() throws {
        let workbook = try XLSXWorkbook(path: Fixtures.path("date1904.xlsx"))
        #expect(workbook.dateSystem == .from1904)
        let rows = try workbook.allRows()
        #expect(rows[0][0].stringValue == "2024-09-05")
        #expect(rows[1][0].stringValue == "1904-01-01")
    }

    @Test("a workbook read from memory equals the same read from its file")
    func memoryAndFile() throws {
        let path = try Fixtures.path("libreoffice-students.xlsx")
        let fromFile = try XLSXWorkbook(path: path).allRows()
        let fromMemory = try XLSXWorkbook(bytes: Fixtures.bytes("libreoffice-students.xlsx")).allRows()
        #expect(fromFile == fromMemory)
    }

    @Test("stringValue gives imports the stored text of every kind of cell")
    func stringValues() throws {
        #expect(SpreadsheetCell.number(12_345_678_901, raw: "12345678901").stringValue == "12345678901")
        #expect(SpreadsheetCell.number(1.23456789012346e17, raw: "1.23456789012346E+17").stringValue
            == "1.23456789012346E+17")
        #expect(SpreadsheetCell.bool(false).stringValue == "FALSE")
        #expect(SpreadsheetCell.empty.stringValue == nil)
    }
}
