import Fees
import Foundation
import Hummingbird
import Platform
import SQLKit

/// A candidate's ordered wishes (nguyện vọng): placed by the candidate's school or the board
/// between the publication of results and the wishes deadline; the whole list is replaced each time.
struct WishesController {
    let database: any Database

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
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let order = try await database.transaction { db in try await Self.openFeeOrder(db, registrationID: id, principal: principal) }
        return try JSONResponse.encode(order)
    }

    static func openFeeOrder(_ db: any SQLDatabase, registrationID: String, principal: Principal) async throws -> FeeOrder {
        let (registration, orgID) = try await RegistrationsController.load(db, id: registrationID, principal: principal)
        try await ExamsAccess.requireCandidateOrRegistrar(db, principal, registrationID: registration.id, orgID: orgID)
        let season = try await ExamSeasonsController.load(db, id: registration.seasonId)
        guard let fee = season.wishFeeVND else {
            throw APIError.conflict(field: nil, code: "wishes.noFee", "the \(season.examYear) admissions charge no fee for wishes")
        }
        try season.require(.clearing)
        let count = try await db.raw("SELECT COUNT(*) AS n FROM admission_wishes WHERE registration_id = \(bind: registration.id)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        guard count > 0 else {
            throw APIError.conflict(field: nil, code: "wishes.none", "\(registration.fullName) placed no wishes")
        }
        do {
            return try await FeeOrders.create(db, purpose: Self.feePurpose, referenceID: registration.id, amountVND: count * fee,
                                              payer: principal, description: "Lệ phí xét tuyển: \(count) nguyện vọng, \(registration.fullName)")
        } catch FeeOrderError.alreadyPaid {
            throw APIError.conflict(field: nil, code: "wishes.paid", "the fee for \(registration.fullName)'s wishes is already paid")
        }
    }

    @Sendable func place(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let input = try JSON.decodeStrict(WishesInput.self, from: data, allowedFields: ["programs"])
        let id = try context.parameters.require("id")
        let wishes = try await database.transaction { db in try await Self.place(db, registrationID: id, programs: input.programs, principal: principal) }
        return JSONResponse.page(items: try wishes.map { try JSON.string($0) }, nextPageToken: nil)
    }

    /// Replaces the candidate's ordered wishes (programme codes, first wish first) while wishes are open.
    static func place(_ db: any SQLDatabase, registrationID: String, programs codes: [String], principal: Principal) async throws -> [Wish] {
        let (registration, orgID) = try await RegistrationsController.load(db, id: registrationID, principal: principal)
        try await ExamsAccess.requireCandidateOrRegistrar(db, principal, registrationID: registration.id, orgID: orgID)
        try await ExamSeasonsController.load(db, id: registration.seasonId).require(.wishes)
        guard registration.purposes.contains("admission") else {
            throw APIError.conflict(field: nil, code: "wishes.purpose", "\(registration.fullName) did not register for admission")
        }
        let programs = Dictionary(uniqueKeysWithValues: try await ProgramsController.all(db, seasonID: registration.seasonId).map { ($0.code, $0) })
        var errors = ValidationCollector()
        if codes.count > Self.limit { errors.add("programs", "wishes.limit", "at most \(Self.limit) wishes") }
        var seen = Set<String>()
        var placed: [(Int, AdmissionProgram)] = []
        for (index, raw) in codes.enumerated() {
            let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
            guard let program = programs[code] else {
                errors.add("programs/\(index)", "wishes.unknown", "'\(raw)' is not a programme of this season")
                continue
            }
            if !seen.insert(code).inserted { errors.add("programs/\(index)", "wishes.duplicate", "\(code) is listed twice") }
            placed.append((index + 1, program))
        }
        try errors.check()
        try await db.raw("DELETE FROM admission_wishes WHERE registration_id = \(bind: registration.id)").run()
        for (rank, program) in placed {
            try await db.raw("""
                INSERT INTO admission_wishes (registration_id, season_id, rank, program_id)
                VALUES (\(bind: registration.id), \(bind: registration.seasonId), \(bind: rank), \(bind: program.id!))
                """).run()
        }
        try await AuditLog.record(db, principal: principal, action: .update, resource: "admission_wishes", recordID: registration.id,
                                  orgID: orgID, detail: placed.map(\.1.code).joined(separator: ","))
        return placed.map { Wish(rank: $0.0, programCode: $0.1.code, programName: $0.1.name) }
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
