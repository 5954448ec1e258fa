import App
import Foundation
import Logging
import NIOCore
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
                // The same shape again, its placeholders' text now kept, is the same statement.
                var again = SQLSerializer(database: db)
                insert.serialize(to: &again)
                #expect(again.sql == sqlKits.sql)
                #expect(again.binds.map { String(describing: $0) } == sqlKits.binds.map { String(describing: $0) })
                // After a value bound before it, its placeholders count on from that one.
                var afterOne = SQLSerializer(database: db)
                var sqlKitsAfterOne = SQLSerializer(database: db)
                afterOne.write(bind: "first")
                sqlKitsAfterOne.write(bind: "first")
                insert.serialize(to: &afterOne)
                expected.serialize(to: &sqlKitsAfterOne)
                #expect(afterOne.sql == sqlKitsAfterOne.sql)
                #expect(afterOne.sql != sqlKits.sql)
                #expect(afterOne.binds.map { String(describing: $0) } == sqlKitsAfterOne.binds.map { String(describing: $0) })

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

    /// A text is bound with its own bytes: an empty one stays empty (not NULL), a NUL inside does not
    /// cut it short, a short one (stored inside the string) and a long one keep every byte.
    @Test func sqliteKeepsEveryTextAsBound() async throws {
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.sqlite)
        defer { Task { await cleanup() } }
        let texts = ["", "a", "a\u{0}b", "Nguyễn Thị Đặng", "Nguye\u{302}\u{303}n", String(repeating: "Trường THPT ", count: 400), "😀"]
        try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            let stored = try await database.transaction { db in
                try await db.raw("CREATE TABLE text_probe (position INTEGER NOT NULL, body TEXT)").run()
                let values: [any Encodable & Sendable] = texts.enumerated().flatMap { [$0.offset, $0.element] as [any Encodable & Sendable] }
                try await db.execute(sql: MultiRowInsert(into: "text_probe", columns: ["position", "body"], values: values)) { _ in }
                return try await db.raw("SELECT body, body IS NULL AS missing, length(CAST(body AS BLOB)) AS bytes FROM text_probe ORDER BY position")
                    .all().map {
                        (try $0.decode(column: "body", as: String?.self), try $0.decode(column: "missing", as: Int.self),
                         try $0.decode(column: "bytes", as: Int.self))
                    }
            }
            #expect(stored.map(\.0) == texts)
            #expect(stored.map(\.1) == Array(repeating: 0, count: texts.count))
            #expect(stored.map(\.2) == texts.map(\.utf8.count))
        }
    }

    /// Every element once, in order, in runs of the size asked and a shorter last one.
    @Test func batchesKeepEveryElementInOrder() {
        for count in [0, 1, 499, 500, 501, 1_234] {
            let values = Array(0..<count)
            for size in [1, 7, 500] {
                let batches = values.batches(of: size)
                #expect(batches.flatMap { $0 } == values)
                #expect(batches.dropLast().allSatisfy { $0.count == size })
                #expect(batches.last.map { (1...size).contains($0.count) } ?? (count == 0))
                #expect(batches.count == (count + size - 1) / size)
            }
        }
    }

    /// A dialect whose placeholders carry no position (`?` for every value) gets each one from the
    /// dialect, as SQLKit would write it.
    @Test func placeholdersWithoutPositionsAreAskedOfTheDialect() async throws {
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.sqlite)
        defer { Task { await cleanup() } }
        try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            try await database.read { db in
                let positionless = PositionlessPlaceholders(base: db)
                let values: [any Encodable & Sendable] = ["a", 1, "b", nil as Int?, "c", 3]
                var ours = SQLSerializer(database: positionless)
                MultiRowInsert(into: "probe", columns: ["label", "amount"], values: values, suffix: " ON CONFLICT DO NOTHING")
                    .serialize(to: &ours)
                var sqlKits = SQLSerializer(database: positionless)
                var expected = SQLQueryString("INSERT INTO \(ident: "probe") (\(ident: "label"), \(ident: "amount")) VALUES ")
                for row in 0..<3 {
                    expected.appendInterpolation(unsafeRaw: row == 0 ? "(" : "), (")
                    expected.appendInterpolation(bind: values[2 * row])
                    expected.appendInterpolation(unsafeRaw: ", ")
                    expected.appendInterpolation(bind: values[2 * row + 1])
                }
                expected.appendInterpolation(unsafeRaw: ") ON CONFLICT DO NOTHING")
                expected.serialize(to: &sqlKits)
                #expect(ours.sql == #"INSERT INTO "probe" ("label", "amount") VALUES (?, ?), (?, ?), (?, ?) ON CONFLICT DO NOTHING"#)
                #expect(ours.sql == sqlKits.sql)
                #expect(ours.binds.map { String(describing: $0) } == sqlKits.binds.map { String(describing: $0) })
            }
        }
    }
}

/// A database as `base` is, but whose dialect writes `?` for every bound value, as MySQL's does.
private struct PositionlessPlaceholders: SQLDatabase {
    struct Dialect: SQLDialect {
        let base: any SQLDialect
        var name: String { base.name }
        var identifierQuote: any SQLExpression { base.identifierQuote }
        var supportsAutoIncrement: Bool { base.supportsAutoIncrement }
        var autoIncrementClause: any SQLExpression { base.autoIncrementClause }
        func bindPlaceholder(at position: Int) -> any SQLExpression { SQLRaw("?") }
        func literalBoolean(_ value: Bool) -> any SQLExpression { base.literalBoolean(value) }
    }

    let base: any SQLDatabase
    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var dialect: any SQLDialect { Dialect(base: base.dialect) }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }
}
