import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import ServiceLifecycle

/// PostgreSQL through PostgresNIO's connection pool. The pool must be running (`run()`), which the
/// server does as a ServiceLifecycle service and the CLI does in a background task.
public final class PostgresStorage: Database, Service {
    public let engine = DatabaseEngine.postgres
    public let client: PostgresClient
    private let logger: Logger

    public init(url: String, logger: Logger) throws {
        let configuration = try PostgresStorage.configuration(from: url)
        self.client = PostgresClient(configuration: configuration, eventLoopGroup: RoundRobinEventLoops(), backgroundLogger: logger)
        self.logger = logger
    }

    /// Connects once to the server the URL names, failing at once with the reason when it cannot.
    public static func checkConnection(url: String, logger: Logger) async throws {
        try await PostgresTarget(url: url).checkConnection(logger: logger)
    }

    static func configuration(from url: String) throws -> PostgresClient.Configuration {
        var configuration = try PostgresTarget(url: url).clientConfiguration
        configuration.options.maximumConnections = 20
        // No JIT compilation: the platform's queries are short, and a page of an export or a report over a
        // large table is estimated dear enough to be compiled each time, which cost more than it saved
        // (50–110 ms of a 170–240 ms page of 20,000 learners).
        configuration.options.additionalStartupParameters = [("jit", "off")]
        return configuration
    }

    public func run() async throws {
        await client.run()
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    /// Runs `body` in a transaction; its database is a `PostgresTransaction`, which can also COPY.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let treeBefore = OrgTree.generation.load(ordering: .relaxed)
        do {
            let value = try await client.withTransaction(logger: logger) { [logger] connection in
                try await body(PostgresTransaction(connection: connection, logger: logger))
            }
            OrgTree.treeCommitted(since: treeBefore)
            return value
        } catch let error as PostgresTransactionError {
            // The rules' own errors (validation, not found, conflict) must reach the caller as they were
            // thrown; the transaction was rolled back either way.
            if let closureError = error.closureError, error.rollbackError == nil { throw closureError }
            throw error
        }
    }

    public func shutdown() async {
        AuditWriter.release(for: self)
    }
}

/// A transaction's connection: its statements, as any `SQLDatabase` runs them, and `COPY … FROM
/// STDIN` beside them for bulk writes (`copy`). Code that writes many rows asks for it with
/// `db as? PostgresTransaction` and falls back to multi-row inserts elsewhere.
public struct PostgresTransaction: SQLDatabase {
    private let statements: any SQLDatabase
    private let connection: PostgresConnection

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        statements = connection.sql(queryLogLevel: nil, logger: logger)
    }

    public var logger: Logger { statements.logger }
    public var eventLoop: any EventLoop { statements.eventLoop }
    public var version: (any SQLDatabaseReportedVersion)? { statements.version }
    public var dialect: any SQLDialect { statements.dialect }
    public var queryLogLevel: Logger.Level? { statements.queryLogLevel }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        statements.execute(sql: query, onRow)
    }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await statements.execute(sql: query, onRow)
    }

    public func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    /// `COPY table (columns) FROM STDIN` of `parts`, one after another, in the transaction. The names
    /// go into the statement as they are: they must be the program's own, never a user's. A refused
    /// row (a key taken) fails the whole COPY with the server's error, as a refused insert would.
    public func copy(_ parts: [CopyText], into table: String, columns: [String]) async throws {
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            for part in parts where part.rows > 0 { try await writer.write(part.bytes) }
        }
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
