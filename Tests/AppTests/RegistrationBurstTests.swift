import Foundation
import HTTPTypes
import Platform
import SQLKit
import Testing

/// Registrations that arrive together are written in groups; each request must still get its own
/// answer, and what is stored must be exactly what was acknowledged.
@Suite("Exam registration in a burst, on SQLite and PostgreSQL")
struct RegistrationBurstTests {
    @Test(arguments: Engine.allCases)
    func concurrentRegistrationsAreEachAnsweredAndStoredOnce(engine: Engine) async throws {
        try await withApp(engine) { api in
            let e = try await ExamWorld.build(api)
            let path = "/api/v1/exam-seasons/\(e.seasonID)/registrations"
            let board = e.world.departmentAdminA
            func candidate(_ serial: Int, sex: String = "female") -> [String: Any] {
                ["citizenId": "0193090\(String(format: "%05d", serial))", "fullName": "Tạ Minh Châu", "dateOfBirth": "2009-05-05", "sex": sex,
                 "subjects": ["TOAN", "NGUVAN", "LICHSU", "DIALI"]]
            }
            // 100 candidates, 10 of them sent twice, and 10 refused by the rules (a citizen ID for a woman, sex male).
            var bodies: [(body: [String: Any], expected: HTTPResponse.Status)] = (1...100).map { (candidate($0), .created) }
            bodies += (1...10).map { (candidate($0 * 7), .conflict) }
            bodies += (201...210).map { (candidate($0, sex: "male"), .unprocessableContent) }
            let texts = try bodies.map { String(decoding: try JSONSerialization.data(withJSONObject: $0.body), as: UTF8.self) }
            let answers = try await withThrowingTaskGroup(of: (Int, HTTPResponse.Status).self) { group in
                for (index, text) in texts.enumerated() {
                    group.addTask { (index, try await api.call(.post, path, as: board, json: text).status) }
                }
                var answers: [Int: HTTPResponse.Status] = [:]
                for try await (index, status) in group { answers[index] = status }
                return answers
            }
            // Which of a pair is first is a race; one of the two is created, the other a duplicate.
            for serial in 1...10 {
                let pair = [answers[serial * 7 - 1]!, answers[100 + serial - 1]!]
                #expect(pair.sorted { $0.code < $1.code } == [.created, .conflict], "candidate \(serial * 7): \(pair)")
            }
            let paired = Set((1...10).flatMap { [$0 * 7 - 1, 100 + $0 - 1] })
            for (index, item) in bodies.enumerated() where !paired.contains(index) {
                #expect(answers[index] == item.expected, "request \(index)")
            }
            let counts = try await api.database.read { db in
                (try await db.raw("SELECT COUNT(*) AS n FROM exam_registrations").first()!.decode(column: "n", as: Int.self),
                 try await db.raw("SELECT COUNT(*) AS n FROM exam_registration_history").first()!.decode(column: "n", as: Int.self),
                 try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE resource = 'exam_registrations' AND action = 'create'").first()!
                    .decode(column: "n", as: Int.self))
            }
            #expect(counts == (100, 100, 100))
        }
    }

    @Test(arguments: Engine.allCases)
    func concurrentWishListsAreEachAnsweredAndTheLastOneStands(engine: Engine) async throws {
        try await withApp(engine) { api in
            let e = try await ExamWorld.build(api)
            let board = e.world.departmentAdminA
            var ids: [String] = []
            for serial in 1...40 {
                let created = try await api.expect(.created, .post, "/api/v1/exam-seasons/\(e.seasonID)/registrations", as: board, [
                    "citizenId": "0193090\(String(format: "%05d", serial))", "fullName": "Tạ Minh Châu", "dateOfBirth": "2009-05-05",
                    "sex": "female", "subjects": ["TOAN", "NGUVAN", "VATLI", "HOAHOC"], "purposes": ["graduation", "admission"]])
                ids.append(try #require(created.json["id"] as? String))
            }
            for code in ["P1", "P2", "P3"] {
                try await api.expect(.created, .post, "/api/v1/exam-seasons/\(e.seasonID)/programs", as: e.world.ministryAdmin, [
                    "code": code, "name": "Chương trình \(code)", "institution": "BKA", "quota": 10,
                    "combinations": [["code": "A00", "subjects": ["TOAN", "VATLI", "HOAHOC"]]], "threshold": "15"])
            }
            try await api.expect(.ok, .put, "/api/v1/exam-seasons/\(e.seasonID)", as: e.world.ministryAdmin, ExamWorld.admissionTimeline(wishesOpen: true))
            // Every candidate places two wishes; five also send a list naming no programme; one sends a second list at once.
            var requests: [(id: String, body: String, expected: HTTPResponse.Status)] = ids.map { ($0, #"{"programs":["P1","p2"]}"#, .ok) }
            requests += ids.prefix(5).map { ($0, #"{"programs":["P1","ZZ9"]}"#, .unprocessableContent) }
            requests.append((ids[5], #"{"programs":["P3"]}"#, .ok))
            let answers = try await withThrowingTaskGroup(of: (Int, HTTPResponse.Status).self) { group in
                for (index, request) in requests.enumerated() {
                    group.addTask { (index, try await api.call(.put, "/api/v1/exam-registrations/\(request.id)/wishes", as: board, json: request.body).status) }
                }
                var answers: [Int: HTTPResponse.Status] = [:]
                for try await (index, status) in group { answers[index] = status }
                return answers
            }
            for (index, request) in requests.enumerated() { #expect(answers[index] == request.expected, "request \(index)") }
            for (index, id) in ids.enumerated() {
                let stored = try await api.expect(.ok, .get, "/api/v1/exam-registrations/\(id)/wishes", as: board).items.map { $0["programCode"] as? String }
                if index == 5 {
                    #expect(stored == ["P1", "P2"] || stored == ["P3"], "one of the two lists, whole: \(stored)")
                } else {
                    #expect(stored == ["P1", "P2"], "registration \(index): \(stored)")
                }
            }
            let audited = try await api.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE resource = 'admission_wishes'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(audited == 41)
        }
    }
}
