import ExamRules
import Foundation
import Hummingbird
import Platform
import SQLKit

/// The graduation exam's seasons: the ministry sets each year's timeline, which every other exam
/// route then enforces; anyone signed in may read it.
struct ExamSeasonsController {
    let database: any Database

    func register(in catalog: APICatalog) {
        let timeline = [
            FieldSpec("id", .uuid, readOnly: true, "Season"),
            FieldSpec("examYear", .integer, required: true, "Year of the exam, e.g. 2026"),
            FieldSpec("name", .string, required: true, "Name, e.g. Kỳ thi tốt nghiệp THPT năm 2026"),
            FieldSpec("registrationOpens", .string, required: true, "Registration opens (ISO 8601 with offset, 2026-04-21T08:00:00+07:00)"),
            FieldSpec("registrationCloses", .string, required: true, "Registration and changes close"),
            FieldSpec("examStarts", .string, required: true, "First exam day"),
            FieldSpec("examEnds", .string, required: true, "Last exam day ends; scores may be entered"),
            FieldSpec("resultsPublished", .string, required: true, "Results are published; re-marking requests open"),
            FieldSpec("remarkingCloses", .string, required: true, "Re-marking requests close"),
            FieldSpec("wishFeeVND", .integer, "Admission fee per wish in VND, paid after wishes close; absent: no fee"),
            FieldSpec("registrationFeeVND", .integer, "Exam registration fee in VND, paid while registration is open; absent: no fee"),
            FieldSpec("formula", .string, readOnly: true, "Graduation formula of the year (2024 or 2025)"),
        ]
        catalog.schema("ExamSeason", timeline)
        catalog.add(APIRoute(.get, "/api/v1/exam-seasons", summary: "Graduation exam seasons", tag: "Graduation exam",
                             response: "ExamSeason", page: true), list)
        catalog.add(APIRoute(.post, "/api/v1/exam-seasons", summary: "Set a season and its timeline (the ministry)", tag: "Graduation exam",
                             request: "ExamSeason", response: "ExamSeason"), create)
        catalog.add(APIRoute(.get, "/api/v1/exam-seasons/{id}", summary: "A season", tag: "Graduation exam", response: "ExamSeason"), show)
        catalog.add(APIRoute(.put, "/api/v1/exam-seasons/{id}", summary: "Change a season's timeline (the ministry)", tag: "Graduation exam",
                             request: "ExamSeason", response: "ExamSeason"), update)
    }

    @Sendable func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let seasons = try await database.read { db in
            try await db.raw("SELECT body FROM exam_seasons ORDER BY exam_year DESC").all()
                .map { try $0.decode(column: "body", as: String.self) }
        }
        return JSONResponse.page(items: seasons, nextPageToken: nil)
    }

    @Sendable func show(_ request: Request, _ context: NEMISContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let season = try await database.read { db in try await Self.load(db, id: try context.parameters.require("id")) }
        return try JSONResponse.encode(season)
    }

    @Sendable func create(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let season = try await Self.decode(request, context)
        let stored = try await database.transaction { db in try await Self.create(db, season, principal: principal) }
        return try JSONResponse.encode(stored, status: .created)
    }

    /// Stores a new season, one per exam year, checked and with its year's formula.
    static func create(_ db: any SQLDatabase, _ input: ExamSeason, principal: Principal) async throws -> ExamSeason {
        var season = input
        try season.problems().check()
        season.formula = GraduationFormula.forExamYear(season.examYear)
        season.id = UUID().uuidString.lowercased()
        try await ExamsAccess.requireNationalBoard(db, principal)
        if try await db.raw("SELECT 1 AS hit FROM exam_seasons WHERE exam_year = \(bind: season.examYear)").first() != nil {
            throw APIError.conflict(field: "examYear", code: "season.duplicate", "the \(season.examYear) season already exists")
        }
        try await db.raw("""
            INSERT INTO exam_seasons (id, exam_year, body, updated_by, updated_at)
            VALUES (\(bind: season.id!), \(bind: season.examYear), \(bind: try JSON.string(season)), \(bind: principal.name),
                    \(bind: Clock.timestamp()))
            """).run()
        try await AuditLog.record(db, principal: principal, action: .create, resource: "exam_seasons", recordID: season.id, orgID: nil,
                                  detail: "season \(season.examYear)")
        return season
    }

    @Sendable func update(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var decoded = try await Self.decode(request, context)
        let id = try context.parameters.require("id")
        decoded.id = id
        let season = decoded
        let stored = try await database.transaction { db in
            try await ExamsAccess.requireNationalBoard(db, principal)
            let existing = try await Self.load(db, id: id)
            guard existing.examYear == season.examYear else {
                throw APIError.conflict(field: "examYear", code: "season.year", "a season's exam year cannot change")
            }
            try await db.raw("""
                UPDATE exam_seasons SET body = \(bind: try JSON.string(season)), updated_by = \(bind: principal.name),
                    updated_at = \(bind: Clock.timestamp()) WHERE id = \(bind: id)
                """).run()
            try await AuditLog.record(db, principal: principal, action: .update, resource: "exam_seasons", recordID: id, orgID: nil,
                                      detail: "timeline of season \(season.examYear)")
            return season
        }
        return try JSONResponse.encode(stored)
    }

    private static func decode(_ request: Request, _ context: NEMISContext) async throws -> ExamSeason {
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        var season = try JSON.decodeStrict(ExamSeason.self, from: data, allowedFields: ExamSeason.fields)
        try season.problems().check()
        season.formula = GraduationFormula.forExamYear(season.examYear)
        return season
    }

    static func load(_ db: any SQLDatabase, id: String) async throws -> ExamSeason {
        guard let row = try await db.raw("SELECT body FROM exam_seasons WHERE id = \(bind: id)").first() else { throw APIError.notFound }
        return try JSON.decoder.decode(ExamSeason.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
    }
}
