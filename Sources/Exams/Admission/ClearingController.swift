import Clearing
import ExamRules
import Fees
import Foundation
import Hummingbird
import Platform
import SQLKit

/// The national clearing over the season's wishes (student-proposing deferred acceptance, the
/// Clearing kernel), each candidate's admission with its explanation, and confirmation: at most
/// one per candidate, before the deadline, whatever number of requests race.
struct ClearingController {
    let database: any Database

    struct ProgramLine: Codable, Sendable {
        let code: String
        let quota: Int
        let admitted: Int
        let confirmed: Int
        let cutoff: Points?
    }

    struct ClearingAnswer: Codable, Sendable {
        let candidates: Int
        let admitted: Int
        /// Candidates left out because the fee for their wishes is not paid.
        let unpaid: Int
        let programs: [ProgramLine]
    }

    func register(in catalog: APICatalog) {
        catalog.add(APIRoute(.post, "/api/v1/exam-seasons/{id}/clearing", summary: "Run the clearing over every wish (the ministry)",
                             tag: "Admissions"), run)
        catalog.add(APIRoute(.get, "/api/v1/exam-registrations/{id}/admission", summary: "A candidate's admission, wish by wish",
                             tag: "Admissions"), admission)
        catalog.add(APIRoute(.post, "/api/v1/exam-registrations/{id}/admission/confirm", summary: "Confirm admission (once, before the deadline)",
                             tag: "Admissions"), confirm)
        catalog.add(APIRoute(.get, "/api/v1/exam-seasons/{id}/programs/{code}/confirmed", summary: "A programme's confirmed candidates (the board)",
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
            // Confirmed candidates keep their seats: they leave the clearing and their seats leave the quota.
            var confirmedAt: [String: String] = [:]
            for row in try await db.raw("SELECT registration_id, program_id FROM admission_confirmations WHERE season_id = \(bind: seasonID)").all() {
                confirmedAt[try row.decode(column: "registration_id", as: String.self)] = try row.decode(column: "program_id", as: String.self)
            }
            var seats = programs.map(\.seats)
            for program in confirmedAt.values { if let index = programIndex[program] { seats[index].quota = max(0, seats[index].quota - 1) } }

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
                guard let wishes = wishRows[registration.id], confirmedAt[registration.id] == nil else { continue }
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
            let instance = try ClearingInstance(programs: seats, candidates: candidates.map { $0.1.compactMap(\.wish) })
            let result = DeferredAcceptance.clear(instance)
            let cutoffs = programs.indices.map { index in
                result.programs[index].isFull ? result.cutoff(ofProgram: index).map { Points(hundredths: Int($0.score.units) / 100) } : nil
            }

            // Every earlier outcome goes, except those of candidates who confirmed.
            try await db.raw("""
                DELETE FROM admission_results WHERE season_id = \(bind: seasonID)
                  AND registration_id NOT IN (SELECT registration_id FROM admission_confirmations WHERE season_id = \(bind: seasonID))
                """).run()
            for (position, (registration, wishes)) in candidates.enumerated() {
                let admitted = result.admittedProgram(of: position)
                let outcome = AdmissionOutcome(
                    registrationId: registration.id, fullName: registration.fullName,
                    programCode: admitted.map { programs[$0].code }, programName: admitted.map { programs[$0].name },
                    score: admitted.flatMap { program in wishes.first { $0.program == program }?.score },
                    method: admitted.flatMap { program in wishes.first { $0.program == program }?.method },
                    priorityLevel: AdmissionScoring.priorityLevel(area: registration.admissionArea, group: registration.admissionGroup),
                    wishes: WishScore.explain(wishes, admitted: admitted, programs: programs, cutoffs: cutoffs), confirmed: false)
                try await db.raw("""
                    INSERT INTO admission_results (registration_id, season_id, program_id, body, computed_at)
                    VALUES (\(bind: registration.id), \(bind: seasonID), \(bind: admitted.map { programs[$0].id! }), \(bind: try JSON.string(outcome)),
                            \(bind: Clock.timestamp()))
                    ON CONFLICT (registration_id) DO UPDATE SET program_id = excluded.program_id, body = excluded.body,
                        computed_at = excluded.computed_at
                    """).run()
            }
            let lines = programs.indices.map { index in
                ProgramLine(code: programs[index].code, quota: programs[index].quota, admitted: result.programs[index].admitted,
                            confirmed: confirmedAt.values.filter { $0 == programs[index].id }.count, cutoff: cutoffs[index])
            }
            try await AuditLog.record(db, principal: principal, action: .update, resource: "admission_results", recordID: seasonID, orgID: nil,
                                      detail: "\(candidates.count) candidates, \(result.admittedCount) admitted")
            return ClearingAnswer(candidates: candidates.count, admitted: result.admittedCount, unpaid: unpaid, programs: lines)
        }
        return try JSONResponse.encode(answer)
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
                                programName: outcome.programName, score: outcome.score, method: outcome.method,
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
            guard !principal.nodes(for: .examsManage).isEmpty else { throw APIError.forbidden("the confirmed lists need exams:manage") }
            guard let program = try await ProgramsController.all(db, seasonID: seasonID).first(where: { $0.code == code }) else {
                throw APIError.notFound
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

/// One wish as the clearing sees it: admissible with its score and the method that gave it, or why not.
struct WishScore {
    let rank: Int
    let program: Int
    let score: Points?
    let method: AdmissionMethod.Kind?
    /// The combination (exam, transcript) or the test (competency) the score comes from.
    let basis: String?
    let problem: String?

    /// Direct admission sits above every score: the highest score with a tie-breaker no other method has.
    static let directTier = AdmissionScore(units: 1)

    /// The kernel's wish, for an admissible one.
    var wish: Wish? {
        score.map { Wish(program: program, rank: rank, score: AdmissionScore(units: UInt32($0.hundredths * 100)),
                         tiebreak: method == .direct ? Self.directTier : .zero) }
    }

    /// What the candidate's exam scores, evidence and priority level give at the programme: its
    /// best method (direct admission first), or the reason there is none.
    static func evaluate(rank: Int, program index: Int, _ program: AdmissionProgram, scores: [String: Points], exemptLanguage: Bool,
                         evidence: AdmissionEvidence, level: Points) -> WishScore {
        if program.admits(by: .direct), evidence.directPrograms?.contains(program.code) == true {
            return WishScore(rank: rank, program: index, score: AdmissionScoring.maximum, method: .direct, basis: nil, problem: nil)
        }
        var best: (method: AdmissionMethod.Kind, basis: String, score: Points)?
        for method in program.admissionMethods {
            let total: (basis: String, total: Points)?
            switch method.kind {
            case .exam: total = program.bestTotal(scores: scores, exemptLanguage: exemptLanguage).map { ($0.combination, $0.total) }
            case .transcript:
                total = evidence.transcript.flatMap { program.bestTotal(scores: $0, exemptLanguage: false) }.map { ($0.combination, $0.total) }
            case .competency:
                total = method.table.flatMap { table in
                    evidence.tests?[table.test.rawValue].flatMap(table.convert).map { (table.test.rawValue, $0) }
                }
            case .direct: total = nil
            }
            guard let total else { continue }
            let score = AdmissionScoring.score(total: total.total, priorityLevel: level)
            if best.map({ score > $0.score }) ?? true { best = (method.kind, total.basis, score) }
        }
        guard let best else {
            return WishScore(rank: rank, program: index, score: nil, method: nil, basis: nil, problem: "no_score")
        }
        guard best.score >= program.threshold else {
            return WishScore(rank: rank, program: index, score: nil, method: best.method, basis: best.basis, problem: "below_threshold")
        }
        return WishScore(rank: rank, program: index, score: best.score, method: best.method, basis: best.basis, problem: nil)
    }

    static func explain(_ wishes: [WishScore], admitted: Int?, programs: [AdmissionProgram], cutoffs: [Points?]) -> [AdmissionOutcome.WishLine] {
        var reached = true
        return wishes.map { wish in
            let status: String
            if let problem = wish.problem {
                status = reached ? problem : "not_considered"
            } else if wish.program == admitted {
                status = "admitted"
                reached = false
            } else {
                status = reached ? "cutoff_not_met" : "not_considered"
            }
            return AdmissionOutcome.WishLine(rank: wish.rank, programCode: programs[wish.program].code, score: wish.score,
                                             method: wish.method, basis: wish.basis, status: status, cutoff: cutoffs[wish.program])
        }
    }
}
