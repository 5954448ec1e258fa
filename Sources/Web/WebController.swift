import Credentials
import DataIntegrity
import Foundation
import HTTPTypes
import Hummingbird
import Platform
import Registry

/// The browser pages: sign in, then browse the schools, classes and learners the role can see.
/// Server-rendered, no JavaScript, nothing loaded from elsewhere. Reading works on any phone.
public struct WebController: Sendable {
    let access: AccessStore
    let reader: RegistryReader
    let cookies: SessionCookies
    let verifyPage: VerifyPage

    /// `access` must be the instance the authentication middleware uses, so signing out takes effect at once.
    /// `verify` checks a credential for the public verification page.
    public init(access: AccessStore, cookies: SessionCookies, verify: @escaping @Sendable (JSONValue) async throws -> VerificationReport) {
        self.access = access
        self.cookies = cookies
        self.reader = RegistryReader(database: access.database)
        self.verifyPage = VerifyPage(verify: verify)
    }

    public func register(in catalog: APICatalog) {
        let pages: [(HTTPRequest.Method, String, String, @Sendable (Request, NEMISContext) async throws -> Response)] = [
            (.get, "/", "Home page: sign-in form, or the caller's overview", home),
            (.post, "/sign-in", "Sign in from the home page form", signIn),
            (.post, "/sign-out", "Sign out from a page", signOut),
            (.get, "/schools", "Schools the caller can see", schools),
            (.get, "/schools/{id}", "A school with its classes and staff", school),
            (.get, "/classes/{id}", "A class list in Vietnamese order", schoolClass),
            (.get, "/learners", "Learner search", learners),
            (.get, "/learners/{id}", "A learner with enrolments", learner),
            (.get, "/verify", "Verify an electronic school record (open to anyone)", verifyForm),
            (.post, "/verify", "Verify a pasted or uploaded credential", verify),
        ]
        for (method, path, summary, handler) in pages {
            catalog.add(APIRoute(method, path, summary: summary, tag: "Web pages", isPublic: true, produces: "text/html"), handler)
        }
    }

    private func html(_ title: String, _ context: NEMISContext, _ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let page = HTML.page(title: title, signedInAs: context.principal?.name, csrf: context.sessionCSRFToken, body: body)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    private func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Pages other than the home page need a session; without one they send the browser home.
    private func principal(_ context: NEMISContext) -> Principal? { context.principal }

    @Sendable func home(_ request: Request, _ context: NEMISContext) async throws -> Response {
        guard let principal = principal(context) else { return html("Đăng nhập", context, signInForm(message: nil)) }
        let counts = try await reader.counts(for: principal)
        let roles = principal.grants.map { "\($0.role.rawValue)" }.joined(separator: ", ")
        return html("Tổng quan", context, """
            <h1>Xin chào, \(HTML.escape(principal.name))</h1>
            <p class="muted">Vai trò: \(HTML.escape(roles))</p>
            <div class="cards">
            <div class="card"><b>\(counts.schools)</b><a href="/schools">trường học</a></div>
            <div class="card"><b>\(counts.classes)</b>lớp học</div>
            <div class="card"><b>\(counts.learners)</b><a href="/learners">học sinh</a></div>
            <div class="card"><b>\(counts.staff)</b>cán bộ, giáo viên</div>
            </div>
            <p class="muted">API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
            """)
    }

    @Sendable func verifyForm(_ request: Request, _ context: NEMISContext) async throws -> Response {
        html("Xác minh học bạ số", context, verifyPage.form(csrf: context.sessionCSRFToken))
    }

    @Sendable func verify(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let body = try await request.body.collect(upTo: VerifyPage.maximumUpload)
        let (text, csrf) = VerifyPage.credentialText(request, body: body)
        // A signed-in browser posts the page's token like every other form.
        if let expected = context.sessionCSRFToken, csrf != expected {
            return html("Xác minh học bạ số", context, verifyPage.form(csrf: expected, message: "Phiên làm việc đã thay đổi, hãy gửi lại."),
                        status: .forbidden)
        }
        guard let text else {
            return html("Xác minh học bạ số", context, verifyPage.form(csrf: context.sessionCSRFToken, message: "Hãy dán nội dung hoặc chọn tệp học bạ số."),
                        status: .unprocessableContent)
        }
        let credential: JSONValue
        do {
            credential = try JSONParser.parse(text)
        } catch {
            return html("Xác minh học bạ số", context, verifyPage.form(csrf: context.sessionCSRFToken,
                        message: "Tệp không phải JSON hợp lệ: \(error.message)", pasted: text), status: .unprocessableContent)
        }
        return html("Kết quả xác minh", context, verifyPage.result(try await verifyPage.verify(credential)))
    }

    private func signInForm(message: String?) -> String {
        """
        <h1>Đăng nhập</h1>
        \(message.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
        <form method="post" action="/sign-in">
        <label for="username">Tên đăng nhập</label><input id="username" name="username" autocomplete="username" required>
        <label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <p><button>Đăng nhập</button></p>
        </form>
        """
    }

    @Sendable func signIn(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let form = try await Self.form(request, context)
        let username = form["username"] ?? "", password = form["password"] ?? ""
        let session: AccessStore.Session
        switch try await access.signIn(username: username, password: password, from: context.remoteAddress) {
        case .tooManyAttempts(let wait):
            return html("Đăng nhập", context, signInForm(message: "Quá nhiều lần thử. Hãy thử lại sau \(wait) giây."), status: .tooManyRequests)
        case .refused:
            return html("Đăng nhập", context, signInForm(message: "Sai tên đăng nhập hoặc mật khẩu."), status: .unauthorized)
        case .signedIn(let opened):
            session = opened
        }
        var response = redirect("/")
        response.setCookie(cookies.issue(token: session.token, maxAge: session.expiresIn))
        return response
    }

    @Sendable func signOut(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let form = try await Self.form(request, context)
        if context.principal != nil, let expected = context.sessionCSRFToken {
            // A form cannot send the X-CSRF-Token header, so the token comes as a hidden field.
            guard form["csrf"] == expected else { throw APIError.forbidden("the form's CSRF token is missing or wrong") }
            if let cookie = request.cookies[AuthMiddleware.cookieName]?.value { try await access.signOut(token: cookie) }
        }
        var response = redirect("/")
        response.setCookie(cookies.clear())
        return response
    }

    @Sendable func schools(_ request: Request, _ context: NEMISContext) async throws -> Response {
        guard let principal = principal(context) else { return redirect("/") }
        let search = Self.searchText(request)
        let page = try await reader.schools(for: principal, search: search, after: try Self.cursor(request), limit: 50)
        let rows = page.items.map { item in
            "<tr><td><a href=\"/schools/\(item.id)\">\(HTML.escape(item.model.name))</a></td><td>\(HTML.escape(item.model.schoolCode))</td><td>\(HTML.escape(item.model.type ?? ""))</td></tr>"
        }
        return html("Trường học", context, Self.searchPage(heading: "Trường học", path: "/schools", label: "Tìm theo tên hoặc mã (không cần dấu)",
                                                          search: search, columns: ["Tên trường", "Mã", "Cấp học"], rows: rows, next: page.nextCursor))
    }

    @Sendable func school(_ request: Request, _ context: NEMISContext) async throws -> Response {
        guard let principal = principal(context) else { return redirect("/") }
        let id = try context.parameters.require("id")
        let school = try await reader.school(id, for: principal)
        let (year, classes) = try await reader.classes(of: id, on: Clock.today(), for: principal)
        let staff = try await reader.staff(of: id, for: principal)
        let classRows = classes.map { "<tr><td><a href=\"/classes/\($0.id)\">\(HTML.escape($0.model.name))</a></td><td>\(HTML.escape($0.model.grade))</td></tr>" }.joined()
        let staffRows = staff.map { "<tr><td>\(HTML.escape($0.model.fullName))</td><td>\(HTML.escape($0.model.staffCode))</td><td>\(HTML.escape($0.model.position ?? ""))</td></tr>" }.joined()
        return html(school.name, context, """
            <h1>\(HTML.escape(school.name))</h1>
            <p>Mã trường <b>\(HTML.escape(school.schoolCode))</b> · xã/phường \(HTML.escape(school.communeCode)) · \(HTML.escape(school.status?.rawValue ?? ""))</p>
            <h2>Lớp học năm \(HTML.escape(year))</h2>
            <table><thead><tr><th>Lớp</th><th>Khối</th></tr></thead><tbody>\(classRows)</tbody></table>
            <h2>Cán bộ, giáo viên</h2>
            <table><thead><tr><th>Họ và tên</th><th>Mã</th><th>Vị trí</th></tr></thead><tbody>\(staffRows)</tbody></table>
            """)
    }

    @Sendable func schoolClass(_ request: Request, _ context: NEMISContext) async throws -> Response {
        guard let principal = principal(context) else { return redirect("/") }
        let id = try context.parameters.require("id")
        let schoolClass = try await reader.schoolClass(id, for: principal)
        let roster = try await reader.roster(id, for: principal)
        let rows = roster.enumerated().map { index, item in
            "<tr><td>\(index + 1)</td><td><a href=\"/learners/\(item.id)\">\(HTML.escape(item.model.fullName))</a></td><td>\(HTML.escape(item.model.dateOfBirth.map { Self.vietnameseDate($0) } ?? ""))</td><td>\(item.model.sex == "female" ? "Nữ" : "Nam")</td></tr>"
        }.joined()
        return html("Lớp \(schoolClass.name)", context, """
            <h1>Lớp \(HTML.escape(schoolClass.name)) · \(HTML.escape(schoolClass.schoolYear))</h1>
            <p class="muted">\(roster.count) học sinh, xếp theo tên, tên đệm, họ.</p>
            <table><thead><tr><th>STT</th><th>Họ và tên</th><th>Ngày sinh</th><th>Giới tính</th></tr></thead><tbody>\(rows)</tbody></table>
            """)
    }

    @Sendable func learners(_ request: Request, _ context: NEMISContext) async throws -> Response {
        guard let principal = principal(context) else { return redirect("/") }
        let search = Self.searchText(request)
        let page = try await reader.learners(for: principal, search: search, after: try Self.cursor(request), limit: 50)
        let rows = page.items.map { item in
            "<tr><td><a href=\"/learners/\(item.id)\">\(HTML.escape(item.model.fullName))</a></td><td>\(HTML.escape(item.model.learnerCode ?? ""))</td><td>\(HTML.escape(item.model.schoolCode))</td></tr>"
        }
        return html("Học sinh", context, Self.searchPage(heading: "Học sinh", path: "/learners",
                                                        label: "Tìm theo họ tên hoặc mã học sinh (không cần dấu)", search: search,
                                                        columns: ["Họ và tên", "Mã học sinh", "Trường"], rows: rows, next: page.nextCursor))
    }

    /// A search box over a table, with a link to the next page.
    static func searchPage(heading: String, path: String, label: String, search: String?, columns: [String], rows: [String],
                           next: String?) -> String {
        let header = columns.map { "<th>\(HTML.escape($0))</th>" }.joined()
        let more = next.map { "<p><a href=\"\(path)?after=\(PageToken.encode($0))\(search.map { "&q=" + HTML.query($0) } ?? "")\">Trang sau →</a></p>" } ?? ""
        return """
            <h1>\(HTML.escape(heading))</h1>
            <form method="get" action="\(path)"><label for="q">\(HTML.escape(label))</label>
            <input id="q" name="q" value="\(HTML.escape(search ?? ""))"> <button>Tìm</button></form>
            <table><thead><tr>\(header)</tr></thead><tbody>\(rows.joined())</tbody></table>\(more)
            """
    }

    static func cursor(_ request: Request) throws -> String? {
        try request.uri.queryParameters["after"].map { try PageToken.decode(String($0)) }
    }

    @Sendable func learner(_ request: Request, _ context: NEMISContext) async throws -> Response {
        guard let principal = principal(context) else { return redirect("/") }
        let id = try context.parameters.require("id")
        let learner = try await reader.learner(id, for: principal)
        let enrolments = try await reader.enrolments(ofLearner: id, for: principal)
        let rows = enrolments.map {
            "<tr><td>\(HTML.escape($0.schoolYear))</td><td>\(HTML.escape($0.schoolCode))</td><td>\(HTML.escape($0.className ?? ""))</td><td>\(HTML.escape($0.status?.rawValue ?? ""))</td></tr>"
        }.joined()
        let identity = learner.citizenId.map { "<tr><th>Số định danh cá nhân</th><td>\(HTML.escape($0))</td></tr>" } ?? ""
        return html(learner.fullName, context, """
            <h1>\(HTML.escape(learner.fullName))</h1>
            <table><tbody>
            <tr><th>Mã học sinh</th><td>\(HTML.escape(learner.learnerCode ?? ""))</td></tr>
            <tr><th>Ngày sinh</th><td>\(HTML.escape(learner.dateOfBirth.map { Self.vietnameseDate($0) } ?? ""))</td></tr>
            <tr><th>Giới tính</th><td>\(learner.sex == "female" ? "Nữ" : "Nam")</td></tr>
            <tr><th>Dân tộc</th><td>\(HTML.escape(learner.ethnicity ?? ""))</td></tr>
            \(identity)
            <tr><th>Trường</th><td>\(HTML.escape(learner.schoolCode))</td></tr>
            </tbody></table>
            <h2>Quá trình học</h2>
            <table><thead><tr><th>Năm học</th><th>Trường</th><th>Lớp</th><th>Trạng thái</th></tr></thead><tbody>\(rows)</tbody></table>
            """)
    }

    /// The search box of a GET form: browsers encode its spaces as "+".
    static func searchText(_ request: Request) -> String? {
        request.uri.queryParameters["q"].map { String($0).replacingOccurrences(of: "+", with: " ") }
    }

    static func vietnameseDate(_ date: CivilDate) -> String {
        String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }

    static func form(_ request: Request, _ context: NEMISContext) async throws -> [String: String] {
        FormBody.parse(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
    }
}
