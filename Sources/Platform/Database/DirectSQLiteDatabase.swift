import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import VaporCSQLite

/// SQLKit's view of a `DirectSQLiteConnection`: queries are serialised with the SQLite dialect and
/// run at once on the calling thread.
struct DirectSQLiteDatabase: SQLDatabase {
    let connection: DirectSQLiteConnection
    let logger: Logger

    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try run(query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> ()) throws {
        let (sql, binds) = serialize(query)
        let encoder = SQLiteDataEncoder()
        // Text and integers are most binds; a direct cast skips the generic encoder, which took a
        // twentieth of a bulk import's writer.
        let values = try binds.map { bind -> SQLiteData in
            switch bind {
            case let text as String: .text(text)
            case let integer as Int: .integer(integer)
            // A missing text (an optional column's nil) is NULL, as the encoder would make it.
            case let text as String?: text.map { .text($0) } ?? .null
            default: try encoder.encode(bind)
            }
        }
        try connection.query(sql, values) { onRow($0) }
    }
}

/// One result row. Column names are shared by all rows of a statement.
struct DirectSQLiteRow: SQLRow {
    final class Columns: Sendable {
        let names: [String]
        let index: [String: Int]

        init(statement: OpaquePointer) {
            let count = Int(sqlite_nio_sqlite3_column_count(statement))
            names = (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, Int32($0))) }
            // The first of two columns with one name wins, as in SQLiteNIO.
            index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    let columns: Columns
    let values: [SQLiteData]

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index[column] != nil }

    func decodeNil(column: String) throws -> Bool { (value(column) ?? .null) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = value(column) else {
            throw DecodingError.keyNotFound(SQLColumnKey(column), .init(codingPath: [], debugDescription: "no column \(column)"))
        }
        // Text and integers are most columns; a direct cast skips the generic decoder.
        switch data {
        case .text(let text): if let value = text as? D { return value }
        case .integer(let integer): if let value = integer as? D { return value }
        default: break
        }
        return try SQLiteDataDecoder().decode(D.self, from: data)
    }

    private func value(_ column: String) -> SQLiteData? {
        columns.index[column].map { values[$0] }
    }
}

private struct SQLColumnKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
