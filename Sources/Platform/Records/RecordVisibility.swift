import SQLKit

/// Which records of a resource a caller sees: those owned under one of its nodes, and those shared
/// (`record_scopes`) with a node under one. All conditions here are on table alias `t`.
extension ResourceDescriptor {
    /// The SQL condition "record `t` is visible from one of the roots": it is owned under a root
    /// (`ownedCondition`), or a node it is shared with (`record_scopes`) lies under one.
    public func visibilityCondition(roots: [String]) -> SQLQueryString {
        // Whoever holds the root sees every record: no need to consult the tree at all.
        if OrgTree.includesRoot(roots) { return SQLQueryString("1 = 1") }
        var sql = SQLQueryString("(")
        sql.appendInterpolation(ownedCondition(roots: roots))
        sql.appendInterpolation(unsafeRaw: " OR EXISTS (SELECT 1 FROM record_scopes rs JOIN org_closure c ON c.descendant_id = rs.org_id WHERE rs.resource = ")
        sql.appendInterpolation(bind: name)
        sql.appendInterpolation(unsafeRaw: " AND rs.record_id = t.id AND c.ancestor_id IN (")
        sql.appendInterpolation(binds: roots)
        sql.appendInterpolation(unsafeRaw: ")))")
        return sql
    }

    /// Record `t`'s owner (`t.org_id`) lies under one of the roots; a reference record shared
    /// downwards also counts as owned anywhere below its owner. Without `ownerIndex` (SQLite only),
    /// the planner may not start from the owner's index (SQLite's unary `+` rules a term out of it).
    private func ownedCondition(roots: [String], ownerIndex: Bool = true) -> SQLQueryString {
        var sql = SQLQueryString("(\(unsafeRaw: ownerIndex ? "" : "+")t.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (")
        sql.appendInterpolation(binds: roots)
        sql.appendInterpolation(unsafeRaw: "))")
        if sharedDownwards {
            sql.appendInterpolation(unsafeRaw: " OR t.org_id IN (SELECT ancestor_id FROM org_closure WHERE descendant_id IN (")
            sql.appendInterpolation(binds: roots)
            sql.appendInterpolation(unsafeRaw: "))")
        }
        sql.appendInterpolation(unsafeRaw: ")")
        return sql
    }

    /// Record `t` is shared (`record_scopes`) with a node under one of the roots.
    private func sharedCondition(roots: [String]) -> SQLQueryString {
        var sql = SQLQueryString("t.id IN (SELECT rs.record_id FROM record_scopes rs JOIN org_closure c ON c.descendant_id = rs.org_id WHERE rs.resource = ")
        sql.appendInterpolation(bind: name)
        sql.appendInterpolation(unsafeRaw: " AND c.ancestor_id IN (")
        sql.appendInterpolation(binds: roots)
        sql.appendInterpolation(unsafeRaw: "))")
        return sql
    }

    /// One keyset page of a scoped read: the first `limit` records in `orderBy`.
    public struct Page: Sendable {
        public let orderBy: String
        public let limit: Int

        public init(orderBy: String, limit: Int) {
            self.orderBy = orderBy
            self.limit = limit
        }
    }

    /// Record `t` is visible from `roots`, in a form that indexes serve: for reads that aggregate a
    /// scope's records. Pages read `visiblePage`.
    public func visibleCondition(roots: [String]) -> SQLQueryString {
        if OrgTree.includesRoot(roots) { return SQLQueryString("1 = 1") }
        var sql = SQLQueryString("t.id IN (SELECT t.id FROM \(ident: name) t WHERE ")
        sql.appendInterpolation(ownedCondition(roots: roots))
        sql.appendInterpolation(unsafeRaw: " UNION ALL SELECT t.id FROM ")
        sql.appendInterpolation(ident: name)
        sql.appendInterpolation(unsafeRaw: " t WHERE ")
        sql.appendInterpolation(sharedCondition(roots: roots))
        sql.appendInterpolation(unsafeRaw: ")")
        return sql
    }

    /// One keyset page of the records visible from `roots` that meet `filter` (a condition on `t`,
    /// such as the page's cursor). `select` is the select list and `FROM` clause, with this table as
    /// `t` (`SELECT … FROM learners t JOIN …`), and its columns include those `page.orderBy` names.
    ///
    /// `visibilityCondition` is one condition, owned under a root `OR EXISTS` shared with one, that
    /// no index can serve: a page of a school's records read the whole table's key index to find
    /// them. Here the owned records and those only shared are two selects, each paged on its own, so
    /// that the planner starts the owned one from the owner's index or from the order's, whichever is
    /// cheaper; the page is the first of both. The two hold different records, so PostgreSQL merges
    /// them in order as they come (a merge append) rather than collecting and sorting them.
    public func visiblePage(_ select: SQLQueryString, roots: [String], filter: SQLQueryString?, page: Page,
                            on db: any SQLDatabase) async throws -> SQLQueryString {
        func branch(_ scope: SQLQueryString?) -> SQLQueryString {
            var sql = select
            for (index, condition) in [scope, filter].compactMap({ $0 }).enumerated() {
                sql.appendInterpolation(unsafeRaw: index == 0 ? " WHERE " : " AND ")
                sql.appendInterpolation(condition)
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY \(page.orderBy) LIMIT \(page.limit)")
            return sql
        }
        if OrgTree.includesRoot(roots) { return branch(nil) }
        let owned = ownedCondition(roots: roots, ownerIndex: try await ownerIndexServes(roots: roots, on: db))
        var onlyShared = sharedCondition(roots: roots)
        onlyShared.appendInterpolation(unsafeRaw: " AND NOT ")
        onlyShared.appendInterpolation(ownedCondition(roots: roots))
        // SQLite takes ORDER BY and LIMIT in a compound select's member only inside a sub-select.
        var sql = SQLQueryString("SELECT * FROM (SELECT * FROM (")
        sql.appendInterpolation(branch(owned))
        sql.appendInterpolation(unsafeRaw: ") owned UNION ALL SELECT * FROM (")
        sql.appendInterpolation(branch(onlyShared))
        sql.appendInterpolation(unsafeRaw: ") shared) t ORDER BY \(page.orderBy) LIMIT \(page.limit)")
        return sql
    }

    /// Nodes under a scope's roots beyond which SQLite pages its owned records in the order's index.
    static let ownerIndexMaxNodes = 64

    /// Whether a page of the records owned under `roots` should start from the owner's index.
    ///
    /// PostgreSQL's planner weighs that with its statistics. SQLite's cannot tell how many nodes the
    /// tree's sub-select gives, and always starts from the owner's index: each page of a province's
    /// records then gathered and sorted all of them, and an export of Thái Nguyên's 356,502 learners
    /// took 10.0 s against 3.2 s reading the key's index in order. So on SQLite a scope of more than
    /// `ownerIndexMaxNodes` nodes (a department's, not a school's) reads the order's index.
    private func ownerIndexServes(roots: [String], on db: any SQLDatabase) async throws -> Bool {
        guard db.dialect.name == "sqlite" else { return true }
        let nodes = try await db.raw("""
            SELECT COUNT(*) AS nodes FROM org_closure WHERE ancestor_id IN (\(binds: roots))
            """).first()?.decode(column: "nodes", as: Int.self) ?? 0
        return nodes <= Self.ownerIndexMaxNodes
    }
}
