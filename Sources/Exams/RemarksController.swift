import ExamRules
import Foundation
import Hummingbird
import Platform
import SQLKit

/// Re-marking (phúc khảo, DOMAIN.md §5.4): requested for a subject between the publication of
/// results and the deadline; the board records the markers' marks (or the re-scanned score of a
/// multiple-choice paper), a changed score replaces the published one and the candidate's result
/// is computed again, all audited.
struct RemarksController {
    let database: any Database

    struct Remark: Codable, Sendable {
        let id: String
        let registrationId: String
        let subject: String
        /// requested, awaiting_third_marker, or decided.
        var status: String
        let publishedScore: Points
        var marks: [Points]
        var finalScore: Points?
        var changed: Bool?
        let requestedAt: String
        var decidedAt: String?
    }

    struct RequestInput: Codable { let subject: String }

    struct DecisionInput: Codable {
        /// essay (two or three markers) or multipleChoice (the scan re-scored).
        let kind: String
        let marks: [String]
    }

    func register(in catalog: APICatalog) {
        catalog.schema("ExamRemarkRequest", [FieldSpec("subject", .string, required: true, "Subject to re-mark")])
        catalog.schema("ExamRemarkDecision", [
            FieldSpec("kind", .enumeration(["essay", "multipleChoice"]), required: true, "Essay or multiple choice"),
            FieldSpec("marks", .array(.string), required: true, "Essay: the two markers' marks, then the third's if they disagree; multiple choice: the re-scored mark"),
        ])
        catalog.add(APIRoute(.post, "/api/v1/exam-registrations/{id}/remarks", summary: "Request re-marking of a subject (within the window)",
                             tag: "Graduation exam", request: "ExamRemarkRequest"), request)
        catalog.add(APIRoute(.get, "/api/v1/exam-registrations/{id}/remarks", summary: "A candidate's re-marking requests",
                             tag: "Graduation exam", page: true), list)
        catalog.add(APIRoute(.put, "/api/v1/exam-remarks/{id}", summary: "Record the re-marking (the board); the result follows",
                             tag: "Graduation exam", request: "ExamRemarkDecision"), decide)
    }

    @Sendable func request(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let input = try JSON.decodeStrict(RequestInput.self, from: data, allowedFields: ["subject"])
        let remark = try await database.transaction { db in
            let (registration, orgID) = try await RegistrationsController.load(db, id: try context.parameters.require("id"), principal: principal)
            try await ExamsAccess.requireCandidateOrRegistrar(db, principal, registrationID: registration.id, orgID: orgID)
            try await ExamSeasonsController.load(db, id: registration.seasonId).require(.remarkRequests)
            let subject = input.subject.trimmingCharacters(in: .whitespaces).uppercased()
            guard let published = try await ExamResults.scores(db, registrationID: registration.id)[subject] else {
                throw APIError.conflict(field: "subject", code: "remark.noScore", "\(registration.fullName) has no \(subject) score to re-mark")
            }
            if try await db.raw("""
                SELECT 1 AS hit FROM exam_remarks WHERE registration_id = \(bind: registration.id) AND subject_code = \(bind: subject)
                """).first() != nil {
                throw APIError.conflict(field: "subject", code: "remark.duplicate", "\(subject) re-marking is already requested")
            }
            let remark = Remark(id: UUID().uuidString.lowercased(), registrationId: registration.id, subject: subject, status: "requested",
                                publishedScore: published, marks: [], requestedAt: Clock.timestamp())
            try await db.raw("""
                INSERT INTO exam_remarks (id, registration_id, subject_code, status, body, requested_by, requested_at)
                VALUES (\(bind: remark.id), \(bind: registration.id), \(bind: subject), 'requested', \(bind: try JSON.string(remark)),
                        \(bind: principal.name), \(bind: remark.requestedAt))
                """).run()
            try await AuditLog.record(db, principal: principal, action: .create, resource: "exam_remarks", recordID: remark.id, orgID: orgID,
                                      detail: "\(subject) for \(registration.id)")
            return remark
        }
        return try JSONResponse.encode(remark, status: .created)
    }

    @Sendable func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let items = try await database.read { db in
            let (registration, _) = try await RegistrationsController.load(db, id: try context.parameters.require("id"), principal: principal)
            return try await db.raw("SELECT body FROM exam_remarks WHERE registration_id = \(bind: registration.id) ORDER BY subject_code")
                .all().map { try $0.decode(column: "body", as: String.self) }
        }
        return JSONResponse.page(items: items, nextPageToken: nil)
    }

    @Sendable func decide(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let input = try JSON.decodeStrict(DecisionInput.self, from: data, allowedFields: ["kind", "marks"])
        var errors = ValidationCollector()
        let marks = input.marks.enumerated().compactMap { index, text -> Points? in
            guard let mark = Points(text), mark <= Points(hundredths: 1000) else {
                errors.add("marks/\(index)", "remark.mark", "'\(text)' is not a mark from 0 to 10 with at most two decimals")
                return nil
            }
            return mark
        }
        if !["essay", "multipleChoice"].contains(input.kind) { errors.add("kind", "remark.kind", "kind is essay or multipleChoice") }
        if input.kind == "multipleChoice" && input.marks.count != 1 { errors.add("marks", "remark.marks", "a multiple-choice paper has one re-scored mark") }
        if input.kind == "essay" && !(2...3).contains(input.marks.count) { errors.add("marks", "remark.marks", "an essay has two markers' marks, or three") }
        try errors.check()
        let remark = try await database.transaction { db in
            guard let row = try await db.raw("SELECT body FROM exam_remarks WHERE id = \(bind: try context.parameters.require("id"))").first() else {
                throw APIError.notFound
            }
            var remark = try JSON.decoder.decode(Remark.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
            let (registration, orgID) = try await RegistrationsController.load(db, id: remark.registrationId, principal: principal)
            try await ExamsAccess.requireBoard(db, principal, orgID: orgID)
            guard remark.status != "decided" else {
                throw APIError.conflict(field: nil, code: "remark.decided", "this re-marking is already decided")
            }
            let outcome = input.kind == "essay"
                ? Remarking.essay(published: remark.publishedScore, marks: marks)
                : Remarking.multipleChoice(published: remark.publishedScore, rescored: marks[0])
            remark.marks = marks
            switch outcome {
            case .needsThirdMarker:
                remark.status = "awaiting_third_marker"
            case .decided(let score, let changed):
                remark.status = "decided"
                remark.finalScore = score
                remark.changed = changed
                remark.decidedAt = Clock.timestamp()
                if changed {
                    try await db.raw("""
                        UPDATE exam_scores SET score = \(bind: score.hundredths), updated_by = \(bind: principal.name),
                            updated_at = \(bind: Clock.timestamp())
                        WHERE registration_id = \(bind: registration.id) AND subject_code = \(bind: remark.subject)
                        """).run()
                    let season = try await ExamSeasonsController.load(db, id: registration.seasonId)
                    if case .success(let result) = ExamResults.compute(registration, scores: try await ExamResults.scores(db, registrationID: registration.id),
                                                                       formula: season.formula ?? .forExamYear(season.examYear)) {
                        try await ExamResults.store(db, result, seasonID: registration.seasonId)
                    }
                }
            }
            try await db.raw("""
                UPDATE exam_remarks SET status = \(bind: remark.status), body = \(bind: try JSON.string(remark)) WHERE id = \(bind: remark.id)
                """).run()
            try await AuditLog.record(db, principal: principal, action: .update, resource: "exam_remarks", recordID: remark.id, orgID: orgID,
                                      detail: "\(remark.subject): \(remark.status), \(remark.publishedScore) → \(remark.finalScore.map(\.description) ?? "-")")
            return remark
        }
        return try JSONResponse.encode(remark)
    }
}
