@testable import BulkData
import Foundation
import Platform
import Registry
import SQLKit
import SplitMix
import Testing

/// Listings and exports read the records owned under the caller's nodes and those shared with them as
/// two paged selects (`ResourceDescriptor.visibleCondition`): paged through, they must give exactly
/// the visible records, each once, in byte order.
@Suite("Record listings and export pages, on SQLite and PostgreSQL")
struct RecordListingTests {
    @Test(arguments: Engine.allCases)
    func pagesHoldEveryVisibleRecordOnceInByteOrder(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let departments = try await Self.departments(setup)
            let caller = departments.0
            let drafts = try await Self.storeGuardians(setup, owners: departments)
            let visible = drafts.filter { $0.orgID == caller || $0.alsoVisibleTo.contains(caller) }
            #expect(visible.count > 60 && visible.contains { $0.orgID != caller })

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

    /// An export narrowed to another department holds the records visible both there and to the
    /// principal, even where the principal's scope removes most of a page's candidates.
    @Test(arguments: Engine.allCases)
    func exportPagesHoldWhatIsVisibleBothToThePrincipalAndUnderTheNarrowedNode(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let (caller, other, third) = try await Self.departments(setup)
            let drafts = try await Self.storeGuardians(setup, owners: (caller, other, third))
            let principal = Principal(id: "officer", name: "officer", kind: .user, grants: [Grant(role: .departmentAdmin, orgID: caller)])
            func visible(_ draft: RecordDraft, from node: String) -> Bool { draft.orgID == node || draft.alsoVisibleTo.contains(node) }
            for narrowedTo in [nil, other, third] {
                let expected = drafts.filter { draft in visible(draft, from: caller) && narrowedTo.map { visible(draft, from: $0) } ?? true }
                    .map(\.naturalKey).sorted { bytes($0).lexicographicallyPrecedes(bytes($1)) }
                #expect(expected.count > (narrowedTo == nil ? 60 : 5))
                let scope = ExportScope(principal: principal, narrowedTo: narrowedTo)
                var exported: [String] = []
                var after: String?
                while true {
                    let page = try await setup.database.read { [after] db in
                        try await BulkExporter.page(db, Guardian.resource, scope: scope, after: after, limit: 7)
                    }
                    exported += page.map(\.naturalKey)
                    guard page.count == 7, let last = page.last else { break }
                    after = last.naturalKey
                }
                #expect(exported == expected, "narrowed to \(narrowedTo ?? "nothing")")
            }
        }
    }

    /// The first three departments by code.
    static func departments(_ setup: ImportSetup) async throws -> (String, String, String) {
        let ids = try await setup.database.read { db in
            try await db.raw("SELECT id FROM org_units WHERE kind = 'department' ORDER BY code LIMIT 3").all()
                .map { try $0.decode(column: "id", as: String.self) }
        }
        return (ids[0], ids[1], ids[2])
    }

    /// 180 guardians owned by the three departments at random, a quarter of them shared with the
    /// first (or, when they are its own, with the second).
    static func storeGuardians(_ setup: ImportSetup, owners: (String, String, String)) async throws -> [RecordDraft] {
        let (caller, other, third) = owners
        var random = SplitMix64(seed: 2026)
        // Sort keys from few letters, so that many are equal and the ID breaks the tie; some
        // beyond ASCII, where byte order and a language's order differ.
        let letters = ["a", "b", "Đ", "é", "z"]
        let drafts = (0..<180).map { index -> RecordDraft in
            let owner = [caller, other, third][Int(random.next() % 3)]
            let shared = random.next() % 4 == 0 ? [owner == caller ? other : caller] : []
            let sortKey = (0..<2).map { _ in letters[Int(random.next() % UInt64(letters.count))] }.joined()
            return RecordDraft(id: String(format: "%016llx", random.next()), naturalKey: "G\(letters[index % letters.count])\(index)",
                               orgID: owner, alsoVisibleTo: shared, sortKey: sortKey, body: "{}")
        }
        try await setup.database.transaction { db in _ = try await RecordStore.insertAll(db, Guardian.resource, drafts) }
        return drafts
    }
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
