import Foundation
import HTTPTypes
import Platform
import Testing

/// The homeroom teacher reads the class's year results as the school computed them.
@Suite("Web pages: year results")
struct WebYearResultsTests {
    @Test(arguments: Engine.allCases)
    func theHomeroomTeacherReadsTheYearResults(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            let page = "/classes/\(records.classID)/year-results"
            let homeroom = try await Browser.signIn(api, "gv.chunhiem")
            let mine = try await api.call(.get, "/my-classes", as: homeroom)
            #expect(mine.text.contains("href=\"\(page)\""))
            let before = try await api.call(.get, page, as: homeroom)
            #expect(before.status == .ok)
            #expect(before.text.contains("Nhà trường chưa tính kết quả cả năm"))

            try await records.enterWholeYear(api, learner: records.learners[0]) { _ in "9" }
            try await records.conduct(api, learner: records.learners[0])
            try await api.expect(.ok, .post, "/api/v1/classes/\(records.classID)/year-results", as: records.schoolAdmin)
            let after = try await api.call(.get, page, as: homeroom)
            #expect(after.status == .ok)
            // The computed learner: 9,0 in mathematics, Tốt, promoted, Outstanding; the other not computed yet.
            #expect(after.text.contains("<th scope=\"col\">Toán</th>"))
            #expect(after.text.contains("<th scope=\"row\">Nguyễn Minh Khoa</th><td>9,0</td>"))
            #expect(after.text.contains("<td>Tốt</td><td>Tốt</td><td>3</td><td>Được lên lớp</td><td>Học sinh Xuất sắc</td>"))
            #expect(after.text.contains("<th scope=\"row\">Trần Thu Hà</th><td colspan=\"17\" class=\"muted\">Chưa tính</td>"))
            let english = try await api.call(.get, page, headers: [.cookie: "\(AuthMiddleware.cookieName)=\(homeroom.cookie!); lang=en"])
            #expect(english.text.contains("<th scope=\"col\">Mathematics</th>") && english.text.contains("<td>Promoted</td><td>Outstanding student</td>"))

            // Another school's admin does not find the class.
            let other = try await Browser.signIn(api, "admin.b")
            #expect(try await api.call(.get, page, as: other).status == .notFound)
        }
    }
}
