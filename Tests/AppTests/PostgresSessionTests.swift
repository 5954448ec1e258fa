import App
import Platform
import Testing

@Suite("PostgreSQL sessions")
struct PostgresSessionTests {
    /// The server's default is `on`; a page of 20,000 learners compiled each time was slower, not faster.
    @Test func connectionsRunWithoutJIT() async throws {
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.postgres)
        defer { Task { await cleanup() } }
        try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            let jit = try await database.read { db in
                try await db.raw("SHOW jit").first()?.decode(column: "jit", as: String.self)
            }
            #expect(jit == "off")
        }
    }
}
