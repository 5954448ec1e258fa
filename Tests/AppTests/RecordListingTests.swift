@testable import BulkData
import Foundation
@testable import Platform
import Registry
import SQLKit
import SplitMix
import Testing

/// Listings and exports read the records owned under the caller's nodes and those shared with them as
/// two paged selects (`ResourceDescriptor.visiblePage`): paged through, they must give exactly
/// the visible records, each once, in byte order.
@Suite("Record listings and export pages, on SQLite and PostgreSQL")
struct RecordListingTests {
    @Test(arguments: Engine.allCases)
    func pagesHoldEveryVisibleRecordOnceInByteOrder(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let fixture = try await VisibilityFixture.make(setup)
            let visible = fixture.drafts.filter { fixture.visible($0, from: fixture.caller) }
            #expect(visible.count > 80 && visible.contains { !fixture.under(fixture.caller).contains($0.orgID) })

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
                        try await RecordStore.list(db, Guardian.resource, query, roots: [fixture.caller])
                    }
                    listed += page.map(\.id)
                    guard page.count == query.limit, let last = page.last else { break }
                    query.afterCursor = order == .id ? last.id : last.sortKey + "\u{1}" + last.id
                }
                #expect(listed == expected, "\(order)")
            }
        }
    }

    /// `visibleRows` gives each visible record once, owned or shared or both, for a count.
    @Test(arguments: Engine.allCases)
    func visibleRowsCountEachVisibleRecordOnce(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let fixture = try await VisibilityFixture.make(setup)
            for node in [fixture.caller, fixture.other, fixture.third, fixture.callerSchools[0]] {
                let counted = try await setup.database.read { db in
                    var sql = SQLQueryString("SELECT COUNT(*) AS n FROM (")
                    sql.appendInterpolation(Guardian.resource.visibleRows("SELECT 1 AS one FROM guardians t", roots: [node]))
                    sql.appendInterpolation(unsafeRaw: ") v")
                    return try await db.raw(sql).first()?.decode(column: "n", as: Int.self)
                }
                #expect(counted == fixture.drafts.filter { fixture.visible($0, from: node) }.count)
            }
        }
    }

    /// An export narrowed to another department holds the records visible both there and to the
    /// principal, even where the principal's scope removes most of a page's candidates.
    @Test(arguments: Engine.allCases)
    func exportPagesHoldWhatIsVisibleBothToThePrincipalAndUnderTheNarrowedNode(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let fixture = try await VisibilityFixture.make(setup)
            let principal = Principal(id: "officer", name: "officer", kind: .user, grants: [Grant(role: .departmentAdmin, orgID: fixture.caller)])
            for narrowedTo in [nil, fixture.other, fixture.third] {
                let expected = fixture.drafts
                    .filter { draft in fixture.visible(draft, from: fixture.caller) && narrowedTo.map { fixture.visible(draft, from: $0) } ?? true }
                    .map(\.naturalKey).sorted { bytes($0).lexicographicallyPrecedes(bytes($1)) }
                #expect(expected.count > (narrowedTo == nil ? 80 : 5))
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
}

/// Three departments, the first with more schools than SQLite pages from the owner's index
/// (`ResourceDescriptor.ownerIndexMaxNodes`), and 180 guardians owned by them or those schools at
/// random, a quarter of them shared: with the first department, or from under it with the second
/// and the first.
struct VisibilityFixture {
    let caller: String
    let other: String
    let third: String
    let callerSchools: [String]
    let drafts: [RecordDraft]

    /// The nodes at and below `node`.
    func under(_ node: String) -> Set<String> { node == caller ? Set(callerSchools + [caller]) : [node] }

    func visible(_ draft: RecordDraft, from node: String) -> Bool {
        let nodes = under(node)
        return nodes.contains(draft.orgID) || !nodes.isDisjoint(with: draft.alsoVisibleTo)
    }

    static func make(_ setup: ImportSetup) async throws -> VisibilityFixture {
        let departments = try await setup.database.read { db in
            try await db.raw("SELECT id FROM org_units WHERE kind = 'department' ORDER BY code LIMIT 3").all()
                .map { try $0.decode(column: "id", as: String.self) }
        }
        let (caller, other, third) = (departments[0], departments[1], departments[2])
        let schools = (0...ResourceDescriptor.ownerIndexMaxNodes).map { index in
            OrgTree.NewNode(id: "school-\(index)", code: "TS\(index)", kind: "school", name: "Trường \(index)", provinceCode: nil,
                            parentID: caller, validFrom: "2020-09-01")
        }
        var random = SplitMix64(seed: 2026)
        // Sort keys from few letters, so that many are equal and the ID breaks the tie; some
        // beyond ASCII, where byte order and a language's order differ.
        let letters = ["a", "b", "Đ", "é", "z"]
        let callerNodes = Set(schools.map(\.id) + [caller])
        let drafts = (0..<180).map { index -> RecordDraft in
            let owner = [caller, other, third, schools[Int(random.next() % UInt64(schools.count))].id][Int(random.next() % 4)]
            // Shared from under the first department with the second, and with the first itself, so
            // that a record both owned and shared in a scope must still come once.
            let shared = random.next() % 4 == 0 ? (callerNodes.contains(owner) ? [other, caller] : [caller]) : []
            let sortKey = (0..<2).map { _ in letters[Int(random.next() % UInt64(letters.count))] }.joined()
            return RecordDraft(id: String(format: "%016llx", random.next()), naturalKey: "G\(letters[index % letters.count])\(index)",
                               orgID: owner, alsoVisibleTo: shared, sortKey: sortKey, body: "{}")
        }
        try await setup.database.transaction { db in
            try await OrgTree.insert(db, schools)
            _ = try await RecordStore.insertAll(db, Guardian.resource, drafts)
        }
        return VisibilityFixture(caller: caller, other: other, third: third, callerSchools: schools.map(\.id), drafts: drafts)
    }
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
