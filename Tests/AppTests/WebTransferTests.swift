import Foundation
import HTTPTypes
import Testing

/// Transfers in the browser: the receiving school's administrator approves a request into a class
/// with a form carrying the session's token; the sending school sees the outcome.
@Suite("Web: transfers, on SQLite and PostgreSQL")
struct WebTransferTests {
    @Test(arguments: Engine.allCases)
    func theReceivingSchoolApprovesAndTheSendingSchoolSeesIt(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let code = try #require(world.learnerA["learnerCode"])
            let learnerID = try #require(world.learnerA["id"])
            try await api.expect(.created, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": code, "schoolCode": "SCHA", "schoolYear": World.year, "className": "1A1", "entryDate": "2026-09-05"])
            let request = try await api.expect(.created, .post, "/api/v1/transfers", as: world.schoolAdminA, [
                "learnerCode": code, "toSchoolCode": "SCHB", "schoolYear": World.year, "effectiveDate": "2026-11-02", "reason": "chuyển nhà"])
            let transferID = try #require(request.json["id"] as? String)

            // The sending school sees its request waiting, with no form to decide it.
            let sending = try await Browser.signIn(api, "admin.a")
            let outgoing = try await api.call(.get, "/transfers", as: sending)
            #expect(outgoing.status == .ok && outgoing.text.contains("Nguyễn Văn An") && outgoing.text.contains("chờ trường nhận duyệt"))
            #expect(!outgoing.text.contains("action=\"/transfers/\(transferID)\""))

            // The receiving school: a class that does not exist is explained, then the approval moves the learner.
            let receiving = try await Browser.signIn(api, "admin.b")
            let incoming = try await api.call(.get, "/transfers", as: receiving)
            #expect(incoming.text.contains("action=\"/transfers/\(transferID)\"") && incoming.text.contains("chuyển nhà"))
            let token = try Browser.formToken(incoming)
            let path = "/transfers/\(transferID)"
            #expect(try await api.call(.post, path, as: receiving, form: Browser.encode([("decision", "approve")])).status == .forbidden)
            let wrongClass = try await api.call(.post, path, as: receiving,
                                                form: Browser.encode([("csrf", token), ("decision", "approve"), ("className", "9Z9")]))
            #expect(wrongClass.status == .seeOther && wrongClass.headers[.location] == "/transfers?error=class")
            #expect(try await api.expect(.ok, .get, "/api/v1/transfers/\(transferID)", as: world.schoolAdminB).json["status"] as? String == "requested")
            let approved = try await api.call(.post, path, as: receiving,
                                              form: Browser.encode([("csrf", token), ("decision", "approve"), ("className", "1A1")]))
            #expect(approved.status == .seeOther && approved.headers[.location] == "/transfers")
            let moved = try await api.expect(.ok, .get, "/api/v1/learners/\(learnerID)", as: world.schoolAdminB)
            #expect(moved.json["schoolCode"] as? String == "SCHB")
            #expect(try await api.call(.get, "/transfers", as: sending).text.contains("đã duyệt"))
            // Deciding twice is explained, not applied.
            let again = try await api.call(.post, path, as: receiving, form: Browser.encode([("csrf", token), ("decision", "refuse")]))
            #expect(again.headers[.location] == "/transfers?error=decided")
        }
    }
}
