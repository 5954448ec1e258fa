import CitizenID
import Foundation
import Platform

/// One data row turned into an API body: every cell cleaned and checked, required cells present,
/// the natural key filled.
struct BuiltRow: Sendable {
    let number: Int
    /// The body's JSON, as `POST /<resource>` takes it; nil when the row has an error.
    let body: Data?
    /// The natural key's values joined, for spotting repeated rows.
    let key: String
    let issues: [ImportIssue]
    /// The cells' values by column key, for a record spread over rows (`BulkFormat.repeatingGroup`).
    var values: [String: BodyValue] = [:]
    /// For a row refused for its cells: the body of the cells that were read, for the rules to check
    /// what else is wrong with the row, and the headers of the cells that failed, whose issues
    /// the rules would only repeat.
    var checkBody: Data?
    var failedColumns: Set<String> = []
    /// The row names its record by other columns than its key's (a learner by citizen ID, without a
    /// code): the key is issued or found as the record is written.
    var keyToIssue = false
}

/// Builds API bodies from the rows of one file, whose header decided where each column is.
struct RowBuilder: Sendable {
    let format: BulkFormat
    let mapping: HeaderMapping
    /// The header as the file writes it, by column key: how the report names a column.
    let headers: [String: String]
    /// For each of the format's columns, in its order: its position in the file (nil when the file
    /// lacks it) and how the report names it. Read by index, as every row reads every column.
    private let places: [(position: Int?, header: String)]
    /// Each column's position in the format, by key.
    private let columnIndex: [String: Int]
    /// The members of a body written straight from one row's cells, in the order JSON writes them;
    /// nil for a format whose columns fill nested fields (`employments/0/…`), whose bodies are built
    /// as a tree.
    private let flatMembers: [FlatMember]?

    /// A top-level body member and the columns that fill it, the last in the format first: a later
    /// column overwrites an earlier one that fills the same field.
    private struct FlatMember: Sendable {
        let name: String
        let columns: [Int]
    }

    init(format: BulkFormat, headerCells: [String]) throws {
        self.format = format
        let mapping = format.mapHeader(headerCells)
        self.mapping = mapping
        guard mapping.isUsable else {
            let header = { (key: String) in format.column(key).map { "\($0.header) (\(key))" } ?? key }
            throw ImportError.header(missing: mapping.missingRequired.map(header), duplicated: mapping.duplicated.map(header))
        }
        var headers: [String: String] = [:]
        for (key, position) in mapping.positions { headers[key] = headerCells[position] }
        self.headers = headers
        places = format.columns.map { column in (mapping.positions[column.key], headers[column.key] ?? column.header) }
        columnIndex = Dictionary(uniqueKeysWithValues: format.columns.enumerated().map { ($1.key, $0) })
        flatMembers = Self.flatMembers(of: format)
    }

    private static func flatMembers(of format: BulkFormat) -> [FlatMember]? {
        guard format.columns.allSatisfy({ $0.apiFields.allSatisfy { !$0.utf8.contains(UInt8(ascii: "/")) } }) else { return nil }
        var columns: [String: [Int]] = [:]
        for (index, column) in format.columns.enumerated() {
            for field in column.apiFields { columns[field, default: []].insert(index, at: 0) }
        }
        // `BodyJSON` writes members in `String` order, which for these ASCII names is byte order.
        return columns.keys.sorted().map { FlatMember(name: $0, columns: columns[$0]!) }
    }

    func cell(_ row: RawRow, _ key: String) -> String {
        columnIndex[key].map { cell(row, at: $0) } ?? ""
    }

    private func cell(_ row: RawRow, at index: Int) -> String {
        guard let position = places[index].position, position < row.cells.count else { return "" }
        return row.cells[position]
    }

    func build(_ row: RawRow) -> BuiltRow {
        var issues: [ImportIssue] = []
        var cells = [BodyValue?](repeating: nil, count: format.columns.count)
        var failedColumns: Set<String> = []
        var failed = false
        if let malformed = row.malformed {
            let reason = ImportReason("csv.malformed", vi: "Dòng không đúng định dạng CSV: \(malformed)", en: "the line is not valid CSV: \(malformed)")
            return BuiltRow(number: row.number, body: nil, key: "", issues: [ImportIssue(row: row.number, column: "", value: "", severity: .error, reason: reason)])
        }
        for (index, column) in format.columns.enumerated() {
            let raw = cell(row, at: index)
            let reading = CellCleaner.read(raw, as: column.value)
            let header = places[index].header
            if let error = reading.error {
                issues.append(ImportIssue(row: row.number, column: header, value: raw, severity: .error, reason: error))
                failedColumns.insert(header)
                failed = true
            } else if let value = reading.value {
                cells[index] = value
                if let repair = reading.repair {
                    issues.append(ImportIssue(row: row.number, column: header, value: raw, severity: .warning, reason: repair, repairedValue: value.text))
                }
            } else if column.required {
                issues.append(ImportIssue(row: row.number, column: header, value: "", severity: .error,
                                          reason: ImportReason("required", vi: "Bắt buộc: ô này không được để trống", en: "required: this cell must not be empty")))
                failedColumns.insert(header)
                failed = true
            }
        }
        let value = { (key: String) in columnIndex[key].flatMap { cells[$0] } }
        if let issue = citizenIDAgainstPerson(value, row: row) {
            issues.append(issue)
            failedColumns.insert(issue.column)
            failed = true
        }
        let naturalKey = format.naturalKey { value($0)?.text }
        if naturalKey == nil, !failed {
            let vi = format.rowRulesVI.first ?? "Thiếu thông tin để nhận biết bản ghi"
            issues.append(ImportIssue(row: row.number, column: "", value: "", severity: .error,
                                      reason: ImportReason("row.noKey", vi: vi, en: "the row fills none of the columns that identify its record")))
            failed = true
        }
        let key = naturalKey.map { "\($0.set):" + $0.values.joined(separator: "|") } ?? ""
        guard !failed else {
            return BuiltRow(number: row.number, body: nil, key: key, issues: issues, checkBody: body(cells: cells), failedColumns: failedColumns)
        }
        return BuiltRow(number: row.number, body: body(cells: cells), key: key, issues: issues,
                        values: format.repeatingGroup == nil ? [:] : values(cells), keyToIssue: (naturalKey?.set ?? 0) > 0)
    }

    /// One row's cells by column key.
    private func values(_ cells: [BodyValue?]) -> [String: BodyValue] {
        var values: [String: BodyValue] = [:]
        for (index, column) in format.columns.enumerated() { values[column.key] = cells[index] }
        return values
    }

    /// The API body of a record of one row, from its cells in the format's column order: written
    /// straight from the cells where the format's fields are all top-level, the same bytes as
    /// `body(_:)` writes (a test compares them), without a tree of `Any` to build and walk.
    func body(cells: [BodyValue?]) -> Data {
        guard let flatMembers else { return body([values(cells)]) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        bytes.append(UInt8(ascii: "{"))
        for member in flatMembers {
            guard let value = member.columns.lazy.compactMap({ cells[$0] }).first else { continue }
            if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
            BodyJSON.writeString(member.name, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            BodyJSON.write(value, into: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return Data(bytes)
    }

    /// The API body of a record from its rows' values: the first row fills every field, and each
    /// later row adds its item to the repeating group (`employments/1/…`, …).
    func body(_ rows: [[String: BodyValue]]) -> Data {
        var body: [String: Any] = [:]
        for (index, values) in rows.enumerated() {
            for column in format.columns {
                guard let value = values[column.key], index == 0 || format.describesItem(column) else { continue }
                if index == 0 {
                    for field in column.apiFields { Self.set(value.json, at: field, in: &body) }
                } else if let field = column.apiFields.first, let group = format.repeatingGroup {
                    Self.set(value.json, at: "\(group)/\(index)/" + field.dropFirst(group.count + 3), in: &body)
                }
            }
        }
        return BodyJSON.data(body)
    }

    /// How a row with the key of the record `rows` (the values of its rows so far) adds to it.
    enum Addition {
        /// Its item is new and the rest agrees: the record gains the item.
        case item
        /// Its item is listed already and the rest agrees: it repeats an earlier row.
        case repeated
        /// Its personal cells differ from the record's.
        case conflict
    }

    func addition(of values: [String: BodyValue], to rows: [[String: BodyValue]]) -> Addition {
        guard let first = rows.first else { return .item }
        let item = format.columns.filter(format.describesItem).map(\.key)
        let shared = format.columns.map(\.key).filter { !item.contains($0) }
        guard shared.allSatisfy({ first[$0] == values[$0] }) else { return .conflict }
        return rows.contains { row in item.allSatisfy { row[$0] == values[$0] } } ? .repeated : .item
    }

    /// The ID's sex and birth year against the row's (DOMAIN.md §1.5), told in the kernel's own
    /// Vietnamese words; the Registry checks the same again when it writes.
    private func citizenIDAgainstPerson(_ value: (String) -> BodyValue?, row: RawRow) -> ImportIssue? {
        guard case .text(let digits)? = value("citizen_id"), let id = try? CitizenID(digits) else { return nil }
        let sex = value("sex").flatMap { Sex(rawValue: $0.text) }
        let birthYear = value("date_of_birth").flatMap { Int($0.text.prefix(4)) }
        guard let issue = id.check(sex: sex, birthYear: birthYear, asOfYear: Clock.today().year).first(where: { $0.severity == .error }) else {
            return nil
        }
        return ImportIssue(row: row.number, column: headers["citizen_id"] ?? "", value: cell(row, "citizen_id"), severity: .error,
                           reason: ImportReason(issue.code, vi: issue.messageVI, en: issue.messageEN))
    }

    /// The column an API error names (`/employments/0/startDate`), in the file's words.
    func header(forField pointer: String) -> String {
        let field = pointer.hasPrefix("/") ? String(pointer.dropFirst()) : pointer
        guard let column = format.columns.first(where: { $0.apiFields.contains(field) }) else { return "" }
        return headers[column.key] ?? column.header
    }

    /// The cell text of the column an API error names, for the report.
    func value(forField pointer: String, in row: RawRow) -> String {
        let field = pointer.hasPrefix("/") ? String(pointer.dropFirst()) : pointer
        guard let column = format.columns.first(where: { $0.apiFields.contains(field) }) else { return "" }
        return cell(row, column.key)
    }

    /// Sets `value` at a path of object members and array positions (`employments/0/startDate`).
    static func set(_ value: Any, at path: String, in object: inout [String: Any]) {
        // Most fields are top-level members: set at once, not through a path of one part.
        guard path.utf8.contains(UInt8(ascii: "/")) else {
            object[path] = value
            return
        }
        let parts = path.split(separator: "/").map(String.init)
        object = assign(value, parts[...], into: object) as? [String: Any] ?? object
    }

    private static func assign(_ value: Any, _ path: ArraySlice<String>, into container: Any?) -> Any {
        guard let head = path.first else { return value }
        if let index = Int(head) {
            var array = container as? [Any] ?? []
            while array.count <= index { array.append([String: Any]()) }
            array[index] = assign(value, path.dropFirst(), into: array[index])
            return array
        }
        var object = container as? [String: Any] ?? [:]
        object[head] = assign(value, path.dropFirst(), into: object[head])
        return object
    }
}
