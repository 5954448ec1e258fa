import ExamRules
import Foundation
import Hummingbird
import Platform
import SQLKit

/// The programmes of a season's admissions, set by the exam board; anyone signed in reads them.
struct ProgramsController {
    let database: any Database

    func register(in catalog: APICatalog) {
        catalog.schema("AdmissionProgram", [
            FieldSpec("id", .uuid, readOnly: true, "Programme"),
            FieldSpec("code", .string, required: true, "Programme code, unique in the season, e.g. BKA01"),
            FieldSpec("name", .string, required: true, "Name"),
            FieldSpec("institution", .string, required: true, "Institution code"),
            FieldSpec("quota", .integer, required: true, "Seats"),
            FieldSpec("combinations", .array(.object([FieldSpec("code", .string, required: true, "e.g. A00"),
                                                      FieldSpec("subjects", .array(.string), required: true, "Three exam subjects")])),
                      required: true, "Subject combinations accepted"),
            FieldSpec("threshold", .string, required: true, "Entry threshold on the 30-point scale"),
            FieldSpec("tieMode", .enumeration(["strict", "admit_all"]), "Ties at the cutoff"),
            FieldSpec("methods", .array(.object([
                FieldSpec("kind", .enumeration(AdmissionMethod.Kind.allCases.map(\.rawValue)), required: true, "How the programme admits"),
                FieldSpec("test", .enumeration(CompetencyTest.allCases.map(\.rawValue)), "The competency test"),
                FieldSpec("conversion", .array(.object([FieldSpec("testScore", .string, required: true, "Test score"),
                                                        FieldSpec("score", .string, required: true, "Score on the 30-point scale")])),
                          "The competency test's conversion table, rising"),
                FieldSpec("quota", .integer, "Seats this method fills on its own; on every method or none, adding up to the programme's quota"),
            ])), "Admission methods; exam scores when absent"),
        ])
        catalog.add(APIRoute(.post, "/api/v1/exam-seasons/{id}/programs", summary: "Add an admission programme (the board)",
                             tag: "Admissions", request: "AdmissionProgram", response: "AdmissionProgram"), create)
        catalog.add(APIRoute(.get, "/api/v1/exam-seasons/{id}/programs", summary: "The season's admission programmes",
                             tag: "Admissions", response: "AdmissionProgram", page: true), list)
    }

    @Sendable func create(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let seasonID = try context.parameters.require("id")
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        var program = try JSON.decodeStrict(AdmissionProgram.self, from: data, allowedFields: AdmissionProgram.fields)
        program.code = program.code.trimmingCharacters(in: .whitespaces).uppercased()
        try program.problems().check()
        program.id = UUID().uuidString.lowercased()
        let stored = program
        try await database.transaction { db in
            try await ExamsAccess.requireNationalBoard(db, principal)
            _ = try await ExamSeasonsController.load(db, id: seasonID)
            if try await db.raw("SELECT 1 AS hit FROM admission_programs WHERE season_id = \(bind: seasonID) AND code = \(bind: stored.code)")
                .first() != nil {
                throw APIError.conflict(field: "code", code: "program.duplicate", "programme \(stored.code) already exists in this season")
            }
            try await db.raw("""
                INSERT INTO admission_programs (id, season_id, code, body, updated_by, updated_at)
                VALUES (\(bind: stored.id!), \(bind: seasonID), \(bind: stored.code), \(bind: try JSON.string(stored)),
                        \(bind: principal.name), \(bind: Clock.timestamp()))
                """).run()
            try await AuditLog.record(db, principal: principal, action: .create, resource: "admission_programs", recordID: stored.id,
                                      orgID: nil, detail: stored.code)
        }
        return try JSONResponse.encode(stored, status: .created)
    }

    @Sendable func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let seasonID = try context.parameters.require("id")
        let items = try await database.read { db in
            try await db.raw("SELECT body FROM admission_programs WHERE season_id = \(bind: seasonID) ORDER BY code").all()
                .map { try $0.decode(column: "body", as: String.self) }
        }
        return JSONResponse.page(items: items, nextPageToken: nil)
    }

    /// The season's programmes named by `codes` (upper case), by code, each read as `Document`:
    /// the whole `AdmissionProgram`, or only the fields a caller needs.
    static func named<Document: ProgramDocument>(_ db: any SQLDatabase, seasonID: String, codes: Set<String>,
                                                 as: Document.Type = AdmissionProgram.self) async throws -> [String: Document] {
        guard !codes.isEmpty else { return [:] }
        let programs = try await db.raw("""
            SELECT body FROM admission_programs WHERE season_id = \(bind: seasonID) AND code IN (\(binds: Array(codes)))
            """).all().map { try JSON.decoder.decode(Document.self, from: Data(try $0.decode(column: "body", as: String.self).utf8)) }
        return Dictionary(programs.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func all(_ db: any SQLDatabase, seasonID: String) async throws -> [AdmissionProgram] {
        try await db.raw("SELECT body FROM admission_programs WHERE season_id = \(bind: seasonID) ORDER BY code").all().map {
            try JSON.decoder.decode(AdmissionProgram.self, from: Data(try $0.decode(column: "body", as: String.self).utf8))
        }
    }
}

/// A programme's stored document, whole or in part: what `ProgramsController.named` reads.
protocol ProgramDocument: Decodable {
    var code: String { get }
}

extension AdmissionProgram: ProgramDocument {}
