import ExamRules
import Foundation
import Hummingbird
import Platform
import SQLKit

/// Exam scores and graduation results: the board enters each subject's scores after the exam,
/// computes every candidate's result by the year's formula, and schools see their candidates'
/// results once they are published.
struct ScoresController {
    let database: any Database

    struct ScoreInput: Codable, Sendable {
        let citizenId: String
        let subject: String
        let score: String
    }

    struct ScoresRequest: Codable { let items: [ScoreInput] }

    struct ComputeAnswer: Codable, Sendable {
        let computed: Int
        let passed: Int
        let problems: [ExamResults.Problem]
    }

    func register(in catalog: APICatalog) {
        catalog.schema("ExamScores", [FieldSpec("items", .array(.object([
            FieldSpec("citizenId", .string, required: true, "The candidate"),
            FieldSpec("subject", .string, required: true, "Subject code, e.g. TOAN"),
            FieldSpec("score", .string, required: true, "0 to 10, at most two decimals"),
        ])), required: true, "One row per candidate and subject; all rows or none are stored")])
        catalog.schema("ExamResult", [FieldSpec("graduationScore", .string, readOnly: true, "ĐXTN, two decimals"),
                                      FieldSpec("passed", .boolean, readOnly: true, "Graduated"),
                                      FieldSpec("failingSubjects", .array(.string), readOnly: true, "Subjects at or below 1.0")])
        catalog.add(APIRoute(.put, "/api/v1/exam-seasons/{id}/scores", summary: "Enter exam scores (the board, after the exam)",
                             tag: "Graduation exam", request: "ExamScores"), enterScores)
        catalog.add(APIRoute(.post, "/api/v1/exam-seasons/{id}/results", summary: "Compute graduation results from the scores (the board)",
                             tag: "Graduation exam"), computeResults)
        catalog.add(APIRoute(.get, "/api/v1/exam-registrations/{id}/result", summary: "A candidate's result (schools once published)",
                             tag: "Graduation exam", response: "ExamResult"), result)
    }

    @Sendable func enterScores(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let seasonID = try context.parameters.require("id")
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let input = try JSON.decodeStrict(ScoresRequest.self, from: data, allowedFields: ["items"],
                                          itemFields: ["items": ["citizenId", "subject", "score"]])
        let stored = try await database.transaction { db in
            let season = try await ExamSeasonsController.load(db, id: seasonID)
            try season.require(.scoring)
            var registrations: [String: (Registration, String)] = [:]
            for row in try await db.raw("SELECT org_id, body FROM exam_registrations WHERE season_id = \(bind: seasonID)").all() {
                let registration = try JSON.decoder.decode(Registration.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
                registrations[registration.citizenId] = (registration, try row.decode(column: "org_id", as: String.self))
            }
            var errors = ValidationCollector()
            var rows: [(Registration, String, Points)] = []
            var seen = Set<String>()
            // Candidates share a few registration units: ask about each once.
            var boardOver = Set<String>()
            for (index, item) in input.items.enumerated() {
                let field = "items/\(index)"
                let citizenID = item.citizenId.filter(\.isNumber)
                guard let (registration, orgID) = registrations[citizenID] else {
                    errors.add("\(field)/citizenId", "scores.notRegistered", "no candidate with citizen ID \(item.citizenId) in the \(season.examYear) exam")
                    continue
                }
                if boardOver.insert(orgID).inserted { try await ExamsAccess.requireBoard(db, principal, orgID: orgID) }
                let subject = item.subject.trimmingCharacters(in: .whitespaces).uppercased()
                guard registration.examinedSubjects.contains(subject) else {
                    errors.add("\(field)/subject", "scores.subject", "\(registration.fullName) has no \(subject) paper (sits \(registration.examinedSubjects.joined(separator: ", ")))")
                    continue
                }
                guard let score = Points(item.score), score <= Points(hundredths: 1000) else {
                    errors.add("\(field)/score", "scores.value", "'\(item.score)' is not a score from 0 to 10 with at most two decimals")
                    continue
                }
                if !seen.insert("\(citizenID)|\(subject)").inserted {
                    errors.add(field, "scores.duplicate", "\(registration.fullName)'s \(subject) appears twice")
                }
                rows.append((registration, subject, score))
            }
            try errors.check()
            for (registration, subject, score) in rows {
                try await db.raw("""
                    INSERT INTO exam_scores (registration_id, subject_code, season_id, score, updated_by, updated_at)
                    VALUES (\(bind: registration.id), \(bind: subject), \(bind: seasonID), \(bind: score.hundredths), \(bind: principal.name),
                            \(bind: Clock.timestamp()))
                    ON CONFLICT (registration_id, subject_code) DO UPDATE SET score = excluded.score, updated_by = excluded.updated_by,
                        updated_at = excluded.updated_at
                    """).run()
            }
            try await AuditLog.record(db, principal: principal, action: .update, resource: "exam_scores", recordID: seasonID, orgID: nil,
                                      detail: "\(rows.count) scores")
            return rows.count
        }
        return try JSONResponse.encode(["stored": stored])
    }

    @Sendable func computeResults(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let seasonID = try context.parameters.require("id")
        guard !principal.nodes(for: .examsManage).isEmpty else { throw APIError.forbidden("computing results needs exams:manage") }
        let answer = try await database.transaction { db in
            let season = try await ExamSeasonsController.load(db, id: seasonID)
            try season.require(.scoring)
            var computed = 0, passed = 0
            var problems: [ExamResults.Problem] = []
            var boardOver: [String: Bool] = [:]
            for row in try await db.raw("SELECT org_id, body FROM exam_registrations WHERE season_id = \(bind: seasonID) ORDER BY citizen_id").all() {
                let orgID = try row.decode(column: "org_id", as: String.self)
                if boardOver[orgID] == nil {
                    boardOver[orgID] = try await OrgTree.isWithin(db, nodeID: orgID, roots: principal.nodes(for: .examsManage))
                }
                guard boardOver[orgID] == true else { continue }
                let registration = try JSON.decoder.decode(Registration.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
                switch ExamResults.compute(registration, scores: try await ExamResults.scores(db, registrationID: registration.id),
                                           formula: season.formula ?? .forExamYear(season.examYear)) {
                case .success(let result):
                    try await ExamResults.store(db, result, seasonID: seasonID)
                    computed += 1
                    if result.passed { passed += 1 }
                case .failure(let problem):
                    problems.append(problem)
                }
            }
            try await AuditLog.record(db, principal: principal, action: .update, resource: "exam_results", recordID: seasonID, orgID: nil,
                                      detail: "computed \(computed), passed \(passed), not computable \(problems.count)")
            return ComputeAnswer(computed: computed, passed: passed, problems: problems)
        }
        return try JSONResponse.encode(answer)
    }

    @Sendable func result(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await database.read { db in
            let (registration, orgID) = try await RegistrationsController.load(db, id: try context.parameters.require("id"), principal: principal)
            let board = try await OrgTree.isWithin(db, nodeID: orgID, roots: principal.nodes(for: .examsManage))
            let season = try await ExamSeasonsController.load(db, id: registration.seasonId)
            guard board || season.resultsArePublished else {
                throw APIError.conflict(field: nil, code: "results.notPublished", "results are published at \(season.resultsPublished)")
            }
            guard let body = try await Self.storedResult(db, registrationID: registration.id) else { throw APIError.notFound }
            return body
        }
        return JSONResponse.raw(body)
    }

    /// The result's JSON as computed, nil before the board computes it.
    static func storedResult(_ db: any SQLDatabase, registrationID: String) async throws -> String? {
        try await db.raw("SELECT body FROM exam_results WHERE registration_id = \(bind: registrationID)").first()?
            .decode(column: "body", as: String.self)
    }
}
