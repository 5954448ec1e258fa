/// What an import did.
public struct ImportSummary: Sendable {
    public let kind: BulkKind
    /// Data rows read (the header and a template's notes row are not counted).
    public var rows = 0
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Rows refused: with errors in the report.
    public var refused = 0
    /// Rows that repeat an earlier row of the file (same key, same values): written once.
    public var repeated = 0
    /// Rows that add an item to the record of the row above (a person's further employment).
    public var joined = 0
    public var errors = 0
    public var warnings = 0
    /// False when nothing was stored: all or nothing, and some row was refused.
    public var committed = false
    public var seconds = 0.0
    /// Each error and warning code with its count and reason, most frequent first.
    public typealias Reason = (code: String, severity: ImportIssue.Severity, count: Int, reason: ImportReason)
    public var reasons: [Reason] = []
    /// The first refused rows' issues, for the terminal.
    public var examples: [ImportIssue] = []
    public var reportPath: String?
    /// Where rows came from when the file was converted from others; nil for a file as sent.
    public var rowOrigin: RowOrigin?

    public init(kind: BulkKind) { self.kind = kind }

    /// How the report and the terminal name a row: its number, or its place in the original file.
    public func place(ofRow row: Int) -> String { rowOrigin?.place(ofRow: row) ?? String(row) }

    public var rowsPerSecond: Double { Double(rows) / max(seconds, 0.000_001) }
}

/// How far an import has got, for a progress bar.
public struct ImportProgress: Sendable {
    public let rows: Int
    public let refused: Int
    /// 0…1 through the file, when the format tells (CSV does; XLSX is read compressed).
    public let fraction: Double?
    public let seconds: Double
}
