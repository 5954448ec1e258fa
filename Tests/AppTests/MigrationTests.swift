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

    @Test func renumberedMigrationsAreRefused() async throws {
        let broken = Migrator([Migration(1, "a", []), Migration(3, "b", [])])
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.sqlite)
        defer { Task { await cleanup() } }
        let database = try await Storage.open(configuration, logger: TestDatabases.logger)
        await #expect(throws: MigrationError.self) { try await broken.migrate(database, logger: TestDatabases.logger) }
        await database.shutdown()
    }
}
