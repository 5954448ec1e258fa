import SQLKit

/// Which records of a resource a caller sees: those owned under one of its nodes, and those shared
/// (`record_scopes`) with a node under one. All conditions here are on table alias `t`.
extension ResourceDescriptor {
    /// The SQL condition "record `t` is visible from one of the roots": it is owned under a root
    /// (`ownedCondition`), or a node it is shared with (`record_scopes`) lies under one. No index
    /// serves it, so it is for records already found otherwise (by ID, or in a select narrowed by
    /// other means); reads of a whole scope go through `visibleRows` or `visiblePage`.
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

    /// The rows of `select` for the records visible from `roots`: those owned under the roots, then
    /// those only shared with them, as one `UNION ALL` for the caller to aggregate (`SELECT COUNT(*)
    /// FROM (…) v`). `select` is the select list and `FROM` clause, with this table as `t`
    /// (`SELECT … FROM learners t JOIN …`).
    ///
    /// `visibilityCondition` is one condition, owned under a root `OR EXISTS` shared with one, that
    /// no index can serve: counting a school's learners read the whole table. Apart, each part is a
    /// semi-join the planner can start from the owner's index, and the two hold different records.
    public func visibleRows(_ select: SQLQueryString, roots: [String]) -> SQLQueryString {
        if OrgTree.includesRoot(roots) { return select }
        var sql = scoped(select, ownedCondition(roots: roots), nil)
        sql.appendInterpolation(unsafeRaw: " UNION ALL ")
        sql.appendInterpolation(scoped(select, onlySharedCondition(roots: roots), nil))
        return sql
    }

    /// One keyset page of the records visible from `roots` that meet `filter` (a condition on `t`,
    /// such as the page's cursor): `visibleRows`'s two parts, each ordered and limited on its own,
    /// and the first of both. `select`'s columns must include those `page.orderBy` names.
    ///
    /// Each part is paged by whichever index is cheaper: a school's from the owner's, a province's
    /// from the order's. Because the two hold different records, PostgreSQL merges them in order as
    /// they come (a merge append) rather than collecting and sorting them.
    public func visiblePage(_ select: SQLQueryString, roots: [String], filter: SQLQueryString?, page: Page,
                            on db: any SQLDatabase) async throws -> SQLQueryString {
        let tail = " ORDER BY \(page.orderBy) LIMIT \(page.limit)"
        if OrgTree.includesRoot(roots) { return scoped(select, nil, filter, tail: tail) }
        let owned = ownedCondition(roots: roots, ownerIndex: try await ownerIndexServes(roots: roots, on: db))
        // SQLite takes ORDER BY and LIMIT in a compound select's member only inside a sub-select.
        var sql = SQLQueryString("SELECT * FROM (SELECT * FROM (")
        sql.appendInterpolation(scoped(select, owned, filter, tail: tail))
        sql.appendInterpolation(unsafeRaw: ") owned UNION ALL SELECT * FROM (")
        sql.appendInterpolation(scoped(select, onlySharedCondition(roots: roots), filter, tail: tail))
        sql.appendInterpolation(unsafeRaw: ") shared) t\(tail)")
        return sql
    }

    /// Shared with a node under the roots and not owned under them: `visibleRows`'s second part.
    private func onlySharedCondition(roots: [String]) -> SQLQueryString {
        var sql = sharedCondition(roots: roots)
        sql.appendInterpolation(unsafeRaw: " AND NOT ")
        sql.appendInterpolation(ownedCondition(roots: roots))
        return sql
    }

    /// `select WHERE scope AND filter` and `tail`, leaving out the conditions that are nil.
    private func scoped(_ select: SQLQueryString, _ scope: SQLQueryString?, _ filter: SQLQueryString?, tail: String = "") -> SQLQueryString {
        var sql = select
        for (index, condition) in [scope, filter].compactMap({ $0 }).enumerated() {
            sql.appendInterpolation(unsafeRaw: index == 0 ? " WHERE " : " AND ")
            sql.appendInterpolation(condition)
        }
        sql.appendInterpolation(unsafeRaw: tail)
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
