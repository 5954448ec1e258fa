import Logging
import SQLKit

/// The two storage engines NEMIS runs on: an embedded SQLite file for a school, a developer or a demo,
/// and PostgreSQL for a province or the nation. Every migration and every query runs on both.
public enum DatabaseEngine: String, Sendable {
    case sqlite
    case postgres
}

/// The storage handle every module uses. Reads may run concurrently; writes always run inside
/// `transaction`, which commits everything or nothing.
public protocol Database: AnyObject, Sendable {
    var engine: DatabaseEngine { get }

    /// Runs `body` on a connection for reading. Nothing written here is guaranteed to be atomic.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Closes every connection. Used on shutdown and by tests.
    func shutdown() async
}

extension Database {
    /// The group-commit writer of read-audit entries for this database.
    public var audit: AuditWriter { AuditWriter.shared(for: self) }

    /// A quick reachability check for `/health`.
    public func ping() async throws {
        try await read { db in try await db.raw("SELECT 1 AS ok").run() }
    }
}
