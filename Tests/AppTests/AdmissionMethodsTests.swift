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
}
