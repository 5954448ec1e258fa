import Foundation
import NIOCore
import SQLiteNIO
import VaporCSQLite

/// One SQLite connection whose statements run synchronously on the calling thread, with its
/// prepared statements kept for reuse.
///
/// Why not SQLiteNIO's connection: it runs every statement on a thread pool and hands the result
/// back, two thread wake-ups per statement, which cost more than the statement itself (a primary-key
/// read from the page cache takes a few microseconds). SQLite work is CPU-bound once pages are
/// cached, so running it where the task already is costs less. The SQLite library is the copy
/// sqlite-nio vendors (module `VaporCSQLite`, reached through the SQLiteNIO dependency; its symbols
/// carry a `sqlite_nio_` prefix, so it never clashes with a system SQLite).
///
/// The connection is opened without SQLite's own mutex, and `SQLiteStorage` gives it to one task
/// at a time (a reader is checked out of a pool, the writer is behind a lock). That task may still
/// run two statements at once from child tasks (an import stores one batch while it reads for the
/// next), so each statement holds `running`.
final class DirectSQLiteConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private let running = NSLock()
    /// Prepared statements by SQL text. The SQL the platform sends is built from a few templates with
    /// bound values, so this stays small; `maximumCachedStatements` bounds it anyway, and
    /// `maximumCachedSQLBytes` bounds its memory. A bulk write's statements bind one value per key or
    /// cell of a batch, so their text, and the program SQLite compiles from it, grows with the batch;
    /// a batch whose refused rows change its size brings new texts each time. Kept by number alone,
    /// such statements held about 60 MB, and an import of a file with refused rows peaked at twice
    /// the memory of a clean one.
    private var statements: [String: OpaquePointer] = [:]
    private(set) var cachedSQLBytes = 0
    private static let maximumCachedStatements = 256
    static let maximumCachedSQLBytes = 256 << 10

    init(path: String) throws {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite_nio_sqlite3_open_v2(path, &opened, flags, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            if let opened { sqlite_nio_sqlite3_close_v2(opened) }
            throw SQLiteFailure(code: status, message: message)
        }
        handle = opened
        sqlite_nio_sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        sqlite_nio_sqlite3_close_v2(handle)
    }

    /// Runs one statement with its bound values and calls `onRow` for each result row. `onRow` must
    /// not use this connection: the statement holds it until its last row.
    func query(_ sql: String, _ binds: [SQLiteData], onRow: (DirectSQLiteRow) throws -> Void) throws {
        running.lock()
        defer { running.unlock() }
        let statement = try prepared(sql)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        try bind(binds, to: statement)
        var columns: DirectSQLiteRow.Columns?
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw failure(status) }
            let names = columns ?? DirectSQLiteRow.Columns(statement: statement)
            columns = names
            try onRow(DirectSQLiteRow(columns: names, values: Self.values(of: statement, count: names.names.count)))
        }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw failure(status) }
        if statements.count >= Self.maximumCachedStatements || cachedSQLBytes + sql.utf8.count > Self.maximumCachedSQLBytes {
            for old in statements.values { sqlite_nio_sqlite3_finalize(old) }
            statements.removeAll(keepingCapacity: true)
            cachedSQLBytes = 0
        }
        statements[sql] = statement
        cachedSQLBytes += sql.utf8.count
        return statement
    }

    private func bind(_ binds: [SQLiteData], to statement: OpaquePointer) throws {
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let integer): status = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
            case .float(let double): status = sqlite_nio_sqlite3_bind_double(statement, index, double)
            case .text(let text):
                // The byte length, not -1: a NUL inside the value must not cut it short. The string's
                // own bytes, not a copy: a bulk write binds thousands of texts a statement.
                var text = text
                status = text.withUTF8 { buffer in
                    // An empty buffer may have no base address, which SQLite would bind as NULL rather than "".
                    let start = buffer.baseAddress.map { UnsafeRawPointer($0) } ?? Self.emptyText
                    return sqlite_nio_sqlite3_bind_text(statement, index, start.assumingMemoryBound(to: CChar.self),
                                                        Int32(buffer.count), Self.transient)
                }
            case .blob(let buffer):
                status = buffer.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient)
                }
            case .null: status = sqlite_nio_sqlite3_bind_null(statement, index)
            }
            guard status == SQLITE_OK else { throw failure(status) }
        }
    }

    private static func values(of statement: OpaquePointer, count: Int) -> [SQLiteData] {
        var values: [SQLiteData] = []
        values.reserveCapacity(count)
        for column in 0..<Int32(count) {
            switch sqlite_nio_sqlite3_column_type(statement, column) {
            case SQLITE_INTEGER: values.append(.integer(Int(sqlite_nio_sqlite3_column_int64(statement, column))))
            case SQLITE_FLOAT: values.append(.float(sqlite_nio_sqlite3_column_double(statement, column)))
            case SQLITE_TEXT:
                let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
                guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { values.append(.text("")); continue }
                values.append(.text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)))
            case SQLITE_BLOB:
                let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
                let bytes = sqlite_nio_sqlite3_column_blob(statement, column)
                values.append(.blob(ByteBuffer(bytes: UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : length))))
            default: values.append(.null)
            }
        }
        return values
    }

    private func failure(_ status: Int32) -> SQLiteFailure {
        SQLiteFailure(code: sqlite_nio_sqlite3_extended_errcode(handle), message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }

    /// SQLite copies bound text and blobs before `bind` returns (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    nonisolated(unsafe) private static let emptyText = UnsafeRawPointer(("" as StaticString).utf8Start)
}

/// An error reported by SQLite, with its extended result code.
public struct SQLiteFailure: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String

    public var description: String { "SQLite error \(code): \(message)" }

    /// A UNIQUE or PRIMARY KEY constraint failed: the write conflicts with stored data.
    public var isUniqueViolation: Bool {
        code == 2067 /* SQLITE_CONSTRAINT_UNIQUE */ || code == 1555 /* SQLITE_CONSTRAINT_PRIMARYKEY */
    }
}
