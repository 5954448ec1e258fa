import Foundation
import HTTPTypes
import Hummingbird
import Platform
import Registry

/// A class gradebook as an Excel file: the template (the class list with what is already entered,
/// Vietnamese headers and a row of notes) and its import, which goes through the same entry path
/// as the API — the same rights, the same rules, all rows or none — and reports errors by row and
/// column of the sheet.
struct GradebookFile {
    let gradebooks: GradebookController

    static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func register(in catalog: APICatalog) {
        let parameters = [APIRoute.Parameter("subject", "Subject code, e.g. TOAN"), APIRoute.Parameter("semester", "I or II")]
        catalog.add(APIRoute(.get, "/api/v1/classes/{id}/gradebook/template", summary: "The gradebook as an Excel file to fill in",
                             tag: "Learning records", parameters: parameters, produces: Self.mediaType), template)
        catalog.add(APIRoute(.post, "/api/v1/classes/{id}/gradebook/import", summary: "Enter scores from a filled-in gradebook file (XLSX)",
                             tag: "Learning records", parameters: parameters, response: "Gradebook", consumes: Self.mediaType), importFile)
    }

    /// The columns: learner code, name, the regular assessments the subject has, mid-term, end-of-term.
    static func columns(regular: Int) -> [XLSXColumn] {
        [XLSXColumn("Mã học sinh", note: "Không sửa cột này", width: 14, format: .text),
         XLSXColumn("Họ và tên", note: "Không sửa cột này", width: 26)]
            + (1...max(regular, 1)).map { XLSXColumn("ĐĐGtx \($0)", note: "Điểm 0–10, một chữ số thập phân; Đ/CĐ nếu đánh giá bằng nhận xét", width: 10, format: .text) }
            + [XLSXColumn("ĐĐGgk", note: "Giữa kì", width: 10, format: .text), XLSXColumn("ĐĐGck", note: "Cuối kì", width: 10, format: .text)]
    }

    /// Excel refuses / \\ ? * [ ] : in sheet names ("10/1" is a common class name) and more than 31 characters.
    static func sheetName(_ name: String) -> String {
        String(name.map { "/\\?*[]:".contains($0) ? "-" : $0 }.prefix(31))
    }

    static func regularCount(_ rules: GradebookRules) -> Int {
        switch rules.requirements.regular {
        case .exactly(let count): count
        case .atLeast(let count): max(count, 4)
        }
    }

    @Sendable func template(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(gradebooks.registry, id: try context.parameters.require("id"), principal: principal)
        let (subject, semester, rules) = try GradebookController.target(request, schoolClass)
        let page = try await gradebooks.database.read { db in
            try await RecordsAccess.requireRead(db, principal, schoolClass)
            return try await GradebookController.page(db, schoolClass, subject: subject, semester: semester, rules: rules)
        }
        let regular = Self.regularCount(rules)
        let writer = XLSXWriter()
        try writer.addSheet(XLSXSheet(name: Self.sheetName("\(schoolClass.name) \(subject.code) HK\(semester)"), columns: Self.columns(regular: regular)),
                            rows: page.items.map { row in
                                [SpreadsheetCell.text(row.learnerCode), .text(row.fullName)]
                                    + (0..<regular).map { row.regular.indices.contains($0) ? .text(row.regular[$0]) : .empty }
                                    + [row.midTerm.map(SpreadsheetCell.text) ?? .empty, row.endOfTerm.map(SpreadsheetCell.text) ?? .empty]
                            })
        var headers = HTTPFields()
        headers[.contentType] = Self.mediaType
        let fileName = "so-diem-\(schoolClass.name)-\(subject.code)-HK\(semester).xlsx"
        let ascii = String(fileName.map { $0.isASCII && $0 != "\"" && $0 != "/" ? $0 : "_" })
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try writer.finish())))
    }

    @Sendable func importFile(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(gradebooks.registry, id: try context.parameters.require("id"), principal: principal)
        let (subject, semester, rules) = try GradebookController.target(request, schoolClass)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let workbook: XLSXWorkbook
        do {
            workbook = try XLSXWorkbook(bytes: Array(buffer: body))
        } catch {
            throw APIError.malformed(field: nil, "the file is not a readable XLSX workbook: \(error.message)")
        }
        let (items, origins) = try Self.items(workbook)
        do {
            let page = try await gradebooks.enter(items, schoolClass: schoolClass, subject: subject, semester: semester,
                                                  rules: rules, principal: principal)
            return try JSONResponse.encode(page)
        } catch let failure as ValidationFailure {
            throw Self.locate(failure, origins)
        }
    }

    /// Where item N came from: its sheet row and the column of each field.
    struct Origin {
        let row: Int
        let codeColumn: Int
        let regularColumns: [Int]
        let midTermColumn: Int
        let endOfTermColumn: Int
    }

    /// The rows after the header: one item per learner code; blank rows are skipped.
    static func items(_ workbook: XLSXWorkbook) throws -> ([GradebookRowInput], [Origin]) {
        var reader: XLSXRowReader
        do { reader = try workbook.rows() } catch { throw APIError.malformed(field: nil, error.message) }
        var items: [GradebookRowInput] = []
        var origins: [Origin] = []
        var columns: (code: Int, regular: [Int], mid: Int, end: Int)?
        var headerRow = 0
        while let row = try nextRow(&reader) {
            guard let found = columns else {
                let names = row.cells.map { $0.stringValue?.trimmingCharacters(in: .whitespaces) ?? "" }
                if let code = names.firstIndex(of: "Mã học sinh"), let mid = names.firstIndex(of: "ĐĐGgk"), let end = names.firstIndex(of: "ĐĐGck") {
                    columns = (code, names.indices.filter { names[$0].hasPrefix("ĐĐGtx") }, mid, end)
                    headerRow = row.number
                }
                continue
            }
            // Rows without a code carry no scores; nor does the template's row of notes under the
            // header, written in words (a learner code never holds a space).
            guard let code = text(row, found.code) else { continue }
            if row.number == headerRow + 1 && code.contains(where: \.isWhitespace) { continue }
            let regularColumns = found.regular.filter { text(row, $0) != nil }
            items.append(GradebookRowInput(learnerCode: learnerCode(code), regular: regularColumns.compactMap { text(row, $0) },
                                           midTerm: text(row, found.mid), endOfTerm: text(row, found.end)))
            origins.append(Origin(row: row.number, codeColumn: found.code, regularColumns: regularColumns, midTermColumn: found.mid,
                                  endOfTermColumn: found.end))
        }
        guard columns != nil else {
            throw ValidationFailure(field: "file", code: "gradebook.file.header",
                                    message: "no header row with the columns Mã học sinh, ĐĐGgk and ĐĐGck: start from the template")
        }
        return (items, origins)
    }

    private static func nextRow(_ reader: inout XLSXRowReader) throws -> SpreadsheetRow? {
        do { return try reader.next() } catch { throw APIError.malformed(field: nil, error.message) }
    }

    private static func text(_ row: SpreadsheetRow, _ column: Int) -> String? {
        guard let value = row[column].stringValue?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// Learner codes are 10 digits; a spreadsheet that stored one as a number drops its leading zero.
    static func learnerCode(_ text: String) -> String {
        text.allSatisfy(\.isNumber) && text.count == 9 ? "0" + text : text
    }

    /// The entry path names `items/N/field`; a file's user needs the row and the column.
    static func locate(_ failure: ValidationFailure, _ origins: [Origin]) -> ValidationFailure {
        ValidationFailure(failure.errors.map { error in
            let parts = error.field.split(separator: "/").map(String.init).filter { !$0.isEmpty }
            guard parts.count >= 2, parts[0] == "items", let index = Int(parts[1]), origins.indices.contains(index) else { return error }
            let origin = origins[index]
            var column: Int?
            switch parts.count > 2 ? parts[2] : "" {
            case "learnerCode": column = origin.codeColumn
            case "midTerm": column = origin.midTermColumn
            case "endOfTerm": column = origin.endOfTermColumn
            case "regular":
                column = parts.count > 3 ? Int(parts[3]).flatMap { origin.regularColumns.indices.contains($0) ? origin.regularColumns[$0] : nil }
                    : origin.regularColumns.first
            default: column = nil
            }
            let cell = column.map { "\(SpreadsheetColumn.name($0))\(origin.row)" }
            return FieldError(field: "rows/\(origin.row)" + (column.map { "/\(SpreadsheetColumn.name($0))" } ?? ""), code: error.code,
                              message: "row \(origin.row)\(cell.map { ", cell \($0)" } ?? ""): \(error.message)")
        })
    }
}
