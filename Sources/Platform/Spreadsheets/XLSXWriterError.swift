/// Why a workbook could not be written.
public enum XLSXWriterError: Error, Equatable, Hashable, Sendable {
    /// A sheet name Excel would refuse: empty, longer than 31 characters, containing
    /// `: \ / ? * [ ]`, or starting or ending with an apostrophe.
    case invalidSheetName(String, reason: String)
    /// Two sheets whose names differ at most in case.
    case duplicateSheetName(String)
    /// `finish()` was called before any sheet was added; a workbook needs one.
    case noSheets
    /// More than 1,048,576 rows.
    case tooManyRows(sheet: String)
    /// More than 16,384 columns.
    case tooManyColumns(sheet: String, count: Int)
    /// Text longer than the 32,767 characters a cell can hold.
    case textTooLong(sheet: String, reference: String)
    /// NaN or infinity, which a cell cannot hold.
    case nonFiniteNumber(sheet: String, reference: String)
    /// The archive would pass 4 GiB or 65,535 entries, which needs ZIP64.
    case archiveTooLarge
    /// The file could not be created or written.
    case writeFailed(path: String, reason: String)

    /// A readable explanation for logs and error pages.
    public var message: String {
        switch self {
        case .invalidSheetName(let name, let reason): "The sheet name \"\(name)\" is invalid: \(reason)."
        case .duplicateSheetName(let name): "There is already a sheet named \"\(name)\"."
        case .noSheets: "A workbook needs at least one sheet."
        case .tooManyRows(let sheet): "Sheet \"\(sheet)\" has more than 1,048,576 rows."
        case .tooManyColumns(let sheet, let count): "Sheet \"\(sheet)\" has \(count) columns; the most is 16,384."
        case .textTooLong(let sheet, let reference):
            "Cell \(reference) of sheet \"\(sheet)\" has more than 32,767 characters."
        case .nonFiniteNumber(let sheet, let reference):
            "Cell \(reference) of sheet \"\(sheet)\" is not a finite number."
        case .archiveTooLarge: "The workbook would be larger than 4 GiB."
        case .writeFailed(let path, let reason): "Could not write \(path): \(reason)"
        }
    }
}

extension XLSXWriterError: CustomStringConvertible {
    public var description: String { message }
}
