import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite in WAL mode: one writer connection behind a FIFO lock, and a few reader connections that
/// see the last committed state while a write is in progress.
public final class SQLiteStorage: Database {
    public let engine = DatabaseEngine.sqlite
    public let path: String
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let writeLock = AsyncLock()
    private let nextReader = Atomic<Int>(0)

    private init(path: String, writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.path = path
        self.writer = writer
        self.readers = readers
    }

    /// Opens (and creates if missing) the database file at `path`.
    public static func open(path: String, readers readerCount: Int = 4, logger: Logger) async throws -> SQLiteStorage {
        let writer = try await connect(path: path, logger: logger)
        // WAL lets readers proceed while the writer commits; it is a property of the file, set once.
        try await writer.sql().raw("PRAGMA journal_mode=WAL").run()
        var readers: [SQLiteConnection] = []
        for _ in 0..<max(1, readerCount) {
            readers.append(try await connect(path: path, logger: logger))
        }
        return SQLiteStorage(path: path, writer: writer, readers: readers)
    }

    private static func connect(path: String, logger: Logger) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let db = connection.sql(queryLogLevel: nil)
        try await db.raw("PRAGMA busy_timeout = 10000").run()
        try await db.raw("PRAGMA foreign_keys = ON").run()
        try await db.raw("PRAGMA synchronous = NORMAL").run()
        return connection
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let index = nextReader.add(1, ordering: .relaxed).oldValue
        let connection = readers[abs(index) % readers.count]
        return try await body(connection.sql(queryLogLevel: nil))
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = writer.sql(queryLogLevel: nil)
        return try await writeLock.withLock {
            // IMMEDIATE takes the write lock at once, so a reader-turned-writer never deadlocks.
            try await db.raw("BEGIN IMMEDIATE").run()
            let treeBefore = OrgTree.generation.load(ordering: .relaxed)
            do {
                let value = try await body(db)
                try await db.raw("COMMIT").run()
                OrgTree.treeCommitted(since: treeBefore)
                return value
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    public func shutdown() async {
        AuditWriter.release(for: self)
        for connection in readers { try? await connection.close() }
        try? await writer.close()
    }
}
