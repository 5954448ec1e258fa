import Foundation
import SQLKit

/// The append-only record of every write and every read of sensitive data. Rows are only ever
/// inserted; there is no route or store method that updates or deletes them.
public enum AuditLog {
    public enum Action: String, Sendable, Codable {
        case create, update, delete, transition
        case readSensitive = "read_sensitive"
        case grant
    }

    public static func record(_ db: any SQLDatabase, principal: Principal?, action: Action, resource: String,
                              recordID: String?, orgID: String?, detail: String = "") async throws {
        try await insert(db, [NewEntry(principal: principal, action: action, resource: resource, recordID: recordID,
                                       orgID: orgID, detail: detail)])
    }

    /// An entry not yet written.
    public struct NewEntry: Sendable {
        let at: String
        let principalID: String
        let principalName: String
        let action: String
        let resource: String
        let recordID: String?
        let orgID: String?
        let detail: String
    }

    /// Inserts entries, however many: on PostgreSQL with one COPY, elsewhere with one statement per
    /// `RecordStore.rowsPerStatement` entries.
    public static func insert(_ db: any SQLDatabase, _ entries: [NewEntry]) async throws {
        guard !entries.isEmpty else { return }
        let columns = ["at", "principal_id", "principal_name", "action", "resource", "record_id", "org_id", "detail"]
        func fields(_ entry: NewEntry) -> [String?] {
            [entry.at, entry.principalID, entry.principalName, entry.action, entry.resource, entry.recordID, entry.orgID, entry.detail]
        }
        if let postgres = db as? PostgresTransaction, entries.count > 1 {
            var text = CopyText(capacity: 192 * entries.count)
            for entry in entries { text.appendRow(fields(entry)) }
            try await postgres.copy([text], into: "audit_log", columns: columns)
        } else {
            for chunk in entries.batches(of: RecordStore.rowsPerStatement) {
                let values = chunk.flatMap(fields).map { $0 as any Encodable & Sendable }
                try await db.execute(sql: MultiRowInsert(into: "audit_log", columns: columns, values: values)) { _ in }
            }
        }
    }

    public struct Entry: Codable, Sendable {
        public let seq: Int
        public let at: String
        public let principalID: String
        public let principalName: String
        public let action: String
        public let resource: String
        public let recordID: String?
        public let orgID: String?
        public let detail: String
    }

    /// Entries about records under `roots`, newest first, after the cursor `beforeSeq`.
    public static func query(_ db: any SQLDatabase, roots: [String], resource: String?, recordID: String?,
                             beforeSeq: Int?, limit: Int) async throws -> [Entry] {
        var sql = SQLQueryString("""
            SELECT seq, at, principal_id, principal_name, action, resource, record_id, org_id, detail FROM audit_log
            WHERE org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (\(binds: roots)))
            """)
        if let resource { sql.appendInterpolation(unsafeRaw: " AND resource = "); sql.appendInterpolation(bind: resource) }
        if let recordID { sql.appendInterpolation(unsafeRaw: " AND record_id = "); sql.appendInterpolation(bind: recordID) }
        if let beforeSeq { sql.appendInterpolation(unsafeRaw: " AND seq < "); sql.appendInterpolation(bind: beforeSeq) }
        sql.appendInterpolation(unsafeRaw: " ORDER BY seq DESC LIMIT \(limit)")
        return try await db.raw(sql).all().map { row in
            Entry(seq: try row.decode(column: "seq", as: Int.self), at: try row.decode(column: "at", as: String.self),
                  principalID: try row.decode(column: "principal_id", as: String.self),
                  principalName: try row.decode(column: "principal_name", as: String.self),
                  action: try row.decode(column: "action", as: String.self),
                  resource: try row.decode(column: "resource", as: String.self),
                  recordID: try row.decode(column: "record_id", as: String?.self),
                  orgID: try row.decode(column: "org_id", as: String?.self),
                  detail: try row.decode(column: "detail", as: String.self))
        }
    }
}

extension AuditLog.NewEntry {
    /// An entry stamped now.
    public init(principal: Principal?, action: AuditLog.Action, resource: String, recordID: String?, orgID: String?, detail: String) {
        self.init(at: Clock.timestamp(), principalID: principal?.id ?? "system", principalName: principal?.name ?? "system",
                  action: action.rawValue, resource: resource, recordID: recordID, orgID: orgID, detail: detail)
    }
}
