/// Why a workbook could not be read. Every case names the part of the file at fault
/// (a ZIP entry such as `xl/worksheets/sheet2.xml`, a sheet, a cell) so the message can
/// tell a school what to fix.
public enum XLSXError: Error, Equatable, Hashable, Sendable {
    /// The file is an OLE2 compound document: a legacy `.xls` workbook, or an `.xlsx`
    /// protected with a password to open (Excel encrypts those into the same container).
    case legacyOrEncryptedWorkbook
    /// The ZIP container is damaged, hostile or uses an unsupported feature.
    case archive(ZipError)
    /// A part every workbook needs is missing.
    case missingPart(String)
    /// A part is not well-formed XML; `offset` counts bytes of the uncompressed part.
    case malformedXML(part: String, offset: Int, reason: String)
    /// A part is well-formed XML but not what SpreadsheetML requires.
    case invalidPart(part: String, reason: String)
    /// A cell's value cannot be read.
    case invalidCell(sheet: String, reference: String, reason: String)
    /// No sheet has this name.
    case sheetNotFound(String, available: [String])
    /// The sheet is a chart sheet or dialog sheet: it has no cells.
    case notAWorksheet(String)
    /// The workbook lists no sheets.
    case noSheets

    /// A readable explanation for logs and error pages.
    public var message: String {
        switch self {
        case .legacyOrEncryptedWorkbook:
            "This is an old .xls workbook or a password-protected one; save it as an unprotected .xlsx workbook."
        case .archive(let error):
            "The workbook file is damaged or not an .xlsx file: \(error.message)"
        case .missingPart(let part):
            "The workbook has no \(part)."
        case .malformedXML(let part, let offset, let reason):
            "\(part) is not well-formed XML at byte \(offset): \(reason)."
        case .invalidPart(let part, let reason):
            "\(part) is invalid: \(reason)."
        case .invalidCell(let sheet, let reference, let reason):
            "Cell \(reference) of sheet \"\(sheet)\" cannot be read: \(reason)."
        case .sheetNotFound(let name, let available):
            "The workbook has no sheet \"\(name)\"; its sheets are \(available.map { "\"\($0)\"" }.joined(separator: ", "))."
        case .notAWorksheet(let name):
            "Sheet \"\(name)\" is a chart or dialog sheet, not a worksheet."
        case .noSheets:
            "The workbook has no sheets."
        }
    }
}

extension XLSXError: CustomStringConvertible {
    public var description: String { message }
}
