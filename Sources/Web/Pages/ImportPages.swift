import BulkData
import Foundation
import HTTPTypes
import Hummingbird
import Platform

/// A school's (or a department's) imports in the browser: upload a file, watch the job, read what
/// was refused and download the report. The same jobs as `/api/v1/imports`, with the user's roles.
struct ImportPages: Sendable {
    let imports: ImportJobRunner

    static let maximumUpload = 32 * 1024 * 1024

    var routes: [PageRoute] {
        [
            PageRoute(.get, "/imports", "Upload a file to import, and the user's imports", list),
            PageRoute(.post, "/imports", "Start importing an uploaded file", upload),
            PageRoute(.get, "/imports/{id}", "One import: its progress, counts and refused rows", show),
            PageRoute(.get, "/imports/{id}/report", "The import's report of refused rows and repairs (CSV)", report),
        ]
    }

    @Sendable func list(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        guard principal.has(.registryWrite) else { throw APIError.forbidden("") }
        return page.page(page.strings[.imports], form(page) + (try await jobsTable(page, principal)))
    }

    @Sendable func upload(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let body = try await page.request.body.collect(upTo: Self.maximumUpload)
        guard let type = page.request.headers[.contentType], let boundary = MultipartForm.boundary(type) else { throw APIError.malformed(field: nil, "") }
        let fields = MultipartForm.fields(Array(buffer: body), boundary: boundary)
        let text = { (name: String) in fields[name].map { String(decoding: $0, as: UTF8.self) } }
        guard page.csrf != nil, text("csrf") == page.csrf else { return page.refusedForm() }
        guard let kind = text("kind"), imports.kinds.contains(kind) else { throw APIError.malformed(field: "kind", "") }
        guard let file = fields["file"], !file.isEmpty else {
            return page.page(page.strings[.imports], form(page, message: page.strings[.chooseFile]), status: .unprocessableContent)
        }
        let job = try await imports.submit(kind: kind, fileName: Self.fileName(in: page.request, body: body) ?? imports.defaultFileName(kind: kind),
                                           skipInvalid: text("skipInvalid") == "on", principal: principal) { path in
            try Data(file).write(to: URL(fileURLWithPath: path))
        }
        return page.redirect("/imports/\(job.id)")
    }

    @Sendable func show(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        guard let job = try await imports.job(try page.context.parameters.require("id"), of: principal) else { throw APIError.notFound }
        let strings = page.strings
        var body = "<h1>\(HTML.escape(strings[.imports])): \(HTML.escape(job.fileName))</h1>"
        body += "<p>\(HTML.escape(Self.kindLabel(job.kind, strings))) · <strong>\(HTML.escape(strings.importStatus(job.status.rawValue)))</strong></p>"
        if !job.isFinished {
            // No JavaScript: the browser reloads the page until the job is done.
            body = "<meta http-equiv=\"refresh\" content=\"2\">" + body + "<p role=\"status\">\(HTML.escape(strings[.importRunning]))</p>"
        }
        if let message = job.message {
            body += "<p class=\"error\" role=\"alert\">\(HTML.escape(strings[.importFailed])): \(HTML.escape(message))</p>"
        }
        if let summary = job.summary {
            // A refused import stored nothing: its good rows are counted as such, not as created or updated.
            let written: [(Phrase, Int)] = summary.committed
                ? [(.rowsCreated, summary.created), (.rowsUpdated, summary.updated), (.rowsUnchanged, summary.unchanged)]
                : [(.rowsGoodNotStored, summary.created + summary.updated + summary.unchanged)]
            let counts: [(Phrase, Int)] = [(.rowsRead, summary.rows)] + written + [(.rowsRepeated, summary.repeated), (.rowsRefused, summary.refused)]
                + (summary.joined ?? 0 > 0 ? [(.rowsJoined, summary.joined ?? 0)] : [])
            body += "<table><tbody>" + counts.map { "<tr><th scope=\"row\">\(HTML.escape(strings[$0.0]))</th><td>\($0.1)</td></tr>" }.joined()
                + "</tbody></table>"
            if !summary.reasons.isEmpty {
                let rows = summary.reasons.map { reason in
                    "<tr><td class=\"\(reason.severity == "error" ? "error" : "muted")\">\(HTML.escape(strings.localized(vi: reason.vi, en: reason.en)))</td>"
                        + "<td><code>\(HTML.escape(reason.code))</code></td><td>\(reason.count)</td></tr>"
                }.joined()
                body += """
                    <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.reasonCode]))</th><th scope="col">Code</th>\
                    <th scope="col">\(HTML.escape(strings[.reasonCount]))</th></tr></thead><tbody>\(rows)</tbody></table></div>
                    <p><a href="/imports/\(HTML.escape(job.id))/report">\(HTML.escape(strings[.downloadReport]))</a></p>
                    """
            }
        }
        body += "<p><a href=\"/imports\">\(HTML.escape(strings[.importAnother]))</a></p>"
        return page.page(strings[.imports], body)
    }

    @Sendable func report(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        guard let job = try await imports.job(try page.context.parameters.require("id"), of: principal), job.isFinished else { throw APIError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(job.kind)-errors.csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: imports.report(of: job))))
    }

    private func form(_ page: PageRequest, message: String? = nil) -> String {
        let strings = page.strings
        let options = imports.kinds.map { "<option value=\"\($0)\">\(HTML.escape(Self.kindLabel($0, strings)))</option>" }.joined()
        return """
            <h1>\(HTML.escape(strings[.imports]))</h1>
            <p class="muted">\(HTML.escape(strings[.importIntro]))</p>
            \(message.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
            <form method="post" action="/imports" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">
            <label for="kind">\(HTML.escape(strings[.importKind]))</label>
            <select id="kind" name="kind">\(options)</select>
            <label for="file">\(HTML.escape(strings[.importFile]))</label>
            <input id="file" type="file" name="file" accept=".csv,.xlsx,.zip,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/zip">
            <p><input id="skipInvalid" type="checkbox" name="skipInvalid"> <label for="skipInvalid" style="display:inline">\(HTML.escape(strings[.importSkipInvalid]))</label></p>
            <p><button>\(HTML.escape(strings[.importButton]))</button></p>
            </form>
            <p class="muted">\(HTML.escape(strings[.importTemplates]))</p>
            """
    }

    private func jobsTable(_ page: PageRequest, _ principal: Principal) async throws -> String {
        let strings = page.strings
        let jobs = try await imports.jobs(of: principal, limit: 20)
        guard !jobs.isEmpty else { return "<h2>\(HTML.escape(strings[.yourImports]))</h2><p>\(HTML.escape(strings[.noImportsYet]))</p>" }
        let rows = jobs.map { job in
            "<tr><td><a href=\"/imports/\(HTML.escape(job.id))\">\(HTML.escape(job.fileName))</a></td>"
                + "<td>\(HTML.escape(Self.kindLabel(job.kind, strings)))</td><td>\(HTML.escape(strings.importStatus(job.status.rawValue)))</td>"
                + "<td>\(job.summary.map { String($0.rows) } ?? "")</td><td>\(job.summary.map { String($0.refused) } ?? "")</td>"
                + "<td>\(HTML.escape(String(job.createdAt.prefix(16)).replacingOccurrences(of: "T", with: " ")))</td></tr>"
        }.joined()
        return """
            <h2>\(HTML.escape(strings[.yourImports]))</h2>
            <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.fileName]))</th><th scope="col">\(HTML.escape(strings[.importKind]))</th>\
            <th scope="col">\(HTML.escape(strings[.status]))</th><th scope="col">\(HTML.escape(strings[.rowsRead]))</th>\
            <th scope="col">\(HTML.escape(strings[.rowsRefused]))</th><th scope="col">\(HTML.escape(strings[.uploaded]))</th></tr></thead>\
            <tbody>\(rows)</tbody></table></div>
            """
    }

    /// The kind as the template's sheet names it in Vietnamese, or its machine name in English.
    static func kindLabel(_ kind: String, _ strings: Strings) -> String {
        guard let bulkKind = BulkKind(rawValue: kind) else { return kind == "oneroster" ? "OneRoster 1.2 (ZIP)" : kind }
        return strings.localized(vi: bulkKind.sheetName, en: kind.replacingOccurrences(of: "_", with: " "))
    }

    /// The chosen file's name, from its part's `filename="…"`.
    static func fileName(in request: Request, body: ByteBuffer) -> String? {
        let text = String(decoding: body.readableBytesView.prefix(4096), as: UTF8.self)
        guard let range = text.range(of: "filename=\""), let end = text[range.upperBound...].firstIndex(of: "\"") else { return nil }
        let name = String(text[range.upperBound..<end])
        return name.isEmpty ? nil : name
    }
}
