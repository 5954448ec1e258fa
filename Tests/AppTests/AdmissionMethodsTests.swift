import Foundation
import Testing

@testable import App

@Suite("Admission methods: transcript, competency tests and direct admission beside exam scores, each candidate by their best")
struct AdmissionMethodsTests {
    /// Four candidates for BK05 (2 seats; exam, transcript, HSA and direct admission) and BK06
    /// (exam scores only). The school's learner has 8s (A00 24.00); Bình 5s but a 27.70
    /// transcript; Chi 6s (18.00) but 115 at HSA, 26.75 on BK05's table; Dũng 4s (below the
    /// threshold) and BK05's direct admission.
    @Test(arguments: Engine.allCases)
    func eachCandidateIsClearedByTheirBestMethod(engine: Engine) async throws {
        try await withApp(engine) { api in
            let e = try await ExamWorld.build(api)
            let board = e.world.departmentAdminA
            let ministry = e.world.ministryAdmin
            let registrations = "/api/v1/exam-seasons/\(e.seasonID)/registrations"
            let subjects = ["TOAN", "NGUVAN", "VATLI", "HOAHOC"]
            let averages = ["grade10": "7.00", "grade11": "7.00", "grade12": "7.00"]
            let own = try await api.expect(.created, .post, registrations, as: e.school, [
                "learnerCode": e.grade12, "subjects": subjects, "yearAverages": averages, "purposes": ["graduation", "admission"]])
            var ids = [try #require(own.json["id"] as? String)]
            let free = [("019209000555", "Phạm Văn Bình", "male"), ("019309000666", "Ngô Thị Chi", "female"), ("019209000777", "Lê Văn Dũng", "male")]
            for (citizenID, name, sex) in free {
                let registered = try await api.expect(.created, .post, registrations, as: board, [
                    "citizenId": citizenID, "fullName": name, "dateOfBirth": "2009-05-05", "sex": sex, "subjects": subjects,
                    "yearAverages": averages, "purposes": ["graduation", "admission"]])
                ids.append(try #require(registered.json["id"] as? String))
            }

            let programs = "/api/v1/exam-seasons/\(e.seasonID)/programs"
            let a00: [[String: Any]] = [["code": "A00", "subjects": ["TOAN", "VATLI", "HOAHOC"]]]
            let hsaTable: [[String: String]] = [["testScore": "75", "score": "18"], ["testScore": "100", "score": "24"],
                                                ["testScore": "130", "score": "29.5"]]
            func program(_ code: String, quota: Int, methods: [[String: Any]]?) -> [String: Any] {
                var body: [String: Any] = ["code": code, "name": "Chương trình \(code)", "institution": "BKA", "quota": quota,
                                           "combinations": a00, "threshold": "18"]
                body["methods"] = methods
                return body
            }
            // A competency method names its test and a table that rises; a method is listed once.
            let noTest = try await api.expect(.unprocessableContent, .post, programs, as: ministry, program("BK09", quota: 1, methods: [["kind": "competency"]]))
            #expect(noTest.errorField == "/methods/0/test")
            let falling = try await api.expect(.unprocessableContent, .post, programs, as: ministry, program("BK09", quota: 1, methods: [
                ["kind": "competency", "test": "HSA", "conversion": [["testScore": "75", "score": "20"], ["testScore": "90", "score": "19"]]]]))
            #expect(falling.errorField == "/methods/0/conversion")
            let twice = try await api.expect(.unprocessableContent, .post, programs, as: ministry, program("BK09", quota: 1, methods: [
                ["kind": "exam"], ["kind": "exam"]]))
            #expect(twice.errorField == "/methods/1")
            try await api.expect(.created, .post, programs, as: ministry, program("BK05", quota: 2, methods: [
                ["kind": "exam"], ["kind": "transcript"], ["kind": "competency", "test": "HSA", "conversion": hsaTable], ["kind": "direct"]]))
            try await api.expect(.created, .post, programs, as: ministry, program("BK06", quota: 5, methods: nil))

            // Evidence: the school sends its learner's transcript, never test scores; the board sends the rest.
            let evidence = { (index: Int) in "/api/v1/exam-registrations/\(ids[index])/admission-evidence" }
            try await api.expect(.ok, .put, evidence(0), as: e.school, ["transcript": ["TOAN": "7", "VATLI": "7", "HOAHOC": "7"]])
            try await api.expect(.forbidden, .put, evidence(0), as: e.school, ["tests": ["HSA": "120"]])
            try await api.expect(.notFound, .put, evidence(1), as: e.school, ["transcript": ["TOAN": "9"]])
            let unknownTest = try await api.expect(.unprocessableContent, .put, evidence(2), as: board, ["tests": ["SAT": "1400"]])
            #expect(unknownTest.errorField == "/tests/SAT")
            let tooHigh = try await api.expect(.unprocessableContent, .put, evidence(2), as: board, ["tests": ["HSA": "151"]])
            #expect(tooHigh.errorField == "/tests/HSA")
            let average = try await api.expect(.unprocessableContent, .put, evidence(1), as: board, ["transcript": ["TOAN": "10.5"]])
            #expect(average.errorField == "/transcript/TOAN")
            let notDirect = try await api.expect(.unprocessableContent, .put, evidence(3), as: board, ["directPrograms": ["BK06"]])
            #expect(notDirect.errorField == "/directPrograms/0")
            try await api.expect(.ok, .put, evidence(1), as: board, ["transcript": ["TOAN": "9.5", "VATLI": "9.0", "HOAHOC": "9.2", "NGUVAN": "8"]])
            try await api.expect(.ok, .put, evidence(2), as: board, ["tests": ["hsa": "115"]])
            try await api.expect(.ok, .put, evidence(3), as: board, ["directPrograms": ["bk05"]])
            // A later part leaves the others as they were.
            let kept = try await api.expect(.ok, .put, evidence(2), as: board, ["transcript": ["TOAN": "5", "VATLI": "5", "HOAHOC": "5"]])
            #expect((kept.json["tests"] as? [String: String])?["HSA"] == "115.00")
            #expect((try await api.expect(.ok, .get, evidence(0), as: e.school).json["transcript"] as? [String: String])?["TOAN"] == "7.00")

            try await api.expect(.ok, .put, "/api/v1/exam-seasons/\(e.seasonID)", as: ministry, ExamWorld.timeline())
            var rows: [[String: String]] = []
            for (citizenID, score) in [(ExamWorld.grade12CitizenID, "8"), ("019209000555", "5"), ("019309000666", "6"), ("019209000777", "4")] {
                for subject in subjects { rows.append(["citizenId": citizenID, "subject": subject, "score": score]) }
            }
            try await api.expect(.ok, .put, "/api/v1/exam-seasons/\(e.seasonID)/scores", as: board, ["items": rows])
            try await api.expect(.ok, .put, "/api/v1/exam-seasons/\(e.seasonID)", as: ministry, ExamWorld.admissionTimeline(wishesOpen: true))
            for (index, id) in ids.enumerated() {
                try await api.expect(.ok, .put, "/api/v1/exam-registrations/\(id)/wishes", as: index == 0 ? e.school : board,
                                     ["programs": ["BK05", "BK06"]])
            }
            try await api.expect(.ok, .put, "/api/v1/exam-seasons/\(e.seasonID)", as: ministry, ExamWorld.admissionTimeline(wishesOpen: false))
            let cleared = try await api.expect(.ok, .post, "/api/v1/exam-seasons/\(e.seasonID)/clearing", as: ministry)
            #expect(cleared.json["admitted"] as? Int == 4)
            let bk05 = try #require((cleared.json["programs"] as? [[String: Any]])?.first { $0["code"] as? String == "BK05" })
            #expect(bk05["admitted"] as? Int == 2)
            #expect(bk05["cutoff"] as? String == "27.70")

            func admission(_ index: Int) async throws -> [String: Any] {
                try await api.expect(.ok, .get, "/api/v1/exam-registrations/\(ids[index])/admission", as: board).json
            }
            let direct = try await admission(3)
            #expect(direct["programCode"] as? String == "BK05" && direct["method"] as? String == "direct" && direct["score"] as? String == "30.00")
            let transcript = try await admission(1)
            #expect(transcript["programCode"] as? String == "BK05" && transcript["method"] as? String == "transcript")
            #expect(transcript["score"] as? String == "27.70")
            // Chi's HSA gives 26.75 at BK05, under its cutoff; BK06 takes exam scores only: 18.00.
            let competency = try await admission(2)
            #expect(competency["programCode"] as? String == "BK06" && competency["method"] as? String == "exam")
            let first = try #require((competency["wishes"] as? [[String: Any]])?.first)
            #expect(first["status"] as? String == "cutoff_not_met" && first["method"] as? String == "competency")
            #expect(first["basis"] as? String == "HSA" && first["score"] as? String == "26.75" && first["cutoff"] as? String == "27.70")
            // The school's learner: exam 24.00 beats a 21.00 transcript, and still falls under BK05's cutoff.
            let examOnly = try await admission(0)
            #expect(examOnly["programCode"] as? String == "BK06" && examOnly["score"] as? String == "24.00")
            let line = try #require((examOnly["wishes"] as? [[String: Any]])?.first)
            #expect(line["method"] as? String == "exam" && line["basis"] as? String == "A00")

            // A confirmed admission fixes the evidence it rests on.
            try await api.expect(.ok, .post, "/api/v1/exam-registrations/\(ids[3])/admission/confirm", as: board)
            let fixed = try await api.expect(.conflict, .put, evidence(3), as: board, ["directPrograms": []])
            #expect((fixed.json["detail"] as? String)?.contains("has confirmed an admission") == true)
        }
    }

    /// The school asks NEMIS for its learner's transcript: each subject's mean over the grade 10,
    /// 11 and 12 year results Records holds, rounded half up; a subject without three scores is
    /// left out, and a learner without all three years is refused with the grades missing.
    @Test(arguments: Engine.allCases)
    func theTranscriptIsReadFromTheYearResultsNEMISHolds(engine: Engine) async throws {
        try await withApp(engine) { api in
            let e = try await ExamWorld.build(api)
            let board = e.world.departmentAdminA, ministry = e.world.ministryAdmin
            let registrations = "/api/v1/exam-seasons/\(e.seasonID)/registrations"
            let choices: [String: Any] = ["subjects": ["TOAN", "NGUVAN", "VATLI", "HOAHOC"], "purposes": ["graduation", "admission"],
                                          "yearAverages": ["grade10": "7.00", "grade11": "7.00", "grade12": "7.00"]]
            let own = try await api.expect(.created, .post, registrations, as: e.school, choices.merging(["learnerCode": e.grade12]) { a, _ in a })
            let free = try await api.expect(.created, .post, registrations, as: board, choices.merging([
                "citizenId": "019209000555", "fullName": "Phạm Văn Bình", "dateOfBirth": "2009-05-05", "sex": "male"]) { a, _ in a })
            let fromRecords = { (registration: APIResponse) in
                "/api/v1/exam-registrations/\(registration.json["id"] as? String ?? "")/admission-evidence/transcript-from-records"
            }

            let noYears = try await api.expect(.conflict, .post, fromRecords(own), as: e.school)
            #expect((noYears.json["detail"] as? String)?.contains("for grade 10, 11") == true)
            let freeCandidate = try await api.expect(.conflict, .post, fromRecords(free), as: board)
            #expect((freeCandidate.json["detail"] as? String)?.contains("free candidate") == true)
            try await api.expect(.notFound, .post, fromRecords(free), as: e.school)

            // Grades 10 and 11 in the two years before, and the year results Records stored for them.
            for (year, start) in [("2024-2025", 2024), ("2025-2026", 2025)] {
                try await api.expect(.created, .post, "/api/v1/school-years", as: ministry, [
                    "schoolYear": year, "startDate": "\(start)-09-05", "endDate": "\(start + 1)-05-31",
                    "semesters": [["name": "I", "startDate": "\(start)-09-05", "endDate": "\(start + 1)-01-17"],
                                  ["name": "II", "startDate": "\(start + 1)-01-19", "endDate": "\(start + 1)-05-31"]]])
            }
            try await api.expect(.created, .post, "/api/v1/classes", as: ministry, ["schoolCode": "SCHT", "schoolYear": "2024-2025", "name": "10A1", "grade": "10"])
            try await api.expect(.created, .post, "/api/v1/classes", as: ministry, ["schoolCode": "SCHT", "schoolYear": "2025-2026", "name": "11A1", "grade": "11"])
            let years: [(String, String, [String: String])] = [
                ("2024-2025", "10A1", ["TOAN": "7.0", "VATLI": "8.0", "HOAHOC": "9.0", "NGOAINGU1": "6.5", "NGUVAN": "6.1"]),
                ("2025-2026", "11A1", ["TOAN": "8.0", "VATLI": "8.5", "NGOAINGU1": "7.0", "NGUVAN": "6.2"]),
                (World.year, "12A1", ["TOAN": "8.5", "VATLI": "9.0", "HOAHOC": "9.0", "NGOAINGU1": "Đ", "NGUVAN": "6.2"]),
            ]
            try await api.database.transaction { db in
                for (year, className, scores) in years {
                    let body: [String: Any] = [
                        "learnerId": "", "learnerCode": e.grade12, "fullName": "Đinh Quang Huy", "schoolYear": year, "ruleSet": "circular-22-2021",
                        "subjects": scores.map { ["code": $0.key, "name": $0.key, "semester1": $0.value, "semester2": $0.value, "year": $0.value,
                                                  "reassessed": false] },
                        "absentSessions": 0, "decision": "promoted", "stage": "end_of_year", "failed": [String](),
                    ]
                    let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
                    try await db.raw("""
                        INSERT INTO year_results (learner_id, school_year, class_id, org_id, rule_set, conduct, decision, body, computed_by, computed_at)
                        SELECT l.id, \(bind: year), c.id, c.org_id, 'circular-22-2021', 'good', 'promoted', \(bind: text), 'test', '2026-06-01T00:00:00Z'
                        FROM learners l, classes c
                        WHERE l.natural_key = \(bind: e.grade12) AND c.school_year = \(bind: year) AND c.natural_key LIKE \(bind: "%|" + className)
                        """).run()
                }
            }
            let read = try await api.expect(.ok, .post, fromRecords(own), as: e.school)
            // Mathematics (7.0 + 8.0 + 8.5) / 3 = 7.83; Literature 18.5 / 3 = 6.1666… → 6.17. Chemistry lacks
            // grade 11 and the language is rated, not scored, in grade 12: both left out.
            #expect(read.json["transcript"] as? [String: String] == ["TOAN": "7.83", "VATLI": "8.50", "NGUVAN": "6.17"])
            #expect((try await api.expect(.ok, .get, "/api/v1/exam-registrations/\(own.json["id"] as? String ?? "")/admission-evidence",
                                          as: board).json["transcript"] as? [String: String])?["TOAN"] == "7.83")
        }
    }

    /// BK07 splits its 2 seats: 1 by exam scores, 1 by transcript. An (27.00 by exam) takes the
    /// exam seat; Bình's best is his exam's 25.50, and with the exam seat gone he is tried under
    /// his transcript (25.20) and takes that seat from Chi (24.00 by transcript; her 15.00 exam
    /// is below the threshold). With one quota of 2, Bình would have come in by exam.
    @Test(arguments: Engine.allCases)
    func aProgrammeSplittingItsSeatsFillsEachMethodOnItsOwn(engine: Engine) async throws {
        try await withApp(engine) { api in
            let e = try await ExamWorld.build(api)
            let board = e.world.departmentAdminA, ministry = e.world.ministryAdmin
            let season = "/api/v1/exam-seasons/\(e.seasonID)"
            let subjects = ["TOAN", "NGUVAN", "VATLI", "HOAHOC"]
            let people = [("019209000111", "Vũ Văn An", "male", "9", nil), ("019209000555", "Phạm Văn Bình", "male", "8.5", "8.4"),
                          ("019309000666", "Ngô Thị Chi", "female", "5", "8")]
            var ids: [String] = []
            for (citizenID, name, sex, _, transcript) in people {
                let registered = try await api.expect(.created, .post, "\(season)/registrations", as: board, [
                    "citizenId": citizenID, "fullName": name, "dateOfBirth": "2009-05-05", "sex": sex, "subjects": subjects,
                    "yearAverages": ["grade10": "7.00", "grade11": "7.00", "grade12": "7.00"], "purposes": ["graduation", "admission"]])
                ids.append(try #require(registered.json["id"] as? String))
                if let transcript {
                    try await api.expect(.ok, .put, "/api/v1/exam-registrations/\(ids.last!)/admission-evidence", as: board,
                                         ["transcript": ["TOAN": transcript, "VATLI": transcript, "HOAHOC": transcript]])
                }
            }

            let a00: [[String: Any]] = [["code": "A00", "subjects": ["TOAN", "VATLI", "HOAHOC"]]]
            func program(_ code: String, quota: Int, methods: [[String: Any]]) -> [String: Any] {
                ["code": code, "name": "Chương trình \(code)", "institution": "BKA", "quota": quota, "combinations": a00, "threshold": "18",
                 "methods": methods]
            }
            // A quota on every method or none, none negative, adding up to the programme's.
            let programs = "\(season)/programs"
            let some = try await api.expect(.unprocessableContent, .post, programs, as: ministry, program("BK07", quota: 2, methods: [
                ["kind": "exam", "quota": 2], ["kind": "transcript"]]))
            #expect(some.errorField == "/methods/1/quota")
            let negative = try await api.expect(.unprocessableContent, .post, programs, as: ministry, program("BK07", quota: 2, methods: [
                ["kind": "exam", "quota": 3], ["kind": "transcript", "quota": -1]]))
            #expect(negative.errorField == "/methods/1/quota")
            let sum = try await api.expect(.unprocessableContent, .post, programs, as: ministry, program("BK07", quota: 2, methods: [
                ["kind": "exam", "quota": 2], ["kind": "transcript", "quota": 1]]))
            #expect(sum.errorField == "/methods")
            try await api.expect(.created, .post, programs, as: ministry, program("BK07", quota: 2, methods: [
                ["kind": "exam", "quota": 1], ["kind": "transcript", "quota": 1]]))
            try await api.expect(.created, .post, programs, as: ministry, program("BK06", quota: 5, methods: [["kind": "exam"]]))

            try await api.expect(.ok, .put, season, as: ministry, ExamWorld.timeline())
            let rows = people.flatMap { person in subjects.map { ["citizenId": person.0, "subject": $0, "score": person.3] } }
            try await api.expect(.ok, .put, "\(season)/scores", as: board, ["items": rows])
            try await api.expect(.ok, .put, season, as: ministry, ExamWorld.admissionTimeline(wishesOpen: true))
            for id in ids {
                try await api.expect(.ok, .put, "/api/v1/exam-registrations/\(id)/wishes", as: board, ["programs": ["BK07", "BK06"]])
            }
            try await api.expect(.ok, .put, season, as: ministry, ExamWorld.admissionTimeline(wishesOpen: false))

            func methodLines(_ cleared: APIResponse) throws -> [[String: Any]] {
                let bk07 = try #require((cleared.json["programs"] as? [[String: Any]])?.first { $0["code"] as? String == "BK07" })
                #expect(bk07["cutoff"] == nil)
                return try #require(bk07["methods"] as? [[String: Any]])
            }
            let cleared = try await api.expect(.ok, .post, "\(season)/clearing", as: ministry)
            #expect(cleared.json["admitted"] as? Int == 2)
            let seats = try methodLines(cleared)
            #expect(seats.map { $0["method"] as? String } == ["exam", "transcript"])
            #expect(seats.map { $0["admitted"] as? Int } == [1, 1])
            #expect(seats.map { $0["cutoff"] as? String } == ["27.00", "25.20"])

            func admission(_ index: Int) async throws -> [String: Any] {
                try await api.expect(.ok, .get, "/api/v1/exam-registrations/\(ids[index])/admission", as: board).json
            }
            let an = try await admission(0)
            #expect(an["programCode"] as? String == "BK07" && an["method"] as? String == "exam" && an["score"] as? String == "27.00")
            let binh = try await admission(1)
            #expect(binh["programCode"] as? String == "BK07" && binh["method"] as? String == "transcript" && binh["score"] as? String == "25.20")
            #expect(binh["basis"] as? String == "A00")
            let binhLine = try #require((binh["wishes"] as? [[String: Any]])?.first)
            #expect(binhLine["status"] as? String == "admitted" && binhLine["method"] as? String == "transcript")
            let binhMethods = try #require(binhLine["methods"] as? [[String: Any]])
            #expect(binhMethods.map { $0["method"] as? String } == ["exam", "transcript"])
            #expect(binhMethods.map { $0["score"] as? String } == ["25.50", "25.20"])
            #expect(binhMethods.map { $0["cutoff"] as? String } == ["27.00", "25.20"])
            // Chi's exam is below the threshold, so only her transcript is tried; BK06 reads exam scores only.
            let chi = try await admission(2)
            #expect(chi["programCode"] == nil)
            let chiLines = try #require(chi["wishes"] as? [[String: Any]])
            #expect(chiLines.map { $0["status"] as? String } == ["cutoff_not_met", "below_threshold"])
            #expect((chiLines[0]["methods"] as? [[String: Any]])?.map { $0["method"] as? String } == ["transcript"])
            #expect(chiLines[0]["score"] as? String == "24.00" && chiLines[0]["cutoff"] as? String == "25.20")

            // Bình confirms: the next round keeps his seat out of the transcript quota, so Chi still has none.
            try await api.expect(.ok, .post, "/api/v1/exam-registrations/\(ids[1])/admission/confirm", as: board)
            let again = try await api.expect(.ok, .post, "\(season)/clearing", as: ministry)
            #expect(again.json["candidates"] as? Int == 2 && again.json["admitted"] as? Int == 1)
            let kept = try methodLines(again)
            #expect(kept.map { $0["confirmed"] as? Int } == [0, 1])
            #expect(kept.map { $0["admitted"] as? Int } == [1, 0])
            #expect(try await admission(2)["programCode"] == nil)
        }
    }
}
