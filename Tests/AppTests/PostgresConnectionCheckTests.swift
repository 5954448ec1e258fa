import App
import Foundation
import Platform
import Testing

/// Opening a PostgreSQL database that cannot be reached fails at once, naming the server and the reason,
/// instead of after the pool's minute of retries with an error that names neither.
@Suite("PostgreSQL: the first connection says why it failed")
struct PostgresConnectionCheckTests {
    @Test func theServersOwnReasonIsGiven() async throws {
        let admin = try #require(TestDatabases.postgresAdminURL, "run the tests with scripts/test.sh, which starts PostgreSQL")
        let components = try #require(URLComponents(string: admin))
        let place = "\(components.host ?? ""):\(components.port ?? 5432)"
        try await PostgresStorage.checkConnection(url: admin, logger: TestDatabases.logger)

        let missing = admin.replacingOccurrences(of: "/postgres", with: "/nemis_no_such_database")
        let noDatabase = await Self.failure(missing)
        #expect(noDatabase == "cannot connect to PostgreSQL at \(place) as \(components.user ?? ""), database nemis_no_such_database: "
            + "database \"nemis_no_such_database\" does not exist")

        let stranger = admin.replacingOccurrences(of: "://\(components.user ?? "")@", with: "://nemis_no_such_role@")
        #expect(await Self.failure(stranger) == "cannot connect to PostgreSQL at \(place) as nemis_no_such_role, database postgres: "
            + "role \"nemis_no_such_role\" does not exist")
    }

    @Test func theNetworksReasonIsGiven() async throws {
        #expect(await Self.failure("postgres://nemis@127.0.0.1:1/nemis")
            == "cannot connect to PostgreSQL at 127.0.0.1:1 as nemis, database nemis: Connection refused")
        #expect(await Self.failure("postgres://nemis@no-such-host.invalid/nemis")
            == "cannot connect to PostgreSQL at no-such-host.invalid:5432 as nemis, database nemis: the host name cannot be resolved")
    }

    @Test func openingTheDatabaseChecksFirst() async throws {
        let configuration = AppConfiguration(databaseURL: "postgres://nemis@127.0.0.1:1/nemis", environment: [:])
        await #expect(throws: ConfigurationError.self) {
            try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { _ in }
        }
    }

    @Test func aURLOfAnotherKindIsRefused() async throws {
        #expect(await Self.failure("mysql://nemis@127.0.0.1/nemis") == "database URL must look like postgres://user:password@host:5432/database")
    }

    /// The message a failed check gives; nil when it connected.
    static func failure(_ url: String) async -> String? {
        do {
            try await PostgresStorage.checkConnection(url: url, logger: TestDatabases.logger)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
