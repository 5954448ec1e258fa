import Foundation
@testable import Platform
import Testing

/// The SQLite connection keeps its prepared statements for reuse, but never more SQL than its
/// budget: a bulk write's statements grow with the batch, and new sizes must not pile up.
@Suite("SQLite statement cache")
struct SQLiteStatementCacheTests {
    @Test
    func longStatementsOfManyShapesStayWithinTheBudget() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("statement-cache-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let connection = try DirectSQLiteConnection(path: path)
        let padding = String(repeating: "x", count: 10_000)
        for shape in 0..<100 {
            var answer: Int?
            try connection.query("SELECT ? + \(shape) AS v /* \(padding) */", [.integer(1)]) { row in
                answer = try row.decode(column: "v", as: Int.self)
            }
            #expect(answer == shape + 1)
            #expect(connection.cachedSQLBytes <= DirectSQLiteConnection.maximumCachedSQLBytes)
        }
        // A statement asked for again is reused: the cache does not grow.
        let before = connection.cachedSQLBytes
        try connection.query("SELECT ? + 99 AS v /* \(padding) */", [.integer(1)]) { _ in }
        #expect(connection.cachedSQLBytes == before)
    }
}
