import Foundation
import HTTPTypes
import Platform
import SQLKit
import Testing

/// The school health officer records a periodic health check in the browser, over a real socket:
/// numbers typed as Vietnamese write them, BMI-for-age derived, every read audited, and who is refused.
@Suite("Web pages: health checks")
struct WebHealthTests {
    @Test(arguments: Engine.allCases)
    func theHealthOfficerRecordsACheckAndSeesBMIForAge(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            let learnerID = try await api.database.read { db in
                try await db.raw("SELECT id FROM learners WHERE natural_key = \(bind: records.learners[0])").first()!.decode(column: "id", as: String.self)
            }
            _ = try await api.user("yte.c", .schoolHealth, at: "SCHC")
            let officer = try await Browser.signIn(api, "yte.c")
            let path = "/learners/\(learnerID)/health"
            let learnerPage = try await api.call(.get, "/learners/\(learnerID)", as: officer)
            #expect(learnerPage.text.contains("href=\"\(path)\""))
            let empty = try await api.call(.get, path, as: officer)
            #expect(empty.status == .ok && empty.text.contains("Chưa có lần khám nào."))
            #expect(empty.text.contains("<label for=\"heightCm\">Chiều cao (cm)</label>"))
            let token = try Browser.formToken(empty)
            let compressed = try await api.call(.get, path, as: officer, headers: Browser.acceptGzip)
            #expect(compressed.headers[.contentEncoding] == "gzip" && compressed.bytes.count < 100_000)

            // A height that is not a number, then one out of range: nothing stored, the box named.
            let notANumber = try await api.call(.post, path, as: officer, form: Browser.encode([
                ("csrf", token), ("checkedOn", "2026-10-15"), ("heightCm", "một trăm"), ("weightKg", "30")]))
            #expect(notANumber.status == .unprocessableContent && notANumber.text.contains("Chiều cao (cm)</a>: Không phải một số"))
            let tooTall = try await api.call(.post, path, as: officer, form: Browser.encode([
                ("csrf", token), ("checkedOn", "2026-10-15"), ("heightCm", "300"), ("weightKg", "30")]))
            #expect(tooTall.status == .unprocessableContent && tooTall.text.contains("height is 40–220 cm"))
            #expect(tooTall.text.contains("value=\"300\""))

            let saved = try await api.call(.post, path, as: officer, form: Browser.encode([
                ("csrf", token), ("checkedOn", "2026-10-15"), ("heightCm", "135,5"), ("weightKg", "30,2"), ("visionLeft", "10/10"),
                ("visionRight", "8/10"), ("dental", "caries"), ("conditions", "Cận thị; Sâu răng")]))
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.text.contains("role=\"status\">Đã lưu kết quả khám."))
            // 30.2 / 1.355² = 16.4 for a boy of 12 years 6 months: within ±1 SD of the WHO 2007 reference.
            #expect(saved.text.contains("<td>15/10/2026</td><td>135,5</td><td>30,2</td><td>16,4</td><td>Bình thường</td><td>10/10 · 8/10</td><td>Sâu răng</td><td>Cận thị; Sâu răng</td>"))
            let stored = try await api.expect(.ok, .get, "/api/v1/learners/\(learnerID)/health-checks", as: records.schoolAdmin).items
            #expect(stored.count == 1 && stored.first?["heightCm"] as? Double == 135.5 && stored.first?["bmiCategory"] as? String == "normal")
            let reads = try await api.database.read { db in
                try await db.raw("""
                    SELECT COUNT(*) AS n FROM audit_log WHERE resource = 'health_checks' AND action = 'read_sensitive' AND principal_name = 'yte.c'
                    """).first()!.decode(column: "n", as: Int.self)
            }
            #expect(reads >= 5, "every page that shows the checks is an audited read")

            // Without the token, a teacher of the class, another school's admin: refused.
            #expect(try await api.call(.post, path, as: officer, form: Browser.encode([("checkedOn", "2026-10-16")])).status == .forbidden)
            let teacher = try await Browser.signIn(api, "gv.chunhiem")
            #expect(try await api.call(.get, path, as: teacher).status == .forbidden)
            #expect(!(try await api.call(.get, "/learners/\(learnerID)", as: teacher).text.contains("href=\"\(path)\"")))
            let other = try await Browser.signIn(api, "admin.b")
            #expect(try await api.call(.get, path, as: other).status == .notFound)
            #expect(try await api.expect(.ok, .get, "/api/v1/learners/\(learnerID)/health-checks", as: records.schoolAdmin).items.count == 1)
        }
    }
}
