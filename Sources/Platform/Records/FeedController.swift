import Foundation
import Hummingbird

/// `/api/v1/changes` (the change feed) and `/api/v1/audit-log`.
public struct FeedController: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    struct ChangePage: Codable {
        let items: [ChangeFeed.Entry]
        let newestChangeVersion: Int
        let nextMinChangeVersion: Int?
    }

    struct AuditPage: Codable {
        let items: [AuditLog.Entry]
        let nextPageToken: String?
    }

    public func register(in catalog: APICatalog) {
        catalog.schema("ChangePage", [
            FieldSpec("items", .array(.object([
                FieldSpec("changeVersion", .integer, "Version"), FieldSpec("resource", .string, "Resource"),
                FieldSpec("id", .string, "Record ID"), FieldSpec("kind", .enumeration(["upsert", "delete", "key_change"]), "Kind"),
                FieldSpec("naturalKey", .string, "Natural key"), FieldSpec("oldNaturalKey", .string, "Old natural key"),
                FieldSpec("keyField", .string, "Which key changed"), FieldSpec("oldValue", .string, "Old value"),
                FieldSpec("newValue", .string, "New value"), FieldSpec("sensitive", .boolean, "Identity data"),
                FieldSpec("at", .string, "When"),
            ])), readOnly: true, "Changes, oldest first"),
            FieldSpec("newestChangeVersion", .integer, readOnly: true, "The newest version in the database"),
            FieldSpec("nextMinChangeVersion", .integer, readOnly: true, "Pass as minChangeVersion for the next page"),
        ])
        catalog.schema("AuditPage", [
            FieldSpec("items", .array(.object([
                FieldSpec("seq", .integer, "Sequence"), FieldSpec("at", .string, "When"), FieldSpec("principalID", .string, "Who"),
                FieldSpec("principalName", .string, "Who"), FieldSpec("action", .string, "What"), FieldSpec("resource", .string, "Resource"),
                FieldSpec("recordID", .string, "Record"), FieldSpec("orgID", .string, "Node"), FieldSpec("detail", .string, "Detail"),
            ])), readOnly: true, "Entries, newest first"),
            FieldSpec("nextPageToken", .string, readOnly: true, "Older entries"),
        ])
        catalog.add(APIRoute(.get, "/api/v1/changes", summary: "The change feed: upserts, deletes and key changes after a version",
                             tag: "Sync", parameters: [.init("minChangeVersion", "exclusive lower bound, default 0"),
                                                       .init("maxChangeVersion", "inclusive upper bound"),
                                                       .init("resource", "only one resource, e.g. learners"),
                                                       .init("kind", "upsert, delete or key_change"),
                                                       .init("pageSize", "1–500")],
                             response: "ChangePage"), changes)
        catalog.add(APIRoute(.get, "/api/v1/audit-log", summary: "Audit entries for records under the caller's nodes",
                             tag: "Audit", parameters: [.init("resource", "filter"), .init("recordId", "filter"),
                                                        .init("pageSize", "1–500"), .init("pageToken", "older entries")],
                             response: "AuditPage"), audit)
    }

    @Sendable func changes(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let roots = principal.nodes(for: .registryRead)
        guard !roots.isEmpty else { throw APIError.forbidden("no role that may read the registry") }
        let query = request.uri.queryParameters
        func integer(_ name: String) throws -> Int? {
            guard let text = query[Substring(name)] else { return nil }
            guard let value = Int(text), value >= 0 else { throw APIError.malformed(field: name, "\(name) must be a whole number ≥ 0") }
            return value
        }
        let minVersion = try integer("minChangeVersion") ?? 0
        let maxVersion = try integer("maxChangeVersion")
        let limit = try PageToken.pageSize(request)
        var requestedKinds = ChangeFeed.Kind.allCasesList
        if let kind = query["kind"] {
            guard let parsed = ChangeFeed.Kind(rawValue: String(kind)) else {
                throw APIError.malformed(field: "kind", "kind is upsert, delete or key_change")
            }
            requestedKinds = [parsed]
        }
        let kinds = requestedKinds
        let resource = query["resource"].map { String($0).replacingOccurrences(of: "-", with: "_") }
        let showSensitive = Set(principal.nodes(for: .identityRead)).isSuperset(of: roots)
        let hidden = Set(principal.nodes(for: .recordsRead)).isSuperset(of: roots) ? [] : ChangeFeed.learningRecordResources
        let (entries, newest) = try await database.read { db in
            (try await ChangeFeed.entries(db, roots: roots, showSensitive: showSensitive, resource: resource, hidden: hidden, minVersion: minVersion,
                                          maxVersion: maxVersion, kinds: kinds, limit: limit),
             try await ChangeFeed.newestVersion(db))
        }
        let revealed = entries.filter { $0.sensitive && ($0.oldValue != nil || $0.newValue != nil) }
        if !revealed.isEmpty {
            try await database.audit.record(principal: principal, action: .readSensitive, resource: "changes", recordID: nil,
                                            orgID: roots.first, detail: revealed.map { "\($0.resource)/\($0.id)" }.joined(separator: ","))
        }
        let next = entries.count == limit ? entries.last?.changeVersion : nil
        return try JSONResponse.encode(ChangePage(items: entries, newestChangeVersion: newest, nextMinChangeVersion: next))
    }

    @Sendable func audit(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let roots = principal.nodes(for: .auditRead)
        guard !roots.isEmpty else { throw APIError.forbidden("reading the audit log needs audit:read") }
        let query = request.uri.queryParameters
        let limit = try PageToken.pageSize(request)
        let before = try query["pageToken"].map { token -> Int in
            guard let value = Int(try PageToken.decode(String(token))) else {
                throw APIError.malformed(field: "pageToken", "pageToken is not one this server issued")
            }
            return value
        }
        let entries = try await database.read { db in
            try await AuditLog.query(db, roots: roots, resource: query["resource"].map { String($0).replacingOccurrences(of: "-", with: "_") },
                                     recordID: query["recordId"].map(String.init), beforeSeq: before, limit: limit)
        }
        let next = entries.count == limit ? entries.last.map { PageToken.encode(String($0.seq)) } : nil
        return try JSONResponse.encode(AuditPage(items: entries, nextPageToken: next))
    }
}

extension ChangeFeed.Kind {
    static let allCasesList: [ChangeFeed.Kind] = [.upsert, .delete, .keyChange]
}
