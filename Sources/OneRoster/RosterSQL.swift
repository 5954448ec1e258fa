import Platform
import SQLKit

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
        _ body: ([Row]) async throws -> Bool
    ) async throws {
        func start(after: String?) -> Task<[Row], any Error> {
            Task { try await database.read { db in try await fetch(db, after, pageSize) } }
        }
        var pending: Task<[Row], any Error>? = start(after: nil)
        while let task = pending {
            let page = try await task.value
            pending = page.count == pageSize ? page.last.map { start(after: key($0)) } : nil
            let going: Bool
            do { going = try await body(page) } catch {
                pending?.cancel()
                throw error
            }
            guard going else {
                pending?.cancel()
                return
            }
        }
    }

    /// A page's rows decoded in chunks on the blocking pool, not on the event loop that received
    /// them: an export's loop then only reads pages, and decoding 20,000 rows there had been a
    /// quarter of its time while it was the export's bottleneck.
    static func decoded<Row: Sendable>(_ rows: [any SQLRow], _ decode: @escaping @Sendable (any SQLRow) throws -> Row) async throws -> [Row] {
        guard !rows.isEmpty else { return [] }
        return try await ParallelChunks.runWithoutBlocking(count: rows.count) { range in try rows[range].map(decode) }
            .flatMap { $0 }
    }
}

extension SQLRow {
    func text(_ column: String) throws -> String { try decode(column: column, as: String?.self) ?? "" }
}
