import NIOConcurrencyHelpers
import SQLKit
import Synchronization

/// The education-management tree (ministry → provincial department → school → satellite campus).
///
/// Edges are effective-dated (`org_edges`), so a report on a year before the 2025 reform still rolls a
/// school up to its old department. `org_closure` holds the ancestor/descendant pairs of the tree as it
/// stands today; scope checks join against it, so deciding visibility is one indexed lookup.
public enum OrgTree {
    /// A node to add to the tree: its row of `org_units`, under `parentID` (nil for the root) from
    /// `validFrom` on.
    public struct NewNode: Sendable, Equatable {
        public let id: String
        public let code: String
        public let kind: String
        public let name: String
        public let provinceCode: String?
        public let parentID: String?
        public let validFrom: String

        public init(id: String, code: String, kind: String, name: String, provinceCode: String?, parentID: String?, validFrom: String) {
            self.id = id
            self.code = code.uppercased()
            self.kind = kind
            self.name = name
            self.provinceCode = provinceCode
            self.parentID = parentID
            self.validFrom = validFrom
        }
    }

    /// Adds nodes whose parents are already in the tree (not one another): their rows, their edges
    /// and their closure rows, with a few statements for many nodes (a batch of imported schools).
    public static func insert(_ db: any SQLDatabase, _ nodes: [NewNode]) async throws {
        // A parent in the same list would not have its ancestors' closure rows yet when its child copies them.
        precondition(Set(nodes.map(\.id)).isDisjoint(with: nodes.compactMap(\.parentID)), "a new node's parent is in the tree already")
        let createdAt = Clock.timestamp()
        for chunk in nodes.batches(of: RecordStore.rowsPerStatement) {
            let nodes = Array(chunk)
            try await db.execute(sql: MultiRowInsert(
                into: "org_units", columns: ["id", "code", "kind", "name", "province_code", "status", "valid_from", "valid_to", "created_at"],
                values: nodes.flatMap { node -> [any Encodable & Sendable] in
                    [node.id, node.code, node.kind, node.name, node.provinceCode, "active", node.validFrom, String?.none, createdAt]
                })) { _ in }
            let attached = nodes.filter { $0.parentID != nil }
            if !attached.isEmpty {
                try await db.execute(sql: MultiRowInsert(
                    into: "org_edges", columns: ["child_id", "parent_id", "valid_from", "valid_to"],
                    values: attached.flatMap { node -> [any Encodable & Sendable] in [node.id, node.parentID, node.validFrom, String?.none] })) { _ in }
            }
            // Each node is its own ancestor at depth 0, and a descendant of each of its parent's ancestors.
            try await db.execute(sql: MultiRowInsert(
                into: "org_closure", columns: ["ancestor_id", "descendant_id", "depth"],
                values: nodes.flatMap { node -> [any Encodable & Sendable] in [node.id, node.id, 0] })) { _ in }
            if !attached.isEmpty {
                var sql = SQLQueryString("WITH added (node_id, parent_id) AS (VALUES ")
                for (index, node) in attached.enumerated() {
                    sql.appendInterpolation(unsafeRaw: index == 0 ? "(" : ", (")
                    sql.appendInterpolation(bind: node.id)
                    sql.appendInterpolation(unsafeRaw: ", ")
                    sql.appendInterpolation(bind: node.parentID!)
                    sql.appendInterpolation(unsafeRaw: ")")
                }
                sql.appendInterpolation(unsafeRaw: """
                    ) INSERT INTO org_closure (ancestor_id, descendant_id, depth)
                    SELECT c.ancestor_id, added.node_id, c.depth + 1 FROM added JOIN org_closure c ON c.descendant_id = added.parent_id
                    """)
                try await db.raw(sql).run()
            }
        }
    }

    /// Moves a node (and its subtree) under a new parent from `effective` on. The old edge is closed the
    /// day before, so history keeps both.
    public static func reparent(_ db: any SQLDatabase, nodeID: String, newParentID: String, effective: CivilDate) async throws {
        if try await isAncestor(db, nodeID, of: newParentID) {
            throw ValidationFailure(field: "parentCode", code: "org.cycle",
                                    message: "a node cannot be moved under itself or its own descendant")
        }
        generation.add(1, ordering: .relaxed)
        // The closure is today's tree, so a move cannot be dated in the future; and it cannot predate
        // the edge it ends.
        if effective > Clock.today() {
            throw ValidationFailure(field: "effective", code: "org.futureMove",
                                    message: "a move takes effect today or earlier; record it on its effective date")
        }
        if let current = try await db.raw("""
            SELECT valid_from FROM org_edges WHERE child_id = \(bind: nodeID) AND valid_to IS NULL
            """).first()?.decode(column: "valid_from", as: String.self), effective.description < current {
            throw ValidationFailure(field: "effective", code: "org.moveBeforeEdge",
                                    message: "the node has been under its current parent since \(current); a move cannot take effect before that")
        }
        // A move on the very day the current edge began corrects that edge rather than ending it.
        try await db.raw("""
            DELETE FROM org_edges WHERE child_id = \(bind: nodeID) AND valid_to IS NULL AND valid_from = \(bind: effective.description)
            """).run()
        let dayBefore = effective.addingDays(-1).description
        try await db.raw("""
            UPDATE org_edges SET valid_to = \(bind: dayBefore)
            WHERE child_id = \(bind: nodeID) AND valid_to IS NULL
            """).run()
        try await db.raw("""
            INSERT INTO org_edges (child_id, parent_id, valid_from, valid_to)
            VALUES (\(bind: nodeID), \(bind: newParentID), \(bind: effective.description), NULL)
            """).run()
        // Detach the subtree from its old ancestors, then attach it under the new parent's ancestors.
        try await db.raw("""
            DELETE FROM org_closure
            WHERE descendant_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = \(bind: nodeID))
              AND ancestor_id NOT IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = \(bind: nodeID))
            """).run()
        try await db.raw("""
            INSERT INTO org_closure (ancestor_id, descendant_id, depth)
            SELECT above.ancestor_id, below.descendant_id, above.depth + below.depth + 1
            FROM org_closure above, org_closure below
            WHERE above.descendant_id = \(bind: newParentID) AND below.ancestor_id = \(bind: nodeID)
            """).run()
    }

    public static func isAncestor(_ db: any SQLDatabase, _ ancestorID: String, of nodeID: String) async throws -> Bool {
        try await db.raw("""
            SELECT 1 AS hit FROM org_closure WHERE ancestor_id = \(bind: ancestorID) AND descendant_id = \(bind: nodeID)
            """).first() != nil
    }

    /// Bumped whenever a node moves: principals cached with their reach expanded before the move are
    /// then re-read, so a school moved away leaves a department's reach at once (in this process).
    public static let generation = Atomic<Int>(0)

    /// Called after every commit: if a move happened inside the transaction, bump again, so a
    /// principal loaded between the move and its commit (still seeing the old tree) is not kept.
    static func treeCommitted(since before: Int) {
        if generation.load(ordering: .relaxed) != before { generation.add(1, ordering: .relaxed) }
    }

    /// The IDs of tree roots (ministry nodes) this process has seen. IDs are UUIDs, unique across
    /// databases, so one set serves every database the process opens.
    private static let roots = NIOLockedValueBox<Set<String>>([])

    /// Remembers a root node; scope checks against it then need no query, since everything lies below it.
    public static func registerRoot(_ id: String) {
        roots.withLockedValue { _ = $0.insert(id) }
    }

    /// True when one of `nodes` is the root of the tree: the whole tree is in scope.
    public static func includesRoot(_ nodes: [String]) -> Bool {
        roots.withLockedValue { !$0.isDisjoint(with: nodes) }
    }

    /// True when `nodeID` lies at or below one of `roots` in today's tree.
    public static func isWithin(_ db: any SQLDatabase, nodeID: String, roots: [String]) async throws -> Bool {
        guard !roots.isEmpty else { return false }
        if roots.contains(nodeID) || includesRoot(roots) { return true }
        let read = {
            try await db.raw("""
                SELECT 1 AS hit FROM org_closure
                WHERE descendant_id = \(bind: nodeID) AND ancestor_id IN (\(binds: roots))
                """).first() != nil
        }
        guard let cache = ReferenceReadCache.current else { return try await read() }
        return try await cache.isWithin(nodeID: nodeID, roots: roots, read: read)
    }

    /// Every node at or below one of `roots` in today's tree.
    public static func descendants(_ db: any SQLDatabase, of roots: [String]) async throws -> Set<String> {
        guard !roots.isEmpty else { return [] }
        return Set(try await db.raw("""
            SELECT DISTINCT descendant_id FROM org_closure WHERE ancestor_id IN (\(binds: roots))
            """).all().map { try $0.decode(column: "descendant_id", as: String.self) })
    }

    /// The parent of a node on a given date, following the effective-dated edges.
    public static func parent(_ db: any SQLDatabase, of nodeID: String, on date: CivilDate) async throws -> String? {
        let day = date.description
        return try await db.raw("""
            SELECT parent_id FROM org_edges
            WHERE child_id = \(bind: nodeID) AND valid_from <= \(bind: day) AND (valid_to IS NULL OR valid_to >= \(bind: day))
            """).first()?.decode(column: "parent_id", as: String.self)
    }
}

extension CivilDate {
    public static let earliest = CivilDate(year: 1, month: 1, day: 1)!
    public static let latest = CivilDate(year: 9999, month: 12, day: 31)!

    /// The date `days` later (or earlier); clamped to years 1–9999 rather than failing.
    public func addingDays(_ days: Int) -> CivilDate {
        var (y, m, d) = (year, month, day + days)
        while d < 1 {
            m -= 1
            if m < 1 { m = 12; y -= 1 }
            d += CivilDate.daysIn(month: m, year: y)
        }
        while d > CivilDate.daysIn(month: m, year: y) {
            d -= CivilDate.daysIn(month: m, year: y)
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        if y < 1 { return .earliest }
        if y > 9999 { return .latest }
        return CivilDate(year: y, month: m, day: d) ?? .latest
    }
}
