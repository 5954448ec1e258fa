/// Writes an Excel workbook (`.xlsx`) that Excel, LibreOffice and openpyxl open: one or
/// more sheets, each with an optional bold header row, an italic notes row under it,
/// column widths and formats, and frozen header rows.
///
/// Rows are streamed: each is turned into XML and compressed as it comes, so writing a
/// million rows to a file needs memory for about one compressed block, not for the sheet.
///
/// ```swift
/// let writer = try XLSXWriter(path: "mau-hoc-sinh.xlsx")
/// try writer.beginSheet(XLSXSheet(name: "Học sinh", columns: [
///     XLSXColumn("Họ và tên", note: "Đầy đủ, có dấu", width: 30),
///     XLSXColumn("Số định danh cá nhân", note: "12 chữ số", format: .text),
/// ]))
/// try writer.appendRow([.text("Nguyễn Văn An"), .text("001204012345")])
/// try writer.finish()
/// ```
///
/// Not thread-safe: one task writes a workbook.
public final class XLSXWriter {
    private var zip: ZipWriter
    private var sheetNames: [String] = []
    private var sheet: WorksheetXMLWriter?
    private var pending: [UInt8] = []
    private var isFinished = false
    /// Sheet XML is handed to the compressor in pieces of about this size.
    private static let pieceSize = 1 << 16

    /// A writer that builds the workbook in memory; `finish()` returns its bytes.
    public init() {
        zip = ZipWriter(output: .memory())
    }

    /// A writer that streams the workbook to a new file at `path`, replacing any file there.
    public init(path: String) throws(XLSXWriterError) {
        zip = ZipWriter(output: try .file(path: path))
    }

    /// Starts a sheet: writes its header and notes rows. Ends the previous sheet, if any.
    public func beginSheet(_ sheet: XLSXSheet) throws(XLSXWriterError) {
        precondition(!isFinished, "beginSheet after finish")
        try sheet.validateName()
        guard !sheetNames.contains(where: { $0.lowercased() == sheet.name.lowercased() }) else {
            throw .duplicateSheetName(sheet.name)
        }
        guard sheet.columns.count <= SpreadsheetColumn.maximumCount else {
            throw .tooManyColumns(sheet: sheet.name, count: sheet.columns.count)
        }
        try endSheet()
        if sheetNames.isEmpty {
            // `_rels/.rels` first: file-type sniffers look for it near the start.
            try zip.addEntry(name: "_rels/.rels", bytes: Array(XLSXPackageParts.rootRelationships.utf8))
        }
        try zip.beginEntry(name: XLSXPackageParts.worksheetPath(sheetNames.count))
        sheetNames.append(sheet.name)
        var writer = WorksheetXMLWriter(sheet: sheet)
        pending = writer.opening()
        try writer.headerRows(into: &pending)
        self.sheet = writer
        try flushIfFull()
    }

    /// Adds a row to the current sheet; `.empty` cells are left out of the file.
    public func appendRow(_ cells: [SpreadsheetCell]) throws(XLSXWriterError) {
        guard var writer = sheet else { preconditionFailure("appendRow before beginSheet") }
        sheet = nil  // keeps `writer` uniquely referenced while it changes
        defer { sheet = writer }
        try writer.row(cells, into: &pending)
        try flushIfFull()
    }

    /// Adds a whole sheet: `beginSheet` and then every row.
    public func addSheet(_ sheet: XLSXSheet, rows: some Sequence<[SpreadsheetCell]>) throws(XLSXWriterError) {
        try beginSheet(sheet)
        for row in rows {
            try appendRow(row)
        }
    }

    /// Ends the last sheet and writes the workbook, styles, content types and the ZIP
    /// directory. Returns the workbook's bytes when writing to memory, and nothing
    /// (an empty array) when writing to a file, which is then complete and closed.
    @discardableResult
    public func finish() throws(XLSXWriterError) -> [UInt8] {
        precondition(!isFinished, "finish called twice")
        guard !sheetNames.isEmpty else { throw .noSheets }
        try endSheet()
        isFinished = true
        try zip.addEntry(name: "xl/workbook.xml", bytes: Array(XLSXPackageParts.workbook(sheetNames: sheetNames).utf8))
        try zip.addEntry(
            name: "xl/_rels/workbook.xml.rels",
            bytes: Array(XLSXPackageParts.workbookRelationships(sheetCount: sheetNames.count).utf8))
        try zip.addEntry(name: "xl/styles.xml", bytes: Array(XLSXPackageParts.styles.utf8))
        try zip.addEntry(
            name: "[Content_Types].xml", bytes: Array(XLSXPackageParts.contentTypes(sheetCount: sheetNames.count).utf8))
        return try zip.finish()
    }

    private func endSheet() throws(XLSXWriterError) {
        guard sheet != nil else { return }
        pending.append(contentsOf: WorksheetXMLWriter.closing)
        try zip.write(pending)
        pending = []
        try zip.endEntry()
        sheet = nil
    }

    private func flushIfFull() throws(XLSXWriterError) {
        guard pending.count >= Self.pieceSize else { return }
        try zip.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
