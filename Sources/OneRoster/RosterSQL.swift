import Platform
import SQLKit

/// Fields of the stored JSON documents read by the database itself (SQLite `json_extract`,
/// PostgreSQL `->>`), so a million documents are never parsed in Swift.
struct DocumentSQL {
    let postgres: Bool

    init(_ db: any SQLDatabase) { postgres = db.dialect.name == "postgresql" }

    /// The `FROM` item for `table` as `t`, with its document parsed once per row on PostgreSQL.
    func from(_ table: String) -> String {
        postgres ? "\(table) t CROSS JOIN LATERAL (SELECT t.body::jsonb AS j) d" : "\(table) t"
    }

    /// A top-level member of the document as text (JSON text for arrays), named `alias`.
    func field(_ member: String, _ alias: String) -> String {
        "\(value(member)) AS \(alias)"
    }

    /// A top-level member of the document as text, as an expression.
    func value(_ member: String) -> String {
        postgres ? "(d.j ->> '\(member)')" : "json_extract(t.body, '$.\(member)')"
    }

    /// Several text expressions as one column `packed`, joined by the unit separator (U+001F),
    /// NULL as empty: the rows of the largest tables are decoded with one call, not one per field,
    /// which on PostgreSQL is most of the cost of reading a million rows.
    static func packed(_ expressions: [String]) -> String {
        "(" + expressions.map { "COALESCE(\($0), '')" }.joined(separator: " || '\u{1F}' || ") + ") AS packed"
    }

    /// The `count` fields of a `packed` column. A row is never dropped (keyset paging counts them):
    /// a value holding the separator itself, which no stored text does, would only shift its own row.
    static func unpack(_ row: any SQLRow, count: Int) throws -> [String] {
        let text = try row.decode(column: "packed", as: String.self)
        var parts = text.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        while parts.count < count { parts.append("") }
        return parts
    }
}

/// Reads a query page by page in key order: keyset paging (`key > last`), never `OFFSET`, so each
/// page costs the same however deep the export is, and memory holds one page.
enum KeysetPages {
    static let pageSize = 20_000

    /// Each page is fetched while the previous one is processed (a second core reads the database
    /// while the first formats and writes), and `body` returns false to stop.
    static func each<Row: Sendable>(
        _ database: any Database,
        fetch: @escaping @Sendable (any SQLDatabase, _ after: String?, _ limit: Int) async throws -> [Row],
        key: (Row) -> String,
        _ body: ([Row]) throws -> Bool
    ) async throws {
        func start(after: String?) -> Task<[Row], any Error> {
            Task { try await database.read { db in try await fetch(db, after, pageSize) } }
        }
        var pending: Task<[Row], any Error>? = start(after: nil)
        while let task = pending {
            let page = try await task.value
            pending = page.count == pageSize ? page.last.map { start(after: key($0)) } : nil
            let going: Bool
            do { going = try body(page) } catch {
                pending?.cancel()
                throw error
            }
            guard going else {
                pending?.cancel()
                return
            }
        }
    }

    /// `AND t.natural_key > ? ORDER BY t.natural_key LIMIT n`, the tail of every paged query.
    static func tail(_ sql: inout SQLQueryString, after: String?, limit: Int, key: String = "t.natural_key") {
        if let after {
            sql.appendInterpolation(unsafeRaw: " AND \(key) > ")
            sql.appendInterpolation(bind: after)
        }
        sql.appendInterpolation(unsafeRaw: " ORDER BY \(key) LIMIT \(limit)")
    }
}

extension SQLRow {
    func text(_ column: String) throws -> String { try decode(column: column, as: String?.self) ?? "" }
}
