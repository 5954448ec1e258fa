import BulkData
import Credentials
import Exams
import Fees
import Foundation
import IdentityVerification
import Logging
import Platform
import Records
import Registry
import SQLKit

/// Opening the database the configuration names, and the full list of migrations.
public enum Storage {
    public static let migrations: [Migration] = PlatformMigrations.all + RegistryMigrations.all + RecordsMigrations.all + CredentialsMigrations.all + ExamsMigrations.all + FeesMigrations.all + ImportJobsMigrations.all
        + VerificationMigrations.all

    /// Opens the database. For PostgreSQL the returned storage is also a Service that must run.
    public static func open(_ configuration: AppConfiguration, logger: Logger) async throws -> any Database {
        if let url = configuration.databaseURL {
            try await PostgresStorage.checkConnection(url: url, logger: logger)
            return try PostgresStorage(url: url, logger: logger)
        }
        return try await SQLiteStorage.open(path: configuration.sqlitePath, logger: logger)
    }

    /// Runs `body` with an open, migrated database, outside the server (CLI commands, tests).
    public static func withDatabase<T: Sendable>(_ configuration: AppConfiguration, logger: Logger,
                                                 _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let database = try await open(configuration, logger: logger)
        do {
            let value = try await run(database, logger: logger, body)
            await database.shutdown()
            return value
        } catch {
            await database.shutdown()
            throw error
        }
    }

    private static func run<T: Sendable>(_ database: any Database, logger: Logger,
                                         _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            if let postgres = database as? PostgresStorage {
                group.addTask { await postgres.client.run(); return nil }
            }
            group.addTask {
                try await prepare(database, logger: logger)
                return try await body(database)
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let value = next { return value }
            }
            throw ConfigurationError("database task ended without a result")
        }
    }

    /// Migrates and makes sure the root of the education-management tree exists.
    public static func prepare(_ database: any Database, logger: Logger) async throws {
        try await Migrator(migrations).migrate(database, logger: logger)
        try await Bootstrap.ensureMinistry(database)
    }
}

/// The root node every scope hangs from: the Ministry of Education and Training.
public enum Bootstrap {
    public static let ministryCode = "MOET"

    public static func ensureMinistry(_ database: any Database) async throws {
        let rootID = try await database.transaction { db -> String in
            if let existing = try await db.raw("SELECT id FROM org_units WHERE kind = 'ministry'").first() {
                return try existing.decode(column: "id", as: String.self)
            }
            let id = UUIDv7.make()
            try await OrgTree.insert(db, [OrgTree.NewNode(id: id, code: ministryCode, kind: "ministry", name: "Bộ Giáo dục và Đào tạo",
                                                          provinceCode: nil, parentID: nil, validFrom: "1990-01-01")])
            return id
        }
        OrgTree.registerRoot(rootID)
    }

    public static func orgID(_ database: any Database, code: String) async throws -> String? {
        try await database.read { db in
            try await db.raw("SELECT id FROM org_units WHERE code = \(bind: code.uppercased())").first()?.decode(column: "id", as: String.self)
        }
    }
}
