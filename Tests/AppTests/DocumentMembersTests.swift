import App
import Foundation
import Platform
import SplitMix
import Testing

/// `DocumentMembers` reads the members the OneRoster export and identity runs take from stored documents;
/// the oracle is Foundation's reading of documents Foundation wrote.
@Suite("Members of stored JSON documents")
struct DocumentMembersTests {
    /// Random documents written by Foundation, compact and pretty-printed (escaped slashes, `\uXXXX`
    /// control characters, nested values, numbers, booleans and null among the members read).
    @Test func membersEqualFoundationsReading() throws {
        var random = SplitMix64(seed: 41)
        let keys = ["givenName", "schoolCode", "a\"b", "x\\y", "Tên", "e/f", "n"]
        for round in 0..<2_000 {
            var document: [String: Any] = [:]
            // What `->>` gives for each member; nested values are compared as the values they read back as.
            var expected: [String: String] = [:], nested: [String: NSDictionary] = [:]
            for key in keys where random.next() % 5 != 0 {
                switch random.next() % 6 {
                case 0:
                    let number = Int(truncatingIfNeeded: random.next() % 100_000) - 50_000
                    document[key] = number
                    expected[key] = String(number)
                case 1:
                    let flag = random.next() % 2 == 0
                    document[key] = flag
                    expected[key] = String(flag)
                case 2: document[key] = NSNull()
                case 3:
                    // Without U+FEFF: Foundation's parser on Linux drops it inside strings, so the oracle would differ.
                    let inner = JSONTextTests.randomText(&random).replacingOccurrences(of: "\u{FEFF}", with: "")
                    let value: NSDictionary = ["nested": inner, "list": [1, 2, ["x"]]]
                    document[key] = value
                    nested[key] = value
                default:
                    let text = JSONTextTests.randomText(&random)
                    document[key] = text
                    expected[key] = text
                }
            }
            let options: JSONSerialization.WritingOptions = round % 2 == 0 ? [] : [.prettyPrinted]
            let text = String(decoding: try JSONSerialization.data(withJSONObject: document, options: options), as: UTF8.self)
            let values = try DocumentMembers(keys).values(in: text)
            for (key, value) in zip(keys, values) {
                if let dictionary = nested[key] {
                    let read = try JSONSerialization.jsonObject(with: Data(value.utf8))
                    #expect(try JSONSerialization.data(withJSONObject: read, options: .sortedKeys)
                        == JSONSerialization.data(withJSONObject: dictionary, options: .sortedKeys), "\(key) in \(text)")
                } else {
                    #expect(value == expected[key] ?? "", "\(key) in \(text)")
                }
            }
        }
    }

    @Test func escapesAreResolved() throws {
        let text = #"{"name":"Nguy\u1ec5n \"An\" \\ \/ \ud83d\ude00\n","gi\u0076en":"Th\u1ecb","other":1.5e3}"#
        #expect(try DocumentMembers(["name", "given", "other", "absent"]).values(in: text) == ["Nguyễn \"An\" \\ / 😀\n", "Thị", "1.5e3", ""])
    }

    @Test func aDocumentThatIsNotAnObjectIsRefused() throws {
        for text in ["", "[]", "{", #"{"a":"#, #"{"a" 1}"#, #"{"a":"unterminated}"#, #"{"a":1,}"#, #"{"a":[1,2}"#, "null",
                     #"{"a":"x\"#, #"{"a":"\"}"#, #"{"b":"\"#, #"{"a":"\q"}"#] {
            #expect(throws: DocumentMembers.Malformed.self, "\(text)") { try DocumentMembers(["a"]).values(in: text) }
        }
        #expect(try DocumentMembers(["a"]).values(in: " { } ") == [""])
    }

    /// No stored text holds U+001F, but a column that did must not cost the row its document.
    @Test func aColumnHoldingTheSeparatorLeavesTheDocumentReadable() async throws {
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.sqlite)
        defer { Task { await cleanup() } }
        try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            let fields = try await database.read { db in
                let row = try await db.raw("SELECT 'A' || char(31) || 'B' || char(31) || 'C' || char(31) || '{\"x\":\"y\"}' AS packed").first()
                return try row.map { try DocumentSQL.unpack($0, columns: 2, members: DocumentMembers(["x"])) }
            }
            #expect(fields == ["A", "B", "C", "y"])
        }
    }
}
