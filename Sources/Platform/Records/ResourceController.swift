import Foundation
import HTTPTypes
import Hummingbird
import SQLKit
import VietnameseText

/// A model stored as a document: it carries the server-assigned surrogate ID.
public protocol StoredModel: Codable, Sendable {
    var id: String? { get set }
}

/// A change of a key attribute that is not the record's own natural key (e.g. a learner's citizen ID),
/// published in the change feed so consumers can re-link.
public struct KeyChange: Sendable {
    public let field: String
    public let old: String?
    public let new: String?
    public let sensitive: Bool
    public init(field: String, old: String?, new: String?, sensitive: Bool) {
        self.field = field
        self.old = old
        self.new = new
        self.sensitive = sensitive
    }
}

/// What a resource's own rules produce from a request: the normalised model and how to store it.
public struct PreparedWrite<Model: StoredModel>: Sendable {
    public var model: Model
    public var orgID: String
    public var alsoVisibleTo: [String] = []
    public var searchKey: String = ""
    public var sortKey: String = ""
    public var status: String = ""
    public var columns: [String: String?] = [:]
    public var keyChanges: [KeyChange] = []
    /// The node of the organisation tree a new record brings (a new school is a node under its
    /// department), with `orgID` its ID: written just before the record, by `write` or with a
    /// batch's other new nodes by `PreparedBatch.store`. The caller's scope is checked on its parent.
    public var newNode: OrgTree.NewNode?

    public init(model: Model, orgID: String) {
        self.model = model
        self.orgID = orgID
    }
}

/// Everything a resource's rules may consult while preparing a write.
public struct WriteInput<Model: StoredModel>: Sendable {
    public let db: any SQLDatabase
    public let principal: Principal
    /// The stored record with the same natural key, if there is one.
    public let existing: (row: RecordRow, model: Model)?
}

/// The rules and shape of one registry resource. A `ResourceController` turns it into the standard
/// routes: list, get, upsert, delete, each scoped, audited and documented.
public struct ResourceSpec<Model: StoredModel>: Sendable {
    public let descriptor: ResourceDescriptor
    public let schemaName: String
    public let tag: String
    public let fields: [FieldSpec]
    /// The fields' names: the members a body may have. Kept, not derived on each use, because an
    /// import decodes every row's body against it.
    let allowedFields: Set<String>
    /// Query parameter → indexed column, for list filters.
    public let filters: [String: String]
    public let defaultOrder: ListQuery.Order
    /// Issues the natural key of a new record when the request has none (e.g. a new learner's code).
    public let issueKey: (@Sendable (inout Model, any SQLDatabase) async throws -> Void)?
    public let naturalKey: @Sendable (Model) throws -> String
    public let prepare: @Sendable (Model, WriteInput<Model>) async throws -> PreparedWrite<Model>
    /// Removes identity fields for callers without `identity:read`; nil when the resource has none.
    public let redact: (@Sendable (inout Model) -> Void)?
    public let allowDelete: Bool
    /// Set when the rules of a stored record write beside it (a school renamed or moved is renamed
    /// or moved in the organisation tree): a batch then writes those records alone, so a refused
    /// one leaves nothing behind. New records bring what they add as data (`PreparedWrite.newNode`).
    public let rulesWriteOnUpdate: Bool
    /// Set when the rules read other records of their own kind than the one with the record's key
    /// (an enrolment looks for its learner's active enrolments): an import then prepares each batch
    /// only once the batch before is stored, so the rules see every record the file wrote before.
    /// Reads of records written alone (a new learner's code issued) do not count: those are written
    /// in the file's order once the batch before is stored.
    public let rulesReadOwnKind: Bool
    /// Refuses a delete that would leave other records pointing at nothing (409).
    public let beforeDelete: (@Sendable (any SQLDatabase, RecordRow) async throws -> Void)?
    /// Reads for a whole batch write, with a few statements, what `prepare` would otherwise read for
    /// each record, where `prepare`'s lookups find it: into the batch's `BatchReads` what differs on
    /// every row (the learners a batch of enrolments names), into the import's `ReferenceReadCache`
    /// what comes back over rows. It gets the records as they came, before `prepare`'s own clean-up.
    public let prefetch: (@Sendable ([Model], any SQLDatabase, Principal, BatchReads) async throws -> Void)?

    public init(descriptor: ResourceDescriptor, schemaName: String, tag: String, fields: [FieldSpec],
                filters: [String: String] = [:], defaultOrder: ListQuery.Order = .id, allowDelete: Bool = true, rulesWriteOnUpdate: Bool = false,
                rulesReadOwnKind: Bool = false,
                issueKey: (@Sendable (inout Model, any SQLDatabase) async throws -> Void)? = nil,
                beforeDelete: (@Sendable (any SQLDatabase, RecordRow) async throws -> Void)? = nil,
                prefetch: (@Sendable ([Model], any SQLDatabase, Principal, BatchReads) async throws -> Void)? = nil,
                naturalKey: @escaping @Sendable (Model) throws -> String,
                prepare: @escaping @Sendable (Model, WriteInput<Model>) async throws -> PreparedWrite<Model>,
                redact: (@Sendable (inout Model) -> Void)? = nil) {
        self.descriptor = descriptor
        self.schemaName = schemaName
        self.tag = tag
        self.fields = fields
        allowedFields = Set(fields.map(\.name))
        self.filters = filters
        self.defaultOrder = defaultOrder
        self.allowDelete = allowDelete
        self.rulesWriteOnUpdate = rulesWriteOnUpdate
        self.rulesReadOwnKind = rulesReadOwnKind
        self.issueKey = issueKey
        self.beforeDelete = beforeDelete
        self.prefetch = prefetch
        self.naturalKey = naturalKey
        self.prepare = prepare
        self.redact = redact
    }
}

public struct ResourceController<Model: StoredModel>: Sendable {
    public let spec: ResourceSpec<Model>
    public let database: any Database

    public init(spec: ResourceSpec<Model>, database: any Database) {
        self.spec = spec
        self.database = database
    }

    var name: String { spec.descriptor.name }

    public func register(in catalog: APICatalog) {
        catalog.schema(spec.schemaName, spec.fields)
        let base = "/api/v1/\(spec.descriptor.path)"
        let filterParameters = spec.filters.keys.sorted().map { APIRoute.Parameter($0, "filter by \($0)") }
            + [APIRoute.Parameter("q", "name search that ignores diacritics and case"),
               APIRoute.Parameter("pageSize", "1–500, default 25"),
               APIRoute.Parameter("pageToken", "the nextPageToken of the previous page")]
        catalog.add(APIRoute(.get, base, summary: "List \(name) visible to the caller", tag: spec.tag,
                             parameters: filterParameters, response: spec.schemaName, page: true)) { request, context in
            try await list(request, context)
        }
        catalog.add(APIRoute(.get, base + "/{id}", summary: "Read one of \(name)", tag: spec.tag,
                             response: spec.schemaName)) { request, context in
            try await get(request, context)
        }
        catalog.add(APIRoute(.post, base, summary: "Create or update one of \(name) by its natural key", tag: spec.tag,
                             parameters: [.init("Idempotency-Key", in: "header", "replays the first response to a retried POST"),
                                          .init("If-Match", in: "header", "the ETag read, to update only that version")],
                             request: spec.schemaName, response: spec.schemaName)) { request, context in
            try await upsert(request, context)
        }
        if spec.allowDelete {
            catalog.add(APIRoute(.delete, base + "/{id}", summary: "Delete one of \(name)", tag: spec.tag,
                                 parameters: [.init("If-Match", in: "header", "the ETag read")])) { request, context in
                try await delete(request, context)
            }
        }
    }

    // MARK: reading

    func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var query = ListQuery()
        query.limit = try PageToken.pageSize(request) + 1
        query.order = spec.defaultOrder
        for (parameter, column) in spec.filters {
            if let value = request.uri.queryParameters[Substring(parameter)] { query.equals[column] = String(value) }
        }
        if let search = request.uri.queryParameters["q"] {
            // A "+" is a form-encoded space; no name contains one.
            query.searchFolded = VietnameseText.fold(String(search).replacingOccurrences(of: "+", with: " "))
        }
        if let token = request.uri.queryParameters["pageToken"] { query.afterCursor = try PageToken.decode(String(token)) }
        let roots = principal.nodes(for: .registryRead)
        guard !roots.isEmpty else { throw APIError.forbidden("no role that may read \(name)") }
        let showSensitive = spec.redact == nil || Set(principal.nodes(for: .identityRead)).isSuperset(of: roots)
        let spec = self.spec
        let query2 = query
        var rows = try await database.read { db in try await RecordStore.list(db, spec.descriptor, query2, roots: roots) }
        var next: String?
        if rows.count > query.limit - 1 {
            rows.removeLast()
            if let last = rows.last {
                next = PageToken.encode(query.order == .id ? last.id : "\(last.sortKey)\u{1}\(last.id)")
            }
        }
        if spec.redact != nil && showSensitive && !rows.isEmpty {
            try await database.audit.record(principal: principal, action: .readSensitive, resource: spec.descriptor.name,
                                            recordID: nil, orgID: roots.first, detail: rows.map(\.id).joined(separator: ","))
        }
        let items = try rows.map { try render($0, showSensitive: showSensitive) }
        return JSONResponse.page(items: items, nextPageToken: next)
    }

    func get(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let (row, showSensitive) = try await loadVisible(id: id, principal: principal, sensitiveAudit: true)
        if let match = request.headers[.ifNoneMatch], match == row.etag {
            return Response(status: .notModified, headers: [.eTag: row.etag])
        }
        return JSONResponse.raw(try render(row, showSensitive: showSensitive), etag: row.etag)
    }

    /// Loads a record the principal may read, or answers 404 (also for records outside the scope),
    /// and says whether the caller may see its identity fields (a read of them is audited).
    public func loadVisible(id: String, principal: Principal, sensitiveAudit: Bool) async throws -> (RecordView, Bool) {
        guard !principal.nodes(for: .registryRead).isEmpty else { throw APIError.notFound }
        let found: (RecordView, Bool)?
        if let reach = principal.readReach, case .decided(let answer) = try await lookupInReach(id: id, reach: reach, principal: principal) {
            found = answer
        } else {
            found = try await lookupWithSQL(id: id, principal: principal)
        }
        guard let (row, sensitive) = found else { throw APIError.notFound }
        if sensitive && spec.redact != nil && sensitiveAudit {
            try await database.audit.record(principal: principal, action: .readSensitive, resource: spec.descriptor.name,
                                            recordID: row.id, orgID: row.orgID)
        }
        return (row, sensitive)
    }

    private enum Lookup: Sendable {
        case decided((RecordView, Bool)?)
        case undecided
    }

    /// With the caller's reach in memory a read by ID is a plain primary-key lookup. A record owned
    /// outside the reach (shared with the caller, or not visible at all) is left to the full query.
    private func lookupInReach(id: String, reach: Set<String>, principal: Principal) async throws -> Lookup {
        let spec = self.spec
        return try await database.read { db in
            guard let row = try await db.raw("""
                SELECT \(unsafeRaw: RecordView.columns) FROM \(ident: spec.descriptor.name) t WHERE t.id = \(bind: id)
                """).first().map(RecordView.init) else { return .decided(nil) }
            guard reach.contains(row.orgID) else { return .undecided }
            return .decided((row, spec.redact == nil || principal.identityReach?.contains(row.orgID) == true))
        }
    }

    /// One query answers both questions: may the caller see the record, and its identity fields.
    private func lookupWithSQL(id: String, principal: Principal) async throws -> (RecordView, Bool)? {
        let roots = principal.nodes(for: .registryRead)
        let identityRoots = principal.nodes(for: .identityRead)
        let spec = self.spec
        return try await database.read { db in
            var sql = SQLQueryString("SELECT \(unsafeRaw: RecordView.columns), ")
            if spec.redact == nil || identityRoots.isEmpty {
                sql.appendInterpolation(unsafeRaw: spec.redact == nil ? "1" : "0")
            } else {
                sql.appendInterpolation(unsafeRaw: "CASE WHEN ")
                sql.appendInterpolation(spec.descriptor.visibilityCondition(roots: identityRoots))
                sql.appendInterpolation(unsafeRaw: " THEN 1 ELSE 0 END")
            }
            sql.appendInterpolation(unsafeRaw: " AS sensitive FROM ")
            sql.appendInterpolation(ident: spec.descriptor.name)
            sql.appendInterpolation(unsafeRaw: " t WHERE t.id = ")
            sql.appendInterpolation(bind: id)
            sql.appendInterpolation(unsafeRaw: " AND ")
            sql.appendInterpolation(spec.descriptor.visibilityCondition(roots: roots))
            guard let row = try await db.raw(sql).first() else { return nil }
            return (try RecordView(row), try row.decode(column: "sensitive", as: Int.self) == 1)
        }
    }

    /// The stored document as the caller may see it: the public version is kept beside the full one,
    /// so a read never re-encodes JSON.
    public func render(_ record: some StoredDocument, showSensitive: Bool) throws -> String {
        if showSensitive { return record.body }
        if let publicBody = record.publicBody { return publicBody }
        // A resource with identity fields always stores its public form; should one be missing,
        // redact now rather than show the full document.
        guard spec.redact != nil else { return record.body }
        return try documents(try JSON.decoder.decode(Model.self, from: Data(record.body.utf8))).publicBody ?? ""
    }

    /// The full and the public document of a model, for writing.
    public func documents(_ model: Model) throws -> (body: String, publicBody: String?) {
        guard let redact = spec.redact else { return (try JSON.string(model), nil) }
        var redacted = model
        redact(&redacted)
        return (try JSON.string(model), try JSON.string(redacted))
    }

    // MARK: writing

    func upsert(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.has(.registryWrite) else { throw APIError.forbidden("no role that may write \(name)") }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: body)
        var decoded = try JSON.decodeStrict(Model.self, from: data, allowedFields: spec.allowedFields)
        decoded.id = nil
        let model = decoded
        let ifMatch = request.headers[.ifMatch]
        return try await Self.idempotent(request, context, database: database, body: data) { db in
            let (row, created, _) = try await write(model, principal: principal, ifMatch: ifMatch, db: db)
            let identity = try await OrgTree.isWithin(db, nodeID: row.orgID, roots: principal.nodes(for: .identityRead))
            return Idempotency.Stored(status: created ? 201 : 200, body: try render(row, showSensitive: identity), etag: row.etag)
        }
    }

    /// Creates or updates a record by its natural key inside the caller's transaction, applying the
    /// resource's rules, the caller's scope, the change feed and the audit log. The API and batch jobs
    /// (demo data, imports) share this one path; `prepareBatch` and `PreparedBatch.store` are the same
    /// for many records at once.
    public func write(_ input: Model, principal: Principal, ifMatch: String? = nil,
                      db: any SQLDatabase) async throws -> (row: RecordRow, created: Bool, changed: Bool) {
        var model = input
        let keyBefore = try? spec.naturalKey(model)
        try await spec.issueKey?(&model, db)
        let key = try spec.naturalKey(model)
        // A key just issued is known to be free: no record to look for.
        let issued = keyBefore != key
        let existingRow = issued ? nil : try await RecordStore.find(db, spec.descriptor, naturalKey: key)
        let record = try await prepareRecord(model, key: key, existingRow: existingRow, principal: principal, ifMatch: ifMatch, db: db)
        if let existingRow, record.isUnchanged(from: existingRow) {
            return (existingRow, false, false)  // nothing changed: no new version, no change-feed entry
        }
        if let newNode = record.newNode { try await OrgTree.insert(db, [newNode]) }
        let row = if let existingRow {
            try await RecordStore.update(db, spec.descriptor, record.draft, previous: existingRow)
        } else {
            try await RecordStore.insert(db, spec.descriptor, record.draft)
        }
        try await record.publishKeyChanges(db, resource: spec.descriptor.name)
        try await AuditLog.record(db, principal: principal, action: existingRow == nil ? .create : .update,
                                  resource: spec.descriptor.name, recordID: row.id, orgID: row.orgID, detail: record.auditDetail)
        return (row, existingRow == nil, true)
    }

    /// The record as it will be stored: the caller's scope checked, the resource's rules applied.
    func prepareRecord(_ model: Model, key: String, existingRow: RecordRow?, principal: Principal, ifMatch: String?,
                       db: any SQLDatabase) async throws -> PreparedRecord {
        var existing: (RecordRow, Model)?
        if let existingRow {
            existing = (existingRow, try JSON.decoder.decode(Model.self, from: Data(existingRow.body.utf8)))
            // Write permission follows the owner only: a node the record is merely shared with (the
            // receiving school of a transfer, a former employer) may read it but not change it.
            try await Self.requireWritable(db, spec.descriptor, existingRow, principal: principal)
        }
        if let ifMatch, ifMatch != "*", ifMatch != existingRow?.etag { throw APIError.preconditionFailed }
        var prepared = try await spec.prepare(model, WriteInput(db: db, principal: principal, existing: existing))
        precondition(prepared.newNode.map { $0.id == prepared.orgID } ?? true, "a record's new node is the node it belongs to")
        // A node not yet in the tree lies where its parent does.
        let scopeNode = prepared.newNode.map { $0.parentID ?? $0.id } ?? prepared.orgID
        guard try await OrgTree.isWithin(db, nodeID: scopeNode, roots: principal.nodes(for: .registryWrite)) else {
            throw APIError.notFound
        }
        prepared.model.id = existingRow?.id ?? prepared.model.id ?? UUIDv7.make()
        let documents = try documents(prepared.model)
        let draft = RecordDraft(id: prepared.model.id!, naturalKey: key, orgID: prepared.orgID,
                                alsoVisibleTo: prepared.alsoVisibleTo, searchKey: prepared.searchKey,
                                sortKey: prepared.sortKey, status: prepared.status, columns: prepared.columns,
                                body: documents.body, publicBody: documents.publicBody)
        return PreparedRecord(draft: draft, keyChanges: prepared.keyChanges.filter { $0.old != $0.new }, newNode: prepared.newNode)
    }

    /// Decodes a body as the API does (unknown fields refused) and writes it: the path of batch
    /// imports, which build each row's body from a file.
    public func write(body: Data, principal: Principal, db: any SQLDatabase) async throws -> (row: RecordRow, created: Bool, changed: Bool) {
        var model = try JSON.decodeStrict(Model.self, from: body, allowedFields: spec.allowedFields)
        model.id = nil
        return try await write(model, principal: principal, db: db)
    }

    func delete(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let spec = self.spec
        let ifMatch = request.headers[.ifMatch]
        try await database.transaction { db in
            guard let row = try await RecordStore.find(db, spec.descriptor, id: id) else { throw APIError.notFound }
            try await Self.requireWritable(db, spec.descriptor, row, principal: principal)
            if let ifMatch, ifMatch != row.etag { throw APIError.preconditionFailed }
            try await spec.beforeDelete?(db, row)
            try await RecordStore.delete(db, spec.descriptor, row)
            try await AuditLog.record(db, principal: principal, action: .delete, resource: spec.descriptor.name,
                                      recordID: row.id, orgID: row.orgID, detail: "natural key \(row.naturalKey)")
        }
        return Response(status: .noContent)
    }

    /// 404 when the caller cannot see the record at all, 403 when it can read but not change it.
    public static func requireWritable(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ row: RecordRow,
                                       principal: Principal) async throws {
        if try await OrgTree.isWithin(db, nodeID: row.orgID, roots: principal.nodes(for: .registryWrite)) { return }
        if try await RecordStore.isVisible(db, resource, id: row.id, roots: principal.nodes(for: .registryRead)) {
            throw APIError.forbidden("your role may read this record but not change it")
        }
        throw APIError.notFound
    }

    /// Runs a write once per `Idempotency-Key`: the stored response is replayed for a retried request.
    public static func idempotent(_ request: Request, _ context: NEMISContext, database: any Database, body: Data,
                                  _ write: @escaping @Sendable (any SQLDatabase) async throws -> Idempotency.Stored) async throws -> Response {
        let principal = try context.requirePrincipal()
        let key = request.headers[.idempotencyKey]
        let hash = Idempotency.requestHash(method: request.method.rawValue, path: request.uri.path, body: body)
        let stored = try await database.transaction { db -> Idempotency.Stored in
            if let key, let previous = try await Idempotency.lookup(db, principalID: principal.id, key: key, hash: hash) {
                return previous
            }
            let response = try await write(db)
            if let key {
                try await Idempotency.save(db, principalID: principal.id, key: key, hash: hash, response: response)
            }
            return response
        }
        return JSONResponse.raw(stored.body, status: .init(code: stored.status), etag: stored.etag)
    }
}
