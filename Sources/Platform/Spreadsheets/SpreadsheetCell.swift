/// The value of one spreadsheet cell, as stored in the file.
///
/// Numbers keep the text they were stored as: a citizen ID typed as a number
/// (`012345678901`) is stored as `12345678901`, and one longer than 15 digits loses its
/// last digits, so the code that repairs such damage needs the stored text, not a
/// `Double` printed back.
public enum SpreadsheetCell: Sendable, Hashable {
    /// No value: a missing cell, a cell with only formatting, or empty text.
    case empty
    /// Text: a shared string, an inline string, or a formula's text result.
    case text(String)
    /// A number and the text it was stored as (`"12345678901"`, `"1.5"`, `"1.23456789012346E+17"`).
    case number(Double, raw: String)
    /// A number whose cell format is a date or time format.
    case date(SpreadsheetDate)
    /// TRUE or FALSE.
    case bool(Bool)
    /// An error value such as `#N/A` or `#DIV/0!`, usually a formula's cached result.
    case error(String)

    /// True for `.empty`.
    public var isEmpty: Bool {
        if case .empty = self { true } else { false }
    }

    /// The cell as an import reads text: text as it is, numbers as stored, dates as ISO
    /// 8601 (`2024-09-05`, or `2024-09-05T07:30:00` with a time), booleans as `TRUE` or
    /// `FALSE`, errors by their code; nil when empty.
    public var stringValue: String? {
        switch self {
        case .empty: nil
        case .text(let text): text
        case .number(_, let raw): raw
        case .date(let date): date.isoString
        case .bool(let value): value ? "TRUE" : "FALSE"
        case .error(let code): code
        }
    }
}

/// One row of a worksheet.
public struct SpreadsheetRow: Sendable, Hashable {
    /// The row number Excel shows (1 for the first row). Rows without values are not
    /// read, so numbers can skip.
    public let number: Int
    /// The cells from column A up to the last non-empty one; missing cells in between
    /// are `.empty`.
    public let cells: [SpreadsheetCell]

    public init(number: Int, cells: [SpreadsheetCell]) {
        self.number = number
        self.cells = cells
    }

    /// The cell in the 0-based `column`, `.empty` past the end of the row.
    public subscript(column: Int) -> SpreadsheetCell {
        cells.indices.contains(column) ? cells[column] : .empty
    }

    /// True when every cell is empty.
    public var isEmpty: Bool { cells.allSatisfy(\.isEmpty) }
}
