import SQLKit

/// The global change feed (Ed-Fi style): every upsert, delete and natural-key change gets the next
/// `changeVersion`, so a school system can sync by asking for everything after the last version it saw.
public enum ChangeFeed {
    public enum Kind: String, Sendable, Codable { case upsert, delete, keyChange = "key_change" }

    public struct Entry: Sendable, Codable {
        public let changeVersion: Int
        public let resource: String
        public let id: String
        public let kind: Kind
        public let naturalKey: String
        public let oldNaturalKey: String?
        /// For a key change: which key changed (`naturalKey`, or an attribute key such as `citizenId`).
        public let keyField: String?
        public let oldValue: String?
        public let newValue: String?
        public let sensitive: Bool
        public let at: String
    }

    /// On PostgreSQL a sequence hands out numbers in the order transactions ask, not the order they
    /// commit, so a reader could pass over a version that commits later. Every writer therefore takes
    /// one transaction-scoped lock before its first change entry: versions are then allocated in
    /// commit order. SQLite already serialises writers.
    static func serialise(_ db: any SQLDatabase) async throws {
        if db.dialect.name == "postgresql" {
            try await db.raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: String(lockKey)))").run()
        }
    }

    static let lockKey = 0x4E45_4D49_5343_4856  // "NEMISCHV"

    public static func append(_ db: any SQLDatabase, resource: String, recordID: String, orgID: String, kind: Kind,
                       naturalKey: String, oldKey: String? = nil) async throws -> Int {
        try await serialise(db)
        let field: String? = oldKey == nil ? nil : "naturalKey"
        guard let row = try await db.raw("""
            INSERT INTO changes (resource, record_id, org_id, kind, natural_key, old_key, key_field, old_value, new_value, sensitive, at)
            VALUES (\(bind: resource), \(bind: recordID), \(bind: orgID), \(bind: kind.rawValue), \(bind: naturalKey),
                    \(bind: oldKey), \(bind: field), \(bind: oldKey), \(bind: oldKey == nil ? nil : naturalKey), 0,
                    \(bind: Clock.timestamp()))
            RETURNING change_version
            """).first() else { throw MigrationError(description: "change feed insert returned no version") }
        return try row.decode(column: "change_version", as: Int.self)
    }

    /// Upsert entries for new records, on PostgreSQL with one COPY, elsewhere with one statement per
    /// few hundred: each record's version by its ID, in the records' order.
    static func appendUpserts(_ db: any SQLDatabase, resource: String,
                              records: [(id: String, orgID: String, naturalKey: String)]) async throws -> [String: Int] {
        try await serialise(db)
        let at = Clock.timestamp()
        var versions: [String: Int] = [:]
        if let postgres = db as? PostgresTransaction, records.count > 1 {
            // The entries go as COPY text, where a multi-row insert bound seven values for each entry,
            // which the server parsed again for every statement, and sent each version back as a row.
            // Their versions are the next ones of the column's sequence, taken with one statement: every
            // writer of the feed draws from it only under the lock above, so none can draw between
            // this `nextval` and `setval` (one `nextval` per entry cost the server nearly what the COPY did).
            guard let row = try await db.raw("""
                SELECT setval(pg_get_serial_sequence('changes', 'change_version'),
                              nextval(pg_get_serial_sequence('changes', 'change_version')) + \(bind: records.count - 1)) AS last
                """).first() else { throw MigrationError(description: "the change feed's sequence returned nothing") }
            let last = try row.decode(column: "last", as: Int.self)
            let drawn = (last - records.count + 1)...last
            var text = CopyText(capacity: records.count * 128)
            for (record, version) in zip(records, drawn) {
                text.appendRow([String(version), resource, record.id, record.orgID, Kind.upsert.rawValue, record.naturalKey, "0", at])
                versions[record.id] = version
            }
            try await postgres.copy([text], into: "changes",
                                    columns: ["change_version", "resource", "record_id", "org_id", "kind", "natural_key", "sensitive", "at"])
        } else {
            try await insertUpserts(db, resource: resource, records: records, at: at, into: &versions)
        }
        guard versions.count == records.count else {
            throw MigrationError(description: "change feed insert returned \(versions.count) versions for \(records.count) records")
        }
        return versions
    }

    /// Upsert entries by multi-row inserts, each giving back its versions.
    private static func insertUpserts(_ db: any SQLDatabase, resource: String, records: [(id: String, orgID: String, naturalKey: String)],
                                      at: String, into versions: inout [String: Int]) async throws {
        for chunk in records.batches(of: RecordStore.rowsPerStatement) {
            var values: [any Encodable & Sendable] = []
            for record in chunk {
                values += [resource, record.id, record.orgID, Kind.upsert.rawValue, record.naturalKey, 0, at]
            }
            let insert = MultiRowInsert(into: "changes", columns: ["resource", "record_id", "org_id", "kind", "natural_key", "sensitive", "at"],
                                        values: values, suffix: " RETURNING change_version, record_id")
            for row in try await db.raw("\(insert)").all() {
                versions[try row.decode(column: "record_id", as: String.self)] = try row.decode(column: "change_version", as: Int.self)
            }
        }
    }

    /// Records a change of an attribute key such as a citizen ID. Sensitive values are shown only to
    /// callers with `identity:read`.
    public static func appendKeyChange(_ db: any SQLDatabase, resource: String, recordID: String, orgID: String,
                                       naturalKey: String, change: KeyChange) async throws {
        try await serialise(db)
        try await db.raw("""
            INSERT INTO changes (resource, record_id, org_id, kind, natural_key, old_key, key_field, old_value, new_value, sensitive, at)
            VALUES (\(bind: resource), \(bind: recordID), \(bind: orgID), \(bind: Kind.keyChange.rawValue), \(bind: naturalKey),
                    NULL, \(bind: change.field), \(bind: change.old), \(bind: change.new), \(bind: change.sensitive ? 1 : 0),
                    \(bind: Clock.timestamp()))
            """).run()
    }

    /// Learning-records resources: their changes are shown only to callers with records:read, since even
    /// the fact that a learner's scores changed is a learning record.
    public static let learningRecordResources = [
        "gradebook_entries", "conduct_entries", "year_results", "primary_assessments", "primary_competencies",
    ]

    /// Changes visible under `roots` with `min < changeVersion <= max`, oldest first, leaving out the
    /// resources in `hidden`.
    public static func entries(_ db: any SQLDatabase, roots: [String], showSensitive: Bool, resource: String?, hidden: [String] = [],
                               minVersion: Int, maxVersion: Int?, kinds: [Kind], limit: Int) async throws -> [Entry] {
        guard !roots.isEmpty else { return [] }
        var sql = SQLQueryString("""
            SELECT change_version, resource, record_id, kind, natural_key, old_key, key_field, old_value, new_value, sensitive, at
            FROM changes
            WHERE change_version > \(bind: minVersion)
              AND org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (\(binds: roots)))
              AND kind IN (\(binds: kinds.map(\.rawValue)))
            """)
        if let maxVersion { sql.appendInterpolation(unsafeRaw: " AND change_version <= "); sql.appendInterpolation(bind: maxVersion) }
        if let resource { sql.appendInterpolation(unsafeRaw: " AND resource = "); sql.appendInterpolation(bind: resource) }
        if !hidden.isEmpty {
            sql.appendInterpolation(unsafeRaw: " AND resource NOT IN (")
            sql.appendInterpolation(binds: hidden)
            sql.appendInterpolation(unsafeRaw: ")")
        }
        sql.appendInterpolation(unsafeRaw: " ORDER BY change_version LIMIT \(limit)")
        return try await db.raw(sql).all().map { row in
            let sensitive = try row.decode(column: "sensitive", as: Int.self) != 0
            let hide = sensitive && !showSensitive
            return Entry(changeVersion: try row.decode(column: "change_version", as: Int.self),
                  resource: try row.decode(column: "resource", as: String.self),
                  id: try row.decode(column: "record_id", as: String.self),
                  kind: Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .upsert,
                  naturalKey: try row.decode(column: "natural_key", as: String.self),
                  oldNaturalKey: try row.decode(column: "old_key", as: String?.self),
                  keyField: try row.decode(column: "key_field", as: String?.self),
                  oldValue: hide ? nil : try row.decode(column: "old_value", as: String?.self),
                  newValue: hide ? nil : try row.decode(column: "new_value", as: String?.self),
                  sensitive: sensitive,
                  at: try row.decode(column: "at", as: String.self))
        }
    }

    public static func newestVersion(_ db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT COALESCE(MAX(change_version), 0) AS v FROM changes").first()?.decode(column: "v", as: Int.self) ?? 0
    }
}
