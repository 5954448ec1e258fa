import Foundation
import HTTPTypes
import Hummingbird
import Platform

/// The imports of issue 3 for school software: upload a file, follow the job, fetch its report.
///
/// `POST /api/v1/imports?kind=learners` takes the file as the raw body (`text/csv`, or the XLSX media
/// type) or as the `file` part of a multipart form, stores it and answers 202 at once; the job runs
/// in the background with the uploader's roles. `kind=oneroster` takes a OneRoster 1.2 set as a ZIP
/// of its CSV files. Jobs are private to whoever uploaded them.
public struct ImportJobsController: Sendable {
    let runner: ImportJobRunner
    /// A form upload is read into memory; a larger file goes as the raw body, which streams to disk.
    static let maxFormUpload = 32 * 1024 * 1024
    static let maxUpload = 4 * 1024 * 1024 * 1024

    public init(runner: ImportJobRunner) {
        self.runner = runner
    }

    public func register(in catalog: APICatalog) {
        catalog.schema("ImportJob", [
            FieldSpec("id", .uuid, readOnly: true, "Job ID"),
            FieldSpec("kind", .string, readOnly: true, "What the file holds: \(runner.kinds.joined(separator: ", "))"),
            FieldSpec("status", .enumeration(["queued", "running", "succeeded", "refused", "failed"]), readOnly: true,
                      "refused: rows were refused, so nothing was stored (see the report); failed: the file could not be read"),
            FieldSpec("fileName", .string, readOnly: true, "The uploaded file's name"),
            FieldSpec("skipInvalid", .boolean, readOnly: true, "Whether good rows are stored when others are refused"),
            FieldSpec("summary", .object(["rows", "created", "updated", "unchanged", "repeated", "refused", "errors", "warnings"].map {
                FieldSpec($0, .integer, readOnly: true, ["created", "updated", "unchanged"].contains($0)
                          ? "Rows \($0); when committed is false, good rows that would have been" : "Rows \($0)")
            } + [FieldSpec("committed", .boolean, readOnly: true, "Whether anything was stored"),
                 FieldSpec("reasons", .array(.object([FieldSpec("code", .string, "Error or warning code"), FieldSpec("count", .integer, "Rows")])),
                           readOnly: true, "Errors and warnings by code, most frequent first")]),
                      readOnly: true, "What the import did"),
            FieldSpec("message", .string, readOnly: true, "Why a failed job failed"),
            FieldSpec("createdAt", .string, readOnly: true, "When the file was uploaded"),
            FieldSpec("startedAt", .string, readOnly: true, "When the import started"),
            FieldSpec("finishedAt", .string, readOnly: true, "When it finished"),
        ])
        catalog.add(APIRoute(.post, "/api/v1/imports", summary: "Upload a CSV or XLSX file, or a OneRoster set as a ZIP, to import in the background (202)",
                             tag: "Imports", parameters: [.init("kind", "What the file holds: \(runner.kinds.joined(separator: ", ")); a file of one kind is CSV or XLSX, a set (oneroster) a ZIP of its CSV files"),
                                                          .init("skipInvalid", "true: store the good rows even when others are refused"),
                                                          .init("fileName", "The file's name, shown in the job")],
                             response: "ImportJob", consumes: "text/csv"), upload)
        catalog.add(APIRoute(.get, "/api/v1/imports", summary: "The caller's import jobs, newest first", tag: "Imports",
                             response: "ImportJob", page: true), list)
        catalog.add(APIRoute(.get, "/api/v1/imports/{id}", summary: "One of the caller's import jobs", tag: "Imports", response: "ImportJob"), get)
        catalog.add(APIRoute(.get, "/api/v1/imports/{id}/report", summary: "The job's report: each refused row and each repaired value (CSV)",
                             tag: "Imports", produces: "text/csv"), report)
    }

    @Sendable func upload(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.has(.registryWrite) else { throw APIError.forbidden("importing needs a role that may write the registry") }
        // The runner refuses an unknown kind before it stores anything.
        let kind = request.uri.queryParameters.get("kind") ?? ""
        var fileName = request.uri.queryParameters.get("fileName") ?? runner.defaultFileName(kind: kind)
        var skipInvalid = request.uri.queryParameters.get("skipInvalid") == "true"
        let job: ImportJob
        if let type = request.headers[.contentType], let boundary = MultipartForm.boundary(type) {
            let body = try await request.body.collect(upTo: Self.maxFormUpload)
            let fields = MultipartForm.fields(Array(buffer: body), boundary: boundary)
            guard let file = fields["file"], !file.isEmpty else { throw APIError.malformed(field: "file", "the form has no file") }
            if let name = fields["fileName"] { fileName = String(decoding: name, as: UTF8.self) }
            if fields["skipInvalid"].map({ String(decoding: $0, as: UTF8.self) }) == "true" { skipInvalid = true }
            job = try await runner.submit(kind: kind, fileName: fileName, skipInvalid: skipInvalid, principal: principal) { path in
                try Data(file).write(to: URL(fileURLWithPath: path))
            }
        } else {
            job = try await runner.submit(kind: kind, fileName: fileName, skipInvalid: skipInvalid, principal: principal) { path in
                try await Self.stream(request.body, to: path)
            }
        }
        var response = try JSONResponse.encode(job, status: .accepted)
        response.headers[.location] = "/api/v1/imports/\(job.id)"
        return response
    }

    @Sendable func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let jobs = try await runner.jobs(of: try context.requirePrincipal())
        return JSONResponse.page(items: try jobs.map { try JSON.string($0) }, nextPageToken: nil)
    }

    @Sendable func get(_ request: Request, _ context: NEMISContext) async throws -> Response {
        guard let job = try await runner.job(try context.parameters.require("id"), of: try context.requirePrincipal()) else { throw APIError.notFound }
        return try JSONResponse.encode(job)
    }

    @Sendable func report(_ request: Request, _ context: NEMISContext) async throws -> Response {
        guard let job = try await runner.job(try context.parameters.require("id"), of: try context.requirePrincipal()) else { throw APIError.notFound }
        guard job.isFinished else {
            throw APIError.conflict(field: nil, code: "import.notFinished", "the import has not finished; its report is written as it runs")
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(job.kind)-errors.csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: runner.report(of: job))))
    }

    /// Writes the body to a file as it arrives, so a large upload takes no memory.
    static func stream(_ body: RequestBody, to path: String) async throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ConfigurationError("cannot write the upload to \(path)")
        }
        defer { try? handle.close() }
        var size = 0
        for try await buffer in body {
            size += buffer.readableBytes
            guard size <= maxUpload else { throw APIError.malformed(field: nil, "the file is larger than 4 GB") }
            try handle.write(contentsOf: buffer.readableBytesView)
        }
        guard size > 0 else { throw APIError.malformed(field: nil, "the body is empty: send the file as the body or as the form's file part") }
    }
}
