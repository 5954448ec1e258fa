import Foundation
import HTTPTypes
@testable import Platform
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

    /// A school's software sends its OneRoster 1.2 set as a ZIP (files in a folder inside it, as
    /// zip tools often put them): the job converts and imports it like `nemis oneroster import`,
    /// and a set with a bad line is refused whole, its report naming the OneRoster file and line.
    @Test(arguments: Engine.allCases)
    func aOneRosterSetUploadedAsAZipIsImported(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            try await api.expect(.created, .post, "/api/v1/schools", as: world.ministryAdmin, [
                "schoolCode": "19THCS900", "name": "Trường THCS Vạn Phú", "levels": ["lowerSecondary"], "ownership": "public",
                "communeCode": "05443", "departmentCode": "SGDA"])
            let software = try await api.client("smas-900", scopes: [.registryRead, .registryWrite], at: "19THCS900")
            func zip(_ folder: URL) throws -> [UInt8] {
                var writer = ZipWriter(output: .memory())
                for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                    try writer.addEntry(name: "smas/\(name)", bytes: Array(try Data(contentsOf: folder.appendingPathComponent(name))))
                }
                return try writer.finish()
            }
            func upload(_ body: [UInt8], as caller: Caller) async throws -> [String: Any] {
                let accepted = try await api.call(.post, "/api/v1/imports?kind=oneroster", as: caller, headers: [.contentType: "application/zip"], body: body)
                #expect(accepted.status == .accepted, "\(accepted.text)")
                #expect(accepted.json["fileName"] as? String == "oneroster.zip")
                return try await api.finishedJob(try #require(accepted.json["id"] as? String), as: caller)
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-oneroster-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }

            // A user without demographics (users.csv line 8): nothing is stored, and the report says where.
            let staffBefore = try await api.count("staff")
            try OneRosterImportTests.foreignSet(folder, extraUsers: "u5,active,2026-09-01,true,dung,,Dũng,Hồ,,1900000014,,,,,07,,,,,,,s1,")
            try Data((String(decoding: try Data(contentsOf: folder.appendingPathComponent("roles.csv")), as: UTF8.self)
                + "r8,active,2026-09-01,u5,primary,student,,,s1,\n").utf8).write(to: folder.appendingPathComponent("roles.csv"))
            let refused = try await upload(try zip(folder), as: software)
            #expect(refused["status"] as? String == "refused")
            let refusedSummary = try #require(refused["summary"] as? [String: Any])
            #expect(refusedSummary["refused"] as? Int == 1 && refusedSummary["committed"] as? Bool == false)
            #expect((refusedSummary["reasons"] as? [[String: Any]])?.first?["code"] as? String == "oneroster.noDemographics")
            let report = try await api.call(.get, "/api/v1/imports/\(try #require(refused["id"] as? String))/report", as: software)
            let lines = report.text.split(separator: "\n").map(String.init)
            #expect(lines.count == 2 && lines[1].hasPrefix("users.csv:8,sourcedId,"), "\(lines)")
            #expect(try await api.count("staff") == staffBefore)

            try FileManager.default.removeItem(at: folder)
            try OneRosterImportTests.foreignSet(folder)
            let done = try await upload(try zip(folder), as: software)
            #expect(done["status"] as? String == "succeeded", "\(done)")
            let summary = try #require(done["summary"] as? [String: Any])
            // 1 teacher, 2 homeroom classes, 3 learners with 3 enrolments, Mathematics taught to 7A and 7B.
            #expect(summary["created"] as? Int == 11 && summary["refused"] as? Int == 0 && summary["committed"] as? Bool == true)
            let learners = try await api.expect(.ok, .get, "/api/v1/learners", as: software)
            #expect(Set(learners.items.compactMap { $0["fullName"] as? String }) == ["Lê Bình An", "Phạm Bình", "Đỗ Minh Chi"])

            // Not a ZIP: the job fails and says what a set must be; a school outside the set's school stores nothing.
            let notZip = try await upload(Array("sourcedId,status\n".utf8), as: software)
            #expect(notZip["status"] as? String == "failed")
            #expect((notZip["message"] as? String)?.contains("ZIP") == true, "\(notZip)")
            let otherSchool = try await upload(try zip(folder), as: world.schoolAdminA)
            #expect(otherSchool["status"] as? String == "refused")
            try await api.expectStatus(.forbidden, .post, "/api/v1/imports?kind=oneroster", as: world.teacherA, body: try zip(folder))
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
