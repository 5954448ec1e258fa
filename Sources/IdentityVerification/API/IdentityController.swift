import Foundation
import HTTPTypes
import Hummingbird
import Platform

/// Identity verification over the API (issue 4): start a run over a school, a province or the
/// country and follow it; read the correction lists, the review queue and the rates; decide
/// proposed matches.
public struct IdentityController: Sendable {
    let runner: VerificationRunner
    let service: IdentityVerificationService

    public init(runner: VerificationRunner, database: any Database) {
        self.runner = runner
        service = IdentityVerificationService(database: database)
    }

    public func register(in catalog: APICatalog) {
        let person = [FieldSpec("citizenID", .string, "Citizen ID"), FieldSpec("fullName", .string, "Full name"),
                      FieldSpec("dateOfBirth", .string, "Date of birth"), FieldSpec("sex", .string, "male or female")]
        catalog.schema("VerificationRun", [
            FieldSpec("id", .uuid, readOnly: true, "Run ID"),
            FieldSpec("scopeCode", .string, "The school, department or ministry whose learners and staff are verified"),
            FieldSpec("status", .enumeration(["queued", "running", "finished", "failed"]), readOnly: true,
                      "failed: stopped by an error; starting a run over the same scope resumes it"),
            FieldSpec("source", .string, readOnly: true, "Where the registry's answers came from"),
            FieldSpec("total", .integer, readOnly: true, "People in scope"),
            FieldSpec("done", .integer, readOnly: true, "People checked"),
            FieldSpec("counts", .object([]), readOnly: true, "Outcomes by status"),
            FieldSpec("message", .string, readOnly: true, "Why a run stopped"),
            FieldSpec("settings", .object([]), readOnly: true, "The match model (m and u per level, λ) and the thresholds decided with"),
            FieldSpec("createdAt", .string, readOnly: true, "When the run was asked for"),
            FieldSpec("startedAt", .string, readOnly: true, "When it started"),
            FieldSpec("finishedAt", .string, readOnly: true, "When it ended"),
        ])
        catalog.schema("IdentityReviewItem", [
            FieldSpec("kind", .enumeration(PersonKind.allCases.map(\.rawValue)), readOnly: true, "Learner or staff"),
            FieldSpec("personId", .uuid, readOnly: true, "The learner's or staff member's record ID"),
            FieldSpec("code", .string, readOnly: true, "Learner or staff code"),
            FieldSpec("schoolCode", .string, readOnly: true, "The school holding the record"),
            FieldSpec("review", .enumeration(["pending", "confirmed", "rejected"]), readOnly: true, "Where the review stands"),
            FieldSpec("record", .object(person), readOnly: true, "The record as it was checked"),
            FieldSpec("outcome", .object([]), readOnly: true, "Status, candidates with their evidence field by field, corrections"),
            FieldSpec("checkedAt", .string, readOnly: true, "When it was checked"),
        ])
        catalog.schema("IdentityReviewDecision", [
            FieldSpec("decision", .enumeration(["confirm", "reject"]), required: true, "confirm writes the candidate's ID onto the record"),
            FieldSpec("citizenId", .string, "The candidate confirmed (one of the proposed candidates)"),
        ])
        catalog.schema("VerificationRate", [
            FieldSpec("code", .string, readOnly: true, "School, department or ministry code"),
            FieldSpec("name", .string, readOnly: true, "Its name"),
            FieldSpec("people", .integer, readOnly: true, "Learners and staff on record"),
            FieldSpec("verified", .integer, readOnly: true, "Linked to a registry person (ID verified, automatic link or confirmed review)"),
            FieldSpec("unchecked", .integer, readOnly: true, "Never checked"),
            FieldSpec("byStatus", .object([]), readOnly: true, "Latest outcomes by status"),
            FieldSpec("rate", .number, readOnly: true, "verified / people"),
        ])
        let scope = APIRoute.Parameter("scope", "A school or department code, or a province code; default: everything the caller may see")
        catalog.add(APIRoute(.post, "/api/v1/identity/runs", summary: "Verify the learners and staff of a scope against the population registry (202)",
                             tag: "Identity", parameters: [scope], response: "VerificationRun"), start)
        catalog.add(APIRoute(.get, "/api/v1/identity/runs", summary: "The history of verification runs, newest first", tag: "Identity",
                             response: "VerificationRun", page: true), list)
        catalog.add(APIRoute(.get, "/api/v1/identity/runs/{id}", summary: "One verification run", tag: "Identity", response: "VerificationRun"), get)
        catalog.add(APIRoute(.get, "/api/v1/identity/corrections", summary: "The correction list: what each school should fix or check (JSON, or CSV with format=csv)",
                             tag: "Identity", parameters: [scope, .init("format", "json (default), csv or xlsx")]), corrections)
        catalog.add(APIRoute(.get, "/api/v1/identity/review", summary: "Proposed matches waiting for a person's decision", tag: "Identity",
                             parameters: [scope, .init("limit", "At most this many (default 50)"), .init("offset", "Skip this many")],
                             response: "IdentityReviewItem", page: true), review)
        catalog.add(APIRoute(.post, "/api/v1/identity/review/{kind}/{id}", summary: "Confirm or reject a proposed match",
                             tag: "Identity", request: "IdentityReviewDecision", response: "IdentityReviewItem"), decide)
        catalog.add(APIRoute(.get, "/api/v1/identity/rates", summary: "Verification rates by school, province or for the nation", tag: "Identity",
                             parameters: [scope, .init("level", "school, province or nation (default province)")],
                             response: "VerificationRate", page: true), rates)
    }

    @Sendable func start(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let run = try await runner.start(scopeCode: request.uri.queryParameters.get("scope"), principal: principal)
        var response = try JSONResponse.encode(run, status: .accepted)
        response.headers[.location] = "/api/v1/identity/runs/\(run.id)"
        return response
    }

    @Sendable func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let runs = try await service.runs(for: try context.requirePrincipal())
        return JSONResponse.page(items: try runs.map { try JSON.string($0) }, nextPageToken: nil)
    }

    @Sendable func get(_ request: Request, _ context: NEMISContext) async throws -> Response {
        guard let run = try await service.run(try context.parameters.require("id"), for: try context.requirePrincipal()) else {
            throw APIError.notFound
        }
        return try JSONResponse.encode(run)
    }

    @Sendable func corrections(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let lines = try await service.corrections(scopeCode: request.uri.queryParameters.get("scope"), for: try context.requirePrincipal())
        switch request.uri.queryParameters.get("format") ?? "json" {
        case "json":
            return JSONResponse.page(items: try lines.map { try JSON.string($0) }, nextPageToken: nil)
        case "csv":
            var bytes = CSVEncoding.byteOrderMark
            CSVEncoding.appendRow(CorrectionLine.csvHeader, to: &bytes)
            for line in lines { CSVEncoding.appendRow(line.csvFields, to: &bytes) }
            return Self.file(bytes, type: "text/csv; charset=utf-8", name: "identity-corrections.csv")
        case "xlsx":
            return Self.file(try CorrectionLine.workbook(lines), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             name: "identity-corrections.xlsx")
        case let other:
            throw APIError.malformed(field: "format", "format is json, csv or xlsx, not '\(other)'")
        }
    }

    @Sendable func review(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let limit = min(max(Int(request.uri.queryParameters.get("limit") ?? "") ?? 50, 1), 500)
        let offset = max(Int(request.uri.queryParameters.get("offset") ?? "") ?? 0, 0)
        let items = try await service.reviewQueue(scopeCode: request.uri.queryParameters.get("scope"), for: try context.requirePrincipal(),
                                                  limit: limit, offset: offset)
        return JSONResponse.page(items: try items.map { try JSON.string($0) }, nextPageToken: nil)
    }

    @Sendable func decide(_ request: Request, _ context: NEMISContext) async throws -> Response {
        struct Body: Decodable { let decision: String; let citizenId: String? }
        let principal = try context.requirePrincipal()
        let kindText = try context.parameters.require("kind")
        guard let kind = PersonKind(rawValue: kindText) else { throw APIError.notFound }
        let data = try await request.body.collect(upTo: 64 * 1024)
        let body = try JSON.decoder.decode(Body.self, from: Data(buffer: data))
        let decision: IdentityReviewDecision
        switch body.decision {
        case "confirm":
            guard let id = body.citizenId, !id.isEmpty else {
                throw APIError.malformed(field: "citizenId", "confirming names the candidate's citizenId")
            }
            decision = .confirm(citizenID: id)
        case "reject":
            decision = .reject
        default:
            throw APIError.malformed(field: "decision", "decision is confirm or reject, not '\(body.decision)'")
        }
        return try JSONResponse.encode(try await service.decide(kind: kind, personID: try context.parameters.require("id"), decision,
                                                                principal: principal))
    }

    @Sendable func rates(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let levelText = request.uri.queryParameters.get("level") ?? "province"
        guard let level = VerificationRate.Level(rawValue: levelText) else {
            throw APIError.malformed(field: "level", "level is school, province or nation, not '\(levelText)'")
        }
        let rates = try await service.rates(level: level, scopeCode: request.uri.queryParameters.get("scope"), for: try context.requirePrincipal())
        return JSONResponse.page(items: try rates.map { try JSON.string($0) }, nextPageToken: nil)
    }

    static func file(_ bytes: [UInt8], type: String, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension CorrectionLine {
    /// The list as a workbook, every cell text so codes and IDs keep their zeros.
    public static func workbook(_ lines: [CorrectionLine]) throws -> [UInt8] {
        let writer = XLSXWriter()
        try writer.addSheet(XLSXSheet(name: "Cần sửa", columns: csvHeader.map { XLSXColumn($0, format: .text) }),
                            rows: lines.map { $0.csvFields.map { $0.isEmpty ? SpreadsheetCell.empty : .text($0) } })
        return try writer.finish()
    }
}
