import Platform

/// The empty file a school fills in: the header row in Vietnamese and a row of notes under it.
public enum BulkTemplate {
    public enum FileFormat: String, CaseIterable, Sendable {
        case csv, xlsx
    }

    /// Writes the template of `kind` to `path`, replacing any file there.
    public static func write(_ kind: BulkKind, as fileFormat: FileFormat, to path: String) throws {
        switch fileFormat {
        case .csv:
            let writer = try CSVWriter(path: path)
            try writer.writeBytes(csvBytes(kind))
            try writer.commit()
        case .xlsx:
            let writer = try XLSXWriter(path: path)
            try writer.beginSheet(sheet(kind))
            try writer.finish()
        }
    }

    /// The CSV template: UTF-8 with a byte order mark (without one Excel reads the file in the
    /// machine's legacy code page and garbles every Vietnamese letter), header row, notes row.
    public static func csvBytes(_ kind: BulkKind) -> [UInt8] {
        var bytes = CSVEncoding.byteOrderMark
        CSVEncoding.appendRow(kind.format.headers, to: &bytes)
        CSVEncoding.appendRow(kind.format.notesRow, to: &bytes)
        return bytes
    }

    /// The XLSX template in memory.
    public static func xlsxBytes(_ kind: BulkKind) throws -> [UInt8] {
        let writer = XLSXWriter()
        try writer.beginSheet(sheet(kind))
        return try writer.finish()
    }

    /// The sheet: codes, IDs and phone numbers formatted as text, so Excel keeps what is typed
    /// (leading zeros, all twelve digits of a citizen ID); dates in dd/mm/yyyy.
    static func sheet(_ kind: BulkKind) -> XLSXSheet {
        XLSXSheet(name: kind.sheetName, columns: kind.format.columns.map { column in
            XLSXColumn(column.header, note: column.notesRowText, width: width(column), format: cellFormat(column.value))
        })
    }

    static func cellFormat(_ value: BulkValue) -> XLSXColumnFormat {
        switch value {
        case .code, .fixedDigits, .citizenID, .phone, .schoolYear: .text
        case .date: .date
        case .text, .personName, .year, .email, .choice, .list: .general
        }
    }

    /// Wide enough for the header or the notes, whichever is longer, within Excel's comfort.
    static func width(_ column: BulkColumn) -> Double {
        let longest = max(column.header.count, min(column.notesRowText.count, 40))
        return Double(min(max(longest + 2, 10), 45))
    }
}
