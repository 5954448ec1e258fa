import Foundation
import HTTPTypes
import Platform
import Testing

/// Score entry in the browser, over a real socket: the assigned teacher's form, the Records module's
/// rules and averages, errors named by learner and score, a closed term, and who is refused.
@Suite("Web pages: score entry")
struct WebScoreEntryTests {
    static func gradebookPage(_ records: RecordsWorld, _ subject: String = "TOAN", _ semester: String = "I") -> String {
        "/classes/\(records.classID)/gradebook?subject=\(subject)&semester=\(semester)"
    }

    /// A posted form: the token, then each learner's boxes (r1…r4, m, e) in order.
    static func form(token: String?, _ rows: [(learner: String, values: [String])]) -> String {
        var fields: [(String, String)] = token.map { [("csrf", $0)] } ?? []
        for (learner, values) in rows {
            for (box, value) in zip(["r1", "r2", "r3", "r4", "m", "e"], values) { fields.append(("\(learner).\(box)", value)) }
        }
        return Browser.encode(fields)
    }

    @Test(arguments: Engine.allCases)
    func theAssignedTeacherSavesScoresThroughTheFormAndSeesTheAverage(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            let (khoa, ha) = (records.learners[0], records.learners[1])
            let teacher = try await Browser.signIn(api, "gv.toan")
            let path = Self.gradebookPage(records)

            let mine = try await api.call(.get, "/my-classes", as: teacher)
            #expect(mine.status == .ok)
            #expect(mine.text.contains(path.replacingOccurrences(of: "&", with: "&amp;")))
            let form = try await api.call(.get, path, as: teacher)
            #expect(form.status == .ok)
            // Mathematics has 140 periods a year, so four regular assessments; every box has a label.
            #expect(form.text.contains("<label class=\"sr\" for=\"g-\(khoa)-r4\">"))
            #expect(!form.text.contains("g-\(khoa)-r5"))

            let saved = try await api.call(.post, path, as: teacher, form: Self.form(token: try Browser.formToken(form), [
                (khoa, ["8", "7", "9", "8", "7", "8"]), (ha, ["6,5", "", "", "", "", ""])]))
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.text.contains("role=\"status\">Đã lưu"))
            // (8 + 7 + 9 + 8 + 2 × 7 + 3 × 8) / 9 = 7.78, shown with a decimal comma.
            #expect(saved.text.contains("<td class=\"avg\">7,8</td>"))
            #expect(saved.text.contains("id=\"g-\(ha)-r1\" name=\"\(ha).r1\" value=\"6,5\""))
            let stored = try await api.expect(.ok, .get, records.gradebook("TOAN", "I"), as: records.schoolAdmin).items
            #expect(stored.first { $0["learnerCode"] as? String == khoa }?["result"] as? String == "7.8")
            #expect(stored.first { $0["learnerCode"] as? String == ha }?["regular"] as? [String] == ["6.5"])
        }
    }

    @Test(arguments: Engine.allCases)
    func errorsNameTheLearnerAndTheScoreAndNothingIsStored(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            let (khoa, ha) = (records.learners[0], records.learners[1])
            let teacher = try await Browser.signIn(api, "gv.toan")
            let path = Self.gradebookPage(records)
            let form = try await api.call(.get, path, as: teacher)
            let refused = try await api.call(.post, path, as: teacher, form: Self.form(token: try Browser.formToken(form), [
                (khoa, ["8", "11", "", "", "7", "8"]), (ha, ["7", "", "", "", "bảy", ""])]))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Chưa lưu: 2 lỗi"))
            #expect(refused.text.contains("Nguyễn Minh Khoa — Đánh giá thường xuyên 2: &#39;11&#39;"))
            #expect(refused.text.contains("Trần Thu Hà — Giữa kì: &#39;bảy&#39;"))
            // The summary links to the box at fault; the box is marked and keeps what was typed.
            #expect(refused.text.contains("<a href=\"#g-\(khoa)-r2\">"))
            #expect(refused.text.contains("id=\"g-\(khoa)-r2\" name=\"\(khoa).r2\" value=\"11\" maxlength=\"5\" autocomplete=\"off\" inputmode=\"decimal\" class=\"bad\" aria-invalid=\"true\""))
            #expect(try await api.count("gradebook_entries") == 0)
        }
    }

    @Test(arguments: Engine.allCases)
    func aClosedTermIsReadOnly(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            let khoa = records.learners[0]
            try await api.expect(.ok, .put, records.gradebook("TOAN", "I"), as: records.schoolAdmin, ["items": [
                ["learnerCode": khoa, "regular": ["8", "8", "8", "8"], "midTerm": "9", "endOfTerm": "9"]]])
            try await api.expect(.noContent, .post, "/api/v1/classes/\(records.classID)/gradebook/close", as: records.schoolAdmin,
                                 ["semester": "I"])
            let teacher = try await Browser.signIn(api, "gv.toan")
            let path = Self.gradebookPage(records)
            let page = try await api.call(.get, path, as: teacher)
            #expect(page.status == .ok)
            #expect(page.text.contains("đã khoá sổ"))
            #expect(!page.text.contains("<input id=\"g-"))
            #expect(page.text.contains("<td class=\"avg\">8,6</td>"))
            let home = try await api.call(.get, "/", as: teacher)
            let posted = try await api.call(.post, path, as: teacher, form: Self.form(token: try Browser.formToken(home), [
                (khoa, ["1", "1", "1", "1", "1", "1"])]))
            #expect(posted.status == .conflict)
            let stored = try await api.expect(.ok, .get, records.gradebook("TOAN", "I"), as: records.schoolAdmin).items
            #expect(stored.first { $0["learnerCode"] as? String == khoa }?["midTerm"] as? String == "9.0")
        }
    }

    @Test(arguments: Engine.allCases)
    func aTeacherNotAssignedToTheSubjectIsRefused(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            let khoa = records.learners[0]
            let mathTeacher = try await Browser.signIn(api, "gv.toan")
            // The class page offers the mathematics teacher mathematics only.
            let classPage = try await api.call(.get, "/classes/\(records.classID)", as: mathTeacher)
            #expect(classPage.text.contains("subject=TOAN&amp;semester=I"))
            #expect(!classPage.text.contains("subject=NGUVAN"))
            let literature = try await api.call(.get, Self.gradebookPage(records, "NGUVAN"), as: mathTeacher)
            #expect(literature.status == .forbidden)
            #expect(literature.text.contains("<h1>Không có quyền</h1>"))

            // The homeroom teacher teaches no mathematics: neither the form nor a forged post gets through.
            let homeroom = try await Browser.signIn(api, "gv.chunhiem")
            let math = try await api.call(.get, Self.gradebookPage(records), as: homeroom)
            #expect(math.status == .forbidden)
            let token = try Browser.formToken(try await api.call(.get, "/", as: homeroom))
            let posted = try await api.call(.post, Self.gradebookPage(records), as: homeroom,
                                            form: Self.form(token: token, [(khoa, ["1", "1", "1", "1", "1", "1"])]))
            #expect(posted.status == .forbidden)
            #expect(try await api.count("gradebook_entries") == 0)
        }
    }

    @Test(arguments: Engine.allCases)
    func aFormPostedWithoutItsCSRFTokenIsRefused(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            let khoa = records.learners[0]
            let teacher = try await Browser.signIn(api, "gv.toan")
            let path = Self.gradebookPage(records)
            let scores = [(khoa, ["8", "8", "8", "8", "8", "8"])]
            for token in [nil, "forged"] {
                let refused = try await api.call(.post, path, as: teacher, form: Self.form(token: token, scores))
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains("hãy tải lại trang"))
            }
            // The header an API client sends does not stand in for the form's own field.
            let session = try await api.call(.get, "/", as: teacher)
            let withHeader = Caller(cookie: teacher.cookie, csrf: try Browser.formToken(session))
            #expect(try await api.call(.post, path, as: withHeader, form: Self.form(token: nil, scores)).status == .forbidden)
            #expect(try await api.count("gradebook_entries") == 0)
        }
    }
}
