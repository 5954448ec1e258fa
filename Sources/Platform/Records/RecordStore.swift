import Foundation
import SQLKit

/// How one resource is stored: a table of documents next to the indexed keys that queries need
/// (DOMAIN.md 11.1, "store aggregates as documents next to indexed keys"). Every resource table has
/// the columns `id, natural_key, org_id, search_key, sort_key, status, version, change_version, body,
/// public_body (the document without identity fields, NULL when it has none),
/// created_at, updated_at`, plus the resource's own `indexColumns`.
public struct ResourceDescriptor: Sendable {
    /// The table name, the API path segment and the name in the change feed, e.g. `learners`.
    public let name: String
    public let indexColumns: [String]
    /// The URL path segment: the table name with dashes, e.g. `school-years`.
    public var path: String { name.replacingOccurrences(of: "_", with: "-") }
    /// Reference records (e.g. the national school-year calendar) are also visible to every node below
    /// their owner, not only above it.
    public let sharedDownwards: Bool

    public init(name: String, indexColumns: [String] = [], sharedDownwards: Bool = false) {
        self.name = name
        self.indexColumns = indexColumns
        self.sharedDownwards = sharedDownwards
    }

    /// The DDL of the table; `extra` holds the definitions of `indexColumns`. On PostgreSQL, `id` and
    /// `natural_key` must compare in byte order (`COLLATE "C"`, which the registry's migration 18 gives
    /// the tables made before it), so that their indexes serve the listings and exports in that order.
    /// A table made by a later migration must do the same there.
    public static func createTable(_ name: String, extra: [String] = [], constraints: [String] = []) -> [String] {
        let columns = [
            "id TEXT PRIMARY KEY",
            "natural_key TEXT NOT NULL UNIQUE",
            "org_id TEXT NOT NULL",
            "search_key TEXT NOT NULL DEFAULT ''",
            "sort_key TEXT NOT NULL DEFAULT ''",
            "status TEXT NOT NULL DEFAULT ''",
        ] + extra + [
            "version INTEGER NOT NULL",
            "change_version BIGINT NOT NULL",
            "body TEXT NOT NULL",
            "public_body TEXT",
            "created_at TEXT NOT NULL",
            "updated_at TEXT NOT NULL",
        ] + constraints
        return [
            "CREATE TABLE \(name) (\n    " + columns.joined(separator: ",\n    ") + "\n)",
            "CREATE INDEX \(name)_org ON \(name) (org_id)",
            "CREATE INDEX \(name)_search ON \(name) (search_key)",
        ]
    }
}

/// A stored record as read from its table.
public struct RecordRow: Sendable {
    public let id: String
    public let naturalKey: String
    public let orgID: String
    public let status: String
    public let sortKey: String
    public let version: Int
    public let changeVersion: Int
    public let body: String
    /// The document without identity fields; nil when the resource has none.
    public let publicBody: String?
    public let createdAt: String
    public let updatedAt: String

    /// Weak, because the same version may be shown with or without its sensitive fields.
    public var etag: String { "W/\"\(version)\"" }
}

/// A stored document in the two forms a reader may get.
public protocol StoredDocument: Sendable {
    var body: String { get }
    var publicBody: String? { get }
}

extension RecordRow: StoredDocument {}

/// The part of a record a read needs: fewer columns to fetch and decode on the hottest paths.
public struct RecordView: StoredDocument {
    public let id: String
    public let naturalKey: String
    public let orgID: String
    public let version: Int
    public let body: String
    public let publicBody: String?

    public var etag: String { "W/\"\(version)\"" }

    public static let columns = "t.id, t.natural_key, t.org_id, t.version, t.body, t.public_body"

    public init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        naturalKey = try row.decode(column: "natural_key", as: String.self)
        orgID = try row.decode(column: "org_id", as: String.self)
        version = try row.decode(column: "version", as: Int.self)
        body = try row.decode(column: "body", as: String.self)
        publicBody = try row.decode(column: "public_body", as: String?.self)
    }
}

/// A record about to be written.
public struct RecordDraft: Sendable {
    public var id: String
    public var naturalKey: String
    /// The node that owns the record (a school for most records).
    public var orgID: String
    /// Other nodes that may also see the record, e.g. the receiving school of a transfer.
    public var alsoVisibleTo: [String]
    public var searchKey: String
    public var sortKey: String
    public var status: String
    public var columns: [String: String?]
    public var body: String
    public var publicBody: String?

    public init(id: String, naturalKey: String, orgID: String, alsoVisibleTo: [String] = [], searchKey: String = "",
                sortKey: String = "", status: String = "", columns: [String: String?] = [:], body: String, publicBody: String? = nil) {
        self.id = id
        self.naturalKey = naturalKey
        self.orgID = orgID
        self.alsoVisibleTo = alsoVisibleTo
        self.searchKey = searchKey
        self.sortKey = sortKey
        self.status = status
        self.columns = columns
        self.body = body
        self.publicBody = publicBody
    }
}

/// Filters for listing a resource.
public struct ListQuery: Sendable {
    public enum Order: Sendable { case id, sortKey }
    public var equals: [String: String] = [:]
    public var searchFolded: String?
    public var afterCursor: String?
    public var limit: Int = 25
    public var order: Order = .id

    public init() {}
}

/// The SQL behind every resource: documents, scopes and the change feed, identical on both engines.
public enum RecordStore {
    public static let rowColumns = "t.id, t.natural_key, t.org_id, t.status, t.sort_key, t.version, t.change_version, t.body, t.public_body, t.created_at, t.updated_at"

    public static func find(_ db: any SQLDatabase, _ resource: ResourceDescriptor, id: String) async throws -> RecordRow? {
        try await db.raw("SELECT \(unsafeRaw: rowColumns) FROM \(ident: resource.name) t WHERE t.id = \(bind: id)")
            .first().map(decode)
    }

    public static func find(_ db: any SQLDatabase, _ resource: ResourceDescriptor, naturalKey: String) async throws -> RecordRow? {
        let read = {
            try await db.raw("SELECT \(unsafeRaw: rowColumns) FROM \(ident: resource.name) t WHERE t.natural_key = \(bind: naturalKey)")
                .first().map(decode)
        }
        return try await ReferenceReadCache.remember(resource.name, key: "row\u{1}" + naturalKey, read: read)
    }

    /// The stored records with any of `naturalKeys`, by key: one statement per few hundred keys.
    public static func find(_ db: any SQLDatabase, _ resource: ResourceDescriptor, naturalKeys: [String]) async throws -> [String: RecordRow] {
        var found: [String: RecordRow] = [:]
        for keys in naturalKeys.batches(of: rowsPerStatement) {
            for row in try await db.raw("""
                SELECT \(unsafeRaw: rowColumns) FROM \(ident: resource.name) t WHERE t.natural_key IN (\(binds: Array(keys)))
                """).all().map(decode) {
                found[row.naturalKey] = row
            }
        }
        return found
    }

    /// Rows per multi-row statement: well inside both engines' limits on bound values (SQLite
    /// 32,766, PostgreSQL 65,535) for every resource's columns.
    public static let rowsPerStatement = 500

    /// Visible when the record's owner, or another node it is shared with, lies under one of `roots`.
    public static func isVisible(_ db: any SQLDatabase, _ resource: ResourceDescriptor, id: String, roots: [String]) async throws -> Bool {
        guard !roots.isEmpty else { return false }
        // Callers have read the record already; from the root every existing record is visible.
        if OrgTree.includesRoot(roots) { return true }
        var sql = SQLQueryString("SELECT 1 AS hit FROM \(ident: resource.name) t WHERE t.id = \(bind: id) AND ")
        sql.appendInterpolation(resource.visibilityCondition(roots: roots))
        return try await db.raw(sql).first() != nil
    }

    /// Those of `ids` that are visible under `roots` (as `isVisible` decides): one statement per
    /// few hundred records.
    public static func visibleIDs(_ db: any SQLDatabase, _ resource: ResourceDescriptor, ids: [String],
                                  roots: [String]) async throws -> Set<String> {
        guard !roots.isEmpty else { return [] }
        if OrgTree.includesRoot(roots) { return Set(ids) }
        var visible = Set<String>()
        for chunk in ids.batches(of: rowsPerStatement) {
            var sql = SQLQueryString("SELECT t.id FROM \(ident: resource.name) t WHERE t.id IN (\(binds: Array(chunk))) AND ")
            sql.appendInterpolation(resource.visibilityCondition(roots: roots))
            for row in try await db.raw(sql).all() { visible.insert(try row.decode(column: "id", as: String.self)) }
        }
        return visible
    }

    /// A page of the records visible under `roots`, in the query's order (byte order on both engines),
    /// read as `visiblePage` reads a scope so that an index serves it.
    public static func list(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ query: ListQuery,
                            roots: [String]) async throws -> [RecordRow] {
        guard !roots.isEmpty else { return [] }
        // Byte order on both engines: SQLite compares TEXT with memcmp, PostgreSQL needs COLLATE "C".
        let collate = db.dialect.name == "postgresql" ? " COLLATE \"C\"" : ""
        let page = ResourceDescriptor.Page(orderBy: orderBy(query, collate: collate), limit: max(1, query.limit))
        let select = SQLQueryString("SELECT \(unsafeRaw: rowColumns) FROM \(ident: resource.name) t")
        let sql = try await resource.visiblePage(select, roots: roots, filter: filter(query, collate: collate), page: page, on: db)
        return try await db.raw(sql).all().map(decode)
    }

    /// The query's filters and its cursor as one condition on `t`, or nil when it has none.
    private static func filter(_ query: ListQuery, collate: String) -> SQLQueryString? {
        var conditions: [SQLQueryString] = []
        for (column, value) in query.equals.sorted(by: { $0.key < $1.key }) {
            conditions.append("t.\(ident: column) = \(bind: value)")
        }
        if let search = query.searchFolded, !search.isEmpty {
            let escaped = search.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            conditions.append("t.search_key LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'")
        }
        if let cursor = query.afterCursor {
            if query.order == .id {
                conditions.append("t.id > \(bind: cursor)")
            } else {
                // The cursor of a sort-key listing is "sortKey\u{1}id" so equal keys page correctly.
                let parts = cursor.split(separator: "\u{1}", maxSplits: 1).map(String.init)
                let key = parts.first ?? "", id = parts.count > 1 ? parts[1] : ""
                conditions.append("(t.sort_key\(unsafeRaw: collate) > \(bind: key) OR (t.sort_key = \(bind: key) AND t.id > \(bind: id)))")
            }
        }
        guard var sql = conditions.first else { return nil }
        for condition in conditions.dropFirst() {
            sql.appendInterpolation(unsafeRaw: " AND ")
            sql.appendInterpolation(condition)
        }
        return sql
    }

    /// The `ORDER BY` list of a listing of table (or sub-select) `t`.
    private static func orderBy(_ query: ListQuery, collate: String) -> String {
        query.order == .id ? "t.id\(collate)" : "t.sort_key\(collate), t.id"
    }

    /// Inserts a new record and its change-feed entry.
    @discardableResult
    public static func insert(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ draft: RecordDraft) async throws -> RecordRow {
        try await insertAll(db, resource, [draft])[0]
    }

    /// Inserts new records and their change-feed entries, on PostgreSQL with one COPY, elsewhere with
    /// one statement per few hundred records: a bulk import's path, storing exactly what `insert`
    /// stores one record at a time.
    @discardableResult
    public static func insertAll(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ drafts: [RecordDraft]) async throws -> [RecordRow] {
        guard !drafts.isEmpty else { return [] }
        let now = Clock.timestamp()
        let changes = try await ChangeFeed.appendUpserts(db, resource: resource.name,
                                                         records: drafts.map { ($0.id, $0.orgID, $0.naturalKey) })
        let columns = ["id", "natural_key", "org_id", "search_key", "sort_key", "status"] + resource.indexColumns
            + ["version", "change_version", "body", "public_body", "created_at", "updated_at"]
        if let postgres = db as? PostgresTransaction, drafts.count > 1 {
            // COPY sends the rows as text, where an insert of a few hundred records binds thousands
            // of values that the server parses and plans again for every statement. One record (the
            // API's writes) goes by insert, which takes one round trip fewer.
            var text = CopyText(capacity: drafts.reduce(0) { $0 + $1.body.utf8.count + ($1.publicBody?.utf8.count ?? 0) + 256 })
            for draft in drafts {
                text.appendRow([draft.id, draft.naturalKey, draft.orgID, draft.searchKey, draft.sortKey, draft.status]
                    + resource.indexColumns.map { draft.columns[$0] ?? nil }
                    + ["1", changes[draft.id].map(String.init), draft.body, draft.publicBody, now, now])
            }
            try await postgres.copy([text], into: resource.name, columns: columns)
        } else {
            // Bound values keep their types: PostgreSQL refuses text bound to an integer column.
            for chunk in drafts.batches(of: rowsPerStatement) {
                var values: [any Encodable & Sendable] = []
                values.reserveCapacity(columns.count * chunk.count)
                for draft in chunk {
                    values += [draft.id, draft.naturalKey, draft.orgID, draft.searchKey, draft.sortKey, draft.status]
                    for column in resource.indexColumns { values.append(draft.columns[column] ?? nil) }
                    values += [1, changes[draft.id], draft.body, draft.publicBody, now, now]
                }
                try await db.execute(sql: MultiRowInsert(into: resource.name, columns: columns, values: values)) { _ in }
            }
        }
        for draft in drafts { try await setScopes(db, resource, draft, isNew: true) }
        return drafts.map { draft in
            RecordRow(id: draft.id, naturalKey: draft.naturalKey, orgID: draft.orgID, status: draft.status, sortKey: draft.sortKey,
                      version: 1, changeVersion: changes[draft.id] ?? 0, body: draft.body, publicBody: draft.publicBody,
                      createdAt: now, updatedAt: now)
        }
    }

    /// Replaces a record's document and keys. A changed natural key is recorded in the change feed as
    /// a key change, carrying the old key, so a consumer can re-link.
    @discardableResult
    public static func update(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ draft: RecordDraft,
                              previous: RecordRow) async throws -> RecordRow {
        let now = Clock.timestamp()
        if previous.naturalKey != draft.naturalKey {
            _ = try await ChangeFeed.append(db, resource: resource.name, recordID: draft.id, orgID: draft.orgID,
                                            kind: .keyChange, naturalKey: draft.naturalKey, oldKey: previous.naturalKey)
        }
        let change = try await ChangeFeed.append(db, resource: resource.name, recordID: draft.id, orgID: draft.orgID,
                                                 kind: .upsert, naturalKey: draft.naturalKey)
        var sql = SQLQueryString("UPDATE \(ident: resource.name) SET natural_key = \(bind: draft.naturalKey), ")
        sql.appendInterpolation(unsafeRaw: "org_id = ")
        sql.appendInterpolation(bind: draft.orgID)
        sql.appendInterpolation(unsafeRaw: ", search_key = ")
        sql.appendInterpolation(bind: draft.searchKey)
        sql.appendInterpolation(unsafeRaw: ", sort_key = ")
        sql.appendInterpolation(bind: draft.sortKey)
        sql.appendInterpolation(unsafeRaw: ", status = ")
        sql.appendInterpolation(bind: draft.status)
        for column in resource.indexColumns {
            sql.appendInterpolation(unsafeRaw: ", ")
            sql.appendInterpolation(ident: column)
            sql.appendInterpolation(unsafeRaw: " = ")
            sql.appendInterpolation(bind: draft.columns[column] ?? nil)
        }
        sql.appendInterpolation(unsafeRaw: ", version = version + 1, change_version = ")
        sql.appendInterpolation(bind: change)
        sql.appendInterpolation(unsafeRaw: ", body = ")
        sql.appendInterpolation(bind: draft.body)
        sql.appendInterpolation(unsafeRaw: ", public_body = ")
        sql.appendInterpolation(bind: draft.publicBody)
        sql.appendInterpolation(unsafeRaw: ", updated_at = ")
        sql.appendInterpolation(bind: now)
        // The version check makes a lost update impossible even if two writers raced past If-Match.
        sql.appendInterpolation(unsafeRaw: " WHERE id = ")
        sql.appendInterpolation(bind: draft.id)
        sql.appendInterpolation(unsafeRaw: " AND version = ")
        sql.appendInterpolation(bind: previous.version)
        // Zero rows means another writer got there first (PostgreSQL's READ COMMITTED re-checks the
        // WHERE clause after waiting): the caller's view is stale.
        sql.appendInterpolation(unsafeRaw: " RETURNING version")
        guard try await db.raw(sql).first() != nil, let stored = try await find(db, resource, id: draft.id) else {
            throw APIError.preconditionFailed
        }
        try await setScopes(db, resource, draft)
        return stored
    }

    /// A lifecycle step: replaces the document, status and owner of a record, keeping its other keys.
    @discardableResult
    public static func transition(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ row: RecordRow, body: String, publicBody: String?,
                                  status: String, orgID: String? = nil, alsoVisibleTo: [String] = []) async throws -> RecordRow {
        let owner = orgID ?? row.orgID
        let change = try await ChangeFeed.append(db, resource: resource.name, recordID: row.id, orgID: owner,
                                                 kind: .upsert, naturalKey: row.naturalKey)
        guard try await db.raw("""
            UPDATE \(ident: resource.name) SET body = \(bind: body), public_body = \(bind: publicBody), status = \(bind: status), org_id = \(bind: owner),
                version = version + 1, change_version = \(bind: change), updated_at = \(bind: Clock.timestamp())
            WHERE id = \(bind: row.id) AND version = \(bind: row.version)
            RETURNING version
            """).first() != nil else { throw APIError.preconditionFailed }
        guard let stored = try await find(db, resource, id: row.id) else { throw APIError.preconditionFailed }
        // A moved record (a transferred learner) is seen by its new owner through `org_id`; the former
        // owner loses sight of it unless it is named among the nodes it stays shared with.
        if !alsoVisibleTo.isEmpty {
            let existing = try await db.raw("""
                SELECT org_id FROM record_scopes WHERE resource = \(bind: resource.name) AND record_id = \(bind: row.id)
                """).all().map { try $0.decode(column: "org_id", as: String.self) }
            for org in alsoVisibleTo where org != owner && !existing.contains(org) {
                try await db.raw("""
                    INSERT INTO record_scopes (resource, record_id, org_id) VALUES (\(bind: resource.name), \(bind: row.id), \(bind: org))
                    """).run()
            }
        }
        return stored
    }

    public static func delete(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ row: RecordRow) async throws {
        _ = try await ChangeFeed.append(db, resource: resource.name, recordID: row.id, orgID: row.orgID,
                                        kind: .delete, naturalKey: row.naturalKey)
        try await db.raw("DELETE FROM \(ident: resource.name) WHERE id = \(bind: row.id)").run()
        try await db.raw("DELETE FROM record_scopes WHERE resource = \(bind: resource.name) AND record_id = \(bind: row.id)").run()
    }

    /// Records the nodes a record is shared with beyond its owner (most records have none).
    static func setScopes(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ draft: RecordDraft, isNew: Bool = false) async throws {
        if !isNew {
            try await db.raw("DELETE FROM record_scopes WHERE resource = \(bind: resource.name) AND record_id = \(bind: draft.id)").run()
        }
        var orgs: [String] = []
        for org in draft.alsoVisibleTo where org != draft.orgID && !orgs.contains(org) { orgs.append(org) }
        guard !orgs.isEmpty else { return }
        var sql = SQLQueryString("INSERT INTO record_scopes (resource, record_id, org_id) VALUES ")
        for (index, org) in orgs.enumerated() {
            sql.appendInterpolation(unsafeRaw: index == 0 ? "(" : ", (")
            sql.appendInterpolation(binds: [resource.name, draft.id, org])
            sql.appendInterpolation(unsafeRaw: ")")
        }
        try await db.raw(sql).run()
    }

    static func decode(_ row: any SQLRow) throws -> RecordRow {
        RecordRow(id: try row.decode(column: "id", as: String.self),
                  naturalKey: try row.decode(column: "natural_key", as: String.self),
                  orgID: try row.decode(column: "org_id", as: String.self),
                  status: try row.decode(column: "status", as: String.self),
                  sortKey: try row.decode(column: "sort_key", as: String.self),
                  version: try row.decode(column: "version", as: Int.self),
                  changeVersion: try row.decode(column: "change_version", as: Int.self),
                  body: try row.decode(column: "body", as: String.self),
                  publicBody: try row.decode(column: "public_body", as: String?.self),
                  createdAt: try row.decode(column: "created_at", as: String.self),
                  updatedAt: try row.decode(column: "updated_at", as: String.self))
    }
}
