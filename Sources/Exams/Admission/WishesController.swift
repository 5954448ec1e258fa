import Fees
import Foundation
import Hummingbird
import Platform
import SQLKit

/// A candidate's ordered wishes (nguyện vọng): placed by the candidate's school or the board
/// between the publication of results and the wishes deadline; the whole list is replaced each time.
struct WishesController {
    let database: any Database
    /// Wishes are written in groups (see `WishBatch`).
    let writer: GroupCommit<WishBatch.Request, [Wish]>

    init(database: any Database) {
        self.database = database
        writer = WishBatch.writer(database)
    }

    /// At most this many wishes (from 2026, DOMAIN.md §7.1).
    static let limit = 15

    struct WishesInput: Codable { let programs: [String] }

    struct Wish: Codable, Sendable {
        let rank: Int
        let programCode: String
        let programName: String
    }

    func register(in catalog: APICatalog) {
        catalog.schema("AdmissionWishes", [FieldSpec("programs", .array(.string), required: true,
                                                     "Programme codes, first wish first (at most \(Self.limit))")])
        catalog.add(APIRoute(.put, "/api/v1/exam-registrations/{id}/wishes", summary: "Place a candidate's ordered wishes",
                             tag: "Admissions", request: "AdmissionWishes"), place)
        catalog.add(APIRoute(.get, "/api/v1/exam-registrations/{id}/wishes", summary: "A candidate's wishes", tag: "Admissions",
                             page: true), list)
        catalog.add(APIRoute(.post, "/api/v1/exam-registrations/{id}/wishes/fee-order",
                             summary: "The fee order for a candidate's wishes, after wishes close (pay it at /fee-orders/{id}/checkout)",
                             tag: "Admissions"), feeOrder)
    }

    /// The purpose fee orders for wishes carry; the clearing reads which registrations have paid.
    static let feePurpose = "admission-wishes"

    /// Opens (or returns the open) order for the wishes' fee: the season's fee per wish times the
    /// number of wishes, once wishes have closed and cannot change any more.
    @Sendable func feeOrder(_ request: Request, _ context: NEMISContext) async throws -> Response {
        try await ExamFeeOrders.respond(context, database: database, open: Self.openFeeOrder)
    }

    static func openFeeOrder(_ db: any SQLDatabase, registrationID: String, principal: Principal) async throws -> FeeOrder {
        try await ExamFeeOrders.open(db, registrationID: registrationID, principal: principal, purpose: feePurpose, alreadyPaid: {
            APIError.conflict(field: nil, code: "wishes.paid", "the fee for \($0.fullName)'s wishes is already paid")
        }) { registration, season, db in
            guard let fee = season.wishFeeVND else {
                throw APIError.conflict(field: nil, code: "wishes.noFee", "the \(season.examYear) admissions charge no fee for wishes")
            }
            try season.require(.clearing)
            let count = try await db.raw("SELECT COUNT(*) AS n FROM admission_wishes WHERE registration_id = \(bind: registration.id)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            guard count > 0 else {
                throw APIError.conflict(field: nil, code: "wishes.none", "\(registration.fullName) placed no wishes")
            }
            return (count * fee, "Lệ phí xét tuyển: \(count) nguyện vọng, \(registration.fullName)")
        }
    }

    @Sendable func place(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let input = try JSON.decodeStrict(WishesInput.self, from: data, allowedFields: ["programs"])
        let id = try context.parameters.require("id")
        let wishes = try await writer.submit(WishBatch.Request(registrationID: id, programs: input.programs, principal: principal))
        return JSONResponse.page(items: try wishes.map { try JSON.string($0) }, nextPageToken: nil)
    }

    /// Replaces the candidate's ordered wishes (programme codes, first wish first) while wishes are open.
    static func place(_ db: any SQLDatabase, registrationID: String, programs codes: [String], principal: Principal) async throws -> [Wish] {
        let placed = try await check(db, registrationID: registrationID, programs: codes, principal: principal)
        try await store(db, [placed])
        return placed.wishes
    }

    /// What placing wishes reads of a registration (its stored document, decoded down to these fields).
    struct Holder: Codable, Sendable {
        let id: String
        let seasonId: String
        let fullName: String
        let purposes: [String]

        init(_ registration: Registration) {
            id = registration.id
            seasonId = registration.seasonId
            fullName = registration.fullName
            purposes = registration.purposes
        }
    }

    /// What a wish names of a programme (its stored document, decoded down to these fields).
    struct Choice: Codable, Sendable, ProgramDocument {
        let id: String?
        let code: String
        let name: String
    }

    /// A candidate's new list of wishes, checked and ready to store.
    struct PlacedWishes: Sendable {
        let registration: Holder
        let orgID: String
        let programs: [Choice]
        let principal: Principal

        var wishes: [Wish] { programs.enumerated().map { Wish(rank: $0.offset + 1, programCode: $0.element.code, programName: $0.element.name) } }
    }

    static func code(_ raw: String) -> String { raw.trimmingCharacters(in: .whitespaces).uppercased() }

    /// Checks a new list of wishes against the caller's rights, the season's window and the
    /// season's programmes, reading only.
    static func check(_ db: any SQLDatabase, registrationID: String, programs codes: [String], principal: Principal) async throws -> PlacedWishes {
        let (registration, orgID) = try await RegistrationsController.load(db, id: registrationID, principal: principal)
        let named = try await ProgramsController.named(db, seasonID: registration.seasonId, codes: Set(codes.map(Self.code)), as: Choice.self)
        return try await check(db, Holder(registration), orgID: orgID, season: try await ExamSeasonsController.load(db, id: registration.seasonId),
                               programs: codes, named: named, principal: principal)
    }

    /// The same with the registration (already found visible), its season and the season's
    /// programmes the list names (`named`, by code) at hand.
    static func check(_ db: any SQLDatabase, _ registration: Holder, orgID: String, season: ExamSeason, programs codes: [String],
                      named: [String: Choice], principal: Principal) async throws -> PlacedWishes {
        try await ExamsAccess.requireCandidateOrRegistrar(db, principal, registrationID: registration.id, orgID: orgID)
        try season.require(.wishes)
        guard registration.purposes.contains("admission") else {
            throw APIError.conflict(field: nil, code: "wishes.purpose", "\(registration.fullName) did not register for admission")
        }
        var errors = ValidationCollector()
        if codes.count > Self.limit { errors.add("programs", "wishes.limit", "at most \(Self.limit) wishes") }
        var seen = Set<String>()
        var placed: [Choice] = []
        for (index, raw) in codes.enumerated() {
            let code = Self.code(raw)
            guard let program = named[code] else {
                errors.add("programs/\(index)", "wishes.unknown", "'\(raw)' is not a programme of this season")
                continue
            }
            if !seen.insert(code).inserted { errors.add("programs/\(index)", "wishes.duplicate", "\(code) is listed twice") }
            placed.append(program)
        }
        try errors.check()
        return PlacedWishes(registration: registration, orgID: orgID, programs: placed, principal: principal)
    }

    /// Replaces the wishes of each registration in `lists` (each registration once), with one
    /// statement each for the removal, the new wishes and the audit entries: one for each list in
    /// `placed` (by default `lists`; a batch also names the lists a later one replaced at once).
    static func store(_ db: any SQLDatabase, _ lists: [PlacedWishes], placed: [PlacedWishes]? = nil) async throws {
        guard !lists.isEmpty else { return }
        try await db.raw("DELETE FROM admission_wishes WHERE registration_id IN (\(binds: lists.map(\.registration.id)))").run()
        let rows = lists.flatMap { list in list.programs.enumerated().map { (list.registration, $0.offset + 1, $0.element.id!) } }
        if !rows.isEmpty {
            var sql = SQLQueryString("INSERT INTO admission_wishes (registration_id, season_id, rank, program_id) VALUES ")
            for (index, row) in rows.enumerated() {
                sql.appendInterpolation(unsafeRaw: index == 0 ? "(" : ", (")
                sql.appendInterpolation(binds: [row.0.id, row.0.seasonId])
                sql.appendInterpolation(unsafeRaw: ", ")
                sql.appendInterpolation(bind: row.1)
                sql.appendInterpolation(unsafeRaw: ", ")
                sql.appendInterpolation(bind: row.2)
                sql.appendInterpolation(unsafeRaw: ")")
            }
            try await db.raw(sql).run()
        }
        try await AuditLog.insert(db, (placed ?? lists).map {
            AuditLog.NewEntry(principal: $0.principal, action: .update, resource: "admission_wishes", recordID: $0.registration.id,
                              orgID: $0.orgID, detail: $0.programs.map(\.code).joined(separator: ","))
        })
    }

    @Sendable func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let wishes = try await database.read { db in
            let (registration, _) = try await RegistrationsController.load(db, id: try context.parameters.require("id"), principal: principal)
            return try await Self.wishes(db, of: registration)
        }
        return JSONResponse.page(items: try wishes.map { try JSON.string($0) }, nextPageToken: nil)
    }

    /// The registration's wishes, first wish first.
    static func wishes(_ db: any SQLDatabase, of registration: Registration) async throws -> [Wish] {
        let programs = Dictionary(uniqueKeysWithValues: try await ProgramsController.all(db, seasonID: registration.seasonId).map { ($0.id!, $0) })
        return try await db.raw("SELECT rank, program_id FROM admission_wishes WHERE registration_id = \(bind: registration.id) ORDER BY rank")
            .all().compactMap { row -> Wish? in
                guard let program = programs[try row.decode(column: "program_id", as: String.self)] else { return nil }
                return Wish(rank: try row.decode(column: "rank", as: Int.self), programCode: program.code, programName: program.name)
            }
    }
}
