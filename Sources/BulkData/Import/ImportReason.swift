/// Why a cell or a row was refused or repaired, in the two languages of an error report: school
/// staff read Vietnamese, the software vendors who fix exports often read English.
public struct ImportReason: Sendable, Hashable {
    /// Stable and machine-readable (`date.invalid`, or the API's own code such as `school.unknown`).
    public let code: String
    public let vi: String
    public let en: String

    public init(_ code: String, vi: String, en: String) {
        self.code = code
        self.vi = vi
        self.en = en
    }
}

/// One line of an import's report: a refused row (an error) or a value repaired on the way in (a
/// warning), with the row as the file numbers it and the column as its header names it.
public struct ImportIssue: Sendable, Hashable {
    public enum Severity: String, Sendable { case error, warning }

    /// The row number a spreadsheet shows (the header is row 1).
    public let row: Int
    /// The column's header in the file's own words; empty for a problem of the whole row.
    public let column: String
    /// The cell as the file has it (or the row's key for a row-level problem).
    public let value: String
    public let severity: Severity
    public let reason: ImportReason
    /// For a warning: the value that was stored instead.
    public let repairedValue: String

    public init(row: Int, column: String, value: String, severity: Severity, reason: ImportReason, repairedValue: String = "") {
        self.row = row
        self.column = column
        self.value = value
        self.severity = severity
        self.reason = reason
        self.repairedValue = repairedValue
    }
}
