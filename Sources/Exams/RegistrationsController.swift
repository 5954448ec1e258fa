import CitizenID
import ExamRules
import Fees
import Foundation
import Hummingbird
import Platform
import Registry
import SQLKit

/// Registration for the graduation exam: a school registers its grade-12 learners (identity and
/// class come from the registry), the exam board registers free candidates from their own
/// declaration; either may change a registration until registration closes, every version is
/// kept, and the school (or the board) confirms its candidates.
struct RegistrationsController {
    let database: any Database
    let registry: RegistryService
    /// New registrations are written in groups (see `RegistrationBatch`).
    let writer: GroupCommit<RegistrationBatch.Request, RegistrationsController.NewRegistration>

    init(database: any Database, registry: RegistryService) {
        self.database = database
        self.registry = registry
        writer = RegistrationBatch.writer(database)
    }

    func register(in catalog: APICatalog) {
        catalog.schema("ExamRegistration", [
            FieldSpec("id", .uuid, readOnly: true, "Registration"),
            FieldSpec("learnerCode", .string, "A school's grade-12 learner: identity and class come from the registry"),
            FieldSpec("citizenId", .string, "A free candidate's citizen ID (12 digits)"),
            FieldSpec("fullName", .string, "A free candidate's name"),
            FieldSpec("dateOfBirth", .date, "A free candidate's date of birth"),
            FieldSpec("sex", .enumeration(["male", "female"]), "A free candidate's sex"),
            FieldSpec("programme", .enumeration(["2018", "2006"]), "Programme studied (2018 unless said)"),
            FieldSpec("subjects", .array(.string), required: true, "TOAN, NGUVAN and two electives (2018); with NGOAINGU and KHTN or KHXH (2006)"),
            FieldSpec("foreignLanguage", .enumeration(ExamSubjects.languages), "The language sat, with NGOAINGU"),
            FieldSpec("exemption", .object([FieldSpec("reason", .enumeration(["certificate", "olympiad"]), required: true, "Why"),
                                            FieldSpec("evidence", .string, required: true, "Certificate, date and number")]),
                      "Foreign-language exemption"),
            FieldSpec("priorityPoints", .string, "0, 0.25 or 0.5"),
            FieldSpec("priorityEvidence", .string, "What proves the priority claim"),
            FieldSpec("incentivePrizes", .array(.enumeration(IncentivePoints.Prize.allCases.map(\.rawValue))), "Prizes earning incentive points"),
            FieldSpec("yearAverages", .object([FieldSpec("grade10", .string, "Year average"), FieldSpec("grade11", .string, "Year average"),
                                               FieldSpec("grade12", .string, "Year average")]), "Grade 10–12 averages, two decimals"),
            FieldSpec("purposes", .array(.enumeration(["graduation", "admission"])), "Why the candidate sits the exam"),
            FieldSpec("admissionArea", .enumeration(AdmissionScoring.Area.allCases.map(\.rawValue)),
                      "Admission priority area; for a school's learner, when absent, the area of the schools of grades 10–12 where they studied longest"),
            FieldSpec("admissionGroup", .enumeration(AdmissionScoring.Group.allCases.map(\.rawValue)), "Admission priority group"),
            FieldSpec("status", .string, readOnly: true, "submitted or confirmed"),
            FieldSpec("version", .integer, readOnly: true, "Changes so far + 1"),
        ])
        catalog.add(APIRoute(.post, "/api/v1/exam-seasons/{id}/registrations", summary: "Register a candidate (the school, or the board for a free candidate)",
                             tag: "Graduation exam", request: "ExamRegistration", response: "ExamRegistration"), create)
        catalog.add(APIRoute(.get, "/api/v1/exam-seasons/{id}/registrations", summary: "The season's registrations one may see",
                             tag: "Graduation exam", response: "ExamRegistration", page: true), list)
        catalog.add(APIRoute(.get, "/api/v1/exam-registrations/{id}", summary: "A registration", tag: "Graduation exam",
                             response: "ExamRegistration"), show)
        catalog.add(APIRoute(.put, "/api/v1/exam-registrations/{id}", summary: "Change a registration before registration closes",
                             tag: "Graduation exam", request: "ExamRegistration", response: "ExamRegistration"), update)
        catalog.add(APIRoute(.get, "/api/v1/exam-registrations/{id}/history", summary: "Every version of a registration",
                             tag: "Graduation exam", response: "ExamRegistration", page: true), history)
        catalog.add(APIRoute(.post, "/api/v1/exam-registrations/{id}/confirm", summary: "Confirm a candidate (the school, or the board)",
                             tag: "Graduation exam", response: "ExamRegistration"), confirm)
        catalog.add(APIRoute(.post, "/api/v1/exam-registrations/{id}/candidate-account",
                             summary: "Issue the candidate's account (citizen ID and a new password, shown once) for the school or board to hand over",
                             tag: "Graduation exam"), candidateAccount)
        catalog.add(APIRoute(.post, "/api/v1/exam-registrations/{id}/fee-order",
                             summary: "The fee order for a candidate's registration, while registration is open (pay it at /fee-orders/{id}/checkout)",
                             tag: "Graduation exam"), feeOrder)
    }

    /// The purpose fee orders for exam registration carry.
    static let feePurpose = "exam-registration"

    /// Opens (or returns the open) order for a candidate's registration fee: the season's fee, when
    /// it charges one, while registration is open.
    @Sendable func feeOrder(_ request: Request, _ context: NEMISContext) async throws -> Response {
        try await ExamFeeOrders.respond(context, database: database, open: Self.openFeeOrder)
    }

    static func openFeeOrder(_ db: any SQLDatabase, registrationID: String, principal: Principal) async throws -> FeeOrder {
        try await ExamFeeOrders.open(db, registrationID: registrationID, principal: principal, purpose: feePurpose, alreadyPaid: {
            APIError.conflict(field: nil, code: "registration.paid", "\($0.fullName)'s registration fee is already paid")
        }) { registration, season, _ in
            guard let fee = season.registrationFeeVND else {
                throw APIError.conflict(field: nil, code: "registration.noFee", "the \(season.examYear) exam charges no registration fee")
            }
            try season.require(.registration)
            return (fee, "Lệ phí đăng kí dự thi tốt nghiệp THPT \(season.examYear): \(registration.fullName)")
        }
    }

    /// The candidate's sign-in: the school that registered them (or the board, for a free
    /// candidate) issues it and hands the password over; issuing again sets a new one.
    @Sendable func candidateAccount(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let password = try await AccessStore.issuePassword()
        let registration = try await database.transaction { db in
            let (registration, orgID) = try await Self.load(db, id: try context.parameters.require("id"), principal: principal)
            try await ExamsAccess.requireRegistrar(db, principal, orgID: orgID)
            try await AccessStore.setCandidateAccount(db, citizenID: registration.citizenId, displayName: registration.fullName,
                                                      registrationID: registration.id, password: password, by: principal, auditOrgID: orgID)
            return registration
        }
        return try JSONResponse.encode(["username": registration.citizenId, "password": password.text,
                                        "registrationId": registration.id], status: .created)
    }

    // MARK: creating

    @Sendable func create(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = try await Self.decode(request, context)
        let seasonID = try context.parameters.require("id")
        // A free candidate's checks read nothing: they run here, beside other requests, rather than in the batch.
        let checked = input.learnerCode == nil ? try Self.prepareFree(seasonID: seasonID, input, principal: principal) : nil
        let stored = try await writer.submit(RegistrationBatch.Request(seasonID: seasonID, input: input, principal: principal, checkedFree: checked))
        return JSONResponse.raw(stored.body, status: .created)
    }

    /// Registers a school's learner (by `learnerCode`, identity from the registry) or a free candidate
    /// (the board, with their citizen ID) while registration is open.
    static func create(_ db: any SQLDatabase, seasonID: String, _ input: RegistrationInput, principal: Principal) async throws -> Registration {
        let season = try await ExamSeasonsController.load(db, id: seasonID)
        let new = try await prepareNew(db, season: season, input, principal: principal)
        guard try await store(db, [new], season: season).contains(new.registration.id) else { throw new.duplicate(season) }
        return new.registration
    }

    /// A registration checked and ready to store.
    struct NewRegistration: Sendable {
        let registration: Registration
        /// The registration's JSON, as stored and answered.
        let body: String
        let orgID: String
        let learnerID: String?
        let principal: Principal
        /// The field that named the candidate: learnerCode for a school's learner, citizenId for a free candidate.
        let identifiedBy: String

        init(registration: Registration, orgID: String, learnerID: String?, principal: Principal, identifiedBy: String) throws {
            self.registration = registration
            body = try JSON.string(registration)
            self.orgID = orgID
            self.learnerID = learnerID
            self.principal = principal
            self.identifiedBy = identifiedBy
        }

        func duplicate(_ season: ExamSeason) -> APIError {
            APIError.conflict(field: identifiedBy, code: "registration.duplicate",
                              "\(registration.fullName) is already registered for the \(season.examYear) exam")
        }
    }

    /// Checks a new registration against the season's window, the caller's rights and the exam's
    /// rules, reading only; nothing is written.
    static func prepareNew(_ db: any SQLDatabase, season: ExamSeason, _ input: RegistrationInput, principal: Principal) async throws -> NewRegistration {
        try season.require(.registration)
        guard let code = input.learnerCode else { return try prepareFree(seasonID: season.id ?? "", input, principal: principal) }
        guard let placement = try await LearnerDirectory.placement(db, learnerCode: code, schoolYear: season.schoolYear),
              try await ExamsAccess.mayRead(db, principal, orgID: placement.orgID) else {
            throw APIError.conflict(field: "learnerCode", code: "registration.notEnrolled",
                                    "learner '\(code)' is not enrolled in a class you may register in \(season.schoolYear)")
        }
        try await ExamsAccess.requireRegistrar(db, principal, orgID: placement.orgID)
        guard placement.grade == "12" else {
            throw APIError.conflict(field: "learnerCode", code: "registration.grade",
                                    "\(placement.fullName) is in grade \(placement.grade) (class \(placement.className)); a school registers its grade-12 learners")
        }
        guard let citizenID = placement.citizenID, let dateOfBirth = placement.dateOfBirth, let sex = placement.sex else {
            throw APIError.conflict(field: "learnerCode", code: "registration.identity",
                                    "\(placement.fullName)'s registry record lacks a citizen ID, date of birth or sex; complete it first")
        }
        var registration = Registration(
            id: UUID().uuidString.lowercased(), seasonId: season.id ?? "", citizenId: citizenID, fullName: placement.fullName,
            dateOfBirth: dateOfBirth, sex: sex, learnerCode: placement.learnerCode, schoolCode: placement.schoolCode,
            className: placement.className, programme: .p2018, subjects: [], priorityPoints: .zero, incentivePrizes: [],
            purposes: ["graduation"], status: "submitted", version: 1)
        var errors = ValidationCollector()
        input.applyChoices(to: &registration, errors: &errors)
        // The area comes from the schools of grades 10–12 when the school sends none; a school
        // sends one for a candidate whose area rests on more than where they studied.
        if input.admissionArea == nil {
            registration.admissionArea = try await LearnerDirectory.priorityArea(db, learnerID: placement.learnerID, graduatingIn: season.schoolYear)
        }
        try await ElectivesStudied.check(db, registration, classID: placement.classID, into: &errors)
        try errors.check()
        return try NewRegistration(registration: registration, orgID: placement.orgID, learnerID: placement.learnerID, principal: principal,
                                   identifiedBy: "learnerCode")
    }

    /// A free candidate's registration by the exam board (with their citizen ID), checked without
    /// reading anything; the season's window is the caller's to check.
    static func prepareFree(seasonID: String, _ input: RegistrationInput, principal: Principal) throws -> NewRegistration {
        guard let unit = principal.nodes(for: .examsManage).first else {
            throw APIError.forbidden("free candidates are registered by the exam board (exams:manage); a school names its learner by learnerCode")
        }
        var errors = ValidationCollector()
        let sex = input.sex.flatMap(Sex.init(rawValue:))
        if sex == nil { errors.add("sex", "registration.sex", "sex is male or female") }
        PersonRules.dateOfBirth(input.dateOfBirth, into: &errors)
        let name = PersonRules.name(input.fullName ?? "", field: "fullName", into: &errors)
        let citizenID = PersonRules.citizenID(input.citizenId, sex: sex, dateOfBirth: input.dateOfBirth, into: &errors)
        if input.citizenId == nil { errors.add("citizenId", "registration.citizenId", "a free candidate registers with their citizen ID") }
        try errors.check()
        var registration = Registration(
            id: UUID().uuidString.lowercased(), seasonId: seasonID, citizenId: citizenID ?? "", fullName: name?.fullName ?? "",
            dateOfBirth: input.dateOfBirth!, sex: sex!.rawValue, programme: .p2018, subjects: [], priorityPoints: .zero,
            incentivePrizes: [], purposes: ["graduation"], status: "submitted", version: 1)
        input.applyChoices(to: &registration, errors: &errors)
        try errors.check()
        return try NewRegistration(registration: registration, orgID: unit, learnerID: nil, principal: principal, identifiedBy: "citizenId")
    }

    /// Stores new registrations (each candidate once in `registrations`), their first versions and
    /// their audit entries: one statement each for any number of registrations (at most a few
    /// hundred). Returns the IDs stored: a registration whose candidate the season already has
    /// (stored earlier, or meanwhile by another batch) is left out and written nowhere.
    static func store(_ db: any SQLDatabase, _ registrations: [NewRegistration], season: ExamSeason) async throws -> Set<String> {
        guard !registrations.isEmpty else { return [] }
        let now = Clock.timestamp()
        var rows = SQLQueryString("INSERT INTO exam_registrations (id, season_id, citizen_id, learner_id, org_id, status, version, body, updated_by, updated_at) VALUES ")
        for (index, new) in registrations.enumerated() {
            let registration = new.registration
            rows.appendInterpolation(unsafeRaw: index == 0 ? "(" : ", (")
            rows.appendInterpolation(binds: [registration.id, registration.seasonId, registration.citizenId, new.learnerID, new.orgID,
                                             registration.status] as [String?])
            rows.appendInterpolation(unsafeRaw: ", 1, ")
            rows.appendInterpolation(binds: [new.body, new.principal.name, now])
            rows.appendInterpolation(unsafeRaw: ")")
        }
        rows.appendInterpolation(unsafeRaw: " ON CONFLICT (season_id, citizen_id) DO NOTHING RETURNING id")
        let stored = Set(try await db.raw(rows).all().map { try $0.decode(column: "id", as: String.self) })
        let written = registrations.filter { stored.contains($0.registration.id) }
        guard !written.isEmpty else { return stored }
        var history = SQLQueryString("INSERT INTO exam_registration_history (registration_id, version, body, changed_by, changed_at) VALUES ")
        for (index, new) in written.enumerated() {
            history.appendInterpolation(unsafeRaw: index == 0 ? "(" : ", (")
            history.appendInterpolation(bind: new.registration.id)
            history.appendInterpolation(unsafeRaw: ", 1, ")
            history.appendInterpolation(binds: [new.body, new.principal.name, now])
            history.appendInterpolation(unsafeRaw: ")")
        }
        try await db.raw(history).run()
        try await AuditLog.insert(db, written.map {
            AuditLog.NewEntry(principal: $0.principal, action: .create, resource: "exam_registrations", recordID: $0.registration.id,
                              orgID: $0.orgID, detail: "season \(season.examYear)")
        })
        return stored
    }

    // MARK: reading

    @Sendable func show(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (registration, _) = try await database.read { db in
            try await Self.load(db, id: try context.parameters.require("id"), principal: principal)
        }
        return try JSONResponse.encode(registration)
    }

    @Sendable func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let seasonID = try context.parameters.require("id")
        let items = try await database.read { db in
            _ = try await ExamSeasonsController.load(db, id: seasonID)
            var visible: [String] = []
            var readable: [String: Bool] = [:]
            for row in try await db.raw("""
                SELECT org_id, body FROM exam_registrations WHERE season_id = \(bind: seasonID) ORDER BY citizen_id
                """).all() {
                let orgID = try row.decode(column: "org_id", as: String.self)
                if readable[orgID] == nil { readable[orgID] = try await ExamsAccess.mayRead(db, principal, orgID: orgID) }
                if readable[orgID] == true { visible.append(try row.decode(column: "body", as: String.self)) }
            }
            return visible
        }
        return JSONResponse.page(items: items, nextPageToken: nil)
    }

    @Sendable func history(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let items = try await database.read { db in
            let (registration, _) = try await Self.load(db, id: try context.parameters.require("id"), principal: principal)
            return try await db.raw("""
                SELECT body, changed_by, changed_at FROM exam_registration_history WHERE registration_id = \(bind: registration.id)
                ORDER BY version
                """).all().map { row in
                let body = try row.decode(column: "body", as: String.self)
                return "{\"changedAt\":\(try JSON.string(try row.decode(column: "changed_at", as: String.self))),"
                    + "\"changedBy\":\(try JSON.string(try row.decode(column: "changed_by", as: String.self))),\"registration\":\(body)}"
            }
        }
        return JSONResponse.page(items: items, nextPageToken: nil)
    }

    // MARK: changing

    @Sendable func update(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = try await Self.decode(request, context)
        let id = try context.parameters.require("id")
        let stored = try await database.transaction { db in try await Self.update(db, id: id, input, principal: principal) }
        return try JSONResponse.encode(stored)
    }

    /// Changes a registration's exam choices until registration closes; each version is kept, and
    /// a confirmed registration needs confirming again.
    static func update(_ db: any SQLDatabase, id: String, _ input: RegistrationInput, principal: Principal) async throws -> Registration {
        var (registration, orgID) = try await Self.load(db, id: id, principal: principal)
        try await ExamsAccess.requireCandidateOrRegistrar(db, principal, registrationID: registration.id, orgID: orgID)
        let season = try await ExamSeasonsController.load(db, id: registration.seasonId)
        try season.require(.registration)
        if input.learnerCode != nil || input.citizenId != nil || input.fullName != nil || input.dateOfBirth != nil || input.sex != nil {
            throw APIError.conflict(field: nil, code: "registration.identity",
                                    "identity cannot change on a registration; correct the registry record or register again")
        }
        var errors = ValidationCollector()
        input.applyChoices(to: &registration, errors: &errors)
        if let code = registration.learnerCode,
           let placement = try await LearnerDirectory.placement(db, learnerCode: code, schoolYear: season.schoolYear) {
            try await ElectivesStudied.check(db, registration, classID: placement.classID, into: &errors)
        }
        try errors.check()
        // A change after confirmation needs confirming again.
        registration.status = "submitted"
        registration.version += 1
        try await db.raw("""
            UPDATE exam_registrations SET body = \(bind: try JSON.string(registration)), version = \(bind: registration.version),
                status = 'submitted', updated_by = \(bind: principal.name), updated_at = \(bind: Clock.timestamp())
            WHERE id = \(bind: registration.id)
            """).run()
        try await Self.keepVersion(db, registration, principal: principal)
        try await AuditLog.record(db, principal: principal, action: .update, resource: "exam_registrations", recordID: registration.id,
                                  orgID: orgID, detail: "version \(registration.version)")
        return registration
    }

    @Sendable func confirm(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let stored = try await database.transaction { db in
            var (registration, orgID) = try await Self.load(db, id: try context.parameters.require("id"), principal: principal)
            try await ExamsAccess.requireRegistrar(db, principal, orgID: orgID)
            try await ExamSeasonsController.load(db, id: registration.seasonId).require(.registration)
            registration.status = "confirmed"
            try await db.raw("""
                UPDATE exam_registrations SET body = \(bind: try JSON.string(registration)), status = 'confirmed',
                    updated_by = \(bind: principal.name), updated_at = \(bind: Clock.timestamp()) WHERE id = \(bind: registration.id)
                """).run()
            try await AuditLog.record(db, principal: principal, action: .transition, resource: "exam_registrations",
                                      recordID: registration.id, orgID: orgID, detail: "confirmed")
            return registration
        }
        return try JSONResponse.encode(stored)
    }

    // MARK: shared

    private static func decode(_ request: Request, _ context: NEMISContext) async throws -> RegistrationInput {
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        return try JSON.decodeStrict(RegistrationInput.self, from: data, allowedFields: RegistrationInput.fields)
    }

    /// The registration and its registration unit, if the principal may see it; 404 otherwise.
    static func load(_ db: any SQLDatabase, id: String, principal: Principal) async throws -> (Registration, String) {
        guard let stored = try await stored(db, ids: [id])[id] else { throw APIError.notFound }
        try await requireVisible(db, id: id, orgID: stored.1, principal: principal)
        return stored
    }

    /// The registrations with these IDs and their registration units, whoever may see them.
    static func stored(_ db: any SQLDatabase, ids: [String]) async throws -> [String: (Registration, String)] {
        try await stored(db, ids: ids, as: Registration.self)
    }

    /// The registrations with `ids` and their registration units, each read as `Document`: the
    /// whole `Registration`, or only the fields a caller needs, which decodes faster.
    static func stored<Document: Decodable>(_ db: any SQLDatabase, ids: [String], as: Document.Type) async throws -> [String: (Document, String)] {
        guard !ids.isEmpty else { return [:] }
        var found: [String: (Document, String)] = [:]
        for row in try await db.raw("SELECT id, org_id, body FROM exam_registrations WHERE id IN (\(binds: Array(Set(ids))))").all() {
            found[try row.decode(column: "id", as: String.self)] = (
                try JSON.decoder.decode(Document.self, from: Data(try row.decode(column: "body", as: String.self).utf8)),
                try row.decode(column: "org_id", as: String.self))
        }
        return found
    }


    /// A registration out of the principal's reach answers 404, like every record.
    static func requireVisible(_ db: any SQLDatabase, id: String, orgID: String, principal: Principal) async throws {
        if !ExamsAccess.isCandidate(principal, of: id), try await !ExamsAccess.mayRead(db, principal, orgID: orgID) {
            throw APIError.notFound
        }
    }

    private static func keepVersion(_ db: any SQLDatabase, _ registration: Registration, principal: Principal) async throws {
        try await db.raw("""
            INSERT INTO exam_registration_history (registration_id, version, body, changed_by, changed_at)
            VALUES (\(bind: registration.id), \(bind: registration.version), \(bind: try JSON.string(registration)),
                    \(bind: principal.name), \(bind: Clock.timestamp()))
            """).run()
    }
}
