/// Turns rows into the XML of one worksheet part, a piece at a time. Strings are written
/// inline (`t="inlineStr"`) so rows can be streamed without collecting a shared string
/// table first; Excel and LibreOffice read them the same.
struct WorksheetXMLWriter {
    static let maximumRows = 1_048_576
    static let maximumTextLength = 32_767

    let sheet: XLSXSheet
    private(set) var rowCount = 0
    /// Column styles, by 0-based column.
    private let columnStyles: [XLSXPackageParts.Style]
    /// Column letters as bytes, grown on demand.
    private var columnLetters: [[UInt8]] = []

    init(sheet: XLSXSheet) {
        self.sheet = sheet
        self.columnStyles = sheet.columns.map { XLSXPackageParts.Style($0.format) }
    }

    /// Everything before the first row: views (the frozen panes), column widths and
    /// formats, and the start of the sheet data.
    func opening() -> [UInt8] {
        var xml = XLSXPackageParts.declaration
        xml += #"<worksheet xmlns="\#(XLSXPackageParts.mainNamespace)" "#
        xml += #"xmlns:r="\#(XLSXPackageParts.relationshipsNamespace)">"#
        let frozen = sheet.freezesHeader ? sheet.headerRowCount : 0
        if frozen > 0 {
            let firstFree = "A\(frozen + 1)"
            xml += #"<sheetViews><sheetView workbookViewId="0">"#
            xml += #"<pane ySplit="\#(frozen)" topLeftCell="\#(firstFree)" activePane="bottomLeft" state="frozen"/>"#
            xml += #"<selection pane="bottomLeft" activeCell="\#(firstFree)" sqref="\#(firstFree)"/>"#
            xml += "</sheetView></sheetViews>"
        }
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if !sheet.columns.isEmpty {
            xml += "<cols>"
            for (index, column) in sheet.columns.enumerated() {
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(column.effectiveWidth)" customWidth="1""#
                let style = columnStyles[index]
                if style != .normal { xml += #" style="\#(style.rawValue)""# }
                xml += "/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        return Array(xml.utf8)
    }

    /// The header row and, if any column has a note, the notes row.
    mutating func headerRows(into output: inout [UInt8]) throws(XLSXWriterError) {
        guard !sheet.columns.isEmpty else { return }
        try row(sheet.columns.map { .text($0.header) }, style: .header, into: &output)
        if sheet.hasNotes {
            try row(sheet.columns.map { $0.note.map(SpreadsheetCell.text) ?? .empty }, style: .note, into: &output)
        }
    }

    static let closing = Array("</sheetData></worksheet>".utf8)

    /// Appends one row's XML. `style` overrides the cell styles (header and notes rows).
    mutating func row(
        _ cells: [SpreadsheetCell], style: XLSXPackageParts.Style? = nil, into output: inout [UInt8]
    ) throws(XLSXWriterError) {
        guard rowCount < Self.maximumRows else { throw .tooManyRows(sheet: sheet.name) }
        guard cells.count <= SpreadsheetColumn.maximumCount else {
            throw .tooManyColumns(sheet: sheet.name, count: cells.count)
        }
        // A row without values is left out of the file; the next row keeps its number.
        guard style != nil || cells.contains(where: { !$0.isEmpty }) else {
            rowCount += 1
            return
        }
        let rowNumber = Array(String(rowCount + 1).utf8)
        // A row is written whole or not at all: a refused cell takes its row back out,
        // so the caller may carry on after the error.
        let start = output.count
        do throws(XLSXWriterError) {
            output.append(contentsOf: #"<row r=""#.utf8)
            output.append(contentsOf: rowNumber)
            output.append(contentsOf: #"">"#.utf8)
            for (column, cell) in cells.enumerated() where !cell.isEmpty || style != nil {
                try self.cell(cell, column: column, rowNumber: rowNumber, style: style, into: &output)
            }
            output.append(contentsOf: "</row>".utf8)
        } catch {
            output.removeSubrange(start...)
            throw error
        }
        rowCount += 1
    }

    private mutating func cell(
        _ cell: SpreadsheetCell, column: Int, rowNumber: [UInt8], style override: XLSXPackageParts.Style?,
        into output: inout [UInt8]
    ) throws(XLSXWriterError) {
        let columnStyle = column < columnStyles.count ? columnStyles[column] : .normal
        var style = override ?? columnStyle
        let typeAttribute: String?
        switch cell {
        case .text: typeAttribute = "inlineStr"
        case .bool: typeAttribute = "b"
        case .error: typeAttribute = "e"
        case .date(let date):
            typeAttribute = nil
            if override == nil { style = date.secondsIntoDay == 0 ? .date : .dateTime }
        case .number, .empty: typeAttribute = nil
        }

        output.append(contentsOf: #"<c r=""#.utf8)
        output.append(contentsOf: letters(column))
        output.append(contentsOf: rowNumber)
        output.append(UInt8(ascii: "\""))
        if style != .normal {
            output.append(contentsOf: #" s=""#.utf8)
            output.append(contentsOf: String(style.rawValue).utf8)
            output.append(UInt8(ascii: "\""))
        }
        if let typeAttribute {
            output.append(contentsOf: #" t=""#.utf8)
            output.append(contentsOf: typeAttribute.utf8)
            output.append(UInt8(ascii: "\""))
        }

        switch cell {
        case .empty:
            output.append(contentsOf: "/>".utf8)
        case .text(let text):
            guard text.utf16.count <= Self.maximumTextLength else {
                throw .textTooLong(sheet: sheet.name, reference: reference(column, rowNumber))
            }
            // Without xml:space="preserve", Excel drops leading and trailing spaces.
            let preserve = text.first.map(\.isWhitespace) == true || text.last.map(\.isWhitespace) == true
            output.append(contentsOf: (preserve ? #"><is><t xml:space="preserve">"# : "><is><t>").utf8)
            XMLEscaping.appendText(text, to: &output)
            output.append(contentsOf: "</t></is></c>".utf8)
        case .number(let value, let raw):
            guard value.isFinite else {
                throw .nonFiniteNumber(sheet: sheet.name, reference: reference(column, rowNumber))
            }
            appendValue(Self.isXMLNumber(raw) ? raw : SpreadsheetDate.serialText(value), into: &output)
        case .date(let date):
            appendValue(SpreadsheetDate.serialText(date.serial), into: &output)
        case .bool(let flag):
            appendValue(flag ? "1" : "0", into: &output)
        case .error(let code):
            output.append(contentsOf: "><v>".utf8)
            XMLEscaping.appendText(code, to: &output)
            output.append(contentsOf: "</v></c>".utf8)
        }
    }

    private func appendValue(_ text: String, into output: inout [UInt8]) {
        output.append(contentsOf: "><v>".utf8)
        output.append(contentsOf: text.utf8)
        output.append(contentsOf: "</v></c>".utf8)
    }

    private mutating func letters(_ column: Int) -> [UInt8] {
        while columnLetters.count <= column {
            columnLetters.append(Array(SpreadsheetColumn.name(columnLetters.count).utf8))
        }
        return columnLetters[column]
    }

    private func reference(_ column: Int, _ rowNumber: [UInt8]) -> String {
        SpreadsheetColumn.name(column) + String(decoding: rowNumber, as: UTF8.self)
    }

    /// Whether stored number text can go into the file as it is: an optional minus,
    /// digits, an optional fraction and an optional exponent (`-12.5E+3`). Anything else
    /// (a grouping comma, spaces) is written from the `Double` instead.
    static func isXMLNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard digits() > 0 else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "E") || bytes.first == UInt8(ascii: "e") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
