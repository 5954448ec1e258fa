import Credentials
import DataIntegrity
import Foundation
import Hummingbird
import Platform

/// The credential verification page, open to anyone (another school, a university, an employer):
/// paste a credential or upload its file, and see whether it is valid, who issued it, whether it
/// is revoked, and each check made. It works without JavaScript; the upload is a plain form.
struct VerifyPages: Sendable {
    let verify: @Sendable (JSONValue) async throws -> VerificationReport

    static let maximumUpload = 1 << 20

    var routes: [PageRoute] {
        [
            PageRoute(.get, "/verify", "Verify an electronic school record (open to anyone)", form),
            PageRoute(.post, "/verify", "Verify a pasted or uploaded credential", check),
        ]
    }

    @Sendable func form(_ page: PageRequest) async throws -> Response {
        page.page(page.strings[.verifyTitle], form(page))
    }

    @Sendable func check(_ page: PageRequest) async throws -> Response {
        let strings = page.strings
        let body = try await page.request.body.collect(upTo: Self.maximumUpload)
        let (text, csrf) = Self.credentialText(page.request, body: body)
        // A signed-in browser posts the page's token like every other form; anyone else needs none.
        if page.csrf != nil, csrf != page.csrf {
            return page.page(strings[.verifyTitle], form(page, message: strings[.formExpired]), status: .forbidden)
        }
        guard let text else {
            return page.page(strings[.verifyTitle], form(page, message: strings[.pasteOrChoose]), status: .unprocessableContent)
        }
        let credential: JSONValue
        do {
            credential = try JSONParser.parse(text)
        } catch {
            return page.page(strings[.verifyTitle], form(page, message: strings.invalidJSON(error.message), pasted: text),
                             status: .unprocessableContent)
        }
        return page.page(strings[.verifyResultTitle], result(try await verify(credential), strings))
    }

    private func form(_ page: PageRequest, message: String? = nil, pasted: String = "") -> String {
        let strings = page.strings
        return """
            <h1>\(HTML.escape(strings[.verifyTitle]))</h1>
            <p class="muted">\(HTML.escape(strings[.verifyIntro]))</p>
            \(message.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
            <form method="post" action="/verify" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">
            <label for="credential">\(HTML.escape(strings[.credentialText]))</label>
            <textarea id="credential" name="credential" rows="10" style="width:100%">\(HTML.escape(pasted))</textarea>
            <label for="file">\(HTML.escape(strings[.credentialFile]))</label>
            <input id="file" type="file" name="file" accept=".json,application/json,application/ld+json">
            <p><button>\(HTML.escape(strings[.verifyButton]))</button></p>
            </form>
            """
    }

    private func result(_ report: VerificationReport, _ strings: Strings) -> String {
        let verdict = strings.localized(vi: report.verdictVI, en: report.verdictEN)
        let verdictLine = report.isValid
            ? "<p class=\"ok\" style=\"font-size:1.3rem\">\(HTML.escape(verdict))</p>"
            : "<p class=\"error\" style=\"font-size:1.3rem\">\(HTML.escape(verdict))</p>"
        let issuer = report.issuer
        let registered = issuer.isRegistered
            ? HTML.escape(strings[.inKeyRegistry]) + (issuer.registration?.school.map { " (\(HTML.escape($0.sectorCode)) — \(HTML.escape($0.name)))" } ?? "")
            : HTML.escape(strings[.notInKeyRegistry])
        let rows = report.checks.map { check -> String in
            "<tr><td>\(HTML.escape(strings.localized(vi: check.check.titleVI, en: check.check.titleEN)))</td>"
                + "<td>\(HTML.escape(strings.checkOutcome(check.outcome)))</td>"
                + "<td>\(HTML.escape(strings.localized(vi: check.messageVI, en: check.messageEN)))</td></tr>"
        }.joined()
        return """
            <h1>\(HTML.escape(strings[.verifyResultTitle]))</h1>
            \(verdictLine)
            <p>\(HTML.escape(strings[.issuer])): \(HTML.escape(issuer.claimedName ?? "?")) — <code>\(HTML.escape(issuer.id ?? "?"))</code>, \(registered).</p>
            <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.check]))</th><th scope="col">\(HTML.escape(strings[.outcome]))</th>\
            <th scope="col">\(HTML.escape(strings[.details]))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            <p><a href="/verify">\(HTML.escape(strings[.verifyAnother]))</a></p>
            """
    }

    /// The credential from a multipart form: the uploaded file if one was chosen, else the pasted text.
    static func credentialText(_ request: Request, body: ByteBuffer) -> (text: String?, csrf: String?) {
        guard let type = request.headers[.contentType], let boundary = MultipartForm.boundary(type) else {
            return (nil, nil)
        }
        let fields = MultipartForm.fields(Array(buffer: body), boundary: boundary)
        let file = fields["file"].flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
        let pasted = fields["credential"].map { String(decoding: $0, as: UTF8.self) }
        let text = file ?? pasted
        return (text?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false ? text : nil,
                fields["csrf"].map { String(decoding: $0, as: UTF8.self) })
    }
}
