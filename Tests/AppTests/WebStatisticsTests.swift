import Foundation
import Testing

/// The statistics page: learners by province and level, as an SVG chart and a table, within scope.
@Suite("Web: statistics, on SQLite and PostgreSQL")
struct WebStatisticsTests {
    @Test(arguments: Engine.allCases)
    func officersSeeLearnersByProvinceAndLevelWithinTheirScope(engine: Engine) async throws {
        try await withApp(engine) { api in
            _ = try await RecordsWorld.build(api)
            _ = try await api.user("dept.b", .departmentAdmin, at: "SGDB")
            let ministry = try await Browser.signIn(api, "ministry")
            let page = try await api.call(.get, "/statistics", as: ministry)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Học sinh theo tỉnh và cấp học, năm học 2026-2027</h1>"))
            #expect(page.text.contains("<svg viewBox=") && page.text.contains("role=\"img\""))
            // School C's two grade-6 learners are lower-secondary learners of department A, in the chart and the table.
            #expect(page.text.contains("<title>Sở SGDA · THCS: 2</title>"), "\(page.text)")
            #expect(page.text.contains("<tr><th scope=\"row\">Sở SGDA</th><td>0</td><td>0</td><td>2</td><td>0</td>"))
            #expect(!page.text.contains("<script"))
            // Department B's officer sees none of department A's learners.
            let other = try await api.call(.get, "/statistics", as: try await Browser.signIn(api, "dept.b"))
            #expect(other.status == .ok && !other.text.contains("Sở SGDA"))
            // No sign-in, no statistics.
            #expect(try await api.call(.get, "/statistics").status == .seeOther)
        }
    }
}
