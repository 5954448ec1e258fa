/// How a column is formatted, for the values written and for what people type into it
/// later (a template's empty rows take the column's format).
public enum XLSXColumnFormat: Sendable, Hashable {
    /// Excel's General format.
    case general
    /// Text (`@`): what is typed stays as typed, so an ID keeps its leading zeros and its
    /// last digits.
    case text
    /// `dd/mm/yyyy`, the Vietnamese order.
    case date
    /// `dd/mm/yyyy hh:mm:ss`.
    case dateTime
}

/// One column of a sheet to write: its header, an optional note shown under the header
/// (what to enter, in which form), its width and format.
public struct XLSXColumn: Sendable, Hashable {
    public var header: String
    public var note: String?
    /// The width in characters of the default font; nil fits the header.
    public var width: Double?
    public var format: XLSXColumnFormat

    public init(_ header: String, note: String? = nil, width: Double? = nil, format: XLSXColumnFormat = .general) {
        self.header = header
        self.note = note
        self.width = width
        self.format = format
    }

    /// The width used: the one given, or one that fits the header (within 8…60) and a
    /// date in the column's format, which Excel would otherwise show as `###`.
    var effectiveWidth: Double {
        if let width { return width }
        let fitsHeader = min(60, max(8, Double(header.count) * 1.15 + 3))
        return switch format {
        case .date: max(fitsHeader, 11)
        case .dateTime: max(fitsHeader, 19)
        case .general, .text: fitsHeader
        }
    }
}

/// A sheet to write: its name and its columns. When there are columns, the sheet starts
/// with a bold header row, then an italic notes row if any column has a note; those rows
/// stay in view while scrolling when `freezesHeader` is true.
public struct XLSXSheet: Sendable, Hashable {
    public var name: String
    public var columns: [XLSXColumn]
    public var freezesHeader: Bool

    public init(name: String, columns: [XLSXColumn] = [], freezesHeader: Bool = true) {
        self.name = name
        self.columns = columns
        self.freezesHeader = freezesHeader
    }

    var hasNotes: Bool { columns.contains { $0.note != nil } }

    /// Rows written before the data: the header and the notes, if any.
    var headerRowCount: Int {
        columns.isEmpty ? 0 : (hasNotes ? 2 : 1)
    }

    /// Excel's rules for sheet names.
    func validateName() throws(XLSXWriterError) {
        let length = name.utf16.count
        guard length > 0 else { throw .invalidSheetName(name, reason: "it is empty") }
        guard length <= 31 else { throw .invalidSheetName(name, reason: "it is longer than 31 characters") }
        if let character = name.first(where: { ":\\/?*[]".contains($0) }) {
            throw .invalidSheetName(name, reason: "it contains \(character)")
        }
        guard !name.hasPrefix("'"), !name.hasSuffix("'") else {
            throw .invalidSheetName(name, reason: "it starts or ends with an apostrophe")
        }
        guard name.lowercased() != "history" else {
            throw .invalidSheetName(name, reason: "Excel reserves the name History")
        }
    }
}
