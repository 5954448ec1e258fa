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
}
