import Foundation
import HTTPTypes
import Platform
import Testing

/// A school administrator imports a file from the browser: the form, the job page, the report.
@Suite("Web: imports, on SQLite and PostgreSQL")
struct WebImportTests {
    static func form(_ fields: [(String, String)], file: String, boundary: String) -> [UInt8] {
        var text = ""
        for (name, value) in fields { text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n" }
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hoc-sinh-6A.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        text += file + "\r\n--\(boundary)--\r\n"
        return Array(text.utf8)
    }

    /// Uploads a learners file through the import page's form, then follows the job's page until it is done.
    static func uploadLearners(_ file: String, _ api: TestAPI, as admin: Caller) async throws -> (location: String, page: APIResponse) {
        let token = try Browser.formToken(try await api.call(.get, "/imports", as: admin))
        let boundary = "web-import-boundary"
        let posted = try await api.call(.post, "/imports", as: admin, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
                                        body: form([("csrf", token), ("kind", "learners")], file: file, boundary: boundary))
        let location = try #require(posted.headers[.location])
        var job = try await api.call(.get, location, as: admin)
        for _ in 0..<200 where job.text.contains("http-equiv=\"refresh\"") {
            try await Task.sleep(for: .milliseconds(50))
            job = try await api.call(.get, location, as: admin)
        }
        return (location, job)
    }

    @Test(arguments: Engine.allCases)
    func schoolAdminUploadsAFileAndSeesTheResult(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let admin = try await Browser.signIn(api, "admin.a")
            let page = try await api.call(.get, "/imports", as: admin)
            #expect(page.status == .ok)
            #expect(page.text.contains("<select id=\"kind\" name=\"kind\">") && page.text.contains("Chưa có lần nhập nào."))
            let token = try Browser.formToken(page)
            let boundary = "web-import-boundary"
            let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
            let before = try await api.count("learners")

            // Without the page's token the form is refused and nothing is queued.
            let forged = try await api.call(.post, "/imports", as: admin, headers: headers,
                                            body: Self.form([("kind", "learners")], file: ImportJobsTests.learners, boundary: boundary))
            #expect(forged.status == .forbidden)

            let posted = try await api.call(.post, "/imports", as: admin, headers: headers,
                                            body: Self.form([("csrf", token), ("kind", "learners")], file: ImportJobsTests.learners, boundary: boundary))
            #expect(posted.status == .seeOther)
            let location = try #require(posted.headers[.location])
            #expect(location.hasPrefix("/imports/"))
            var job = try await api.call(.get, location, as: admin)
            for _ in 0..<200 where job.text.contains("http-equiv=\"refresh\"") {
                try await Task.sleep(for: .milliseconds(50))
                job = try await api.call(.get, location, as: admin)
            }
            #expect(job.text.contains("hoc-sinh-6A.csv") && job.text.contains("đã ghi"), "\(job.text)")
            #expect(job.text.contains("<th scope=\"row\">Thêm mới</th><td>2</td>"))
            #expect(try await api.count("learners") == before + 2)
            let listed = try await api.call(.get, "/imports", as: admin)
            #expect(listed.text.contains("href=\"\(location)\""))

            // Someone else's job is not found; a teacher has no import page.
            _ = world
            let otherAdmin = try await Browser.signIn(api, "admin.b")
            #expect(try await api.call(.get, location, as: otherAdmin).status == .notFound)
            #expect(try await api.call(.get, location + "/report", as: otherAdmin).status == .notFound)
            let teacher = try await Browser.signIn(api, "teacher.a")
            #expect(try await api.call(.get, "/imports", as: teacher).status == .forbidden)
        }
    }

    @Test(arguments: Engine.allCases)
    func refusedRowsAreListedWithTheirReport(engine: Engine) async throws {
        try await withApp(engine) { api in
            _ = try await World.build(api)
            let admin = try await Browser.signIn(api, "admin.a")
            let file = ImportJobsTests.learners + ",1.9232E+10,Lê Thu Hà,01/02/2020,Nữ,SCHA\n"
            let (location, job) = try await Self.uploadLearners(file, api, as: admin)
            #expect(job.text.contains("có dòng lỗi, không ghi gì"))
            // The good rows are not counted as created: nothing was.
            #expect(job.text.contains("<th scope=\"row\">Dòng hợp lệ (chưa ghi)</th><td>2</td>"))
            #expect(!job.text.contains("Thêm mới"))
            #expect(job.text.contains("citizenId.scientificNotationLostDigits"))
            let report = try await api.call(.get, location + "/report", as: admin)
            #expect(report.status == .ok && report.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(report.text.contains("4,Số định danh cá nhân,1.9232E+10,error,citizenId.scientificNotationLostDigits"))
        }
    }

    /// A file that cannot be imported as a whole (its dates written month first) says why on its job page.
    @Test(arguments: Engine.allCases)
    func aFileRefusedWholeSaysWhy(engine: Engine) async throws {
        try await withApp(engine) { api in
            _ = try await World.build(api)
            let admin = try await Browser.signIn(api, "admin.a")
            let file = """
                Mã định danh,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Mã trường
                ,019320000301,Trần Thị Mai,12/25/2020,Nữ,SCHA
                ,019220000302,Lê Văn Nam,05/09/2020,Nam,SCHA

                """
            let before = try await api.count("learners")
            let (_, job) = try await Self.uploadLearners(file, api, as: admin)
            #expect(job.text.contains("không nhập được tệp"), "\(job.text)")
            #expect(job.text.contains("Ngày sinh: the dates are written month first"))
            #expect(try await api.count("learners") == before)
        }
    }
}
