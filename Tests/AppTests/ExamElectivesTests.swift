import Foundation
import Testing

@testable import App

@Suite("Graduation exam electives must have been studied in grade 12: checked against the class's timetable")
struct ExamElectivesTests {
    /// Class 12A1 has teachers for Vật lí and Công nghệ only (besides Toán): Hoá học is refused
    /// at registration and on a later change; both technology papers come from Công nghệ;
    /// History and the foreign language are studied by every grade-12 class.
    @Test(arguments: Engine.allCases)
    func electivesFollowTheClassTimetable(engine: Engine) async throws {
        try await withApp(engine) { api in
            let e = try await ExamWorld.build(api)
            let ministry = e.world.ministryAdmin
            let registrations = "/api/v1/exam-seasons/\(e.seasonID)/registrations"
            // No timetable recorded yet: nothing to check the electives against.
            let unchecked = try await api.expect(.created, .post, registrations, as: e.school, [
                "learnerCode": e.grade12, "subjects": ["TOAN", "NGUVAN", "HOAHOC", "SINHHOC"]])
            let id = try #require(unchecked.json["id"] as? String)

            try await api.expect(.created, .post, "/api/v1/staff", as: ministry, [
                "staffCode": "GVT001", "fullName": "Phạm Văn Toán", "dateOfBirth": "1985-02-03", "sex": "male", "citizenId": "019085000222",
                "employments": [["schoolCode": "SCHT", "position": "teacher", "startDate": "2015-08-15"]]])
            for subject in ["TOAN", "VATLI", "CONGNGHE"] {
                try await api.expect(.created, .post, "/api/v1/teaching-assignments", as: ministry, [
                    "staffCode": "GVT001", "schoolCode": "SCHT", "schoolYear": World.year, "className": "12A1", "subjectCode": subject])
            }
            let learner = try await api.expect(.created, .post, "/api/v1/learners", as: ministry, [
                "fullName": "Vũ Thị Mai", "dateOfBirth": "2009-03-08", "sex": "female", "schoolCode": "SCHT", "citizenId": "019309000888"])
            let second = try #require(learner.json["learnerCode"] as? String)
            try await api.expect(.created, .post, "/api/v1/enrolments", as: ministry, [
                "learnerCode": second, "schoolCode": "SCHT", "schoolYear": World.year, "className": "12A1", "entryDate": "2026-09-05"])
            let refused = try await api.expect(.unprocessableContent, .post, registrations, as: e.school, [
                "learnerCode": second, "subjects": ["TOAN", "NGUVAN", "VATLI", "HOAHOC"]])
            #expect(refused.errorField == "/subjects/3")
            #expect(refused.text.contains("did not study HOAHOC in grade 12: class 12A1"))
            try await api.expect(.created, .post, registrations, as: e.school, [
                "learnerCode": second, "subjects": ["TOAN", "NGUVAN", "VATLI", "CNCN"]])
            // The first learner's registration, sent before the timetable, is checked when it changes.
            let stale = try await api.expect(.unprocessableContent, .put, "/api/v1/exam-registrations/\(id)", as: e.school, [
                "subjects": ["TOAN", "NGUVAN", "HOAHOC", "SINHHOC"]])
            #expect(stale.errorField == "/subjects/2")
            for subjects in [["TOAN", "NGUVAN", "CNNN", "LICHSU"], ["TOAN", "NGUVAN", "NGOAINGU", "VATLI"]] {
                var change: [String: Any] = ["subjects": subjects]
                if subjects.contains("NGOAINGU") { change["foreignLanguage"] = "N1" }
                try await api.expect(.ok, .put, "/api/v1/exam-registrations/\(id)", as: e.school, change)
            }
            let changed = try await api.expect(.unprocessableContent, .put, "/api/v1/exam-registrations/\(id)", as: e.school, [
                "subjects": ["TOAN", "NGUVAN", "DIALI", "VATLI"]])
            #expect(changed.errorField == "/subjects/2")
        }
    }
}
