import Foundation
import HTTPTypes
import Platform
import Testing

@Suite("Web pages")
struct WebPageTests {
    /// Signs in through the form and returns the session cookie.
    func signIn(_ api: TestAPI, _ username: String) async throws -> Caller {
        let response = try await api.call(.post, "/sign-in", form: "username=\(username)&password=correct-horse-battery")
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/")
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly"))
        return Caller(cookie: String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1]))
    }

    @Test(arguments: Engine.allCases)
    func aSchoolAdminSignsInAndBrowsesOnlyItsSchool(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let anonymous = try await api.call(.get, "/")
            #expect(anonymous.text.contains("<form method=\"post\" action=\"/sign-in\">"))
            let wrong = try await api.call(.post, "/sign-in", form: "username=admin.a&password=nope")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Sai tên đăng nhập hoặc mật khẩu"))

            let browser = try await signIn(api, "admin.a")
            let home = try await api.call(.get, "/", as: browser)
            #expect(home.text.contains("Xin chào, admin.a"))
            let schools = try await api.call(.get, "/schools", as: browser)
            #expect(schools.text.contains("SCHA"))
            #expect(!schools.text.contains("SCHB"))
            let schoolID = try #require(schools.text.firstMatch(of: /href="\/schools\/([0-9a-f-]+)"/)?.1)
            let school = try await api.call(.get, "/schools/\(schoolID)", as: browser)
            #expect(school.text.contains("1A1"))
            let staff = try await api.call(.get, "/schools/\(schoolID)/staff", as: browser)
            #expect(staff.text.contains("Lê Thị Hoa"))
            // Learner search ignores diacritics; the learner page shows the citizen ID to a school admin.
            let found = try await api.call(.get, "/learners?q=nguyen+van+an", as: browser)
            let learnerID = try #require(found.text.firstMatch(of: /href="\/learners\/([0-9a-f-]+)"/)?.1)
            let learner = try await api.call(.get, "/learners/\(learnerID)", as: browser)
            #expect(learner.text.contains("019220123456"))
            // Another school's learner is not found.
            let foreign = try await api.call(.get, "/learners/\(try #require(world.learnerB["id"]))", as: browser)
            #expect(foreign.status == .notFound)
            // Pages are light: no script, nothing fetched from elsewhere.
            for page in [home, schools, school, staff, learner] {
                #expect(!page.text.contains("<script"))
                #expect(!page.text.contains("http://") && !page.text.contains("https://"))
                #expect(page.text.utf8.count < 100_000)
            }
        }
    }

    @Test(arguments: Engine.allCases)
    func aTeacherDoesNotSeeIdentityNumbersAndSignOutNeedsTheFormToken(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let browser = try await signIn(api, "teacher.a")
            let learner = try await api.call(.get, "/learners/\(try #require(world.learnerA["id"]))", as: browser)
            #expect(learner.status == .ok)
            #expect(!learner.text.contains("019220123456"))
            // Without its hidden CSRF field a sign-out is refused; with it, the session ends.
            let refused = try await api.call(.post, "/sign-out", as: browser, form: "csrf=forged")
            #expect(refused.status == .forbidden)
            let home = try await api.call(.get, "/", as: browser)
            let token = try #require(home.text.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
            let out = try await api.call(.post, "/sign-out", as: browser, form: "csrf=\(token)")
            #expect(out.status == .seeOther)
            let after = try await api.call(.get, "/schools", as: browser)
            #expect(after.status == .seeOther)
        }
    }

    @Test(arguments: Engine.allCases)
    func textFromTheDatabaseIsEscaped(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            try await api.expect(.created, .post, "/api/v1/schools", as: world.ministryAdmin, [
                "schoolCode": "SCHX", "name": "Trường <script>alert(1)</script>", "levels": ["primary"], "ownership": "public",
                "communeCode": "05443", "departmentCode": "SGDA",
            ])
            let browser = try await signIn(api, "dept.a")
            let schools = try await api.call(.get, "/schools", as: browser)
            #expect(!schools.text.contains("<script>alert(1)</script>"))
            #expect(schools.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }
}
