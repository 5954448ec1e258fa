import Foundation
import Hummingbird
import Platform
import SQLKit

/// The lifecycle actions on enrolments and transfers, and the class roster.
struct LifecycleController {
    let database: any Database
    let enrolments: ResourceController<Enrolment>
    let transfers: ResourceController<Transfer>
    let classes: ResourceController<SchoolClass>
    let learners: ResourceController<Learner>
    let rosters = SnapshotCache<RosterSnapshot>(capacity: 4096)

    struct EndRequest: Codable { let date: CivilDate; let reason: String? }
    struct YearEndRequest: Codable { let date: CivilDate; let outcome: Enrolment.Outcome }
    struct DecisionRequest: Codable { let note: String?; let className: String? }

    func register(in catalog: APICatalog) {
        catalog.schema("EndEnrolment", [FieldSpec("date", .date, required: true, "Last day"),
                                        FieldSpec("reason", .string, "Reason (required for a drop-out)")])
        catalog.schema("YearEnd", [FieldSpec("date", .date, required: true, "Decision date"),
                                   FieldSpec("outcome", .enumeration(Enrolment.Outcome.allCases.map(\.rawValue)), required: true, "Decision")])
        catalog.schema("TransferDecision", [FieldSpec("note", .string, "Note to the sending school"),
                                            FieldSpec("className", .string, "Class at the receiving school (approval)")])
        catalog.add(APIRoute(.post, "/api/v1/enrolments/{id}/withdraw", summary: "Withdraw a learner", tag: "Enrolments",
                             request: "EndEnrolment", response: "Enrolment")) { try await end($0, $1, status: .withdrawn) }
        catalog.add(APIRoute(.post, "/api/v1/enrolments/{id}/drop-out", summary: "Record a drop-out with its reason", tag: "Enrolments",
                             request: "EndEnrolment", response: "Enrolment")) { try await end($0, $1, status: .droppedOut) }
        catalog.add(APIRoute(.post, "/api/v1/enrolments/{id}/year-end", summary: "Promote, repeat or graduate at year end",
                             tag: "Enrolments", request: "YearEnd", response: "Enrolment"), yearEnd)
        catalog.add(APIRoute(.post, "/api/v1/transfers/{id}/approve", summary: "Receiving school approves a transfer",
                             tag: "Enrolments", request: "TransferDecision", response: "Transfer")) { try await decide($0, $1, approve: true) }
        catalog.add(APIRoute(.post, "/api/v1/transfers/{id}/refuse", summary: "Receiving school refuses a transfer",
                             tag: "Enrolments", request: "TransferDecision", response: "Transfer")) { try await decide($0, $1, approve: false) }
        catalog.add(APIRoute(.get, "/api/v1/classes/{id}/roster", summary: "The class list, in Vietnamese order (given, middle, family name)",
                             tag: "Classes", response: "Learner", page: true), roster)
    }

    private func body<T: Decodable>(_ request: Request, _ context: NEMISContext, _ type: T.Type, _ fields: Set<String>) async throws -> (T, Data) {
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        return (try JSON.decodeStrict(type, from: data, allowedFields: fields), data)
    }

    /// Loads a record for a write: 404 outside the read scope, 403 when readable but not writable.
    static func loadForWrite(_ db: any SQLDatabase, _ resource: ResourceDescriptor, id: String, principal: Principal,
                             writeAt: String? = nil) async throws -> RecordRow {
        guard let row = try await RecordStore.find(db, resource, id: id),
              try await RecordStore.isVisible(db, resource, id: id, roots: principal.nodes(for: .registryRead))
        else { throw APIError.notFound }
        let writeRoots = principal.nodes(for: .registryWrite)
        let allowed = if let writeAt {
            try await OrgTree.isWithin(db, nodeID: writeAt, roots: writeRoots)
        } else {
            try await OrgTree.isWithin(db, nodeID: row.orgID, roots: writeRoots)
        }
        guard allowed else { throw APIError.forbidden("your role may read but not change this record") }
        return row
    }

    func end(_ request: Request, _ context: NEMISContext, status: Enrolment.Status) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let (end, data) = try await body(request, context, EndRequest.self, ["date", "reason"])
        if status == .droppedOut, (end.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationFailure(field: "reason", code: "reason.required", message: "a drop-out needs its reason")
        }
        return try await ResourceController<Enrolment>.idempotent(request, context, database: database, body: data) { db in
            let row = try await Self.loadForWrite(db, Enrolment.resource, id: id, principal: principal)
            var enrolment = try References.model(row, as: Enrolment.self)
            try Self.requireActive(enrolment)
            if end.date < enrolment.entryDate {
                throw ValidationFailure(field: "date", code: "date.order", message: "the end date is before the entry date \(enrolment.entryDate)")
            }
            enrolment.status = status
            enrolment.exitDate = end.date
            enrolment.exitReason = end.reason
            let stored = try await RecordStore.transition(db, Enrolment.resource, row, body: try JSON.string(enrolment), publicBody: nil,
                                                          status: status.rawValue)
            try await setLearnerStatus(db, code: enrolment.learnerCode, status: status == .withdrawn ? "withdrawn" : "droppedOut")
            try await AuditLog.record(db, principal: principal, action: .transition, resource: "enrolments", recordID: id,
                                      orgID: row.orgID, detail: "\(status.rawValue) on \(end.date)")
            return Idempotency.Stored(status: 200, body: stored.body, etag: stored.etag)
        }
    }

    @Sendable func yearEnd(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let (decision, data) = try await body(request, context, YearEndRequest.self, ["date", "outcome"])
        return try await ResourceController<Enrolment>.idempotent(request, context, database: database, body: data) { db in
            let row = try await Self.loadForWrite(db, Enrolment.resource, id: id, principal: principal)
            var enrolment = try References.model(row, as: Enrolment.self)
            try Self.requireActive(enrolment)
            if decision.outcome == .graduated, let className = enrolment.className,
               let schoolClass = try await References.load(db, SchoolClass.resource, SchoolClass.self,
                                                           key: SchoolClass.key(enrolment.schoolCode, enrolment.schoolYear, className)),
               !["5", "9", "12", "kindergarten-5"].contains(schoolClass.model.grade) {
                throw ValidationFailure(field: "outcome", code: "outcome.notFinalGrade",
                                        message: "only the last grade of a level (5, 9, 12 or the 5-year-old group) graduates; this class is grade \(schoolClass.model.grade)")
            }
            enrolment.status = .completed
            enrolment.outcome = decision.outcome
            enrolment.exitDate = decision.date
            let stored = try await RecordStore.transition(db, Enrolment.resource, row, body: try JSON.string(enrolment), publicBody: nil,
                                                          status: "completed")
            if decision.outcome == .graduated { try await setLearnerStatus(db, code: enrolment.learnerCode, status: "graduated") }
            try await AuditLog.record(db, principal: principal, action: .transition, resource: "enrolments", recordID: id,
                                      orgID: row.orgID, detail: "year end: \(decision.outcome.rawValue)")
            return Idempotency.Stored(status: 200, body: stored.body, etag: stored.etag)
        }
    }

    func decide(_ request: Request, _ context: NEMISContext, approve: Bool) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let (decision, data) = try await body(request, context, DecisionRequest.self, ["note", "className"])
        return try await ResourceController<Transfer>.idempotent(request, context, database: database, body: data) { db in
            let stored = try await applyDecision(db, id: id, approve: approve, note: decision.note, className: decision.className,
                                                 principal: principal)
            return Idempotency.Stored(status: 200, body: stored.body, etag: stored.etag)
        }
    }

    /// The receiving school's decision on a transfer, inside the caller's transaction: approving
    /// moves the learner's record, guardians and enrolment history to that school.
    func applyDecision(_ db: any SQLDatabase, id: String, approve: Bool, note: String?, className: String?,
                       principal: Principal) async throws -> RecordRow {
        guard let peek = try await RecordStore.find(db, Transfer.resource, id: id) else { throw APIError.notFound }
        var transfer = try References.model(peek, as: Transfer.self)
        guard let target = try await References.load(db, School.resource, School.self, key: transfer.toSchoolCode) else {
            throw APIError.notFound
        }
        // Only the receiving school decides.
        let row = try await Self.loadForWrite(db, Transfer.resource, id: id, principal: principal, writeAt: target.row.id)
        guard transfer.status == .requested else {
            throw APIError.conflict(field: "/status", code: "transfer.decided", "the transfer was already \(transfer.status!.rawValue)")
        }
        transfer.status = approve ? .approved : .refused
        transfer.decisionNote = note
        transfer.decidedAt = Clock.timestamp()
        if approve {
            transfer.toClassName = try await moveLearner(db, transfer: transfer, targetID: target.row.id, className: className)
        }
        let stored = try await RecordStore.transition(db, Transfer.resource, row, body: try JSON.string(transfer), publicBody: nil,
                                                      status: transfer.status!.rawValue)
        try await AuditLog.record(db, principal: principal, action: .transition, resource: "transfers", recordID: id,
                                  orgID: target.row.id, detail: approve ? "approved" : "refused")
        return stored
    }

    /// Ends the sending enrolment, enrols the learner at the receiving school and moves the learner's
    /// record, guardians and enrolment history there. Returns the class name of the new enrolment.
    private func moveLearner(_ db: any SQLDatabase, transfer: Transfer, targetID: String, className: String?) async throws -> String? {
        guard let learner = try await References.load(db, Learner.resource, Learner.self, key: transfer.learnerCode) else {
            throw APIError.notFound
        }
        let lastDay = transfer.effectiveDate.addingDays(-1)
        let history = try await db.raw("SELECT id FROM enrolments WHERE learner_id = \(bind: learner.row.id)").all()
            .map { try $0.decode(column: "id", as: String.self) }
        for enrolmentID in history {
            guard let row = try await RecordStore.find(db, Enrolment.resource, id: enrolmentID) else { continue }
            var enrolment = try References.model(row, as: Enrolment.self)
            if enrolment.status == .active {
                enrolment.status = .transferredOut
                enrolment.exitDate = max(lastDay, enrolment.entryDate)
                enrolment.exitReason = "transfer to \(transfer.toSchoolCode)"
            }
            try await RecordStore.transition(db, Enrolment.resource, row, body: try JSON.string(enrolment), publicBody: nil,
                                             status: enrolment.status!.rawValue, alsoVisibleTo: [targetID])
        }
        var moved = learner.model
        moved.schoolCode = transfer.toSchoolCode
        moved.status = "active"
        let documents = try learners.documents(moved)
        try await RecordStore.transition(db, Learner.resource, learner.row, body: documents.body, publicBody: documents.publicBody,
                                         status: "active", orgID: targetID)
        let guardians = try await db.raw("SELECT id FROM guardians WHERE learner_id = \(bind: learner.row.id)").all()
            .map { try $0.decode(column: "id", as: String.self) }
        for guardianID in guardians {
            guard let row = try await RecordStore.find(db, Guardian.resource, id: guardianID) else { continue }
            try await RecordStore.transition(db, Guardian.resource, row, body: row.body, publicBody: row.publicBody,
                                             status: row.status, orgID: targetID)
        }
        var classID: String?
        var classNameStored: String?
        if let className {
            guard let found = try await References.load(db, SchoolClass.resource, SchoolClass.self,
                                                        key: SchoolClass.key(transfer.toSchoolCode, transfer.schoolYear, className)) else {
                throw ValidationFailure(field: "className", code: "class.unknown", message: "no class \(className) in \(transfer.schoolYear) at \(transfer.toSchoolCode)")
            }
            classID = found.row.id
            classNameStored = found.model.name
        }
        try await Enrolment.ensureSingleActive(db, learnerID: learner.row.id, schoolYear: transfer.schoolYear, except: nil)
        let enrolment = Enrolment(id: UUIDv7.make(), learnerCode: transfer.learnerCode, schoolCode: transfer.toSchoolCode,
                                  schoolYear: transfer.schoolYear, className: classNameStored, entryDate: transfer.effectiveDate,
                                  status: .active, exitDate: nil, exitReason: nil, outcome: nil)
        try await RecordStore.insert(db, Enrolment.resource, RecordDraft(
            id: enrolment.id!, naturalKey: "\(enrolment.learnerCode)|\(enrolment.schoolCode)|\(enrolment.entryDate)", orgID: targetID,
            searchKey: learner.row.naturalKey, sortKey: learner.row.sortKey, status: "active",
            columns: ["learner_id": learner.row.id, "class_id": classID, "school_year": transfer.schoolYear],
            body: try JSON.string(enrolment)))
        return classNameStored
    }

    static func requireActive(_ enrolment: Enrolment) throws {
        guard enrolment.status == .active else {
            throw APIError.conflict(field: "/status", code: "enrolment.notActive",
                                    "the enrolment is \(enrolment.status?.rawValue ?? "closed"), not active")
        }
    }

    func setLearnerStatus(_ db: any SQLDatabase, code: String, status: String) async throws {
        guard let learner = try await References.load(db, Learner.resource, Learner.self, key: code) else { return }
        var model = learner.model
        model.status = status
        let documents = try learners.documents(model)
        try await RecordStore.transition(db, Learner.resource, learner.row, body: documents.body, publicBody: documents.publicBody,
                                         status: status)
    }

    /// The learners with an active enrolment in the class, sorted by the Vietnamese class-list key.
    @Sendable func roster(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let roster = try await visibleRoster(classID: id, principal: principal)
        let showSensitive: Bool
        if let reach = principal.identityReach {
            showSensitive = reach.contains(roster.classOrgID)
        } else {
            let identityRoots = principal.nodes(for: .identityRead)
            showSensitive = try await database.read { db in try await OrgTree.isWithin(db, nodeID: roster.classOrgID, roots: identityRoots) }
        }
        if showSensitive && roster.count > 0 {
            try await database.audit.record(principal: principal, action: .readSensitive, resource: "learners", recordID: nil,
                                            orgID: roster.classOrgID, detail: "roster of class \(roster.classKey)")
        }
        return JSONResponse.raw(showSensitive ? roster.fullPage : roster.publicPage)
    }

    /// A class's roster rendered both ways, as it stood at one change version.
    struct RosterSnapshot: Sendable {
        let classOrgID: String
        let classKey: String
        let count: Int
        let publicPage: ByteBuffer
        let fullPage: ByteBuffer
    }

    /// The roster of a class the caller may read (404 otherwise). Teachers open the same class lists
    /// again and again, so a rendered roster is kept until the next write anywhere.
    private func visibleRoster(classID: String, principal: Principal) async throws -> RosterSnapshot {
        let rosters = self.rosters, learners = self.learners
        let snapshot = try await database.read { db -> RosterSnapshot? in
            let version = try await ChangeFeed.newestVersion(db)
            if let cached = rosters.value(for: classID, at: version) { return cached }
            guard let found = try await Self.rosterWithClass(db, classID: classID) else { return nil }
            func page(_ showSensitive: Bool) throws -> ByteBuffer {
                JSONResponse.pageBody(items: try found.rows.map { try learners.render($0, showSensitive: showSensitive) })
            }
            let snapshot = RosterSnapshot(classOrgID: found.orgID, classKey: found.classKey, count: found.rows.count,
                                          publicPage: try page(false), fullPage: try page(true))
            rosters.store(snapshot, for: classID, at: version)
            return snapshot
        }
        guard let snapshot else { throw APIError.notFound }
        if principal.readReach?.contains(snapshot.classOrgID) != true {
            // Outside the in-memory reach (or none loaded): the class's own visibility rules decide.
            _ = try await classes.loadVisible(id: classID, principal: principal, sensitiveAudit: false)
        }
        return snapshot
    }

    /// The class row joined with its active learners; nil when there is no such class.
    static func rosterWithClass(_ db: any SQLDatabase, classID: String) async throws -> (orgID: String, classKey: String, rows: [RecordView])? {
        let result = try await db.raw("""
            SELECT c.org_id AS class_org, c.natural_key AS class_key, \(unsafeRaw: RecordView.columns)
            FROM classes c
            LEFT JOIN enrolments e ON e.class_id = c.id AND e.status = 'active'
            LEFT JOIN learners t ON t.id = e.learner_id
            WHERE c.id = \(bind: classID)
            ORDER BY t.sort_key\(unsafeRaw: db.dialect.name == "postgresql" ? " COLLATE \"C\"" : ""), t.id
            """).all()
        guard let first = result.first else { return nil }
        let rows = try result.filter { try $0.decode(column: "id", as: String?.self) != nil }.map(RecordView.init)
        return (try first.decode(column: "class_org", as: String.self), try first.decode(column: "class_key", as: String.self), rows)
    }

    /// The learners actively enrolled in a class, in class-list order (byte order of the collation key).
    static func rosterRows(_ db: any SQLDatabase, classID: String) async throws -> [RecordView] {
        try await db.raw("""
            SELECT \(unsafeRaw: RecordView.columns) FROM enrolments e JOIN learners t ON t.id = e.learner_id
            WHERE e.class_id = \(bind: classID) AND e.status = 'active'
            ORDER BY t.sort_key\(unsafeRaw: db.dialect.name == "postgresql" ? " COLLATE \"C\"" : ""), t.id
            """).all().map(RecordView.init)
    }
}
