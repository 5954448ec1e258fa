/// Reads the rows of one worksheet in order, decompressing and parsing as it goes.
///
/// `next()` throws rather than ending quietly: damage is often found only at the end of
/// the part (the CRC-32 check), and an import must not take a damaged file's rows as the
/// whole sheet. For the same reason a caller that stops early has not had the sheet
/// checked.
public struct XLSXRowReader {
    /// The sheet being read.
    public let sheetName: String
    private var tokenizer: XMLTokenizer
    private let sharedStrings: [String]
    private let isDateStyle: [Bool]
    private let dateSystem: SpreadsheetDateSystem
    private var lastRowNumber = 0
    private var isFinished = false

    // The cell being read. Kept between calls and reused, so reading a cell allocates
    // nothing but its value.
    private var inCell = false
    private var column = 0
    private var type = CellType.number
    private var style = 0
    private var value: [UInt8] = []
    private var hasValue = false
    private var inlineText: [UInt8] = []
    private var hasInlineText = false

    /// The `t` attribute of a cell.
    private enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    /// Which text the tokenizer's text events belong to.
    private enum Capture {
        case none, value, inlineText
    }

    init(
        sheetName: String, tokenizer: XMLTokenizer, sharedStrings: [String],
        isDateStyle: [Bool], dateSystem: SpreadsheetDateSystem
    ) {
        self.sheetName = sheetName
        self.tokenizer = tokenizer
        self.sharedStrings = sharedStrings
        self.isDateStyle = isDateStyle
        self.dateSystem = dateSystem
    }

    /// The next row with at least one non-empty cell, or nil after the last one. Rows
    /// without values (never stored, or stored only for their formatting) are skipped;
    /// `SpreadsheetRow.number` tells where a row was.
    public mutating func next() throws(XLSXError) -> SpreadsheetRow? {
        guard !isFinished else { return nil }
        var rowNumber: Int?
        var cells: [SpreadsheetCell] = []
        var capture = Capture.none
        var inInlineString = false
        var phoneticDepth = 0

        while true {
            switch try tokenizer.next() {
            case .endOfDocument:
                isFinished = true
                return nil

            case .startElement:
                if tokenizer.isNamed("c") {
                    if let rowNumber { try startCell(row: rowNumber, previousColumn: cells.count - 1) }
                } else if inCell, tokenizer.isNamed("v") {
                    capture = .value
                    hasValue = true
                } else if tokenizer.isNamed("row") {
                    rowNumber = try readRowNumber()
                    cells = []
                } else if inCell, tokenizer.isNamed("is") {
                    inInlineString = true
                    hasInlineText = true
                } else if inInlineString, tokenizer.isNamed("rPh") {
                    phoneticDepth += 1
                } else if inInlineString, phoneticDepth == 0, tokenizer.isNamed("t") {
                    capture = .inlineText
                }

            case .text:
                switch capture {
                case .none: break
                case .value: try tokenizer.appendText(to: &value)
                case .inlineText: try tokenizer.appendText(to: &inlineText)
                }

            case .endElement:
                if inCell, tokenizer.isNamed("c") {
                    inCell = false
                    let cell = try currentValue(row: rowNumber!)
                    if column >= cells.count {
                        cells.append(contentsOf: repeatElement(.empty, count: column - cells.count + 1))
                    }
                    cells[column] = cell
                } else if tokenizer.isNamed("v") || tokenizer.isNamed("t") {
                    capture = .none
                } else if let number = rowNumber, tokenizer.isNamed("row") {
                    lastRowNumber = number
                    rowNumber = nil
                    while cells.last?.isEmpty == true { cells.removeLast() }
                    // Rows of formatting only (a height, a style) hold no data.
                    if !cells.isEmpty { return SpreadsheetRow(number: number, cells: cells) }
                } else if tokenizer.isNamed("is") {
                    inInlineString = false
                } else if tokenizer.isNamed("rPh") {
                    phoneticDepth -= 1
                }
            }
        }
    }

    // MARK: Rows and cells

    private func textCell(_ bytes: [UInt8]) throws(XLSXError) -> SpreadsheetCell {
        let string = try tokenizer.string(OOXMLEscapes.decode(bytes))
        return string.isEmpty ? .empty : .text(string)
    }

    private func invalidCell(_ row: Int, _ reason: String) -> XLSXError {
        .invalidCell(sheet: sheetName, reference: SpreadsheetColumn.name(column) + "\(row)", reason: reason)
    }

    private func readRowNumber() throws(XLSXError) -> Int {
        guard let raw = tokenizer.rawAttribute("r") else { return lastRowNumber + 1 }
        guard let number = parseInteger(raw), number >= 1 else {
            throw .invalidPart(part: tokenizer.part, reason: "row number \"\(String(decoding: raw, as: UTF8.self))\"")
        }
        return number
    }

    private mutating func startCell(row: Int, previousColumn: Int) throws(XLSXError) {
        column = previousColumn + 1
        if let raw = tokenizer.rawAttribute("r") {
            guard let parsed = SpreadsheetColumn.parseReference(raw) else {
                throw .invalidCell(
                    sheet: sheetName, reference: String(decoding: raw, as: UTF8.self), reason: "not a cell reference")
            }
            column = parsed.column
        }
        guard column < SpreadsheetColumn.maximumCount else {
            throw .invalidCell(sheet: sheetName, reference: "row \(row)", reason: "past column XFD")
        }
        type = try cellType(tokenizer.rawAttribute("t"), row: row)
        style = tokenizer.rawAttribute("s").flatMap(parseInteger) ?? 0
        value.removeAll(keepingCapacity: true)
        inlineText.removeAll(keepingCapacity: true)
        hasValue = false
        hasInlineText = false
        inCell = true
    }

    private func cellType(_ raw: ArraySlice<UInt8>?, row: Int) throws(XLSXError) -> CellType {
        guard let raw else { return .number }
        switch raw.count {
        case 1:
            switch raw.first {
            case UInt8(ascii: "n"): return .number
            case UInt8(ascii: "s"): return .sharedString
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: break
            }
        case 3 where raw.elementsEqual("str".utf8):
            return .formulaString
        case 9 where raw.elementsEqual("inlineStr".utf8):
            return .inlineString
        default:
            break
        }
        throw .invalidCell(
            sheet: sheetName, reference: cellReference(row: row),
            reason: "unknown cell type \"\(String(decoding: raw, as: UTF8.self))\"")
    }

    /// The current cell's reference for messages: as written, or worked out.
    private func cellReference(row: Int) -> String {
        tokenizer.rawAttribute("r").map { String(decoding: $0, as: UTF8.self) }
            ?? SpreadsheetColumn.name(column) + "\(row)"
    }

    private func currentValue(row: Int) throws(XLSXError) -> SpreadsheetCell {
        let raw = String(decoding: trimmingXMLWhitespace(value), as: UTF8.self)
        switch type {
        case .inlineString:
            return try textCell(hasInlineText ? inlineText : value)
        case .formulaString:
            return try textCell(value)
        case _ where raw.isEmpty:
            return .empty
        case .sharedString:
            guard let index = Int(raw) else { throw invalidCell(row, "shared string index \"\(raw)\" is not a number") }
            guard sharedStrings.indices.contains(index) else {
                throw invalidCell(row, "shared string \(index) does not exist (the table has \(sharedStrings.count))")
            }
            let string = sharedStrings[index]
            return string.isEmpty ? .empty : .text(string)
        case .boolean:
            switch raw {
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            default: throw invalidCell(row, "\"\(raw)\" is not a boolean")
            }
        case .error:
            return .error(raw)
        case .isoDate:
            guard let date = SpreadsheetDate(iso: raw, system: dateSystem) else {
                throw invalidCell(row, "\"\(raw)\" is not an ISO 8601 date")
            }
            return .date(date)
        case .number:
            guard let number = Double(raw), number.isFinite else { throw invalidCell(row, "\"\(raw)\" is not a number") }
            if isDateStyle.indices.contains(style), isDateStyle[style],
               let date = SpreadsheetDate(serial: number, raw: raw, system: dateSystem) {
                return .date(date)
            }
            return .number(number, raw: raw)
        }
    }
}

/// `bytes` without leading and trailing XML whitespace (space, tab, CR, LF).
private func trimmingXMLWhitespace(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    let isWhitespace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    guard let first = bytes.firstIndex(where: { !isWhitespace($0) }) else { return [] }
    let last = bytes.lastIndex(where: { !isWhitespace($0) })!
    return bytes[first...last]
}

extension SpreadsheetDate {
    /// A date stored as ISO 8601 text (`t="d"`): `YYYY-MM-DD`, optionally followed by
    /// `THH:MM` or `THH:MM:SS`, fractions of a second and a zone designator, which are
    /// ignored as Excel ignores them.
    init?(iso text: String, system: SpreadsheetDateSystem) {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let dateParts = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard dateParts.count == 3, let year = Int(dateParts[0]), let month = Int(dateParts[1]),
              let day = Int(dateParts[2]) else { return nil }
        var clock = [0, 0, 0]
        if parts.count == 2 {
            let time = parts[1].prefix { $0.isNumber || $0 == ":" }
            let fields = time.split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(fields.count) else { return nil }
            for (index, field) in fields.enumerated() {
                guard let value = Int(field) else { return nil }
                clock[index] = value
            }
        }
        self.init(
            year: year, month: month, day: day, hour: clock[0], minute: clock[1], second: clock[2],
            raw: text, system: system)
    }
}
