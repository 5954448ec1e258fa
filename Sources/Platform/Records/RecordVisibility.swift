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
    /// downwards also counts as owned anywhere below its owner.
    private func ownedCondition(roots: [String]) -> SQLQueryString {
        var sql = SQLQueryString("(t.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (")
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

    /// Record `t` is visible from `roots` and meets `filter` (a condition on `t`, such as a keyset
    /// cursor); with `page`, it is also among the first `page.limit` such records in `page.orderBy`,
    /// and the caller orders and limits its select the same way.
    ///
    /// `visibilityCondition` is one condition, owned under a root `OR EXISTS` shared with one, that
    /// no index can serve: a page of a school's records read the whole table's key index to find
    /// them. Here the owned records and the shared ones are two selects of `t.id`, each with the
    /// filter and each paged on its own, so the planner starts the owned one from the owner's index
    /// or from the order's, whichever is cheaper; the record is one of their union.
    public func visibleCondition(roots: [String], filter: SQLQueryString? = nil, page: Page? = nil) -> SQLQueryString {
        if OrgTree.includesRoot(roots) { return filter ?? SQLQueryString("1 = 1") }
        var sql = SQLQueryString("t.id IN (")
        for (index, (branch, scope)) in [("owned", ownedCondition(roots: roots)), ("shared", sharedCondition(roots: roots))].enumerated() {
            if index > 0 { sql.appendInterpolation(unsafeRaw: " UNION ALL ") }
            // SQLite takes ORDER BY and LIMIT in a compound select's member only inside a sub-select.
            if page != nil { sql.appendInterpolation(unsafeRaw: "SELECT id FROM (") }
            sql.appendInterpolation(unsafeRaw: "SELECT t.id FROM ")
            sql.appendInterpolation(ident: name)
            sql.appendInterpolation(unsafeRaw: " t WHERE ")
            sql.appendInterpolation(scope)
            if let filter {
                sql.appendInterpolation(unsafeRaw: " AND ")
                sql.appendInterpolation(filter)
            }
            if let page {
                sql.appendInterpolation(unsafeRaw: " ORDER BY \(page.orderBy) LIMIT \(page.limit)) \(branch)")
            }
        }
        sql.appendInterpolation(unsafeRaw: ")")
        return sql
    }
}
