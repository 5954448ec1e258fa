import Foundation
import HTTPTypes
import Platform
import Testing

/// A candidate's own account: issued by the school that registered them (or the board), signed in
/// with the citizen ID, reaching their own registration and nothing else.
@Suite("Exam candidates' accounts, on SQLite and PostgreSQL")
struct ExamCandidateTests {
    /// Signs in through the API as a browser's script would; nil when refused.
    static func signIn(_ api: TestAPI, _ username: String, _ password: String) async throws -> Caller? {
        let response = try await api.call(.post, "/api/v1/session", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        guard response.status == .ok, let setCookie = response.headers[.setCookie] else { return nil }
        return Caller(cookie: String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1]),
                      csrf: response.json["csrfToken"] as? String)
    }

    @Test(arguments: Engine.allCases)
    func aCandidateSignsInAndReachesOnlyTheirOwnRegistration(engine: Engine) async throws {
        try await withApp(engine) { api in
            let e = try await ExamWorld.build(api)
            let registrations = "/api/v1/exam-seasons/\(e.seasonID)/registrations"
            let created = try await api.expect(.created, .post, registrations, as: e.school, [
                "learnerCode": e.grade12, "subjects": ["TOAN", "NGUVAN", "NGOAINGU", "VATLI"], "foreignLanguage": "N1",
                "purposes": ["graduation", "admission"]])
            let id = try #require(created.json["id"] as? String)
            let free = try await api.expect(.created, .post, registrations, as: e.world.departmentAdminA, [
                "citizenId": "019309000333", "fullName": "Tạ Minh Châu", "dateOfBirth": "2009-05-05", "sex": "female",
                "subjects": ["TOAN", "NGUVAN", "LICHSU", "DIALI"]])
            let freeID = try #require(free.json["id"] as? String)

            // The school issues its candidate's account; a teacher and another school do not find the registration.
            try await api.expect(.notFound, .post, "/api/v1/exam-registrations/\(id)/candidate-account", as: e.world.teacherA)
            try await api.expect(.notFound, .post, "/api/v1/exam-registrations/\(id)/candidate-account", as: e.world.schoolAdminB)
            let account = try await api.expect(.created, .post, "/api/v1/exam-registrations/\(id)/candidate-account", as: e.school)
            #expect(account.json["username"] as? String == ExamWorld.grade12CitizenID)
            let password = try #require(account.json["password"] as? String)
            #expect(password.count == 12)

            let candidate = try #require(try await Self.signIn(api, ExamWorld.grade12CitizenID, password))
            let me = try await api.expect(.ok, .get, "/api/v1/me", as: candidate)
            #expect(me.json["examRegistrationId"] as? String == id)
            #expect((me.json["permissions"] as? [Any])?.isEmpty == true)

            // Their own registration: read, choices changed, its fee and wishes reached (the season's
            // rules answer); the school's act of confirming is not theirs.
            try await api.expect(.ok, .get, "/api/v1/exam-registrations/\(id)", as: candidate)
            let changed = try await api.expect(.ok, .put, "/api/v1/exam-registrations/\(id)", as: candidate,
                                               ["subjects": ["TOAN", "NGUVAN", "NGOAINGU", "HOAHOC"]])
            #expect(changed.json["version"] as? Int == 2 && changed.json["subjects"] as? [String] == ["TOAN", "NGUVAN", "NGOAINGU", "HOAHOC"])
            let history = try await api.expect(.ok, .get, "/api/v1/exam-registrations/\(id)/history", as: e.school).items
            #expect(history.last?["changedBy"] as? String == ExamWorld.grade12CitizenID)
            let fee = try await api.expect(.conflict, .post, "/api/v1/exam-registrations/\(id)/fee-order", as: candidate)
            #expect(fee.text.contains("charges no registration fee"))
            let wishes = try await api.expect(.conflict, .put, "/api/v1/exam-registrations/\(id)/wishes", as: candidate, ["programs": ["P001"]])
            #expect(!wishes.text.contains("forbidden"))
            try await api.expect(.forbidden, .post, "/api/v1/exam-registrations/\(id)/confirm", as: candidate)

            // Nothing else: another candidate's registration, the season's list, the registry.
            try await api.expect(.notFound, .get, "/api/v1/exam-registrations/\(freeID)", as: candidate)
            try await api.expect(.notFound, .put, "/api/v1/exam-registrations/\(freeID)", as: candidate, ["subjects": ["TOAN", "NGUVAN", "LICHSU", "VATLI"]])
            #expect(try await api.expect(.ok, .get, registrations, as: candidate).items.isEmpty)
            try await api.expect(.forbidden, .get, "/api/v1/learners", as: candidate)
            try await api.expect(.forbidden, .post, "/api/v1/exam-registrations/\(id)/candidate-account", as: candidate)

            // Issued again (a forgotten password): the new password signs in, the old one no longer does.
            let again = try await api.expect(.created, .post, "/api/v1/exam-registrations/\(id)/candidate-account", as: e.school)
            let newPassword = try #require(again.json["password"] as? String)
            #expect(newPassword != password)
            #expect(try await Self.signIn(api, ExamWorld.grade12CitizenID, password) == nil)
            #expect(try await Self.signIn(api, ExamWorld.grade12CitizenID, newPassword) != nil)

            // A citizen ID that is already the username of a staff account is not taken over.
            _ = try await api.user("019309000333", .teacher, at: "SCHT")
            let taken = try await api.expect(.conflict, .post, "/api/v1/exam-registrations/\(freeID)/candidate-account", as: e.world.departmentAdminA)
            #expect(taken.text.contains("not a candidate's"))
        }
    }
}
