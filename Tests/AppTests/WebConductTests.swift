import Foundation
import HTTPTypes
import Platform
import Testing

/// The homeroom teacher's conduct and attendance form, and the school closing and reopening a
/// semester from the gradebook page, over a real socket: stored through the Records module's own
/// path, errors named by learner, and who is refused.
@Suite("Web pages: conduct and closing terms")
struct WebConductTests {
    @Test(arguments: Engine.allCases)
    func theHomeroomTeacherRatesConductAndCountsAbsences(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            let (khoa, ha) = (records.learners[0], records.learners[1])
            let homeroom = try await Browser.signIn(api, "gv.chunhiem")
            let path = "/classes/\(records.classID)/conduct"
            let mine = try await api.call(.get, "/my-classes", as: homeroom)
            #expect(mine.text.contains("href=\"\(path)\""))
            let form = try await api.call(.get, path, as: homeroom)
            #expect(form.status == .ok)
            #expect(form.text.contains("<label class=\"sr\" for=\"year-\(khoa)\">Cả năm của Nguyễn Minh Khoa</label>"))
            let token = try Browser.formToken(form)

            // A count that is not a number: nothing stored, the learner and the column named.
            let wrong = try await api.call(.post, path, as: homeroom, form: Browser.encode([
                ("csrf", token), ("s1-\(khoa)", "tot"), ("absentSessions-\(khoa)", "ba"), ("s1-\(ha)", "kha")]))
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Nguyễn Minh Khoa — Số buổi nghỉ: Số buổi nghỉ là một số nguyên từ 0 đến 400."))
            #expect(wrong.text.contains("id=\"absentSessions-\(khoa)\" name=\"absentSessions-\(khoa)\" value=\"ba\""))
            let untouched = try await api.expect(.ok, .get, "/api/v1/classes/\(records.classID)/conduct", as: records.schoolAdmin).items
            #expect(untouched.allSatisfy { $0["conductSemester1"] == nil })

            // A count out of range is refused by the Records module's own rule, placed on its learner.
            let tooMany = try await api.call(.post, path, as: homeroom, form: Browser.encode([
                ("csrf", token), ("absentSessions-\(ha)", "401")]))
            #expect(tooMany.status == .unprocessableContent)
            #expect(tooMany.text.contains("Trần Thu Hà — Số buổi nghỉ: Số buổi nghỉ là một số nguyên từ 0 đến 400."))

            let saved = try await api.call(.post, path, as: homeroom, form: Browser.encode([
                ("csrf", token), ("s1-\(khoa)", "tot"), ("s2-\(khoa)", "kha"), ("year-\(khoa)", "tot"), ("absentSessions-\(khoa)", "3"),
                ("s1-\(ha)", "dat"), ("absentSessions-\(ha)", "")]))
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.text.contains("role=\"status\">Đã lưu."))
            #expect(saved.text.contains("<option value=\"kha\" selected>Khá</option>"))
            let stored = try await api.expect(.ok, .get, "/api/v1/classes/\(records.classID)/conduct", as: records.schoolAdmin).items
            let khoaRow = try #require(stored.first { $0["learnerCode"] as? String == khoa })
            #expect(khoaRow["conductSemester1"] as? String == "tot" && khoaRow["conductSemester2"] as? String == "kha")
            #expect(khoaRow["conductYear"] as? String == "tot" && khoaRow["absentSessions"] as? Int == 3)
            let haRow = try #require(stored.first { $0["learnerCode"] as? String == ha })
            #expect(haRow["conductSemester1"] as? String == "dat" && haRow["conductYear"] == nil && haRow["absentSessions"] as? Int == 0)

            // A form without its token is refused; a teacher who is not the homeroom teacher, and
            // another school's admin, cannot rate the class.
            let forged = try await api.call(.post, path, as: homeroom, form: Browser.encode([("s1-\(khoa)", "chua_dat")]))
            #expect(forged.status == .forbidden)
            let math = try await Browser.signIn(api, "gv.toan")
            #expect(try await api.call(.get, path, as: math).status == .forbidden)
            let mathForm = try await api.call(.get, "/my-classes", as: math)
            let refused = try await api.call(.post, path, as: math, form: Browser.encode([
                ("csrf", try Browser.formToken(mathForm)), ("s1-\(khoa)", "chua_dat")]))
            #expect(refused.status == .forbidden)
            let other = try await Browser.signIn(api, "admin.b")
            #expect(try await api.call(.get, path, as: other).status == .notFound)
            let after = try await api.expect(.ok, .get, "/api/v1/classes/\(records.classID)/conduct", as: records.schoolAdmin).items
            #expect(after.first { $0["learnerCode"] as? String == khoa }?["conductSemester1"] as? String == "tot")
        }
    }

    @Test(arguments: Engine.allCases)
    func theSchoolClosesASemesterAndReopensItWithAReason(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            let gradebook = "/classes/\(records.classID)/gradebook?subject=TOAN&semester=I"
            let term = "/classes/\(records.classID)/gradebook/term?subject=TOAN&semester=I"
            let teacher = try await Browser.signIn(api, "gv.toan")
            let admin = try await Browser.signIn(api, "admin.c")

            // The teacher gets no term form, and a posted one is refused.
            let teacherPage = try await api.call(.get, gradebook, as: teacher)
            #expect(teacherPage.status == .ok && !teacherPage.text.contains("/gradebook/term"))
            let byTeacher = try await api.call(.post, term, as: teacher, form: Browser.encode([
                ("csrf", try Browser.formToken(teacherPage)), ("action", "close")]))
            #expect(byTeacher.status == .forbidden)

            let adminPage = try await api.call(.get, gradebook, as: admin)
            #expect(adminPage.text.contains("Khoá sổ học kì này"))
            let token = try Browser.formToken(adminPage)
            let closed = try await api.call(.post, term, as: admin, form: Browser.encode([("csrf", token), ("action", "close")]))
            #expect(closed.status == .ok, "\(closed.text)")
            #expect(closed.text.contains("Đã khoá sổ học kì") && closed.text.contains("Mở lại học kì"))
            // Closed: the teacher's form is read only, and the API refuses new scores.
            let readOnly = try await api.call(.get, gradebook, as: teacher)
            #expect(readOnly.text.contains("Học kì này đã khoá sổ") && !readOnly.text.contains("<button>Lưu điểm</button>"))
            try await api.expect(.conflict, .put, records.gradebook("TOAN", "I"), as: records.mathTeacher,
                                 ["items": [["learnerCode": records.learners[0], "midTerm": "8"]]])

            // Reopening needs a reason; with one, it is kept in the audit log.
            let noReason = try await api.call(.post, term, as: admin, form: Browser.encode([("csrf", token), ("action", "reopen"), ("reason", " ")]))
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("Lí do mở lại (bắt buộc"))
            let reopened = try await api.call(.post, term, as: admin, form: Browser.encode([
                ("csrf", token), ("action", "reopen"), ("reason", "Sửa điểm nhập nhầm của lớp 6A1")]))
            #expect(reopened.status == .ok)
            #expect(reopened.text.contains("Đã mở lại học kì"))
            try await api.expect(.ok, .put, records.gradebook("TOAN", "I"), as: records.mathTeacher,
                                 ["items": [["learnerCode": records.learners[0], "midTerm": "8"]]])
            let audit = try await api.expect(.ok, .get, "/api/v1/audit-log?resource=gradebook", as: records.schoolAdmin).items
            #expect(audit.contains { ($0["detail"] as? String)?.contains("reopened semester I: Sửa điểm nhập nhầm của lớp 6A1") == true })

            // Reopening what is open again (a second tab) says so and changes nothing.
            let twice = try await api.call(.post, term, as: admin, form: Browser.encode([("csrf", token), ("action", "reopen"), ("reason", "lần hai")]))
            #expect(twice.status == .conflict)
        }
    }
}
