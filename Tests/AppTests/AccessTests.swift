import Foundation
import HTTPTypes
import Platform
import Testing

@Suite("Access control, on SQLite and PostgreSQL")
struct AccessTests {
    @Test(arguments: Engine.allCases)
    func unauthenticatedRequestsAnswer401(engine: Engine) async throws {
        try await withApp(engine) { api in
            _ = try await World.build(api)
            let response = try await api.call(.get, "/api/v1/learners")
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] != nil)
            let forged = try await api.call(.get, "/api/v1/learners", as: Caller(bearer: "not-a-token"))
            #expect(forged.status == .unauthorized)
        }
    }

    /// Every documented route, called by every role at its own school and at a foreign school: a
    /// record of school B never reaches a caller whose nodes do not contain B.
    @Test(arguments: Engine.allCases)
    func authorisationMatrixHasNoLeaks(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let learnerB = try #require(world.learnerB["id"])
            let codeB = try #require(world.learnerB["learnerCode"])
            // B's records of every kind, by ID.
            let codeA = try #require(world.learnerA["learnerCode"])
            try await api.expect(.created, .post, "/api/v1/enrolments", as: world.schoolAdminB, [
                "learnerCode": codeB, "schoolCode": "SCHB", "schoolYear": World.year, "className": "1A1", "entryDate": "2026-09-05"])
            try await api.expect(.created, .post, "/api/v1/guardians", as: world.schoolAdminB, [
                "learnerCode": codeB, "fullName": "Trần Văn Cha", "relationship": "father"])
            try await api.expect(.created, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": codeA, "schoolCode": "SCHA", "schoolYear": World.year, "className": "1A1", "entryDate": "2026-09-05"])
            var recordsOfB: [String: String] = ["learners": learnerB]
            for resource in ["enrolments", "guardians", "classes", "schools", "staff"] {
                let page = try await api.expect(.ok, .get, "/api/v1/\(resource)?pageSize=500", as: world.ministryAdmin)
                for item in page.items {
                    let owner = (item["schoolCode"] as? String) ?? (item["employments"] as? [[String: Any]])?.first?["schoolCode"] as? String
                    if owner == "SCHB", let id = item["id"] as? String { recordsOfB[resource] = id }
                }
            }
            let foreign: [(String, Caller)] = [
                ("school admin A", world.schoolAdminA), ("teacher A", world.teacherA),
                ("department admin A", world.departmentAdminA), ("API client A", world.clientA),
            ]
            for (role, caller) in foreign {
                for (resource, id) in recordsOfB {
                    let get = try await api.call(.get, "/api/v1/\(resource)/\(id)", as: caller)
                    #expect(get.status == .notFound, "\(role) GET \(resource)/\(id): \(get.status)")
                    let list = try await api.call(.get, "/api/v1/\(resource)?pageSize=500", as: caller)
                    #expect(!list.text.contains(id), "\(role) listed \(resource) of school B")
                    if resource != "schools" && resource != "school-years" {
                        let delete = try await api.call(.delete, "/api/v1/\(resource)/\(id)", as: caller, headers: caller.csrfHeaders)
                        #expect(delete.status == .notFound, "\(role) DELETE \(resource)/\(id): \(delete.status)")
                    }
                }
                // Writing B's learner by its natural key is refused as if it did not exist.
                let write = try await api.call(.post, "/api/v1/learners", as: caller, json: """
                    {"learnerCode":"\(codeB)","fullName":"Trần Thị Bình","dateOfBirth":"2020-05-01","sex":"female","schoolCode":"SCHB"}
                    """)
                #expect([.notFound, .forbidden].contains(write.status), "\(role) wrote B's learner: \(write.status)")
                let feed = try await api.call(.get, "/api/v1/changes?pageSize=500", as: caller)
                #expect(!feed.text.contains(learnerB), "\(role) saw B in the change feed")
                let roster = try await api.call(.get, "/api/v1/classes/\(recordsOfB["classes"]!)/roster", as: caller)
                #expect(roster.status == .notFound, "\(role) read B's roster")
                // Every lifecycle action on B's records answers as if they did not exist.
                let enrolmentB = recordsOfB["enrolments"]!
                for (path, body) in [("/api/v1/enrolments/\(enrolmentB)/withdraw", #"{"date":"2026-10-01"}"#),
                                     ("/api/v1/enrolments/\(enrolmentB)/drop-out", #"{"date":"2026-10-01","reason":"x"}"#),
                                     ("/api/v1/enrolments/\(enrolmentB)/year-end", #"{"date":"2027-05-31","outcome":"promoted"}"#)] {
                    let action = try await api.call(.post, path, as: caller, json: body)
                    #expect(action.status == .notFound, "\(role) POST \(path): \(action.status)")
                }
                let schoolB = recordsOfB["schools"]!
                try await api.expect(.notFound, .get, "/api/v1/org-units/\(schoolB)", as: caller)
            }
            // The ministry and B's own admin do see them.
            for caller in [world.ministryAdmin, world.analyst, world.schoolAdminB] {
                try await api.expect(.ok, .get, "/api/v1/learners/\(learnerB)", as: caller)
            }
            #expect(try await api.count("learners") == 2)
        }
    }

    @Test(arguments: Engine.allCases)
    func rolesThatMayOnlyReadCannotWrite(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let body: [String: Any] = ["fullName": "Mai Văn Tư", "dateOfBirth": "2019-02-03", "sex": "male", "schoolCode": "SCHA"]
            try await api.expect(.forbidden, .post, "/api/v1/learners", as: world.teacherA, body, headers: world.teacherA.csrfHeaders)
            try await api.expect(.forbidden, .post, "/api/v1/learners", as: world.analyst, body, headers: world.analyst.csrfHeaders)
            let readOnly = try await api.client("reader", scopes: [.registryRead], at: "SCHA")
            try await api.expect(.forbidden, .post, "/api/v1/learners", as: readOnly, body)
            try await api.expect(.created, .post, "/api/v1/learners", as: world.clientA, body)
            // A school admin cannot create a school, nor grant a role above its own node.
            let school: [String: Any] = ["schoolCode": "SCHC", "name": "Trường mới", "levels": ["primary"], "ownership": "public",
                                         "communeCode": "05443", "departmentCode": "SGDA"]
            try await api.expect(.notFound, .post, "/api/v1/schools", as: world.schoolAdminA, school, headers: world.schoolAdminA.csrfHeaders)
            try await api.expect(.created, .post, "/api/v1/schools", as: world.departmentAdminA, school, headers: world.departmentAdminA.csrfHeaders)
        }
    }

    @Test(arguments: Engine.allCases)
    func citizenIDNeedsItsScopeAndEveryReadIsAudited(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let id = try #require(world.learnerA["id"])
            let analystView = try await api.expect(.ok, .get, "/api/v1/learners/\(id)", as: world.analyst)
            #expect(analystView.json["citizenId"] == nil)
            #expect(analystView.json["fullName"] as? String == "Nguyễn Văn An")
            let teacherView = try await api.expect(.ok, .get, "/api/v1/learners/\(id)", as: world.teacherA)
            #expect(teacherView.json["citizenId"] == nil)
            let clientView = try await api.expect(.ok, .get, "/api/v1/learners/\(id)", as: world.clientA)
            #expect(clientView.json["citizenId"] == nil)
            let before = try await api.expect(.ok, .get, "/api/v1/audit-log?resource=learners&recordId=\(id)", as: world.schoolAdminA)
            let reads = before.items.filter { $0["action"] as? String == "read_sensitive" }.count
            let adminView = try await api.expect(.ok, .get, "/api/v1/learners/\(id)", as: world.schoolAdminA)
            #expect(adminView.json["citizenId"] as? String == "019220123456")
            let after = try await api.expect(.ok, .get, "/api/v1/audit-log?resource=learners&recordId=\(id)", as: world.schoolAdminA)
            let entries = after.items.filter { $0["action"] as? String == "read_sensitive" }
            #expect(entries.count == reads + 1)
            #expect(entries.first?["principalName"] as? String == "admin.a")
            // The audit log itself needs audit:read and stays within the caller's nodes.
            try await api.expect(.forbidden, .get, "/api/v1/audit-log", as: world.teacherA)
            let other = try await api.expect(.ok, .get, "/api/v1/audit-log?recordId=\(id)", as: world.schoolAdminB)
            #expect(other.items.isEmpty)
        }
    }

    @Test(arguments: Engine.allCases)
    func sessionsNeedTheCSRFTokenForWrites(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let withoutToken = world.schoolAdminA.withoutCSRFToken
            let body: [String: Any] = ["fullName": "Đinh Văn Năm", "dateOfBirth": "2019-02-03", "sex": "male", "schoolCode": "SCHA"]
            try await api.expect(.forbidden, .post, "/api/v1/learners", as: withoutToken, body)
            try await api.expect(.ok, .get, "/api/v1/me", as: withoutToken)
            try await api.expect(.created, .post, "/api/v1/learners", as: world.schoolAdminA, body)
            // Signing out ends the session.
            try await api.expect(.noContent, .delete, "/api/v1/session", as: world.schoolAdminA)
            try await api.expect(.unauthorized, .get, "/api/v1/me", as: world.schoolAdminA)
        }
    }

    @Test(arguments: Engine.allCases)
    func signInIsRateLimited(engine: Engine) async throws {
        try await withApp(engine) { api in
            _ = try await World.build(api)
            for _ in 0..<5 {
                try await api.expect(.unauthorized, .post, "/api/v1/session", as: .anonymous, ["username": "admin.a", "password": "wrong-password!"])
            }
            let limited = try await api.expect(.tooManyRequests, .post, "/api/v1/session", as: .anonymous,
                                               ["username": "admin.a", "password": "correct-horse-battery"])
            #expect(limited.headers[.retryAfter] != nil)
        }
    }

    @Test(arguments: Engine.allCases)
    func clientCredentialsIssueBearerTokens(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let me = try await api.expect(.ok, .get, "/api/v1/me", as: world.clientA)
            #expect(me.json["kind"] as? String == "client")
            let wrong = try await api.call(.post, "/oauth/token", form: "grant_type=client_credentials&client_id=nemis-x&client_secret=nope")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.json["error"] as? String == "invalid_client")
            let grant = try await api.call(.post, "/oauth/token", form: "grant_type=password&username=a&password=b")
            #expect(grant.json["error"] as? String == "unsupported_grant_type")
        }
    }

    @Test(arguments: Engine.allCases)
    func grantsStayBelowTheGrantersNode(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let user = try await api.expect(.created, .post, "/api/v1/users", as: world.schoolAdminA,
                                            ["username": "new.teacher", "displayName": "Cô Lan", "password": "a-long-password"])
            let id = try #require(user.json["id"] as? String)
            try await api.expect(.ok, .post, "/api/v1/users/\(id)/grants", as: world.schoolAdminA, ["role": "teacher", "orgCode": "SCHA"])
            try await api.expect(.notFound, .post, "/api/v1/users/\(id)/grants", as: world.schoolAdminA, ["role": "teacher", "orgCode": "SCHB"])
            try await api.expect(.forbidden, .post, "/api/v1/users/\(id)/grants", as: world.schoolAdminA, ["role": "ministry_admin", "orgCode": "SCHA"])
        }
    }
}

@Suite("Access control: what must not leak, on SQLite and PostgreSQL")
struct LeakTests {
    @Test(arguments: Engine.allCases)
    func referencesToAnotherSchoolsLearnerRevealNothing(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let codeB = try #require(world.learnerB["learnerCode"])
            let unknown = try await api.expect(.unprocessableContent, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": "1999999999", "schoolCode": "SCHA", "schoolYear": World.year, "entryDate": "2026-09-05"])
            let foreign = try await api.expect(.unprocessableContent, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": codeB, "schoolCode": "SCHA", "schoolYear": World.year, "entryDate": "2026-09-05"])
            // Another school's learner looks exactly like one that does not exist.
            #expect(foreign.errorCode == "learner.unknown")
            let unknownDetail = (unknown.json["detail"] as? String)?.replacingOccurrences(of: "1999999999", with: codeB)
            #expect(foreign.json["detail"] as? String == unknownDetail)
            #expect(!foreign.text.contains("SCHB"))
            for toSchool in ["SCHA", "SCHB"] {
                let transfer = try await api.expect(.unprocessableContent, .post, "/api/v1/transfers", as: world.schoolAdminA, [
                    "learnerCode": codeB, "toSchoolCode": toSchool, "schoolYear": World.year, "effectiveDate": "2026-11-02"])
                #expect(transfer.errorCode == "learner.unknown")
            }
            try await api.expect(.unprocessableContent, .post, "/api/v1/guardians", as: world.schoolAdminA, [
                "learnerCode": codeB, "fullName": "Trần Văn Lạ", "relationship": "father"])
            #expect(try await api.count("enrolments") == 0)
        }
    }

    @Test(arguments: Engine.allCases)
    func sharingARecordDoesNotGrantWritingIt(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let code = try #require(world.learnerA["learnerCode"])
            let old = try await api.expect(.created, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": code, "schoolCode": "SCHA", "schoolYear": World.year, "className": "1A1", "entryDate": "2026-09-05"])
            let transfer = try await api.expect(.created, .post, "/api/v1/transfers", as: world.schoolAdminA, [
                "learnerCode": code, "toSchoolCode": "SCHB", "schoolYear": World.year, "effectiveDate": "2026-11-02"])
            try await api.expect(.ok, .post, "/api/v1/transfers/\(try #require(transfer.json["id"] as? String))/approve",
                                 as: world.schoolAdminB, [:])
            // B now sees A's closed enrolment as the learner's history, but cannot delete it.
            let oldID = try #require(old.json["id"] as? String)
            try await api.expect(.ok, .get, "/api/v1/enrolments/\(oldID)", as: world.schoolAdminB)
            try await api.expect(.forbidden, .delete, "/api/v1/enrolments/\(oldID)", as: world.schoolAdminB)
        }
    }

    @Test(arguments: Engine.allCases)
    func citizenIDsReadFromTheChangeFeedAreAudited(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            try await api.expect(.ok, .post, "/api/v1/learners", as: world.schoolAdminA, [
                "learnerCode": try #require(world.learnerA["learnerCode"]), "fullName": "Nguyễn Văn An", "dateOfBirth": "2020-03-15",
                "sex": "male", "citizenId": "019220999999", "schoolCode": "SCHA"])
            try await api.expect(.ok, .get, "/api/v1/changes?kind=key_change", as: world.departmentAdminA)
            let audit = try await api.expect(.ok, .get, "/api/v1/audit-log?resource=changes", as: world.ministryAdmin)
            #expect(audit.items.first?["principalName"] as? String == "dept.a")
            #expect(audit.items.first?["action"] as? String == "read_sensitive")
        }
    }

    @Test(arguments: Engine.allCases)
    func csrfCannotBeSkippedWithADoubleSlashAndFormsDoNotCrash(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let noToken = world.schoolAdminA.withoutCSRFToken
            let body = #"{"fullName":"Đinh Văn Sáu","dateOfBirth":"2019-02-03","sex":"male","schoolCode":"SCHA"}"#
            for path in ["//api/v1/learners", "/api//v1/learners"] {
                let response = try await api.call(.post, path, as: noToken, json: body)
                #expect(response.status == .forbidden || response.status == .notFound, "\(path): \(response.status)")
            }
            #expect(try await api.count("learners") == 2)
            for form in ["=", "&&", "=x&username", "username=%ZZ"] {
                let response = try await api.call(.post, "/sign-in", form: form)
                #expect(response.status == .unauthorized, "form \(form)")
            }
        }
    }
}

extension Caller {
    /// Requests made with `call` already carry the CSRF token; this is for explicitness at call sites.
    var csrfHeaders: HTTPFields { [:] }

    /// The same browser session, forging a request without its CSRF token.
    var withoutCSRFToken: Caller {
        var caller = self
        caller.csrf = nil
        return caller
    }
}
