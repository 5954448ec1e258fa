import Foundation
import HTTPTypes
import Platform
import Testing

/// The school admin's pages beyond browsing: the school's staff and the learners who left this year.
@Suite("Web pages: school administration")
struct WebSchoolAdminTests {
    @Test(arguments: Engine.allCases)
    func theSchoolAdminSeesWhoLeftTheSchoolThisYear(engine: Engine) async throws {
        try await withLiveApp(engine) { api in
            let records = try await RecordsWorld.build(api)
            let admin = try await Browser.signIn(api, "admin.c")
            let home = try await api.call(.get, "/", as: admin)
            let match = try #require(home.text.firstMatch(of: /href="(\/schools\/[0-9a-f-]+\/enrolments)">Biến động học sinh</))
            let movements = String(match.1)
            let before = try await api.call(.get, movements, as: admin)
            #expect(before.status == .ok)
            #expect(before.text.contains("chưa có học sinh chuyển đi"))

            let enrolments = try await api.expect(.ok, .get, "/api/v1/enrolments?classId=\(records.classID)", as: records.schoolAdmin).items
            let ha = try #require(enrolments.first { $0["learnerCode"] as? String == records.learners[1] }?["id"] as? String)
            try await api.expect(.ok, .post, "/api/v1/enrolments/\(ha)/drop-out", as: records.schoolAdmin,
                                 ["date": "2026-10-20", "reason": "gia đình chuyển vùng"])
            let after = try await api.call(.get, movements, as: admin)
            #expect(after.text.contains(">Trần Thu Hà</a>"))
            #expect(after.text.contains("<td>bỏ học</td><td>20/10/2026</td><td>gia đình chuyển vùng</td>"))
            #expect(!after.text.contains("Nguyễn Minh Khoa"))

            let staff = try await api.call(.get, movements.replacingOccurrences(of: "/enrolments", with: "/staff"), as: admin)
            #expect(staff.text.contains("<td>Phạm Văn Toán</td><td>GVC001</td><td>giáo viên</td>"))
            // Another school's admin does not find this school.
            let other = try await Browser.signIn(api, "admin.b")
            #expect(try await api.call(.get, movements, as: other).status == .notFound)
        }
    }
}
