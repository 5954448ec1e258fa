import Credentials
import DataIntegrity
import Foundation
import HTTPTypes
import Hummingbird
import Platform

/// The credential verification page, open to anyone (another school, a university, an employer):
/// paste a credential or upload its file, and see whether it is valid, who issued it, whether it
/// is revoked, and each check made. It works without JavaScript; the upload is a plain form.
struct VerifyPage: Sendable {
    let verify: @Sendable (JSONValue) async throws -> VerificationReport

    static let maximumUpload = 1 << 20

    func form(csrf: String?, message: String? = nil, pasted: String = "") -> String {
        """
        <h1>Xác minh học bạ số</h1>
        <p class="muted">Dán nội dung tệp học bạ số (JSON) hoặc chọn tệp. NEMIS kiểm tra chữ ký số, thời hạn, khóa của nhà trường
        trong danh mục do Bộ GDĐT ký, và tình trạng thu hồi. <span lang="en">Paste or upload a credential to verify it.</span></p>
        \(message.map { "<p class=\"error\">\(HTML.escape($0))</p>" } ?? "")
        <form method="post" action="/verify" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="\(HTML.escape(csrf ?? ""))">
        <label for="credential">Nội dung học bạ số (JSON)</label>
        <textarea id="credential" name="credential" rows="10" style="width:100%">\(HTML.escape(pasted))</textarea>
        <label for="file">hoặc tệp</label>
        <input id="file" type="file" name="file" accept=".json,application/json,application/ld+json">
        <p><button>Xác minh</button></p>
        </form>
        """
    }

    func result(_ report: VerificationReport) -> String {
        let verdict = report.isValid
            ? "<p style=\"font-size:1.3rem;color:#0a6b2b\"><b>\(HTML.escape(report.verdictVI))</b></p>"
            : "<p class=\"error\" style=\"font-size:1.3rem\">\(HTML.escape(report.verdictVI))</p>"
        let issuer = report.issuer
        let registered = issuer.isRegistered
            ? "có trong danh mục khóa do Bộ GDĐT ký\(issuer.registration?.school.map { " (\(HTML.escape($0.sectorCode)) — \(HTML.escape($0.name)))" } ?? "")"
            : "không có trong danh mục khóa của Bộ GDĐT"
        let rows = report.checks.map { check in
            let mark = switch check.outcome {
            case .passed: "✓ đạt"
            case .failed: "✗ không đạt"
            case .warning: "! cảnh báo"
            case .skipped: "— bỏ qua"
            }
            return "<tr><td>\(HTML.escape(check.check.rawValue))</td><td>\(mark)</td><td>\(HTML.escape(check.messageVI))"
                + "<br><span class=\"muted\" lang=\"en\">\(HTML.escape(check.messageEN))</span></td></tr>"
        }.joined()
        return """
            <h1>Kết quả xác minh</h1>
            \(verdict)
            <p class="muted" lang="en">\(HTML.escape(report.verdictEN))</p>
            <p>Đơn vị cấp: \(HTML.escape(issuer.claimedName ?? "?")) — <code>\(HTML.escape(issuer.id ?? "?"))</code>, \(registered).</p>
            <table><tr><th>Kiểm tra</th><th>Kết quả</th><th>Chi tiết</th></tr>\(rows)</table>
            <p><a href="/verify">Xác minh học bạ khác</a></p>
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

/// Just enough of multipart/form-data (RFC 7578) for one small form: each part's name and bytes.
enum MultipartForm {
    static func boundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                // RFC 2046 caps a boundary at 70 characters; a longer one would make the scan below slow.
                let boundary = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...70).contains(boundary.count) ? boundary : nil
            }
        }
        return nil
    }

    static func fields(_ body: [UInt8], boundary: String) -> [String: [UInt8]] {
        let delimiter = Array("--\(boundary)".utf8)
        var fields: [String: [UInt8]] = [:]
        var parts: [ArraySlice<UInt8>] = []
        var start: Int?
        var index = 0
        while index + delimiter.count <= body.count {
            if body[index..<index + delimiter.count].elementsEqual(delimiter) {
                if let start { parts.append(body[start..<index]) }
                index += delimiter.count
                start = index
            } else {
                index += 1
            }
        }
        for part in parts {
            // Each part: CRLF, headers, CRLF CRLF, content, CRLF (before the next delimiter).
            let bytes = Array(part)
            guard let split = find([13, 10, 13, 10], in: bytes) else { continue }
            let headers = String(decoding: bytes[..<split], as: UTF8.self)
            // `; name="…"`, not the `filename="…"` that may come first.
            guard let nameRange = headers.range(of: "; name=\"") ?? headers.range(of: ";name=\""),
                  let end = headers[nameRange.upperBound...].firstIndex(of: "\"") else { continue }
            var content = Array(bytes[(split + 4)...])
            if content.suffix(2) == [13, 10] { content.removeLast(2) }
            fields[String(headers[nameRange.upperBound..<end])] = content
        }
        return fields
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index..<index + needle.count].elementsEqual(needle) {
            return index
        }
        return nil
    }
}
