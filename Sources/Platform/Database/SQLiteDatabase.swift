import Foundation
import Logging
import SQLKit
import Synchronization

/// SQLite in WAL mode: one writer connection behind a FIFO lock, and reader connections that see
/// the last committed state while a write is in progress. Statements run on the calling thread
/// (see `DirectSQLiteConnection`); a long statement therefore holds that thread, which suits the
/// embedded deployments SQLite serves (a school, a developer) and keeps every short read cheap.
public final class SQLiteStorage: Database {
    public let engine = DatabaseEngine.sqlite
    public let path: String
    private let logger: Logger
    private let writer: DirectSQLiteConnection
    private let writeLock = AsyncLock()
    /// Idle readers. A read checks one out for the length of its body and opens another when none
    /// is idle, so concurrent reads never wait for each other. Opening one costs a schema load and
    /// fresh statements, so as many are kept as busy periods use, up to a bound.
    private let idleReaders = Mutex<[DirectSQLiteConnection]>([])
    private static let maximumIdleReaders = 64

    private init(path: String, writer: DirectSQLiteConnection, logger: Logger) {
        self.path = path
        self.writer = writer
        self.logger = logger
    }

    /// Opens (and creates if missing) the database file at `path`.
    public static func open(path: String, logger: Logger) async throws -> SQLiteStorage {
        let writer = try connect(path: path)
        // WAL lets readers proceed while the writer commits; it is a property of the file, set once.
        try writer.query("PRAGMA journal_mode=WAL", []) { _ in }
        // The writer's temporary files in memory: a savepoint keeps the pages it changes in a
        // sub-journal, by default a temporary file, and a bulk import's savepoint per batch spent a
        // twentieth of its time in write calls to it. In memory it holds one batch's pages. Statement
        // journals and sorts stay in memory too: a statement that sorts or rewrites a whole table of
        // millions of rows (a new index in a migration) needs that table's size in memory. SQLite
        // serves a school or a developer; provinces and the nation run on PostgreSQL.
        try writer.query("PRAGMA temp_store = MEMORY", []) { _ in }
        // A page cache of 64 MB for the writer, where SQLite's default is 2 MB. A record goes into
        // indexes at random places (a random ID, a citizen ID, a folded name), and with 2 MB the
        // pages a write needs next were mostly out of the cache: for a province's 356,502 learners
        // SQLite wrote 1.07 million pages and read back 0.78 million, against 0.53 and 0.24 million
        // with 64 MB. The cache fills only as pages are used; readers keep the default.
        try writer.query("PRAGMA cache_size = -65536", []) { _ in }
        return SQLiteStorage(path: path, writer: writer, logger: logger)
    }

    private static func connect(path: String) throws -> DirectSQLiteConnection {
        let connection = try DirectSQLiteConnection(path: path)
        for pragma in ["PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"] {
            try connection.query(pragma, []) { _ in }
        }
        return connection
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try idleReaders.withLock { $0.popLast() } ?? Self.connect(path: path)
        defer {
            idleReaders.withLock { idle in
                if idle.count < Self.maximumIdleReaders { idle.append(connection) }
            }
        }
        return try await body(DirectSQLiteDatabase(connection: connection, logger: logger))
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = DirectSQLiteDatabase(connection: writer, logger: logger)
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
        // Connections close when the last reference goes; dropping the idle ones closes them now.
        idleReaders.withLock { $0.removeAll() }
    }
}
