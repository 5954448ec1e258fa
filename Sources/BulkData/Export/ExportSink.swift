import Platform

/// Where exported rows go: a CSV file (UTF-8 with a byte order mark, so Excel reads the
/// Vietnamese letters) or an XLSX sheet, both streamed and put in place only when complete.
protocol ExportSink {
    func write(_ cells: [String]) throws
    func finish() throws
}

public enum ExportFileFormat: String, CaseIterable, Sendable {
    case csv, xlsx
}

final class CSVExportSink: ExportSink {
    let writer: CSVWriter

    init(path: String, format: BulkFormat) throws {
        writer = try CSVWriter(path: path)
        try writer.writeBytes(CSVEncoding.byteOrderMark)
        try writer.writeRow(format.headers)
    }

    func write(_ cells: [String]) throws { try writer.writeRow(cells) }
    func finish() throws { try writer.commit() }
}

final class XLSXExportSink: ExportSink {
    let writer: XLSXWriter

    /// Codes and IDs go in as text cells in text-formatted columns, so Excel keeps leading zeros
    /// and all twelve digits of a citizen ID; dates stay `dd/mm/yyyy` text, as the importer reads them.
    init(path: String, format: BulkFormat) throws {
        writer = try XLSXWriter(path: path)
        try writer.beginSheet(XLSXSheet(name: format.kind.sheetName, columns: format.columns.map { column in
            XLSXColumn(column.header, format: BulkTemplate.cellFormat(column.value))
        }))
    }

    func write(_ cells: [String]) throws {
        try writer.appendRow(cells.map { $0.isEmpty ? .empty : .text($0) })
    }

    func finish() throws { try writer.finish() }
}
