import Foundation
import HTTPTypes
import Platform
import Testing

/// A small country for the HTTP tests: two departments, school A under department A and school B under
/// department B, a school year, a class in each school, a teacher at A and one learner in each school.
struct World: Sendable {
    let api: TestAPI
    let ministryAdmin: Caller
    let analyst: Caller
    let departmentAdminA: Caller
    let schoolAdminA: Caller
    let teacherA: Caller
    let schoolAdminB: Caller
    let clientA: Caller
    let learnerA: [String: String]
    let learnerB: [String: String]

    static let year = "2026-2027"

    static func build(_ api: TestAPI) async throws -> World {
        let ministry = try await api.user("ministry", .ministryAdmin, at: "MOET")
        for (code, province) in [("SGDA", "19"), ("SGDB", "01")] {
            try await api.expect(.created, .post, "/api/v1/org-units", as: ministry,
                                 ["code": code, "kind": "department", "name": "Sở \(code)", "parentCode": "MOET", "provinceCode": province])
        }
        try await api.expect(.created, .post, "/api/v1/school-years", as: ministry, [
            "schoolYear": year, "startDate": "2026-09-05", "endDate": "2027-05-31",
            "semesters": [["name": "I", "startDate": "2026-09-05", "endDate": "2027-01-17"],
                          ["name": "II", "startDate": "2027-01-19", "endDate": "2027-05-31"]],
        ])
        for (code, department, commune) in [("SCHA", "SGDA", "05443"), ("SCHB", "SGDB", "00004")] {
            try await api.expect(.created, .post, "/api/v1/schools", as: ministry, [
                "schoolCode": code, "name": "Trường Tiểu học \(code)", "levels": ["primary"], "ownership": "public",
                "communeCode": commune, "departmentCode": department,
            ])
            try await api.expect(.created, .post, "/api/v1/classes", as: ministry,
                                 ["schoolCode": code, "schoolYear": year, "name": "1A1", "grade": "1"])
        }
        try await api.expect(.created, .post, "/api/v1/staff", as: ministry, [
            "staffCode": "GVA001", "fullName": "Lê Thị Hoa", "dateOfBirth": "1985-04-02", "sex": "female",
            "citizenId": "019185000111", "employments": [["schoolCode": "SCHA", "position": "teacher", "startDate": "2010-08-15"]],
        ])
        let a = try await api.expect(.created, .post, "/api/v1/learners", as: ministry, [
            "fullName": "Nguyễn Văn An", "dateOfBirth": "2020-03-15", "sex": "male", "citizenId": "019220123456",
            "schoolCode": "SCHA",
        ])
        let b = try await api.expect(.created, .post, "/api/v1/learners", as: ministry, [
            "learnerCode": "0100000001", "fullName": "Trần Thị Bình", "dateOfBirth": "2020-05-01", "sex": "female",
            "citizenId": "001320654321", "schoolCode": "SCHB",
        ])
        return World(
            api: api, ministryAdmin: ministry,
            analyst: try await api.user("analyst", .ministryAnalyst, at: "MOET"),
            departmentAdminA: try await api.user("dept.a", .departmentAdmin, at: "SGDA"),
            schoolAdminA: try await api.user("admin.a", .schoolAdmin, at: "SCHA"),
            teacherA: try await api.user("teacher.a", .teacher, at: "SCHA"),
            schoolAdminB: try await api.user("admin.b", .schoolAdmin, at: "SCHB"),
            clientA: try await api.client("sis-a", scopes: [.registryRead, .registryWrite], at: "SCHA"),
            learnerA: a.json.compactMapValues { $0 as? String },
            learnerB: b.json.compactMapValues { $0 as? String })
    }
}

extension TestAPI {
    /// Sends `body` as JSON and expects `status`; on a mismatch the test fails showing the answer.
    @discardableResult
    func expect(_ status: HTTPResponse.Status, _ method: HTTPRequest.Method, _ path: String, as caller: Caller,
                _ body: [String: Any]? = nil, headers: HTTPFields = [:],
                sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIResponse {
        let json = try body.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        let response = try await call(method, path, as: caller, json: json, headers: headers)
        #expect(response.status == status, "\(method) \(path): \(response.text)", sourceLocation: sourceLocation)
        return response
    }

    /// The number of rows in a table, to show that a refused request wrote nothing.
    func count(_ table: String) async throws -> Int {
        try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
        }
    }
}
