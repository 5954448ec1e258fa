import Clearing
import ExamRules
import Fees
import Foundation
import Hummingbird
import Platform
import Registry
import SQLKit

/// The national clearing over the season's wishes (student-proposing deferred acceptance, the
/// Clearing kernel), each candidate's admission with its explanation, and confirmation: at most
/// one per candidate, before the deadline, whatever number of requests race.
struct ClearingController {
    let database: any Database

    func register(in catalog: APICatalog) {
        catalog.add(APIRoute(.post, "/api/v1/exam-seasons/{id}/clearing", summary: "Run the clearing over every wish (the ministry)",
                             tag: "Admissions"), run)
        catalog.add(APIRoute(.get, "/api/v1/exam-registrations/{id}/admission", summary: "A candidate's admission, wish by wish",
                             tag: "Admissions"), admission)
        catalog.add(APIRoute(.post, "/api/v1/exam-registrations/{id}/admission/confirm", summary: "Confirm admission (once, before the deadline)",
                             tag: "Admissions"), confirm)
        catalog.add(APIRoute(.get, "/api/v1/exam-seasons/{id}/programs/{code}/confirmed", summary: "A programme's confirmed candidates (the board, or the programme's institution)",
                             tag: "Admissions", page: true), confirmedList)
    }

    // MARK: the clearing

    @Sendable func run(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let seasonID = try context.parameters.require("id")
        let answer = try await database.transaction { db in
            try await ExamsAccess.requireNationalBoard(db, principal)
            let season = try await ExamSeasonsController.load(db, id: seasonID)
            try season.require(.clearing)
            let programs = try await ProgramsController.all(db, seasonID: seasonID)
            let programIndex = Dictionary(uniqueKeysWithValues: programs.enumerated().map { ($1.id!, $0) })
            // Confirmed candidates keep their seats: they leave the clearing and their seats leave
            // the quota they were admitted under.
            var seats = ClearingSeats(programs)
            let confirmed = try await Self.confirmedSeats(db, seasonID: seasonID, programs: programs, programIndex: programIndex)
            for seat in confirmed.values { if let program = seat.program { seats.keepSeat(program: program, method: seat.method) } }

            var scores: [String: [String: Points]] = [:]
            for row in try await db.raw("SELECT registration_id, subject_code, score FROM exam_scores WHERE season_id = \(bind: seasonID)").all() {
                scores[try row.decode(column: "registration_id", as: String.self), default: [:]][try row.decode(column: "subject_code", as: String.self)] =
                    Points(hundredths: try row.decode(column: "score", as: Int.self))
            }
            var wishRows: [String: [(rank: Int, program: Int)]] = [:]
            for row in try await db.raw("SELECT registration_id, rank, program_id FROM admission_wishes WHERE season_id = \(bind: seasonID)").all() {
                guard let program = programIndex[try row.decode(column: "program_id", as: String.self)] else { continue }
                wishRows[try row.decode(column: "registration_id", as: String.self), default: []]
                    .append((try row.decode(column: "rank", as: Int.self), program))
            }
            // When wishes carry a fee, only paid wishes are cleared.
            let paid: Set<String>? = season.wishFeeVND == nil ? nil
                : try await FeeOrders.paidReferences(db, purpose: WishesController.feePurpose, among: Array(wishRows.keys))
            let evidence = try await AdmissionEvidence.all(db, seasonID: seasonID)
            var unpaid = 0
            var candidates: [(Registration, [WishScore])] = []
            for row in try await db.raw("SELECT body FROM exam_registrations WHERE season_id = \(bind: seasonID) ORDER BY id").all() {
                let registration = try JSON.decoder.decode(Registration.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
                guard let wishes = wishRows[registration.id], confirmed[registration.id] == nil else { continue }
                if let paid, !paid.contains(registration.id) {
                    unpaid += 1
                    continue
                }
                let level = AdmissionScoring.priorityLevel(area: registration.admissionArea, group: registration.admissionGroup)
                candidates.append((registration, wishes.sorted { $0.rank < $1.rank }.map { wish in
                    WishScore.evaluate(rank: wish.rank, program: wish.program, programs[wish.program], scores: scores[registration.id] ?? [:],
                                       exemptLanguage: registration.isExempt, evidence: evidence[registration.id] ?? .empty, level: level)
                }))
            }
            let instance = try ClearingInstance(programs: seats.seats, candidates: candidates.map { candidate in
                candidate.1.flatMap { $0.kernelWishes(seats, split: programs[$0.program].isSplit) }
            }, ranksMayRepeat: true)
            let result = DeferredAcceptance.clear(instance)
            let cutoffs = seats.seats.indices.map { unit in
                result.programs[unit].isFull ? result.cutoff(ofProgram: unit).map { Points(hundredths: Int($0.score.units) / 100) } : nil
            }

            // Every earlier outcome goes, except those of candidates who confirmed.
            try await db.raw("""
                DELETE FROM admission_results WHERE season_id = \(bind: seasonID)
                  AND registration_id NOT IN (SELECT registration_id FROM admission_confirmations WHERE season_id = \(bind: seasonID))
                """).run()
            for (position, (registration, wishes)) in candidates.enumerated() {
                let admitted = result.admittedProgram(of: position).map { (program: seats.programOfUnit[$0], method: seats.methodOfUnit[$0]) }
                let score = admitted.flatMap { admitted in
                    wishes.first { $0.program == admitted.program }?.methods.first { admitted.method == nil || $0.method == admitted.method }
                }
                let outcome = AdmissionOutcome(
                    registrationId: registration.id, fullName: registration.fullName,
                    programCode: admitted.map { programs[$0.program].code }, programName: admitted.map { programs[$0.program].name },
                    score: score?.score, method: score?.kind, basis: score?.basis,
                    priorityLevel: AdmissionScoring.priorityLevel(area: registration.admissionArea, group: registration.admissionGroup),
                    wishes: WishScore.explain(wishes, admitted: admitted, programs: programs, seats: seats, cutoffs: cutoffs), confirmed: false)
                try await db.raw("""
                    INSERT INTO admission_results (registration_id, season_id, program_id, body, computed_at)
                    VALUES (\(bind: registration.id), \(bind: seasonID), \(bind: admitted.map { programs[$0.program].id! }), \(bind: try JSON.string(outcome)),
                            \(bind: Clock.timestamp()))
                    ON CONFLICT (registration_id) DO UPDATE SET program_id = excluded.program_id, body = excluded.body,
                        computed_at = excluded.computed_at
                    """).run()
            }
            try await AuditLog.record(db, principal: principal, action: .update, resource: "admission_results", recordID: seasonID, orgID: nil,
                                      detail: "\(candidates.count) candidates, \(result.admittedCount) admitted")
            return ClearingAnswer(candidates: candidates.count, admitted: result.admittedCount, unpaid: unpaid, programs:
                                  ClearingAnswer.lines(programs, seats: seats, result: result, cutoffs: cutoffs, confirmed: Array(confirmed.values)))
        }
        return try JSONResponse.encode(answer)
    }

    /// Where each confirmed candidate holds a seat: the programme, and the method they were
    /// admitted by when the programme's seats are split between its methods.
    static func confirmedSeats(_ db: any SQLDatabase, seasonID: String, programs: [AdmissionProgram],
                               programIndex: [String: Int]) async throws -> [String: ConfirmedSeat] {
        var seats: [String: ConfirmedSeat] = [:]
        for row in try await db.raw("""
            SELECT c.registration_id, c.program_id, r.body FROM admission_confirmations c
            LEFT JOIN admission_results r ON r.registration_id = c.registration_id
            WHERE c.season_id = \(bind: seasonID)
            """).all() {
            let registrationID = try row.decode(column: "registration_id", as: String.self)
            // A confirmed candidate stays out of the clearing even if their programme is gone.
            guard let program = programIndex[try row.decode(column: "program_id", as: String.self)] else {
                seats[registrationID] = ConfirmedSeat(program: nil, method: nil)
                continue
            }
            var method: Int?
            if programs[program].isSplit {
                let outcome = try row.decode(column: "body", as: String?.self).map {
                    try JSON.decoder.decode(AdmissionOutcome.self, from: Data($0.utf8))
                }
                // A seat whose outcome names no method the programme lists comes out of the first method's quota.
                method = outcome.flatMap { outcome in
                    outcome.method.flatMap { kind in programs[program].admissionMethods.firstIndex { $0.gave(kind, basis: outcome.basis) } }
                } ?? 0
            }
            seats[registrationID] = ConfirmedSeat(program: program, method: method)
        }
        return seats
    }

    struct ConfirmedSeat {
        /// Nil when the programme is no longer among the season's.
        let program: Int?
        /// The method's index, at a programme whose seats are split between its methods.
        let method: Int?
    }

    // MARK: a candidate's admission

    @Sendable func admission(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await database.read { db in
            let (registration, _) = try await RegistrationsController.load(db, id: try context.parameters.require("id"), principal: principal)
            guard let outcome = try await Self.outcome(db, of: registration) else { throw APIError.notFound }
            return outcome
        }
        return try JSONResponse.encode(body)
    }

    /// What the clearing decided for the registration, and whether it is confirmed; nil before the clearing.
    static func outcome(_ db: any SQLDatabase, of registration: Registration) async throws -> AdmissionOutcome? {
        guard let row = try await db.raw("SELECT body FROM admission_results WHERE registration_id = \(bind: registration.id)").first() else {
            return nil
        }
        let outcome = try JSON.decoder.decode(AdmissionOutcome.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
        let confirmed = try await db.raw("SELECT 1 AS hit FROM admission_confirmations WHERE registration_id = \(bind: registration.id)").first() != nil
        return AdmissionOutcome(registrationId: outcome.registrationId, fullName: outcome.fullName, programCode: outcome.programCode,
                                programName: outcome.programName, score: outcome.score, method: outcome.method, basis: outcome.basis,
                                priorityLevel: outcome.priorityLevel,
                                wishes: outcome.wishes, confirmed: confirmed)
    }

    @Sendable func confirm(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let program = try await database.transaction { db in try await Self.confirm(db, registrationID: id, principal: principal) }
        return try JSONResponse.encode(["confirmed": program])
    }

    /// Confirms the candidate's admission, once, before the deadline; the programme's ID.
    static func confirm(_ db: any SQLDatabase, registrationID: String, principal: Principal) async throws -> String {
        let (registration, orgID) = try await RegistrationsController.load(db, id: registrationID, principal: principal)
        try await ExamsAccess.requireCandidateOrRegistrar(db, principal, registrationID: registration.id, orgID: orgID)
        try await ExamSeasonsController.load(db, id: registration.seasonId).require(.confirmation)
        guard let row = try await db.raw("SELECT program_id FROM admission_results WHERE registration_id = \(bind: registration.id)").first(),
              let programID = try row.decode(column: "program_id", as: String?.self) else {
            throw APIError.conflict(field: nil, code: "admission.notAdmitted", "\(registration.fullName) is not admitted to any programme")
        }
        // The primary key allows one confirmation; a racing second one inserts nothing.
        let inserted = try await db.raw("""
            INSERT INTO admission_confirmations (registration_id, season_id, program_id, confirmed_by, confirmed_at)
            VALUES (\(bind: registration.id), \(bind: registration.seasonId), \(bind: programID), \(bind: principal.name), \(bind: Clock.timestamp()))
            ON CONFLICT (registration_id) DO NOTHING RETURNING registration_id
            """).first()
        guard inserted != nil else {
            throw APIError.conflict(field: nil, code: "admission.confirmed", "\(registration.fullName) has already confirmed an admission")
        }
        try await AuditLog.record(db, principal: principal, action: .transition, resource: "admission_confirmations",
                                  recordID: registration.id, orgID: orgID, detail: "confirmed \(programID)")
        return programID
    }

    @Sendable func confirmedList(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let seasonID = try context.parameters.require("id")
        let code = try context.parameters.require("code").uppercased()
        let items = try await database.read { db in
            let board = !principal.nodes(for: .examsManage).isEmpty
            guard board || !principal.nodes(for: .admissionsRead).isEmpty else {
                throw APIError.forbidden("the confirmed lists are the exam board's (exams:manage) and each institution's own (admissions:read)")
            }
            guard let program = try await ProgramsController.all(db, seasonID: seasonID).first(where: { $0.code == code }) else {
                throw APIError.notFound
            }
            // An institution reads its own programmes' lists: those naming its node's code.
            if !board {
                let institution = try await OrgUnits.find(db, code: program.institution)
                guard let institution, institution.kind == .institution, principal.nodes(for: .admissionsRead).contains(institution.id!) else {
                    throw APIError.forbidden("programme \(program.code) belongs to institution \(program.institution)")
                }
            }
            return try await db.raw("""
                SELECT c.registration_id, c.confirmed_at, r.body FROM admission_confirmations c
                JOIN exam_registrations r ON r.id = c.registration_id
                WHERE c.program_id = \(bind: program.id!) ORDER BY c.confirmed_at, c.registration_id
                """).all().map { row -> String in
                let registration = try JSON.decoder.decode(Registration.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
                return try JSON.string(["registrationId": registration.id, "fullName": registration.fullName,
                                        "confirmedAt": try row.decode(column: "confirmed_at", as: String.self)])
            }
        }
        return JSONResponse.page(items: items, nextPageToken: nil)
    }
}
