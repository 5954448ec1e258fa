import App
import Foundation
import Platform
import SQLKit
import SplitMix
import Testing

/// `CopyText` escapes what PostgreSQL's COPY text format gives a meaning to: whatever a row holds
/// must read back from a real server byte for byte, NULL apart from the empty text.
@Suite("COPY text")
struct CopyTextTests {
    /// Pieces a stored value is made of: the format's own characters, an escaped sequence's look-alikes,
    /// Vietnamese in NFC and NFD, other scripts and an emoji.
    static let pieces = ["\\", "\t", "\n", "\r", "\r\n", "\\N", "\\t", "N", "\"", ",", " ", "Đặng", "Nguye\u{0302}\u{0303}n",
                         "漢字", "👩‍🏫", "{\"a\":\"b\\\"c\"}", "x", "\u{00A0}", ";"]

    @Test func everyGeneratedRowReadsBackAsWritten() async throws {
        var random = SplitMix64(seed: 2026)
        let rows: [(key: Int, text: String?, other: String?)] = (0..<3_000).map { key in
            func value() -> String? {
                switch random.next() % 8 {
                case 0: return nil
                case 1: return ""
                default: return (0..<Int(random.next() % 6)).map { _ in Self.pieces[Int(random.next() % UInt64(Self.pieces.count))] }.joined()
                }
            }
            return (key, value(), value())
        }
        // Two parts, sent one after the other in one COPY, as a batch's are.
        var parts = [CopyText(), CopyText(capacity: 64)]
        for row in rows { parts[row.key % 2].appendRow([String(row.key), row.text, row.other]) }
        #expect(parts.map(\.rows) == [1_500, 1_500])
        let sent = parts + [CopyText()]

        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.postgres)
        defer { Task { await cleanup() } }
        try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            try await database.transaction { db in
                let postgres = try #require(db as? PostgresTransaction)
                try await db.raw("CREATE TABLE copy_probe (key TEXT PRIMARY KEY, text TEXT, other TEXT)").run()
                try await postgres.copy(sent, into: "copy_probe", columns: ["key", "text", "other"])
            }
            let stored = try await database.read { db in
                try await db.raw("SELECT key, text, other FROM copy_probe").all().map {
                    (try $0.decode(column: "key", as: String.self), try $0.decode(column: "text", as: String?.self),
                     try $0.decode(column: "other", as: String?.self))
                }
            }
            let byKey = Dictionary(uniqueKeysWithValues: stored.map { (Int($0.0)!, $0) })
            #expect(byKey.count == rows.count)
            for row in rows {
                let read = try #require(byKey[row.key])
                #expect(read.1.map { Array($0.utf8) } == row.text.map { Array($0.utf8) }, "row \(row.key), text")
                #expect(read.2.map { Array($0.utf8) } == row.other.map { Array($0.utf8) }, "row \(row.key), other")
            }
        }
    }

    /// A COPY the server refuses rolls back the statements of its transaction before it, and says why.
    @Test func aRefusedCopyLeavesNothing() async throws {
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.postgres)
        defer { Task { await cleanup() } }
        try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            try await database.transaction { db in
                try await db.raw("CREATE TABLE copy_probe (key TEXT PRIMARY KEY, text TEXT)").run()
            }
            var refused = CopyText()
            refused.appendRow(["a", "first"])
            refused.appendRow(["a", "the same key again"])
            let text = refused
            let error = await #expect(throws: (any Error).self) {
                try await database.transaction { db in
                    try await db.raw("INSERT INTO copy_probe (key, text) VALUES ('before', 'written first')").run()
                    try await #require(db as? PostgresTransaction).copy([text], into: "copy_probe", columns: ["key", "text"])
                }
            }
            // Callers tell a taken key from other failures as they do for an insert's.
            #expect(error.map(DatabaseErrors.isUniqueViolation) == true)
            let count = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM copy_probe").first()?.decode(column: "n", as: Int.self)
            }
            #expect(count == 0)
        }
    }
}
