import VietnameseText

/// The interchange format of one kind of record: its columns in file order and its natural keys.
///
/// A file in this format is UTF-8 CSV (an optional byte order mark, comma-separated, RFC 4180
/// quoting) or an XLSX sheet. Row 1 is the header: each column's Vietnamese `header` (or its
/// machine `key`), in any order. Row 2 may be the notes row of a template (each cell the column's
/// `notesRowText`), which is not data. Dates are `dd/mm/yyyy`.
public struct BulkFormat: Sendable {
    public let kind: BulkKind
    public let columns: [BulkColumn]
    /// How a row finds the record it updates (upsert): the first of these column sets that the
    /// row fills (see `naturalKey(_:)`). Learners, say, are found by their learner code, else by
    /// citizen ID; a row that fills none of the sets cannot be imported idempotently and is refused.
    public let naturalKeys: [[String]]
    /// Rules over several cells that a single column cannot state.
    public let rowRulesVI: [String]
    /// The body's array whose items a record lists one a row, on consecutive rows with the same
    /// key (a person's employments at several schools); nil when a record is one row. The
    /// columns that fill `<array>/0/…` describe the row's item; the others repeat on every row.
    public let repeatingGroup: String?

    public init(kind: BulkKind, columns: [BulkColumn], naturalKeys: [[String]], rowRulesVI: [String] = [], repeatingGroup: String? = nil) {
        precondition(Set(columns.map(\.key)).count == columns.count, "column keys are unique in \(kind)")
        precondition(Set(columns.map { VietnameseText.fold($0.header) }).count == columns.count, "headers are unique in \(kind)")
        precondition(naturalKeys.joined().allSatisfy { key in columns.contains { $0.key == key } }, "natural keys name columns of \(kind)")
        self.kind = kind
        self.columns = columns
        self.naturalKeys = naturalKeys
        self.rowRulesVI = rowRulesVI
        self.repeatingGroup = repeatingGroup
    }

    /// Whether `column` describes the repeating group's item rather than the record.
    public func describesItem(_ column: BulkColumn) -> Bool {
        repeatingGroup.map { group in column.apiFields.first?.hasPrefix("\(group)/0/") == true } ?? false
    }

    public var headers: [String] { columns.map(\.header) }
    /// The notes row of a template.
    public var notesRow: [String] { columns.map(\.notesRowText) }
    public var keys: [String] { columns.map(\.key) }

    public func column(_ key: String) -> BulkColumn? { columns.first { $0.key == key } }

    /// The position of column `key` in files written in this format.
    public func index(of key: String) -> Int? { columns.firstIndex { $0.key == key } }

    /// The natural key of a row, given its cleaned cell for each column key (nil or empty when
    /// blank): which key set applies and its values in the set's order. A set with required
    /// columns applies when those are filled, its optional columns taking part even when empty
    /// (a teaching assignment without a semester covers the year); a set of optional columns
    /// only (a learner's code, or else their citizen ID) applies when all of them are filled.
    public func naturalKey(_ cell: (String) -> String?) -> (set: Int, values: [String])? {
        for (index, set) in naturalKeys.enumerated() {
            let values = set.map { cell($0) ?? "" }
            let required = set.filter { column($0)?.required == true }
            let mustBeFilled = required.isEmpty ? set : required
            if mustBeFilled.allSatisfy({ !(cell($0) ?? "").isEmpty }) { return (index, values) }
        }
        return nil
    }

    /// True when `cells` are the notes row of a template, which an importer skips.
    public func isNotesRow(_ cells: [String]) -> Bool {
        let filled = cells.map(VietnameseText.clean).filter { !$0.isEmpty }
        return !filled.isEmpty && filled.allSatisfy { cell in columns.contains { VietnameseText.clean($0.notesRowText) == cell } }
    }

    /// Matches a file's header row to the columns: by Vietnamese header or machine key, ignoring
    /// case, diacritics and spacing.
    public func mapHeader(_ cells: [String]) -> HeaderMapping {
        var positions: [String: Int] = [:]
        var unknown: [(position: Int, text: String)] = []
        var duplicated: [String] = []
        for (position, cell) in cells.enumerated() {
            let folded = VietnameseText.fold(cell)
            if folded.isEmpty { continue }
            guard let column = columns.first(where: { VietnameseText.fold($0.header) == folded || $0.key == folded }) else {
                unknown.append((position, cell))
                continue
            }
            if positions[column.key] != nil { duplicated.append(column.key) } else { positions[column.key] = position }
        }
        let missing = columns.filter { $0.required && positions[$0.key] == nil }.map(\.key)
        return HeaderMapping(positions: positions, missingRequired: missing, unknown: unknown.map(\.text), duplicated: duplicated)
    }
}

/// Where each column of a format sits in a file, and what is wrong with the header.
public struct HeaderMapping: Sendable, Equatable {
    /// Column key → 0-based position in the file.
    public let positions: [String: Int]
    /// Keys of required columns the header lacks: such a file cannot be read.
    public let missingRequired: [String]
    /// Header cells that name no column (kept for the report; their values are ignored).
    public let unknown: [String]
    /// Keys named twice.
    public let duplicated: [String]

    public var isUsable: Bool { missingRequired.isEmpty && duplicated.isEmpty }
}
