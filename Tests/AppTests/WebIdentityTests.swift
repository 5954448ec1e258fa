import Foundation
import HTTPTypes
import Testing

/// Identity verification in the browser: a school administrator starts a run, reads the correction
/// list, and decides the review queue with forms that carry the session's token.
@Suite("Web: identity verification, on SQLite and PostgreSQL")
struct WebIdentityTests {
    @Test(arguments: Engine.allCases)
    func aSchoolAdministratorVerifiesReviewsAndDownloadsCorrections(engine: Engine) async throws {
        let registry = try IdentityVerificationTests.registryFile()
        try await withApp(engine, configure: { $0.populationRegistry = ["NEMIS_POPULATION_FILE": registry] }) { api in
            let world = try await World.build(api)
            let ids = try await IdentityVerificationTests.addRecords(world)
            let admin = try await Browser.signIn(api, "admin.a")
            let overview = try await api.call(.get, "/identity", as: admin)
            #expect(overview.status == .ok)
            #expect(overview.text.contains("<h1>Xác thực định danh</h1>") && overview.text.contains("Chưa có lần xác thực nào."))
            #expect(overview.text.contains("<option value=\"SCHA\">"))
            let token = try Browser.formToken(overview)

            // A form without the session's token is refused and starts nothing.
            #expect(try await api.call(.post, "/identity/runs", as: admin, form: Browser.encode([("scope", "SCHA")])).status == .forbidden)
            #expect(try await api.count("verification_runs") == 0)
            let started = try await api.call(.post, "/identity/runs", as: admin, form: Browser.encode([("csrf", token), ("scope", "SCHA")]))
            #expect(started.status == .seeOther && started.headers[.location] == "/identity")
            let runs = try await api.expect(.ok, .get, "/api/v1/identity/runs", as: world.schoolAdminA).items
            _ = try await api.finishedRun(try #require(runs.first?["id"] as? String), as: world.schoolAdminA)

            let after = try await api.call(.get, "/identity", as: admin)
            #expect(after.text.contains("<svg viewBox=") && after.text.contains("Tỉ lệ xác thực theo trường"))
            #expect(after.text.contains("3 hồ sơ chờ rà soát"))
            #expect(after.text.contains("<td>SCHA</td><td>đã xong</td><td>8/8</td>"), "\(after.text)")

            let corrections = try await api.call(.get, "/identity/corrections", as: admin)
            #expect(corrections.text.contains("Pham Minh Khoi") && corrections.text.contains("<strong>Phạm Minh Khôi</strong>"))
            #expect(corrections.text.contains("không tìm thấy người khớp"))
            let file = try await api.call(.get, "/identity/corrections.csv", as: admin)
            #expect(file.status == .ok && file.headers[.contentType] == "text/csv; charset=utf-8" && file.text.contains("Trịnh Văn Tùng"))

            // The queue shows each proposal with its evidence; confirming writes the ID onto the record.
            let queue = try await api.call(.get, "/identity/review", as: admin)
            #expect(queue.text.contains("Lê Văn Hùng") && queue.text.contains("value=\"019220000555\" checked"))
            #expect(queue.text.contains("<li>ngày sinh: "), "\(queue.text)")
            let path = "/identity/review/learner/\(ids["hung"]!)"
            #expect(try await api.call(.post, path, as: admin, form: Browser.encode([("decision", "reject")])).status == .forbidden)
            let confirmed = try await api.call(.post, path, as: admin,
                                               form: Browser.encode([("csrf", token), ("decision", "confirm"), ("citizenId", "019220000555")]))
            #expect(confirmed.status == .seeOther && confirmed.headers[.location] == "/identity/review")
            let learner = try await api.expect(.ok, .get, "/api/v1/learners/\(ids["hung"]!)", as: world.schoolAdminA)
            #expect(learner.json["citizenId"] as? String == "019220000555")
            let remaining = try await api.call(.get, "/identity/review", as: admin)
            #expect(!remaining.text.contains("Lê Văn Hùng") && remaining.text.contains("Bùi Quang Huy"))

            // A teacher has no identity pages.
            let teacher = try await Browser.signIn(api, "teacher.a")
            #expect(try await api.call(.get, "/identity", as: teacher).status == .forbidden)
        }
    }
}
