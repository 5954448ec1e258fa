import Foundation
import HTTPTypes
import Platform
import Testing

@testable import App

/// A lower-secondary school with one grade-6 class: a mathematics teacher assigned to TOAN, a
/// homeroom teacher, the school's admin, and two learners.
struct RecordsWorld {
    let world: World
    let classID: String
    let mathTeacher: Caller
    let homeroomTeacher: Caller
    let schoolAdmin: Caller
    let learners: [String]

    static func build(_ api: TestAPI) async throws -> RecordsWorld {
        let world = try await World.build(api)
        let ministry = world.ministryAdmin
        try await api.expect(.created, .post, "/api/v1/schools", as: ministry, [
            "schoolCode": "SCHC", "name": "Trường THCS SCHC", "levels": ["lowerSecondary"], "ownership": "public",
            "communeCode": "05443", "departmentCode": "SGDA"])
        for (code, name, citizenID) in [("GVC001", "Phạm Văn Toán", "019085000222"), ("GVC002", "Đỗ Thị Lan", "019185000333")] {
            try await api.expect(.created, .post, "/api/v1/staff", as: ministry, [
                "staffCode": code, "fullName": name, "dateOfBirth": "1985-02-03", "sex": name.contains("Thị") ? "female" : "male",
                "citizenId": citizenID, "employments": [["schoolCode": "SCHC", "position": "teacher", "startDate": "2015-08-15"]]])
        }
        let schoolClass = try await api.expect(.created, .post, "/api/v1/classes", as: ministry, [
            "schoolCode": "SCHC", "schoolYear": World.year, "name": "6A1", "grade": "6", "homeroomStaffCode": "GVC002"])
        try await api.expect(.created, .post, "/api/v1/teaching-assignments", as: ministry, [
            "staffCode": "GVC001", "schoolCode": "SCHC", "schoolYear": World.year, "className": "6A1", "subjectCode": "TOAN"])
        var learners: [String] = []
        for (name, born, citizenID) in [("Nguyễn Minh Khoa", "2014-04-01", "019214000111"), ("Trần Thu Hà", "2014-09-12", "019314000222")] {
            let learner = try await api.expect(.created, .post, "/api/v1/learners", as: ministry, [
                "fullName": name, "dateOfBirth": born, "sex": name.contains("Thu") ? "female" : "male", "schoolCode": "SCHC",
                "citizenId": citizenID])
            let code = try #require(learner.json["learnerCode"] as? String)
            try await api.expect(.created, .post, "/api/v1/enrolments", as: ministry, [
                "learnerCode": code, "schoolCode": "SCHC", "schoolYear": World.year, "className": "6A1", "entryDate": "2026-09-05"])
            learners.append(code)
        }
        return RecordsWorld(
            world: world, classID: try #require(schoolClass.json["id"] as? String),
            mathTeacher: try await api.user("gv.toan", .teacher, at: "SCHC", staffCode: "GVC001"),
            homeroomTeacher: try await api.user("gv.chunhiem", .teacher, at: "SCHC", staffCode: "gvc002"),
            schoolAdmin: try await api.user("admin.c", .schoolAdmin, at: "SCHC"),
            learners: learners)
    }

    func gradebook(_ subject: String, _ semester: String) -> String {
        "/api/v1/classes/\(classID)/gradebook?subject=\(subject)&semester=\(semester)"
    }

    /// Enters every grade-6 subject for both semesters: `score(code)` for scored subjects, Đ for the others.
    func enterWholeYear(_ api: TestAPI, learner: String, score: (String) -> String) async throws {
        let subjects = try await api.expect(.ok, .get, "/api/v1/subjects?grade=6", as: mathTeacher).items
        #expect(subjects.count == 12)
        for subject in subjects {
            let code = try #require(subject["code"] as? String)
            let comment = subject["commentOnly"] as? Bool == true
            let periods = try #require(subject["periodsPerYear"] as? Int)
            let regular = comment || periods <= 35 ? 2 : periods <= 70 ? 3 : 4
            let value = comment ? "Đ" : score(code)
            for semester in ["I", "II"] {
                try await api.expect(.ok, .put, gradebook(code, semester), as: schoolAdmin, ["items": [
                    ["learnerCode": learner, "regular": Array(repeating: value, count: regular), "midTerm": value, "endOfTerm": value]]])
            }
        }
    }

    func conduct(_ api: TestAPI, learner: String, rating: String = "tot", absences: Int = 3) async throws {
        try await api.expect(.ok, .put, "/api/v1/classes/\(classID)/conduct", as: schoolAdmin, ["items": [
            ["learnerCode": learner, "conductSemester1": rating, "conductSemester2": rating, "conductYear": rating, "absentSessions": absences]]])
    }
}

@Suite("Learning records: gradebooks, conduct and year results, on SQLite and PostgreSQL")
struct RecordsTests {
    @Test(arguments: Engine.allCases)
    func scoresAreEnteredByTheAssignedTeacherAndAveragedByCircular22(engine: Engine) async throws {
        try await withApp(engine) { api in
            let r = try await RecordsWorld.build(api)
            // DOMAIN.md's worked example: 8.0, 7.0, 9.0, 6.5; mid-term 7.0; end-of-term 8.0 → 7.6.
            let entered = try await api.expect(.ok, .put, r.gradebook("TOAN", "I"), as: r.mathTeacher, ["items": [
                ["learnerCode": r.learners[0], "regular": ["8", "7", "9", "6,5"], "midTerm": "7", "endOfTerm": "8"],
                ["learnerCode": r.learners[1], "regular": ["9", "8.5"]],
            ]])
            #expect(entered.json["ruleSet"] as? String == "tt22_2021")
            let rows = entered.items
            #expect(rows.first { $0["learnerCode"] as? String == r.learners[0] }?["result"] as? String == "7.6")
            #expect(rows.first { $0["learnerCode"] as? String == r.learners[0] }?["regular"] as? [String] == ["8.0", "7.0", "9.0", "6.5"])
            // Incomplete entries are kept without a result.
            #expect(rows.first { $0["learnerCode"] as? String == r.learners[1] }?["result"] == nil)

            // Not assigned to the subject, another school (the class is not even visible), no staff link: refused.
            try await api.expect(.forbidden, .put, r.gradebook("TOAN", "I"), as: r.homeroomTeacher,
                                 ["items": [["learnerCode": r.learners[0], "midTerm": "10"]]])
            try await api.expect(.forbidden, .put, r.gradebook("NGUVAN", "I"), as: r.mathTeacher,
                                 ["items": [["learnerCode": r.learners[0], "midTerm": "10"]]])
            try await api.expect(.notFound, .put, r.gradebook("TOAN", "I"), as: r.world.schoolAdminB,
                                 ["items": [["learnerCode": r.learners[0], "midTerm": "10"]]])
            try await api.expect(.notFound, .put, r.gradebook("TOAN", "I"), as: r.world.teacherA,
                                 ["items": [["learnerCode": r.learners[0], "midTerm": "10"]]])
            let unlinked = try await api.user("gv.chualienket", .teacher, at: "SCHC")
            try await api.expect(.forbidden, .put, r.gradebook("TOAN", "I"), as: unlinked,
                                 ["items": [["learnerCode": r.learners[0], "midTerm": "10"]]])
            // The school may enter any subject; an analyst may not even read.
            try await api.expect(.ok, .put, r.gradebook("NGUVAN", "I"), as: r.schoolAdmin,
                                 ["items": [["learnerCode": r.learners[0], "regular": ["6"]]]])
            try await api.expect(.forbidden, .get, r.gradebook("TOAN", "I"), as: r.world.analyst)
            #expect(try await api.expect(.ok, .get, r.gradebook("TOAN", "I"), as: r.homeroomTeacher).items.count == 2)

            // Bad entries name the learner's row and field, and nothing is written.
            let before = try await api.expect(.ok, .get, r.gradebook("TOAN", "I"), as: r.mathTeacher).text
            let outOfRange = try await api.expect(.unprocessableContent, .put, r.gradebook("TOAN", "I"), as: r.mathTeacher, ["items": [
                ["learnerCode": r.learners[1], "regular": ["9", "8.5", "7"]],
                ["learnerCode": r.learners[0], "midTerm": "10.5"]]])
            #expect(outOfRange.errorField == "/items/1/midTerm")
            let notInClass = try await api.expect(.unprocessableContent, .put, r.gradebook("TOAN", "I"), as: r.mathTeacher,
                                                  ["items": [["learnerCode": "1900000001", "midTerm": "5"]]])
            #expect(notInClass.errorField == "/items/0/learnerCode")
            let tooMany = try await api.expect(.unprocessableContent, .put, r.gradebook("TOAN", "I"), as: r.mathTeacher,
                                               ["items": [["learnerCode": r.learners[0], "regular": ["8", "7", "9", "6", "5"]]]])
            #expect(tooMany.errorField == "/items/0/regular")
            try await api.expect(.badRequest, .put, r.gradebook("TOAN", "I"), as: r.mathTeacher,
                                 ["items": [["learnerCode": r.learners[0], "score": "5"]]])
            #expect(try await api.expect(.ok, .get, r.gradebook("TOAN", "I"), as: r.mathTeacher).text == before)

            // Who sees that scores changed: the change feed shows gradebook entries only with records:read.
            let adminFeed = try await api.expect(.ok, .get, "/api/v1/changes?resource=gradebook_entries", as: r.schoolAdmin)
            #expect(!adminFeed.items.isEmpty)
            let analystFeed = try await api.expect(.ok, .get, "/api/v1/changes?resource=gradebook_entries", as: r.world.analyst)
            #expect(analystFeed.items.isEmpty)

            // Comment-only subjects take Đ / CĐ.
            let pe = try await api.expect(.ok, .put, r.gradebook("GDTC", "I"), as: r.schoolAdmin, ["items": [
                ["learnerCode": r.learners[0], "regular": ["Đ", "đ"], "midTerm": "Đạt", "endOfTerm": "CĐ"]]])
            #expect(pe.items.first { $0["learnerCode"] as? String == r.learners[0] }?["result"] as? String == "chua_dat")
        }
    }

    @Test(arguments: Engine.allCases)
    func aGradebookFileGoesThroughTheSameRulesAndNamesItsCells(engine: Engine) async throws {
        try await withApp(engine) { api in
            let r = try await RecordsWorld.build(api)
            let template = try await api.call(.get, "/api/v1/classes/\(r.classID)/gradebook/template?subject=TOAN&semester=I", as: r.mathTeacher)
            #expect(template.status == .ok)
            #expect(template.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let rows = try XLSXWorkbook(bytes: template.bytes).allRows()
            #expect(rows.first?.cells.compactMap(\.stringValue) == ["Mã học sinh", "Họ và tên", "ĐĐGtx 1", "ĐĐGtx 2", "ĐĐGtx 3", "ĐĐGtx 4", "ĐĐGgk", "ĐĐGck"])
            #expect(Set(rows.dropFirst(2).compactMap { $0[0].stringValue }) == Set(r.learners))

            func file(_ second: [SpreadsheetCell]) throws -> [UInt8] {
                let writer = XLSXWriter()
                try writer.addSheet(XLSXSheet(name: "6A1", columns: (["Mã học sinh", "Họ và tên", "ĐĐGtx 1", "ĐĐGtx 2", "ĐĐGtx 3", "ĐĐGtx 4",
                                                                      "ĐĐGgk", "ĐĐGck"]).map { XLSXColumn($0, note: "ghi chú") }), rows: [
                    [.text(r.learners[0]), .text("Nguyễn Minh Khoa"), .text("8"), .text("7"), .text("9"), .text("6,5"), .text("7"), .text("8")],
                    second,
                ])
                return try writer.finish()
            }
            let type: HTTPFields = [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
            let path = "/api/v1/classes/\(r.classID)/gradebook/import?subject=TOAN&semester=I"
            // A code typed as a number is still the learner; a score of 11 is refused by its cell, and nothing is written.
            let bad = try await api.call(.post, path, as: r.mathTeacher, headers: type, body: try file([
                .number(Double(r.learners[1])!, raw: r.learners[1]), .text("Trần Thu Hà"), .empty, .empty, .empty, .empty, .text("11"), .empty]))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errorField == "/rows/4/G", "\(bad.text)")
            #expect(try await api.count("gradebook_entries") == 0)
            try await api.expect(.forbidden, .get, "/api/v1/classes/\(r.classID)/gradebook?subject=TOAN&semester=I", as: r.world.analyst)
            #expect(try await api.call(.post, path, as: r.homeroomTeacher, headers: type, body: try file([])).status == .forbidden)
            #expect(try await api.call(.post, path, as: r.mathTeacher, headers: type, body: Array("not a workbook".utf8)).status == .badRequest)

            let imported = try await api.call(.post, path, as: r.mathTeacher, headers: type, body: try file([
                .number(Double(r.learners[1])!, raw: r.learners[1]), .text("Trần Thu Hà"), .text("9"), .empty, .empty, .empty, .text("10"), .empty]))
            #expect(imported.status == .ok, "\(imported.text)")
            let book = try await api.expect(.ok, .get, r.gradebook("TOAN", "I"), as: r.mathTeacher)
            #expect(book.items.first { $0["learnerCode"] as? String == r.learners[0] }?["result"] as? String == "7.6")
            #expect(book.items.first { $0["learnerCode"] as? String == r.learners[1] }?["midTerm"] as? String == "10.0")
        }
    }

    @Test(arguments: Engine.allCases)
    func aClosedTermRefusesScoresUntilTheSchoolReopensItWithAReason(engine: Engine) async throws {
        try await withApp(engine) { api in
            let r = try await RecordsWorld.build(api)
            let close = "/api/v1/classes/\(r.classID)/gradebook/close", reopen = "/api/v1/classes/\(r.classID)/gradebook/reopen"
            try await api.expect(.forbidden, .post, close, as: r.mathTeacher, ["semester": "I"])
            try await api.expect(.noContent, .post, close, as: r.schoolAdmin, ["semester": "I"])
            try await api.expect(.conflict, .post, close, as: r.schoolAdmin, ["semester": "I"])
            let refused = try await api.expect(.conflict, .put, r.gradebook("TOAN", "I"), as: r.mathTeacher,
                                               ["items": [["learnerCode": r.learners[0], "midTerm": "7"]]])
            #expect(refused.errorCode == nil || refused.text.contains("gradebook.closed"))
            #expect(try await api.expect(.ok, .get, r.gradebook("TOAN", "I"), as: r.mathTeacher).json["closed"] as? Bool == true)
            // Semester II stays open.
            try await api.expect(.ok, .put, r.gradebook("TOAN", "II"), as: r.mathTeacher, ["items": [["learnerCode": r.learners[0], "midTerm": "7"]]])
            let noReason = try await api.expect(.unprocessableContent, .post, reopen, as: r.schoolAdmin, ["semester": "I"])
            #expect(noReason.errorField == "/reason")
            try await api.expect(.noContent, .post, reopen, as: r.schoolAdmin, ["semester": "I", "reason": "sửa điểm nhập nhầm"])
            try await api.expect(.ok, .put, r.gradebook("TOAN", "I"), as: r.mathTeacher, ["items": [["learnerCode": r.learners[0], "midTerm": "7"]]])
            let audit = try await api.expect(.ok, .get, "/api/v1/audit-log?resource=gradebook", as: r.schoolAdmin)
            #expect(audit.items.contains { ($0["detail"] as? String) == "reopened semester I: sửa điểm nhập nhầm" })
        }
    }

    @Test(arguments: Engine.allCases)
    func yearResultsFollowPromotionAndAwardRules(engine: Engine) async throws {
        try await withApp(engine) { api in
            let r = try await RecordsWorld.build(api)
            // Every grade-6 subject, both semesters: 9.0 everywhere for the first learner.
            try await r.enterWholeYear(api, learner: r.learners[0]) { _ in "9" }
            let conduct = "/api/v1/classes/\(r.classID)/conduct"
            let row = ["learnerCode": r.learners[0], "conductSemester1": "tot", "conductSemester2": "tot", "conductYear": "tot",
                       "absentSessions": 3] as [String: Any]
            try await api.expect(.forbidden, .put, conduct, as: r.mathTeacher, ["items": [row]])
            try await api.expect(.ok, .put, conduct, as: r.homeroomTeacher, ["items": [row]])
            let badRating = try await api.expect(.unprocessableContent, .put, conduct, as: r.homeroomTeacher,
                                                 ["items": [["learnerCode": r.learners[1], "conductYear": "xuat_sac"]]])
            #expect(badRating.errorField == "/items/0/conductYear")

            let results = "/api/v1/classes/\(r.classID)/year-results"
            try await api.expect(.forbidden, .post, results, as: r.homeroomTeacher)
            let computed = try await api.expect(.ok, .post, results, as: r.schoolAdmin)
            #expect(computed.json["computed"] as? Int == 1)
            let first = try #require(computed.items.first)
            #expect(first["learnerCode"] as? String == r.learners[0])
            #expect(first["levelYear"] as? String == "tot")
            #expect(first["decision"] as? String == "promoted")
            #expect(first["award"] as? String == "xuat_sac")
            #expect((first["subjects"] as? [[String: Any]])?.first { $0["code"] as? String == "TOAN" }?["year"] as? String == "9.0")
            // The second learner has neither scores nor conduct: reported, not guessed.
            let problems = try #require(computed.json["problems"] as? [[String: Any]])
            #expect(problems.map { $0["learnerCode"] as? String } == [r.learners[1]])

            // 46 absences: the year is repeated whatever the scores. Only the count is sent; the ratings stay.
            try await api.expect(.ok, .put, conduct, as: r.schoolAdmin, ["items": [["learnerCode": r.learners[0], "absentSessions": 46]]])
            let repeated = try await api.expect(.ok, .post, results, as: r.schoolAdmin)
            #expect(repeated.items.first?["decision"] as? String == "repeat_year")
            #expect(repeated.items.first?["failed"] as? [String] == ["attendance"])
            let stored = try await api.expect(.ok, .get, results, as: r.homeroomTeacher)
            #expect(stored.items.first?["decision"] as? String == "repeat_year")
            try await api.expect(.notFound, .get, results, as: r.world.schoolAdminB)
        }
    }

    @Test(arguments: Engine.allCases)
    func summerReassessmentDecidesTheYearAgain(engine: Engine) async throws {
        try await withApp(engine) { api in
            let r = try await RecordsWorld.build(api)
            // 9.0 everywhere but 2.0 in mathematics: learning is Chưa đạt, so the summer decides.
            try await r.enterWholeYear(api, learner: r.learners[0]) { $0 == "TOAN" ? "2" : "9" }
            try await r.conduct(api, learner: r.learners[0])
            let results = "/api/v1/classes/\(r.classID)/year-results"
            let endOfYear = try await api.expect(.ok, .post, results, as: r.schoolAdmin).items.first
            #expect(endOfYear?["levelYear"] as? String == "chua_dat")
            #expect(endOfYear?["decision"] as? String == "summer_required")
            #expect(endOfYear?["failed"] as? [String] == ["learning"])

            // Only a failed subject may be re-assessed, and only for a learner sent to the summer.
            let notFailed = try await api.expect(.unprocessableContent, .post, "\(results)/summer", as: r.schoolAdmin, ["items": [
                ["learnerCode": r.learners[0], "reassessments": [["subjectCode": "NGUVAN", "result": "9"]]]]])
            #expect(notFailed.errorField == "/items/0")
            let badScore = try await api.expect(.unprocessableContent, .post, "\(results)/summer", as: r.schoolAdmin, ["items": [
                ["learnerCode": r.learners[0], "reassessments": [["subjectCode": "TOAN", "result": "11"]]]]])
            #expect(badScore.errorField == "/items/0/reassessments/0/midTerm")
            try await api.expect(.forbidden, .post, "\(results)/summer", as: r.homeroomTeacher, ["items": [
                ["learnerCode": r.learners[0], "reassessments": [["subjectCode": "TOAN", "result": "6.5"]]]]])

            let summer = try await api.expect(.ok, .post, "\(results)/summer", as: r.schoolAdmin, ["items": [
                ["learnerCode": r.learners[0], "reassessments": [["subjectCode": "TOAN", "result": "6,5"]]]]])
            let after = try #require(summer.items.first)
            #expect(after["stage"] as? String == "after_summer")
            #expect(after["decision"] as? String == "promoted")
            #expect(after["award"] == nil)
            let math = (after["subjects"] as? [[String: Any]])?.first { $0["code"] as? String == "TOAN" }
            #expect(math?["year"] as? String == "6.5")
            #expect(math?["reassessed"] as? Bool == true)
            let stored = try await api.expect(.ok, .get, results, as: r.mathTeacher)
            #expect(stored.items.first?["stage"] as? String == "after_summer")
        }
    }

    @Test(arguments: Engine.allCases)
    func healthChecksNeedTheirOwnScopeAndEveryReadIsAudited(engine: Engine) async throws {
        try await withApp(engine) { api in
            let r = try await RecordsWorld.build(api)
            let nurse = try await api.user("yte.c", .schoolHealth, at: "SCHC")
            let learners = try await api.expect(.ok, .get, "/api/v1/learners?pageSize=100", as: r.schoolAdmin)
            let boy = try #require(learners.items.first { $0["learnerCode"] as? String == r.learners[0] }?["id"] as? String)
            let path = "/api/v1/learners/\(boy)/health-checks"

            // A 12½-year-old boy (150 months) by the WHO 2007 reference: 150 cm and 40 kg is BMI 17.8,
            // z −0.04; at 70 kg, BMI 31.1 and z 3.04 (obese).
            let normal = try await api.expect(.created, .post, path, as: nurse, [
                "checkedOn": "2026-10-01", "heightCm": 150, "weightKg": 40, "visionLeft": "10/10", "visionRight": "8/10",
                "dental": "caries", "vaccinations": [["vaccine": "Td", "date": "2026-09-20"]]])
            #expect(normal.json["ageMonths"] as? Int == 150)
            #expect(normal.json["bmi"] as? Double == 17.8)
            #expect(normal.json["bmiForAgeZ"] as? Double == -0.04)
            #expect(normal.json["bmiCategory"] as? String == "normal")
            let heavy = try await api.expect(.created, .post, path, as: nurse, ["checkedOn": "2026-10-01", "heightCm": 150, "weightKg": 70])
            #expect(heavy.json["bmiForAgeZ"] as? Double == 3.04)
            #expect(heavy.json["bmiCategory"] as? String == "obese")

            // Under five, the WHO 2006 standard by days: a girl of exactly four, 102 cm and 16 kg.
            let girl = try await api.expect(.created, .post, "/api/v1/learners", as: r.schoolAdmin, [
                "fullName": "Lò Thị Mai", "dateOfBirth": "2022-10-01", "sex": "female", "schoolCode": "SCHC"])
            let small = try await api.expect(.created, .post, "/api/v1/learners/\(try #require(girl.json["id"] as? String))/health-checks",
                                             as: nurse, ["checkedOn": "2026-10-01", "heightCm": 102, "weightKg": 16])
            #expect(small.json["bmiForAgeZ"] as? Double == 0.08)

            // Bad input names the field and writes nothing.
            let stored = try await api.count("health_checks")
            for (body, field) in [(["checkedOn": "2099-01-01"], "/checkedOn"), (["checkedOn": "2026-10-01", "visionLeft": "11/10"], "/visionLeft"),
                                  (["checkedOn": "2026-10-01", "heightCm": 500], "/heightCm"),
                                  (["checkedOn": "2026-10-01", "vaccinations": [["vaccine": "MR", "date": "2026-12-01"]]], "/vaccinations/0/date")]
                as [([String: Any], String)] {
                let refused = try await api.expect(.unprocessableContent, .post, path, as: nurse, body)
                #expect(refused.errorField == field)
            }
            try await api.expect(.badRequest, .post, path, as: nurse, ["checkedOn": "2026-10-01", "bloodType": "O"])
            #expect(try await api.count("health_checks") == stored)

            // Only health:read sees them: not a teacher, not an analyst, not another school.
            try await api.expect(.forbidden, .get, path, as: r.homeroomTeacher)
            try await api.expect(.forbidden, .post, path, as: r.mathTeacher, ["checkedOn": "2026-10-01"])
            try await api.expect(.forbidden, .get, path, as: r.world.analyst)
            try await api.expect(.notFound, .get, path, as: r.world.schoolAdminB)

            // Every read is audited, and nothing reaches the change feed.
            func reads() async throws -> Int {
                try await api.expect(.ok, .get, "/api/v1/audit-log?resource=health_checks", as: r.schoolAdmin).items
                    .filter { $0["action"] as? String == "read_sensitive" }.count
            }
            let before = try await reads()
            let checks = try await api.expect(.ok, .get, path, as: nurse)
            #expect(checks.items.count == 2)
            try await api.expect(.ok, .get, path, as: r.schoolAdmin)
            #expect(try await reads() == before + 2)
            let changes = try await api.expect(.ok, .get, "/api/v1/changes?minChangeVersion=0&pageSize=500", as: r.world.ministryAdmin)
            #expect(!changes.text.contains("health"))
        }
    }
}
