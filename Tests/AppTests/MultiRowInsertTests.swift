import App
import Foundation
@testable import Platform
import SQLKit
import Testing

/// `MultiRowInsert` writes its placeholders itself: its text and binds must be what SQLKit writes for
/// the same statement, and what it stores must read back as bound, on both engines.
@Suite("Multi-row inserts")
struct MultiRowInsertTests {
    @Test(arguments: Engine.allCases)
    func writesSQLKitsTextAndStoresEveryValue(engine: Engine) async throws {
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(engine)
        defer { Task { await cleanup() } }
        try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            let rows: [(String, Int?, String?)] = (0..<1_200).map { n in ("row \(n) ‘Đ’", n % 3 == 0 ? nil : n * 7, n % 5 == 0 ? nil : "x\(n)") }
            try await database.transaction { db in
                try await db.raw("CREATE TABLE bulk_probe (label TEXT NOT NULL, amount INTEGER, note TEXT)").run()
                // Several statements' worth of rows in one, past both engines' small-statement paths.
                let values: [any Encodable & Sendable] = rows.flatMap { [$0.0, $0.1, $0.2] as [any Encodable & Sendable] }
                let insert = MultiRowInsert(into: "bulk_probe", columns: ["label", "amount", "note"], values: values,
                                            suffix: " RETURNING label")

                var ours = SQLSerializer(database: db)
                insert.serialize(to: &ours)
                var sqlKits = SQLSerializer(database: db)
                var expected = SQLQueryString("INSERT INTO \(ident: "bulk_probe") (\(ident: "label"), \(ident: "amount"), \(ident: "note")) VALUES ")
                for (index, row) in rows.enumerated() {
                    expected.appendInterpolation(unsafeRaw: index == 0 ? "(" : "), (")
                    expected.appendInterpolation(bind: row.0)
                    expected.appendInterpolation(unsafeRaw: ", ")
                    expected.appendInterpolation(bind: row.1)
                    expected.appendInterpolation(unsafeRaw: ", ")
                    expected.appendInterpolation(bind: row.2)
                }
                expected.appendInterpolation(unsafeRaw: ") RETURNING label")
                expected.serialize(to: &sqlKits)
                #expect(ours.sql == sqlKits.sql)
                #expect(ours.binds.count == 3 * rows.count)
                #expect(ours.binds.map { String(describing: $0) } == sqlKits.binds.map { String(describing: $0) })

                let returned = try await db.raw("\(insert)").all().map { try $0.decode(column: "label", as: String.self) }
                #expect(Set(returned) == Set(rows.map(\.0)))
            }
            let stored = try await database.read { db in
                try await db.raw("SELECT label, amount, note FROM bulk_probe").all().map {
                    (try $0.decode(column: "label", as: String.self), try $0.decode(column: "amount", as: Int?.self),
                     try $0.decode(column: "note", as: String?.self))
                }
            }
            let byLabel = Dictionary(uniqueKeysWithValues: stored.map { ($0.0, $0) })
            #expect(byLabel.count == rows.count)
            for row in rows {
                #expect(byLabel[row.0]?.1 == row.1 && byLabel[row.0]?.2 == row.2, "row \(row.0)")
            }
        }
    }
}
