import Foundation
import Platform
import Registry
import SQLKit
import SplitMix
import Testing

/// `RecordStore.list` reads the records owned under the caller's nodes and those shared with them as
/// two sub-selects: paged through, they must give exactly the visible records, each once, in byte order.
@Suite("Record listings, on SQLite and PostgreSQL")
struct RecordListingTests {
    @Test(arguments: Engine.allCases)
    func pagesHoldEveryVisibleRecordOnceInByteOrder(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let departments = try await setup.database.read { db in
                try await db.raw("SELECT id FROM org_units WHERE kind = 'department' ORDER BY code LIMIT 3").all()
                    .map { try $0.decode(column: "id", as: String.self) }
            }
            let (caller, other, third) = (departments[0], departments[1], departments[2])
            var random = SplitMix64(seed: 2026)
            // Sort keys from few letters, so that many are equal and the ID breaks the tie; some
            // beyond ASCII, where byte order and a language's order differ.
            let letters = ["a", "b", "Đ", "é", "z"]
            let drafts = (0..<180).map { index -> RecordDraft in
                let owner = [caller, other, third][Int(random.next() % 3)]
                let shared = random.next() % 4 == 0 ? [owner == caller ? other : caller] : []
                let sortKey = (0..<2).map { _ in letters[Int(random.next() % UInt64(letters.count))] }.joined()
                return RecordDraft(id: String(format: "%016llx", random.next()), naturalKey: "G\(index)", orgID: owner,
                                   alsoVisibleTo: shared, sortKey: sortKey, body: "{}")
            }
            try await setup.database.transaction { db in _ = try await RecordStore.insertAll(db, Guardian.resource, drafts) }
            let visible = drafts.filter { $0.orgID == caller || $0.alsoVisibleTo.contains(caller) }
            #expect(visible.count > 60 && visible.contains { $0.orgID != caller })

            func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
            let byID = visible.map(\.id).sorted { bytes($0).lexicographicallyPrecedes(bytes($1)) }
            let bySortKey = visible.sorted {
                $0.sortKey == $1.sortKey ? bytes($0.id).lexicographicallyPrecedes(bytes($1.id))
                    : bytes($0.sortKey).lexicographicallyPrecedes(bytes($1.sortKey))
            }.map(\.id)
            for (order, expected) in [(ListQuery.Order.id, byID), (.sortKey, bySortKey)] {
                var query = ListQuery()
                query.order = order
                query.limit = 7
                var listed: [String] = []
                while true {
                    let page = try await setup.database.read { [query] db in
                        try await RecordStore.list(db, Guardian.resource, query, roots: [caller])
                    }
                    listed += page.map(\.id)
                    guard page.count == query.limit, let last = page.last else { break }
                    query.afterCursor = order == .id ? last.id : last.sortKey + "\u{1}" + last.id
                }
                #expect(listed == expected, "\(order)")
            }
        }
    }
}
