import Foundation
import Hummingbird
import Platform
import SQLKit
import VietnameseText

/// A node of the education-management tree: the ministry, a provincial department, a school, a
/// satellite campus (điểm trường), or a university or college (under the ministry, for its
/// admissions). Schools are created through `/schools`; the others here.
public struct OrgUnit: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case ministry, department, school, campus, institution

        /// The kind of node each kind hangs under; the ministry is the root.
        var parentKind: Kind? {
            switch self {
            case .ministry: nil
            case .department: .ministry
            case .school: .department
            case .campus: .school
            case .institution: .ministry
            }
        }
    }

    public var id: String?
    public var code: String
    public var kind: Kind
    public var name: String
    /// The parent's code; nil only for the ministry.
    public var parentCode: String?
    /// For departments: the province they serve (3-digit code before the 2025 reform, 2-digit after).
    public var provinceCode: String?
    /// When the current parent edge took effect.
    public var validFrom: String?
    public var status: String?

    static let fields: [FieldSpec] = [
        FieldSpec("id", .uuid, readOnly: true, "Surrogate ID"),
        FieldSpec("code", .string, required: true, "Org code; immutable"),
        FieldSpec("kind", .enumeration(Kind.allCases.map(\.rawValue)), required: true, "Node kind"),
        FieldSpec("name", .string, required: true, "Name"),
        FieldSpec("parentCode", .string, "Code of the parent node (required except for the ministry)"),
        FieldSpec("provinceCode", .string, "Province served (departments)"),
        FieldSpec("validFrom", .date, "Date the node (or its current parent) took effect"),
        FieldSpec("status", .string, readOnly: true, "active or closed"),
    ]
}

public enum OrgUnits {
    public static func find(_ db: any SQLDatabase, code: String) async throws -> OrgUnit? {
        try await db.raw("SELECT * FROM org_units WHERE code = \(bind: code.uppercased())").first().map(decode)
    }

    /// Those of `codes` (in their canonical capitals) that name a node already.
    static func takenCodes(_ db: any SQLDatabase, _ codes: [String]) async throws -> Set<String> {
        var taken: Set<String> = []
        for chunk in Array(Set(codes)).batches(of: RecordStore.rowsPerStatement) {
            for row in try await db.raw("SELECT code FROM org_units WHERE code IN (\(binds: Array(chunk)))").all() {
                taken.insert(try row.decode(column: "code", as: String.self))
            }
        }
        return taken
    }

    static func find(_ db: any SQLDatabase, id: String) async throws -> OrgUnit? {
        try await db.raw("SELECT * FROM org_units WHERE id = \(bind: id)").first().map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> OrgUnit {
        OrgUnit(id: try row.decode(column: "id", as: String.self), code: try row.decode(column: "code", as: String.self),
                kind: OrgUnit.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .school,
                name: try row.decode(column: "name", as: String.self), parentCode: nil,
                provinceCode: try row.decode(column: "province_code", as: String?.self),
                validFrom: try row.decode(column: "valid_from", as: String.self),
                status: try row.decode(column: "status", as: String.self))
    }

    /// Inserts a node and attaches it under its parent in the tree.
    static func insertNode(_ db: any SQLDatabase, _ unit: OrgUnit, parentID: String?) async throws {
        try await OrgTree.insert(db, [OrgTree.NewNode(id: unit.id!, code: unit.code, kind: unit.kind.rawValue, name: unit.name,
                                                      provinceCode: unit.provinceCode, parentID: parentID,
                                                      validFrom: unit.validFrom ?? Clock.today().description)])
    }

    static func rename(_ db: any SQLDatabase, id: String, name: String, status: String) async throws {
        try await db.raw("UPDATE org_units SET name = \(bind: name), status = \(bind: status) WHERE id = \(bind: id)").run()
    }

    /// The parent code of a node today.
    static func parentCode(_ db: any SQLDatabase, id: String) async throws -> String? {
        guard let parentID = try await OrgTree.parent(db, of: id, on: Clock.today()) else { return nil }
        return try await find(db, id: parentID)?.code
    }
}

/// `/api/v1/org-units`: the tree itself. Departments are the ministry's to create and move; a school
/// admin may add campuses under its own school.
struct OrgUnitsController {
    let database: any Database

    func register(in catalog: APICatalog) {
        catalog.schema("OrgUnit", OrgUnit.fields)
        catalog.schema("Reparent", [
            FieldSpec("parentCode", .string, required: true, "Code of the new parent"),
            FieldSpec("effective", .date, required: true, "Date the move takes effect; the old edge ends the day before"),
        ])
        catalog.add(APIRoute(.get, "/api/v1/org-units", summary: "List the nodes of the tree visible to the caller",
                             tag: "Org tree", parameters: [.init("kind", "ministry, department, school or campus")],
                             response: "OrgUnit", page: true), list)
        catalog.add(APIRoute(.get, "/api/v1/org-units/{id}", summary: "Read one node", tag: "Org tree", response: "OrgUnit"), get)
        catalog.add(APIRoute(.post, "/api/v1/org-units", summary: "Create a department or campus node", tag: "Org tree",
                             request: "OrgUnit", response: "OrgUnit"), create)
        catalog.add(APIRoute(.post, "/api/v1/org-units/{id}/reparent", summary: "Move a node under a new parent from a date",
                             tag: "Org tree", request: "Reparent", response: "OrgUnit"), reparent)
    }

    @Sendable func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let roots = principal.nodes(for: .registryRead)
        guard !roots.isEmpty else { throw APIError.forbidden("no role that may read the tree") }
        let kind = request.uri.queryParameters["kind"].map(String.init)
        let after = try request.uri.queryParameters["pageToken"].map { try PageToken.decode(String($0)) }
        let limit = try PageToken.pageSize(request)
        let units = try await database.read { db -> [OrgUnit] in
            var sql = SQLQueryString("""
                SELECT u.* FROM org_units u
                WHERE u.id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (\(binds: roots)))
                """)
            if let kind { sql.appendInterpolation(unsafeRaw: " AND u.kind = "); sql.appendInterpolation(bind: kind) }
            if let after { sql.appendInterpolation(unsafeRaw: " AND u.id > "); sql.appendInterpolation(bind: after) }
            sql.appendInterpolation(unsafeRaw: " ORDER BY u.id LIMIT \(limit + 1)")
            var units: [OrgUnit] = []
            for row in try await db.raw(sql).all() {
                var unit = try OrgUnits.decode(row)
                unit.parentCode = try await OrgUnits.parentCode(db, id: unit.id!)
                units.append(unit)
            }
            return units
        }
        let page = Array(units.prefix(limit))
        let next = units.count > limit ? page.last.map { PageToken.encode($0.id!) } : nil
        return JSONResponse.page(items: try page.map { try JSON.string($0) }, nextPageToken: next)
    }

    @Sendable func get(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let unit = try await database.read { db -> OrgUnit? in
            guard try await OrgTree.isWithin(db, nodeID: id, roots: principal.nodes(for: .registryRead)),
                  var unit = try await OrgUnits.find(db, id: id) else { return nil }
            unit.parentCode = try await OrgUnits.parentCode(db, id: id)
            return unit
        }
        guard let unit else { throw APIError.notFound }
        return try JSONResponse.encode(unit)
    }

    @Sendable func create(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let requested = try JSON.decodeStrict(OrgUnit.self, from: data, allowedFields: Set(OrgUnit.fields.map(\.name)))
        return try await ResourceController<School>.idempotent(request, context, database: database, body: data) { db in
            var unit = requested
            var errors = ValidationCollector()
            unit.code = Codes.check(unit.code, field: "code", into: &errors)
            unit.name = VietnameseText.clean(unit.name)
            if unit.name.isEmpty { errors.add("name", "name.empty", "the name is required") }
            if let from = unit.validFrom, CivilDate(iso: from) == nil { errors.add("validFrom", "date.invalid", "use YYYY-MM-DD") }
            guard [.department, .campus, .institution].contains(unit.kind) else {
                throw ValidationFailure(field: "kind", code: "kind.notHere",
                                        message: "only departments, campuses and institutions are created here; schools through /schools")
            }
            guard let parentCode = unit.parentCode, let parent = try await OrgUnits.find(db, code: parentCode) else {
                throw ValidationFailure(field: "parentCode", code: "parent.unknown", message: "no node with code '\(unit.parentCode ?? "")'")
            }
            if let expected = unit.kind.parentKind, parent.kind != expected {
                errors.add("parentCode", "parent.wrongKind", "a \(unit.kind.rawValue) belongs under a \(expected.rawValue)")
            }
            if try await OrgUnits.find(db, code: unit.code) != nil {
                throw APIError.conflict(field: "/code", code: "code.taken", "the code '\(unit.code)' is already used")
            }
            try errors.check()
            // Nodes under the ministry itself are the ministry's to add.
            let permission: Permission = unit.kind.parentKind == .ministry ? .orgWrite : .registryWrite
            guard try await OrgTree.isWithin(db, nodeID: parent.id!, roots: principal.nodes(for: permission)) else {
                throw APIError.notFound
            }
            unit.id = UUIDv7.make()
            unit.status = "active"
            unit.validFrom = unit.validFrom ?? Clock.today().description
            try await OrgUnits.insertNode(db, unit, parentID: parent.id!)
            try await AuditLog.record(db, principal: principal, action: .create, resource: "org-units", recordID: unit.id,
                                      orgID: unit.id, detail: "\(unit.kind.rawValue) \(unit.code) under \(parent.code)")
            return Idempotency.Stored(status: 201, body: try JSON.string(unit), etag: nil)
        }
    }

    struct ReparentRequest: Codable { let parentCode: String; let effective: CivilDate }

    @Sendable func reparent(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let move = try JSON.decodeStrict(ReparentRequest.self, from: data, allowedFields: ["parentCode", "effective"])
        return try await ResourceController<School>.idempotent(request, context, database: database, body: data) { db in
            guard try await OrgTree.isWithin(db, nodeID: id, roots: principal.nodes(for: .registryRead)),
                  var unit = try await OrgUnits.find(db, id: id) else { throw APIError.notFound }
            guard try await OrgTree.isWithin(db, nodeID: id, roots: principal.nodes(for: .orgWrite)) else {
                throw APIError.forbidden("moving nodes of the tree needs the ministry's org:write")
            }
            guard let parent = try await OrgUnits.find(db, code: move.parentCode),
                  try await OrgTree.isWithin(db, nodeID: parent.id!, roots: principal.nodes(for: .orgWrite)) else {
                throw ValidationFailure(field: "parentCode", code: "parent.unknown", message: "no node with code '\(move.parentCode)'")
            }
            guard let expected = unit.kind.parentKind, parent.kind == expected else {
                throw ValidationFailure(field: "parentCode", code: "parent.wrongKind",
                                        message: "a \(unit.kind.rawValue) cannot be placed under a \(parent.kind.rawValue)")
            }
            try await OrgTree.reparent(db, nodeID: id, newParentID: parent.id!, effective: move.effective)
            if unit.kind == .school {
                try await School.recordDepartment(db, schoolID: id, departmentCode: parent.code)
            }
            try await AuditLog.record(db, principal: principal, action: .transition, resource: "org-units", recordID: id,
                                      orgID: id, detail: "moved under \(parent.code) from \(move.effective)")
            unit.parentCode = parent.code
            unit.validFrom = move.effective.description
            return Idempotency.Stored(status: 200, body: try JSON.string(unit), etag: nil)
        }
    }
}
