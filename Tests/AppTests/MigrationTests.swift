import App
import Foundation
import Platform
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test(arguments: Engine.allCases)
    func migrationsRunOnceOnBothEngines(engine: Engine) async throws {
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(engine)
        defer { Task { await cleanup() } }
        try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            // withDatabase has migrated; a second run applies nothing.
            let again = try await Migrator(Storage.migrations).migrate(database, logger: TestDatabases.logger)
            #expect(again.isEmpty)
            let counts = try await database.read { db in
                try await db.raw("""
                    SELECT level, COUNT(*) AS n FROM admin_units WHERE valid_to IS NULL GROUP BY level ORDER BY level
                    """).all().map { (try $0.decode(column: "level", as: String.self), try $0.decode(column: "n", as: Int.self)) }
            }
            #expect(counts.map(\.0) == ["commune", "province"])
            #expect(counts.map(\.1) == [3321, 34])
            // Every one of the 63 old provinces names the 2025 province that absorbed it.
            let orphans = try await database.read { db in
                try await db.raw("""
                    SELECT COUNT(*) AS n FROM admin_units WHERE level = 'province' AND valid_to IS NOT NULL
                      AND successor_code NOT IN (SELECT code FROM admin_units WHERE valid_to IS NULL AND level = 'province')
                    """).first()!.decode(column: "n", as: Int.self)
            }
            #expect(orphans == 0)
        }
    }

    /// Listings by ID and exports by natural key read in byte order. On PostgreSQL only a key column of
    /// collation "C" has an index that gives that order; in any other, every page sorts the whole table.
    /// Every record table (those with a `sort_key`) must have both keys so, including tables added later.
    @Test func recordKeysCompareInByteOrderOnPostgreSQL() async throws {
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.postgres)
        defer { Task { await cleanup() } }
        try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            let columns = try await database.read { db in
                try await db.raw("""
                    SELECT c.table_name AS t, c.column_name AS c, COALESCE(c.collation_name, '') AS collation
                    FROM information_schema.columns c
                    WHERE c.table_schema = 'public' AND c.column_name IN ('id', 'natural_key')
                      AND c.table_name IN (SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'sort_key')
                    ORDER BY 1, 2
                    """).all().map {
                    (try $0.decode(column: "t", as: String.self), try $0.decode(column: "c", as: String.self),
                     try $0.decode(column: "collation", as: String.self))
                }
            }
            let tables = Set(columns.map(\.0))
            #expect(tables.isSuperset(of: ["schools", "staff", "learners", "guardians", "school_years", "classes",
                                           "teaching_assignments", "enrolments", "transfers"]))
            #expect(columns.count == 2 * tables.count)
            for (table, column, collation) in columns { #expect(collation == "C", "\(table).\(column)") }
        }
    }

    @Test func renumberedMigrationsAreRefused() async throws {
        let broken = Migrator([Migration(1, "a", []), Migration(3, "b", [])])
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.sqlite)
        defer { Task { await cleanup() } }
        let database = try await Storage.open(configuration, logger: TestDatabases.logger)
        await #expect(throws: MigrationError.self) { try await broken.migrate(database, logger: TestDatabases.logger) }
        await database.shutdown()
    }
}
