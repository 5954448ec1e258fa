import Foundation
import HTTPTypes
import Platform
import Testing

/// Imports through the API: a school's software uploads a file, follows the job, reads the report.
@Suite("Import jobs over HTTP, on SQLite and PostgreSQL")
struct ImportJobsTests {
    static let learners = """
        Mã định danh,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Mã trường
        ,019320000201,Trần Thị Hoa,05/09/2020,Nữ,SCHA
        ,019220000202,  NGUYỄN VĂN BÌNH ,12/03/2020,Nam,SCHA

        """

    @Test(arguments: Engine.allCases)
    func schoolUploadsFileFollowsJobAndReadsReport(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let before = try await api.count("learners")
            let accepted = try await api.call(.post, "/api/v1/imports?kind=learners", as: world.clientA, headers: [.contentType: "text/csv"],
                                              body: Array(Self.learners.utf8))
            #expect(accepted.status == .accepted)
            let id = try #require(accepted.json["id"] as? String)
            #expect(accepted.headers[.location] == "/api/v1/imports/\(id)")
            let job = try await api.finishedJob(id, as: world.clientA)
            #expect(job["status"] as? String == "succeeded")
            let summary = try #require(job["summary"] as? [String: Any])
            #expect(summary["created"] as? Int == 2 && summary["refused"] as? Int == 0)
            #expect(try await api.count("learners") == before + 2)
            // The job and its report are the uploader's alone.
            try await api.expect(.notFound, .get, "/api/v1/imports/\(id)", as: world.schoolAdminB)
            try await api.expect(.notFound, .get, "/api/v1/imports/\(id)/report", as: world.schoolAdminA)
            let listed = try await api.expect(.ok, .get, "/api/v1/imports", as: world.clientA)
            #expect(listed.items.compactMap { $0["id"] as? String } == [id])
            #expect(try await api.expect(.ok, .get, "/api/v1/imports", as: world.schoolAdminB).items.isEmpty)
        }
    }

    @Test(arguments: Engine.allCases)
    func formUploadOfAnotherSchoolsLearnersIsRefusedWithNothingStored(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let before = try await api.count("learners")
            // School A's admin sends a row for school B: outside its scope, so the whole file is refused.
            let file = Self.learners + ",019320000203,Lê Thu Hà,01/02/2020,Nữ,SCHB\n"
            let boundary = "nemis-test-boundary"
            let form = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hoc-sinh.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + file + "\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\nhoc-sinh.csv\r\n--\(boundary)--\r\n"
            let accepted = try await api.call(.post, "/api/v1/imports?kind=learners", as: world.schoolAdminA,
                                              headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: Array(form.utf8))
            #expect(accepted.status == .accepted)
            let id = try #require(accepted.json["id"] as? String)
            let job = try await api.finishedJob(id, as: world.schoolAdminA)
            #expect(job["status"] as? String == "refused")
            #expect(job["fileName"] as? String == "hoc-sinh.csv")
            #expect(try await api.count("learners") == before)
            let report = try await api.call(.get, "/api/v1/imports/\(id)/report", as: world.schoolAdminA)
            #expect(report.status == .ok)
            #expect(report.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = report.text.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            // Outside the uploader's scope reads as not found, so a school cannot learn what others hold.
            #expect(lines.last?.hasPrefix("4,,,error,notFound,") == true, "\(lines)")
        }
    }

    @Test(arguments: Engine.allCases)
    func whoMayUpload(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let body = Array(Self.learners.utf8)
            try await api.expectStatus(.unauthorized, .post, "/api/v1/imports?kind=learners", as: .anonymous, body: body)
            try await api.expectStatus(.forbidden, .post, "/api/v1/imports?kind=learners", as: world.teacherA, body: body)
            try await api.expectStatus(.forbidden, .post, "/api/v1/imports?kind=learners", as: world.analyst, body: body)
            try await api.expectStatus(.badRequest, .post, "/api/v1/imports?kind=pupils", as: world.schoolAdminA, body: body)
            try await api.expectStatus(.badRequest, .post, "/api/v1/imports?kind=learners", as: world.schoolAdminA, body: [])
            // A file whose header lacks required columns fails as a whole, and says which.
            let accepted = try await api.call(.post, "/api/v1/imports?kind=learners", as: world.schoolAdminA,
                                              body: Array("Họ và tên,Mã trường\nAn,SCHA\n".utf8))
            let job = try await api.finishedJob(try #require(accepted.json["id"] as? String), as: world.schoolAdminA)
            #expect(job["status"] as? String == "failed")
            #expect((job["message"] as? String)?.contains("date_of_birth") == true)
        }
    }
}

extension TestAPI {
    /// Polls a job until it has finished (the importer runs in the background).
    func finishedJob(_ id: String, as caller: Caller) async throws -> [String: Any] {
        for _ in 0..<200 {
            let job = try await expect(.ok, .get, "/api/v1/imports/\(id)", as: caller).json
            if let status = job["status"] as? String, status != "queued", status != "running" { return job }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("import job \(id) did not finish in 10 s")
    }

    func expectStatus(_ status: HTTPResponse.Status, _ method: HTTPRequest.Method, _ path: String, as caller: Caller, body: [UInt8]) async throws {
        let response = try await call(method, path, as: caller, headers: [.contentType: "text/csv"], body: body)
        #expect(response.status == status, "\(method) \(path): \(response.text)")
    }
}
