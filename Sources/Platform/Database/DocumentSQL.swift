import SQLKit

/// Fields of the stored JSON documents in SQL. A query that filters or aggregates on them has the
/// database read them (SQLite `json_extract`, PostgreSQL `->>`); a reader of many rows takes each
/// document whole with `packedWithDocument` and reads its members with `DocumentMembers`, which
/// is several times cheaper than PostgreSQL's parse into `jsonb`.
public struct DocumentSQL: Sendable {
    public let postgres: Bool

    public init(_ db: any SQLDatabase) { postgres = db.dialect.name == "postgresql" }

    /// The `FROM` item for `table` as `t`, with its document parsed once per row on PostgreSQL.
    /// `OFFSET 0` keeps the planner from pulling the subquery up into the select list, where the
    /// cast is written out again for every field read: eight fields parsed each document eight
    /// times (a thousand learners' five fields took 29 ms instead of 6.5 ms).
    public func from(_ table: String) -> String {
        postgres ? "\(table) t CROSS JOIN LATERAL (SELECT t.body::jsonb AS j OFFSET 0) d" : "\(table) t"
    }

    /// A top-level member of the document as text (JSON text for arrays), named `alias`.
    public func field(_ member: String, _ alias: String) -> String {
        "\(value(member)) AS \(alias)"
    }

    /// A top-level member of the document as text, as an expression.
    public func value(_ member: String) -> String {
        postgres ? "(d.j ->> '\(member)')" : "json_extract(t.body, '$.\(member)')"
    }

    /// Several text expressions as one column `packed`, joined by the unit separator (U+001F),
    /// NULL as empty: the rows of the largest tables are decoded with one call, not one per field,
    /// which on PostgreSQL is most of the cost of reading a million rows.
    public static func packed(_ expressions: [String]) -> String {
        "(" + expressions.map { "COALESCE(\($0), '')" }.joined(separator: " || '\u{1F}' || ") + ") AS packed"
    }

    /// Plain columns, then the row's document (`t.body`), as one `packed` column: for a reader of many
    /// rows, which takes the document's members with `DocumentMembers` (see `unpack`).
    public static func packedWithDocument(_ columns: [String]) -> String {
        packed(columns + ["t.body"])
    }

    /// The `columns` fields of a `packedWithDocument` column, and the document's text. A JSON document
    /// holds no raw U+001F (control characters are escaped), so it is everything after the last one,
    /// whatever the columns hold. A row is never dropped (keyset paging counts them): a column holding
    /// the separator itself, which no stored text does, would only shift that row's columns.
    public static func unpack(_ row: any SQLRow, columns: Int) throws -> (columns: [String], document: String) {
        var text = try row.decode(column: "packed", as: String.self)
        return text.withUTF8 { bytes in
            let separator = bytes.lastIndex(of: 0x1F)
            var fields = UnsafeBufferPointer(rebasing: bytes[..<(separator ?? 0)])
                .split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            while fields.count < columns { fields.append("") }
            let document = UnsafeBufferPointer(rebasing: bytes[(separator.map { $0 + 1 } ?? 0)...])
            return (fields, String(decoding: document, as: UTF8.self))
        }
    }

    /// The `columns` fields of a `packedWithDocument` column, then the document's `members`.
    public static func unpack(_ row: any SQLRow, columns: Int, members: DocumentMembers) throws -> [String] {
        let (fields, document) = try unpack(row, columns: columns)
        return fields + (try members.values(in: document))
    }

    /// A top-level boolean member as 1 or 0 (SQLite gives JSON true as 1, PostgreSQL as 'true').
    public func flag(_ member: String) -> String {
        "(CASE WHEN CAST(\(value(member)) AS TEXT) IN ('true', '1') THEN 1 ELSE 0 END)"
    }
}
