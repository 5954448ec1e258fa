import Foundation
import HTTPTypes
import Platform
import Testing

@testable import App

/// A primary school with one grade-3 class: the homeroom teacher teaches Tiếng Việt and Toán, an
/// English teacher teaches Ngoại ngữ 1, and two pupils.
struct PrimaryWorld {
    let world: World
    let classID: String
    let homeroomTeacher: Caller
    let englishTeacher: Caller
    let schoolAdmin: Caller
    let pupils: [String]

    static func build(_ api: TestAPI) async throws -> PrimaryWorld {
        let world = try await World.build(api)
        let ministry = world.ministryAdmin
        try await api.expect(.created, .post, "/api/v1/schools", as: ministry, [
            "schoolCode": "SCTH", "name": "Trường Tiểu học SCTH", "levels": ["primary"], "ownership": "public",
            "communeCode": "05443", "departmentCode": "SGDA"])
        for (code, name, citizenID) in [("GVP001", "Lê Văn Anh", "019088000444"), ("GVP002", "Vũ Thị Hoa", "019188000555")] {
            try await api.expect(.created, .post, "/api/v1/staff", as: ministry, [
                "staffCode": code, "fullName": name, "dateOfBirth": "1988-05-06", "sex": name.contains("Thị") ? "female" : "male",
                "citizenId": citizenID, "employments": [["schoolCode": "SCTH", "position": "teacher", "startDate": "2012-08-15"]]])
        }
        let schoolClass = try await api.expect(.created, .post, "/api/v1/classes", as: ministry, [
            "schoolCode": "SCTH", "schoolYear": World.year, "name": "3A1", "grade": "3", "homeroomStaffCode": "GVP002"])
        for (staff, subject) in [("GVP002", "TIENGVIET"), ("GVP002", "TOAN"), ("GVP001", "NGOAINGU1")] {
            try await api.expect(.created, .post, "/api/v1/teaching-assignments", as: ministry, [
                "staffCode": staff, "schoolCode": "SCTH", "schoolYear": World.year, "className": "3A1", "subjectCode": subject])
        }
        var pupils: [String] = []
        for (name, born, citizenID) in [("Hoàng Gia Bảo", "2018-03-02", "019218000111"), ("Phan Ngọc Mai", "2018-11-20", "019318000222")] {
            let learner = try await api.expect(.created, .post, "/api/v1/learners", as: ministry, [
                "fullName": name, "dateOfBirth": born, "sex": name.contains("Mai") ? "female" : "male", "schoolCode": "SCTH",
                "citizenId": citizenID])
            let code = try #require(learner.json["learnerCode"] as? String)
            try await api.expect(.created, .post, "/api/v1/enrolments", as: ministry, [
                "learnerCode": code, "schoolCode": "SCTH", "schoolYear": World.year, "className": "3A1", "entryDate": "2026-09-05"])
            pupils.append(code)
        }
        return PrimaryWorld(
            world: world, classID: try #require(schoolClass.json["id"] as? String),
            homeroomTeacher: try await api.user("gv.chunhiem3", .teacher, at: "SCTH", staffCode: "GVP002"),
            englishTeacher: try await api.user("gv.tienganh", .teacher, at: "SCTH", staffCode: "GVP001"),
            schoolAdmin: try await api.user("admin.th", .schoolAdmin, at: "SCTH"),
            pupils: pupils)
    }

    func assessments(_ subject: String, _ semester: String) -> String {
        "/api/v1/classes/\(classID)/primary-assessments?subject=\(subject)&semester=\(semester)"
    }

    func competencies(_ semester: String) -> String {
        "/api/v1/classes/\(classID)/primary-competencies?semester=\(semester)"
    }

    /// Rates every grade-3 subject of semester II for `pupil`: `rating` everywhere, `test` for subjects with tests.
    func enterYear(_ api: TestAPI, pupil: String, rating: String, test: String, except: [String: String] = [:]) async throws {
        let subjects = try await api.expect(.ok, .get, "/api/v1/subjects?grade=3", as: schoolAdmin).items
        for subject in subjects {
            let code = try #require(subject["code"] as? String)
            var row: [String: Any] = ["learnerCode": pupil, "rating": except[code] ?? rating]
            if subject["hasTest"] as? Bool == true { row["testScore"] = test }
            try await api.expect(.ok, .put, assessments(code, "II"), as: schoolAdmin, ["items": [row]])
        }
    }

    func rateAll(_ api: TestAPI, pupil: String, rating: String) async throws {
        let page = try await api.expect(.ok, .get, competencies("II"), as: homeroomTeacher)
        let qualities = try #require(page.json["qualities"] as? [[String: Any]]).compactMap { $0["code"] as? String }
        let competencies = try #require(page.json["competencies"] as? [[String: Any]]).compactMap { $0["code"] as? String }
        try await api.expect(.ok, .put, self.competencies("II"), as: homeroomTeacher, ["items": [[
            "learnerCode": pupil,
            "qualities": Dictionary(uniqueKeysWithValues: qualities.map { ($0, rating) }),
            "competencies": Dictionary(uniqueKeysWithValues: competencies.map { ($0, rating) })]]])
    }
}

@Suite("Primary learning records under Circular 27/2020, on SQLite and PostgreSQL")
struct PrimaryRecordsTests {
    @Test(arguments: Engine.allCases)
    func ratingsTestsAndCommentsAreEnteredByTheAssignedTeacher(engine: Engine) async throws {
        try await withApp(engine) { api in
            let p = try await PrimaryWorld.build(api)
            let subjects = try await api.expect(.ok, .get, "/api/v1/subjects?grade=3", as: p.englishTeacher).items
            #expect(subjects.compactMap { $0["code"] as? String } == [
                "TIENGVIET", "TOAN", "NGOAINGU1", "DAODUC", "TNXH", "TINHOCCN", "GDTC", "AMNHAC", "MITHUAT", "HDTN"])
            #expect(subjects.filter { $0["hasTest"] as? Bool == true }.count == 4)
            #expect(try await api.expect(.ok, .get, "/api/v1/subjects?grade=5", as: p.englishTeacher).items
                .contains { $0["code"] as? String == "KHOAHOC" && $0["hasTest"] as? Bool == true })

            // The English teacher rates English; abbreviations and labels are read, NFD comments stored as NFC.
            let entered = try await api.expect(.ok, .put, p.assessments("NGOAINGU1", "II"), as: p.englishTeacher, ["items": [
                ["learnerCode": p.pupils[0], "rating": "HTT", "testScore": " 9 ", "comment": "Phát âm tốt, tự tin.".decomposedStringWithCanonicalMapping],
                ["learnerCode": p.pupils[1], "rating": "Hoàn thành"]]])
            #expect(entered.json["ruleSet"] as? String == "tt27_2020")
            let first = try #require(entered.items.first { $0["learnerCode"] as? String == p.pupils[0] })
            #expect(first["rating"] as? String == "hoan_thanh_tot")
            #expect(first["testScore"] as? Int == 9)
            #expect(first["comment"] as? String == "Phát âm tốt, tự tin.".precomposedStringWithCanonicalMapping)
            #expect(entered.items.first { $0["learnerCode"] as? String == p.pupils[1] }?["rating"] as? String == "hoan_thanh")

            // Not the English teacher's subject; the class invisible to another school; an analyst cannot read.
            try await api.expect(.forbidden, .put, p.assessments("TOAN", "II"), as: p.englishTeacher,
                                 ["items": [["learnerCode": p.pupils[0], "rating": "HT"]]])
            try await api.expect(.notFound, .get, p.assessments("TOAN", "II"), as: p.world.schoolAdminB)
            try await api.expect(.forbidden, .get, p.assessments("TOAN", "II"), as: p.world.analyst)
            try await api.expect(.ok, .put, p.assessments("TOAN", "II"), as: p.homeroomTeacher,
                                 ["items": [["learnerCode": p.pupils[0], "rating": "T", "testScore": "10"]]])

            // Bad rows name the row and the field, and nothing is written.
            let before = try await api.expect(.ok, .get, p.assessments("NGOAINGU1", "II"), as: p.englishTeacher).text
            let decimal = try await api.expect(.unprocessableContent, .put, p.assessments("NGOAINGU1", "II"), as: p.englishTeacher, ["items": [
                ["learnerCode": p.pupils[1], "rating": "HT", "testScore": "7"],
                ["learnerCode": p.pupils[0], "testScore": "8.5"]]])
            #expect(decimal.errorField == "/items/1/testScore")
            let badRating = try await api.expect(.unprocessableContent, .put, p.assessments("NGOAINGU1", "II"), as: p.englishTeacher,
                                                 ["items": [["learnerCode": p.pupils[0], "rating": "Giỏi"]]])
            #expect(badRating.errorField == "/items/0/rating")
            let noTest = try await api.expect(.unprocessableContent, .put, p.assessments("DAODUC", "II"), as: p.schoolAdmin,
                                              ["items": [["learnerCode": p.pupils[0], "rating": "HT", "testScore": "8"]]])
            #expect(noTest.errorField == "/items/0/testScore")
            let stranger = try await api.expect(.unprocessableContent, .put, p.assessments("NGOAINGU1", "II"), as: p.englishTeacher,
                                                ["items": [["learnerCode": "HS-KHONG-CO", "rating": "HT"]]])
            #expect(stranger.errorField == "/items/0/learnerCode")
            #expect(try await api.expect(.ok, .get, p.assessments("NGOAINGU1", "II"), as: p.englishTeacher).text == before)

            // The secondary gradebook is not for primary classes, and an unknown subject names the valid ones.
            try await api.expect(.badRequest, .get, "/api/v1/classes/\(p.classID)/gradebook?subject=TOAN&semester=II", as: p.schoolAdmin)
            let unknown = try await api.expect(.badRequest, .get, p.assessments("KHTN", "II"), as: p.schoolAdmin)
            #expect(unknown.text.contains("TIENGVIET"))

            // A closed term refuses changes until the school reopens it.
            try await api.expect(.noContent, .post, "/api/v1/classes/\(p.classID)/gradebook/close", as: p.schoolAdmin, ["semester": "II"])
            try await api.expect(.conflict, .put, p.assessments("NGOAINGU1", "II"), as: p.englishTeacher,
                                 ["items": [["learnerCode": p.pupils[0], "rating": "HT"]]])
            try await api.expect(.conflict, .put, p.competencies("II"), as: p.homeroomTeacher,
                                 ["items": [["learnerCode": p.pupils[0], "qualities": ["YEUNUOC": "T"]]]])
        }
    }

    @Test(arguments: Engine.allCases)
    func qualitiesCompetenciesAndTheYearResult(engine: Engine) async throws {
        try await withApp(engine) { api in
            let p = try await PrimaryWorld.build(api)
            // Qualities and competencies are the homeroom teacher's; a part left out keeps what is stored.
            try await api.expect(.forbidden, .put, p.competencies("II"), as: p.englishTeacher,
                                 ["items": [["learnerCode": p.pupils[0], "qualities": ["YEUNUOC": "T"]]]])
            try await api.expect(.ok, .put, p.competencies("II"), as: p.homeroomTeacher, ["items": [
                ["learnerCode": p.pupils[0], "qualities": ["yeunuoc": "Tốt", "NHANAI": "Đ"], "comment": "Chăm ngoan"]]])
            let kept = try await api.expect(.ok, .put, p.competencies("II"), as: p.homeroomTeacher, ["items": [
                ["learnerCode": p.pupils[0], "competencies": ["TUCHU": "CCG"]]]])
            let row = try #require(kept.items.first { $0["learnerCode"] as? String == p.pupils[0] })
            #expect(row["qualities"] as? [String: String] == ["YEUNUOC": "tot", "NHANAI": "dat"])
            #expect(row["competencies"] as? [String: String] == ["TUCHU": "can_co_gang"])
            #expect(row["comment"] as? String == "Chăm ngoan")
            let unknown = try await api.expect(.unprocessableContent, .put, p.competencies("II"), as: p.homeroomTeacher, ["items": [
                ["learnerCode": p.pupils[0], "competencies": ["TOANHOC": "T"]]]])
            #expect(unknown.errorField == "/items/0/competencies/TOANHOC")

            // Nothing complete yet: every pupil is listed with what is missing.
            let years = "/api/v1/classes/\(p.classID)/year-results"
            try await api.expect(.forbidden, .post, years, as: p.homeroomTeacher)
            let early = try await api.expect(.ok, .post, years, as: p.schoolAdmin)
            #expect(early.json["computed"] as? Int == 0)
            let problems = try #require(early.json["problems"] as? [[String: Any]])
            #expect(problems.count == 2)
            #expect((problems.first?["reason"] as? String)?.contains("Tiếng Việt") == true)

            // All Hoàn thành tốt, tests ≥ 9, all Tốt: Hoàn thành xuất sắc and the award. One Chưa hoàn thành: not completed.
            try await p.enterYear(api, pupil: p.pupils[0], rating: "HTT", test: "9")
            try await p.rateAll(api, pupil: p.pupils[0], rating: "T")
            try await p.enterYear(api, pupil: p.pupils[1], rating: "HT", test: "7", except: ["TNXH": "CHT"])
            try await p.rateAll(api, pupil: p.pupils[1], rating: "Đ")
            let computed = try await api.expect(.ok, .post, years, as: p.schoolAdmin)
            #expect(computed.json["computed"] as? Int == 2)
            let items = try #require(computed.json["items"] as? [[String: Any]])
            let best = try #require(items.first { $0["learnerCode"] as? String == p.pupils[0] })
            #expect(best["ruleSet"] as? String == "tt27_2020")
            #expect(best["levelYear"] as? String == "hoan_thanh_xuat_sac")
            #expect(best["decision"] as? String == "completed")
            #expect(best["award"] as? String == "xuat_sac")
            #expect(best["conduct"] == nil || best["conduct"] is NSNull)
            #expect((best["qualities"] as? [[String: Any]])?.count == 5)
            #expect((best["competencies"] as? [[String: Any]])?.count == 10)
            let toan = try #require((best["subjects"] as? [[String: Any]])?.first { $0["code"] as? String == "TOAN" })
            #expect(toan["testScore"] as? Int == 9)
            let helped = try #require(items.first { $0["learnerCode"] as? String == p.pupils[1] })
            #expect(helped["levelYear"] as? String == "chua_hoan_thanh")
            #expect(helped["decision"] as? String == "supplementary_assessment")
            #expect(helped["failed"] as? [String] == ["learning"])
            // There is no summer for primary: the supplementary assessment is new semester II ratings.
            try await api.expect(.conflict, .post, "\(years)/summer", as: p.schoolAdmin, ["items": [["learnerCode": p.pupils[1]]]])
            try await p.enterYear(api, pupil: p.pupils[1], rating: "HT", test: "7")
            let again = try await api.expect(.ok, .post, years, as: p.schoolAdmin)
            let after = try #require((again.json["items"] as? [[String: Any]])?.first { $0["learnerCode"] as? String == p.pupils[1] })
            #expect(after["levelYear"] as? String == "hoan_thanh")
            #expect(after["decision"] as? String == "completed")

            // The year record is signed like a secondary one, and verifies with every rating in it.
            let schools = try await api.expect(.ok, .get, "/api/v1/org-units?kind=school", as: p.world.ministryAdmin)
            let schoolID = try #require(schools.items.first { $0["code"] as? String == "SCTH" }?["id"] as? String)
            try await api.expect(.created, .post, "/api/v1/schools/\(schoolID)/signing-keys", as: p.schoolAdmin)
            #expect(try await api.expect(.ok, .post, "/api/v1/classes/\(p.classID)/credentials/prepare", as: p.schoolAdmin)
                .json["count"] as? Int == 2)
            try await api.expect(.ok, .post, "/api/v1/classes/\(p.classID)/credentials/approve", as: p.homeroomTeacher)
            #expect(try await api.expect(.ok, .post, "/api/v1/schools/\(schoolID)/credentials/sign", as: p.schoolAdmin)
                .json["count"] as? Int == 2)
            let learners = try await api.expect(.ok, .get, "/api/v1/learners?pageSize=100", as: p.schoolAdmin)
            let learnerID = try #require(learners.items.first { $0["learnerCode"] as? String == p.pupils[0] }?["id"] as? String)
            let issued = try await api.expect(.ok, .get, "/api/v1/learners/\(learnerID)/credentials", as: p.schoolAdmin)
            let credential = try #require(issued.items.first?["credential"] as? [String: Any])
            let text = String(decoding: try JSONSerialization.data(withJSONObject: credential, options: [.withoutEscapingSlashes]), as: UTF8.self)
            for expected in ["Thông tư 27/2020/TT-BGDĐT", "Hoàn thành xuất sắc", "Phẩm chất: Yêu nước", "Năng lực: Khoa học",
                             "urn:nemis:tt27_2020:3:TOAN:kiem_tra", "Học sinh Xuất sắc"] {
                #expect(text.contains(expected), "\(expected)")
            }
            let verified = try await api.call(.post, "/api/v1/credentials/verify", json: text)
            #expect(verified.json["valid"] as? Bool == true, "\(verified.text)")
        }
    }
}
