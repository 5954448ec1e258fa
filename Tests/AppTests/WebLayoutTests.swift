import Foundation
import HTTPTypes
import Platform
import Testing

/// The frame of the pages over a real socket: their weight as served, the navigation each role
/// gets, and the language switch.
@Suite("Web pages: weight, navigation and language")
struct WebLayoutTests {
    /// A full class of 45 with every mathematics score of semester I entered: the heaviest page a
    /// teacher opens every day.
    static func fullClass(_ api: TestAPI, _ records: RecordsWorld) async throws {
        let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"]
        let given = ["An", "Bình", "Châu", "Dũng", "Giang", "Hải", "Khánh"]
        var codes = records.learners
        for index in 0..<43 {
            let female = index % 2 == 0
            let learner = try await api.expect(.created, .post, "/api/v1/learners", as: records.world.ministryAdmin, [
                "fullName": "\(families[index % 7]) \(female ? "Thị" : "Văn") \(given[index / 7])", "dateOfBirth": "2014-0\(index % 9 + 1)-1\(index % 9)",
                "sex": female ? "female" : "male", "schoolCode": "SCHC"])
            let code = try #require(learner.json["learnerCode"] as? String)
            try await api.expect(.created, .post, "/api/v1/enrolments", as: records.world.ministryAdmin, [
                "learnerCode": code, "schoolCode": "SCHC", "schoolYear": World.year, "className": "6A1", "entryDate": "2026-09-05"])
            codes.append(code)
        }
        try await api.expect(.ok, .put, records.gradebook("TOAN", "I"), as: records.schoolAdmin, ["items": codes.map {
            ["learnerCode": $0, "regular": ["8,5", "7", "9", "6,5"], "midTerm": "7,5", "endOfTerm": "8"]
        }])
    }

    @Test(arguments: Engine.allCases)
    func everyPageIsUnder100KilobytesCompressedAsServed(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            try await Self.fullClass(api, records)
            let admin = try await Browser.signIn(api, "admin.c")
            let home = try await api.call(.get, "/", as: admin)
            #expect(home.status == .ok, "\(home.text)")
            let schoolID = try #require(home.text.firstMatch(of: /href="\/schools\/([0-9a-f-]+)"/)?.1)
            let roster = try await api.call(.get, "/classes/\(records.classID)", as: admin)
            #expect(roster.text.contains("45 học sinh"))
            let learnerID = try #require(roster.text.firstMatch(of: /href="\/learners\/([0-9a-f-]+)"/)?.1)
            let teacher = try await Browser.signIn(api, "gv.toan")
            let pages: [(Caller, String)] = [
                (.anonymous, "/"), (.anonymous, "/verify"),
                (admin, "/"), (admin, "/schools"), (admin, "/schools/\(schoolID)"), (admin, "/schools/\(schoolID)/staff"), (admin, "/schools/\(schoolID)/enrolments"),
                (admin, "/classes/\(records.classID)"), (admin, "/learners"), (admin, "/learners?q=nguyen"), (admin, "/learners/\(learnerID)"),
                (admin, "/verify"), (admin, "/imports"), (admin, "/statistics"), (admin, WebScoreEntryTests.gradebookPage(records)), (admin, "/classes/\(records.classID)/year-results"),
                (admin, "/classes/\(records.classID)/conduct"),
                (admin, "/identity"), (admin, "/identity/corrections"), (admin, "/identity/review"), (admin, "/exam-statistics"), (admin, "/transfers"),
                (teacher, "/"), (teacher, "/my-classes"), (teacher, WebScoreEntryTests.gradebookPage(records)),
            ]
            for (caller, path) in pages {
                let compressed = try await api.call(.get, path, as: caller, headers: Browser.acceptGzip)
                let plain = try await api.call(.get, path, as: caller)
                #expect(compressed.status == .ok, "\(path)")
                #expect(compressed.headers[.contentEncoding] == "gzip", "\(path)")
                #expect(Array(compressed.bytes.prefix(2)) == [0x1F, 0x8B], "\(path)")
                #expect(compressed.bytes.count < 100_000, "\(path): \(compressed.bytes.count) bytes")
                // Light and self-contained: no script, nothing fetched from elsewhere.
                #expect(plain.headers[.contentEncoding] == nil)
                #expect(!plain.text.contains("<script") && !plain.text.contains("http://") && !plain.text.contains("https://"), "\(path)")
                // HTML is built from Strings only: a fragment type's description must never leak into a page.
                #expect(!plain.text.contains("SQLQueryString"), "\(path)")
                print("page weight \(engine.rawValue) \(path): \(compressed.bytes.count) bytes gzip, \(plain.bytes.count) bytes plain")
            }
        }
    }

    @Test(arguments: Engine.allCases)
    func theNavigationFollowsTheRole(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            _ = try await RecordsWorld.build(api)
            func navigation(_ username: String?) async throws -> String {
                var caller = Caller.anonymous
                if let username { caller = try await Browser.signIn(api, username) }
                let page = try await api.call(.get, "/", as: caller)
                let match = try #require(page.text.firstMatch(of: /<nav aria-label="[^"]+"><ul>(.*?)<\/ul><\/nav>/))
                return String(match.1)
            }
            let anonymous = try await navigation(nil)
            #expect(anonymous.contains("href=\"/verify\"") && !anonymous.contains("href=\"/schools\""))
            let ministry = try await navigation("ministry")
            #expect(ministry.contains("href=\"/schools\"") && ministry.contains("href=\"/learners\"") && !ministry.contains("/my-classes"))
            let admin = try await navigation("admin.c")
            #expect(admin.contains("Trường của tôi") && admin.contains("/staff\">Cán bộ, giáo viên</a>") && !admin.contains("href=\"/schools\""))
            let teacher = try await navigation("gv.toan")
            #expect(teacher.contains("href=\"/my-classes\">Lớp của tôi</a>") && !teacher.contains("/schools"))
            for nav in [anonymous, ministry, admin, teacher] { #expect(nav.contains("href=\"/verify\">Xác minh học bạ</a>")) }
        }
    }

    @Test(arguments: Engine.allCases)
    func theEnglishSwitchChangesThePageLanguage(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            let vietnamese = try await api.call(.get, "/verify")
            #expect(vietnamese.text.contains("<html lang=\"vi\">"))
            #expect(vietnamese.text.contains("<h1>Xác minh học bạ số</h1>"))
            #expect(vietnamese.text.contains("href=\"/language?to=en&amp;back=/verify\" lang=\"en\""))

            let switched = try await api.call(.get, "/language?to=en&back=/verify")
            #expect(switched.status == .seeOther)
            #expect(switched.headers[.location] == "/verify")
            let cookie = try #require(switched.headers[.setCookie])
            #expect(cookie.hasPrefix("lang=en;"))
            let english = try await api.call(.get, "/verify", headers: [.cookie: "lang=en"])
            #expect(english.text.contains("<html lang=\"en\">"))
            #expect(english.text.contains("<h1>Verify an electronic school record</h1>"))
            #expect(english.text.contains("href=\"/language?to=vi&amp;back=/verify\" lang=\"vi\""))

            // Signed in, the gradebook form speaks English too, scores with a decimal point.
            let teacher = try await Browser.signIn(api, "gv.toan")
            try await api.expect(.ok, .put, records.gradebook("TOAN", "I"), as: records.schoolAdmin, ["items": [
                ["learnerCode": records.learners[0], "regular": ["8,5"]]]])
            let gradebook = try await api.call(.get, WebScoreEntryTests.gradebookPage(records),
                                                headers: [.cookie: "\(AuthMiddleware.cookieName)=\(teacher.cookie!); lang=en"])
            #expect(gradebook.text.contains("<html lang=\"en\">") && gradebook.text.contains("Save scores") && gradebook.text.contains("value=\"8.5\""))

            // The switch only ever returns to a page of this server.
            for back in ["//elsewhere.example/x", "https://elsewhere.example/"] {
                let away = try await api.call(.get, "/language?to=en&back=\(back.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(away.headers[.location] == "/")
            }
        }
    }
}
