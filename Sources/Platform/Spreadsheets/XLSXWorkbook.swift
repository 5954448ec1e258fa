/// An Excel workbook (`.xlsx`, SpreadsheetML) opened for reading.
///
/// Opening reads the ZIP directory, the sheet list, the shared strings and the date
/// formats; the rows of a sheet are then streamed from the compressed file by
/// `rows(sheet:)`, so a sheet of a million rows needs memory for one row, the shared
/// strings and a few hundred kilobytes of buffers, not for the sheet.
///
/// ```swift
/// let workbook = try XLSXWorkbook(path: "hoc-sinh.xlsx")
/// var rows = try workbook.rows(sheet: "Học sinh")
/// while let row = try rows.next() {
///     let citizenID = row[2].stringValue
/// }
/// ```
///
/// The value is immutable and `Sendable`; several sheets may be read at once.
public struct XLSXWorkbook: Sendable {
    /// The sheet names in tab order, hidden sheets included.
    public var sheetNames: [String] { sheets.map(\.name) }
    /// The names of the sheets hidden in Excel.
    public var hiddenSheetNames: Set<String> { Set(sheets.filter(\.isHidden).map(\.name)) }
    /// The day serial numbers count from.
    public let dateSystem: SpreadsheetDateSystem
    public let limits: XLSXLimits

    struct Sheet: Sendable {
        let name: String
        let isHidden: Bool
        /// The worksheet part, or nil for a chart or dialog sheet.
        let part: String?
    }

    private let archive: ZipArchive
    private let sheets: [Sheet]
    private let sharedStrings: [String]
    private let isDateStyle: [Bool]

    /// Opens the workbook file at `path`; only the parts needed up front are read.
    public init(path: String, limits: XLSXLimits = XLSXLimits()) throws(XLSXError) {
        let source: FileByteSource
        do {
            source = try FileByteSource(path: path)
        } catch {
            throw .archive(error)
        }
        try self.init(source: source, limits: limits)
    }

    /// Opens a workbook already in memory (an upload, say).
    public init(bytes: [UInt8], limits: XLSXLimits = XLSXLimits()) throws(XLSXError) {
        try self.init(source: MemoryByteSource(bytes: bytes), limits: limits)
    }

    private init(source: any ByteSource, limits: XLSXLimits) throws(XLSXError) {
        try Self.refuseCompoundDocument(source)
        do {
            archive = try ZipArchive(source: source)
        } catch {
            throw .archive(error)
        }
        self.limits = limits

        let workbookPart = try Self.workbookPartName(in: archive, limits: limits)
        let workbook = try Self.parse(workbookPart, in: archive, limits: limits, WorkbookPart.parse)
        let relationshipsPart = PackageRelationships.relationshipsPart(of: workbookPart)
        let relationships = try Self.parse(relationshipsPart, in: archive, limits: limits) {
            (tokenizer: inout XMLTokenizer) throws(XLSXError) in
            try PackageRelationships.parse(&tokenizer, sourcePart: workbookPart)
        }
        guard !workbook.sheets.isEmpty else { throw .noSheets }
        sheets = try workbook.sheets.map { sheet throws(XLSXError) in
            guard let relationship = relationships.target(id: sheet.relationshipID) else {
                throw .invalidPart(
                    part: relationshipsPart, reason: "no relationship \(sheet.relationshipID) for sheet \"\(sheet.name)\"")
            }
            let isWorksheet = relationship.type.hasSuffix("/worksheet")
            return Sheet(name: sheet.name, isHidden: sheet.isHidden, part: isWorksheet ? relationship.target : nil)
        }
        dateSystem = workbook.dateSystem

        // Both parts are optional: a workbook of numbers only needs no shared strings,
        // and one without styles has no dates.
        if let part = relationships.target(typeSuffix: "sharedStrings")?.target, archive.entry(named: part) != nil {
            sharedStrings = try Self.parse(part, in: archive, limits: limits, SharedStringsPart.parse)
        } else {
            sharedStrings = []
        }
        if let part = relationships.target(typeSuffix: "styles")?.target, archive.entry(named: part) != nil {
            isDateStyle = try Self.parse(part, in: archive, limits: limits, StylesPart.parse).isDateStyle
        } else {
            isDateStyle = []
        }
    }

    /// Streams the rows of a sheet; the first sheet when `sheet` is nil. The name is
    /// matched exactly, or else ignoring case as Excel does.
    public func rows(sheet name: String? = nil) throws(XLSXError) -> XLSXRowReader {
        let sheet = try self.sheet(named: name)
        guard let part = sheet.part else { throw .notAWorksheet(sheet.name) }
        guard let entry = archive.entry(named: part) else { throw .missingPart(part) }
        let reader: ZipEntryReader
        do {
            reader = try archive.reader(for: entry, limits: limits.forWorksheets)
        } catch {
            throw .archive(error)
        }
        return XLSXRowReader(
            sheetName: sheet.name,
            tokenizer: XMLTokenizer(part: entry.name, source: ZipPartSource(reader: reader)),
            sharedStrings: sharedStrings,
            isDateStyle: isDateStyle,
            dateSystem: dateSystem)
    }

    /// Every row of a sheet in memory: for small sheets and tests; stream large ones with
    /// `rows(sheet:)`.
    public func allRows(sheet name: String? = nil) throws(XLSXError) -> [SpreadsheetRow] {
        var reader = try rows(sheet: name)
        var rows: [SpreadsheetRow] = []
        while let row = try reader.next() {
            rows.append(row)
        }
        return rows
    }

    private func sheet(named name: String?) throws(XLSXError) -> Sheet {
        guard let name else { return sheets[0] }
        if let sheet = sheets.first(where: { $0.name == name })
            ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return sheet
        }
        throw .sheetNotFound(name, available: sheetNames)
    }

    // MARK: Opening

    /// An OLE2 compound file (signature D0 CF 11 E0 A1 B1 1A E1) is a legacy `.xls`
    /// workbook or an encrypted `.xlsx`; saying so beats "not a ZIP archive".
    private static func refuseCompoundDocument(_ source: any ByteSource) throws(XLSXError) {
        let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        let start: [UInt8]
        do {
            start = try source.read(at: 0, length: signature.count)
        } catch {
            throw .archive(error)
        }
        if start == signature { throw .legacyOrEncryptedWorkbook }
    }

    /// The workbook part named by the package's officeDocument relationship, normally
    /// `xl/workbook.xml`.
    private static func workbookPartName(in archive: ZipArchive, limits: XLSXLimits) throws(XLSXError) -> String {
        let fallback = "xl/workbook.xml"
        guard archive.entry(named: "_rels/.rels") != nil else { return fallback }
        let relationships = try parse("_rels/.rels", in: archive, limits: limits) {
            (tokenizer: inout XMLTokenizer) throws(XLSXError) in
            try PackageRelationships.parse(&tokenizer, sourcePart: "")
        }
        return relationships.target(typeSuffix: "officeDocument")?.target ?? fallback
    }

    /// Streams one part through `parser`.
    private static func parse<Result>(
        _ part: String, in archive: ZipArchive, limits: XLSXLimits,
        _ parser: (inout XMLTokenizer) throws(XLSXError) -> Result
    ) throws(XLSXError) -> Result {
        guard let entry = archive.entry(named: part) else { throw .missingPart(part) }
        let reader: ZipEntryReader
        do {
            reader = try archive.reader(for: entry, limits: limits.forParts)
        } catch {
            throw .archive(error)
        }
        var tokenizer = XMLTokenizer(part: entry.name, source: ZipPartSource(reader: reader))
        return try parser(&tokenizer)
    }
}
