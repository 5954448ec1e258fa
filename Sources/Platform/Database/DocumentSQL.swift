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

    /// The `count` fields of a `packed` column. A row is never dropped (keyset paging counts them):
    /// a value holding the separator itself, which no stored text does, would only shift its own row.
    public static func unpack(_ row: any SQLRow, count: Int) throws -> [String] {
        let text = try row.decode(column: "packed", as: String.self)
        var parts = text.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        while parts.count < count { parts.append("") }
        return parts
    }

    /// Plain columns, then the row's document (`t.body`), as one `packed` column: for a reader of many
    /// rows, which takes the document's members with `unpack(_:columns:members:)` (see `DocumentMembers`).
    public static func packedWithDocument(_ columns: [String]) -> String {
        packed(columns + ["t.body"])
    }

    /// The `columns` fields of a `packedWithDocument` column, then the document's `members`. A JSON
    /// document holds no raw U+001F (control characters are escaped), so it is everything after the
    /// last column's separator.
    public static func unpack(_ row: any SQLRow, columns: Int, members: DocumentMembers) throws -> [String] {
        var text = try row.decode(column: "packed", as: String.self)
        return try text.withUTF8 { bytes in
            var fields: [String] = []
            fields.reserveCapacity(columns + members.count)
            var start = 0
            for _ in 0..<columns {
                let end = bytes[start...].firstIndex(of: 0x1F) ?? bytes.count
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = min(end + 1, bytes.count)
            }
            return fields + (try members.values(in: UnsafeBufferPointer(rebasing: bytes[start...])))
        }
    }

    /// A top-level boolean member as 1 or 0 (SQLite gives JSON true as 1, PostgreSQL as 'true').
    public func flag(_ member: String) -> String {
        "(CASE WHEN CAST(\(value(member)) AS TEXT) IN ('true', '1') THEN 1 ELSE 0 END)"
    }
}
