import App
import Foundation
import HTTPTypes
import Platform
import Testing

@Suite("Registry API, on SQLite and PostgreSQL")
struct RegistryAPITests {
    @Test(arguments: Engine.allCases)
    func upsertByNaturalKeyWithETags(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let code = try #require(world.learnerA["learnerCode"])
            let id = try #require(world.learnerA["id"])
            let read = try await api.expect(.ok, .get, "/api/v1/learners/\(id)", as: world.schoolAdminA)
            let etag = try #require(read.headers[.eTag])
            let body: [String: Any] = ["learnerCode": code, "fullName": "Nguyễn Văn An", "dateOfBirth": "2020-03-15",
                                       "sex": "male", "citizenId": "019220123456", "schoolCode": "SCHA", "ethnicity": "Tày"]
            // The same natural key updates (200), keeps the ID and changes the ETag.
            let updated = try await api.expect(.ok, .post, "/api/v1/learners", as: world.schoolAdminA, body, headers: [.ifMatch: etag])
            #expect(updated.json["id"] as? String == id)
            #expect(updated.json["ethnicity"] as? String == "Tày")
            #expect(updated.headers[.eTag] != etag)
            // A stale If-Match is refused and nothing changes.
            var stale = body
            stale["ethnicity"] = "Nùng"
            try await api.expect(.preconditionFailed, .post, "/api/v1/learners", as: world.schoolAdminA, stale, headers: [.ifMatch: etag])
            let after = try await api.expect(.ok, .get, "/api/v1/learners/\(id)", as: world.schoolAdminA)
            #expect(after.json["ethnicity"] as? String == "Tày")
            // A conditional GET with the current ETag answers 304.
            let current = try #require(after.headers[.eTag])
            try await api.expect(.notModified, .get, "/api/v1/learners/\(id)", as: world.schoolAdminA, headers: [.ifNoneMatch: current])
        }
    }

    @Test(arguments: Engine.allCases)
    func badInputNamesTheFieldAndWritesNothing(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let before = try await api.count("learners")
            let base: [String: Any] = ["fullName": "Phạm Thị Cúc", "dateOfBirth": "2019-08-20", "sex": "female", "schoolCode": "SCHA"]
            func post(_ changes: [String: Any]) async throws -> APIResponse {
                try await api.call(.post, "/api/v1/learners", as: world.schoolAdminA,
                                   json: String(decoding: try JSONSerialization.data(withJSONObject: base.merging(changes) { $1 }), as: UTF8.self))
            }
            // A citizen ID whose century digit says male while the record says female.
            var response = try await post(["citizenId": "019219123456"])
            #expect(response.status == .unprocessableContent)
            #expect(response.errorField == "/citizenId")
            #expect(response.errorCode == "citizenId.sexMismatch")
            #expect(response.headers[.contentType] == "application/problem+json")
            // A year that disagrees with the date of birth.
            response = try await post(["citizenId": "019318123456"])
            #expect(response.errorField == "/citizenId")
            // A date of birth in the future.
            response = try await post(["dateOfBirth": "2099-01-01"])
            #expect(response.status == .unprocessableContent)
            #expect(response.errorField == "/dateOfBirth")
            // A date that is not a date (day and month swapped by a US-locale spreadsheet).
            response = try await post(["dateOfBirth": "2019-20-08"])
            #expect(response.status == .badRequest)
            #expect(response.errorField == "/dateOfBirth")
            // An unknown field.
            response = try await post(["nickname": "Cúc"])
            #expect(response.status == .badRequest)
            #expect(response.errorField == "/nickname")
            // Malformed JSON.
            response = try await api.call(.post, "/api/v1/learners", as: world.schoolAdminA, json: "{\"fullName\": ")
            #expect(response.status == .badRequest)
            // A school that does not exist.
            response = try await post(["schoolCode": "NOPE"])
            #expect(response.errorField == "/schoolCode")
            // Named in the same answer as the body's other problems, not after they are fixed.
            response = try await post(["learnerCode": "0100000999", "schoolCode": "NOPE", "dateOfBirth": "2099-01-01"])
            #expect(response.status == .unprocessableContent)
            let fields = (response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["/dateOfBirth", "/schoolCode"])
            #expect(try await api.count("learners") == before)
            // So does an enrolment naming an unknown school and an unknown learner.
            let enrolment = try await api.expect(.unprocessableContent, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": "1999999999", "schoolCode": "NOPE", "schoolYear": World.year, "entryDate": "2026-09-05"])
            let enrolmentFields = (enrolment.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(enrolmentFields) == ["/schoolCode", "/learnerCode"])
        }
    }

    @Test(arguments: Engine.allCases)
    func excelDamagedCitizenIDIsRepaired(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            // Excel dropped the leading zero and showed the number with a trailing ".0".
            let response = try await api.expect(.created, .post, "/api/v1/learners", as: world.schoolAdminA, [
                "fullName": "  NGUYỄN   thị  hồng ", "dateOfBirth": "2019-08-20", "sex": "female", "citizenId": "19319123456.0",
                "schoolCode": "SCHA",
            ])
            #expect(response.json["citizenId"] as? String == "019319123456")
            #expect(response.json["fullName"] as? String == "Nguyễn Thị Hồng")
            #expect(response.json["givenName"] as? String == "Hồng")
        }
    }

    @Test(arguments: Engine.allCases)
    func nameSearchIgnoresDiacriticsAndUnicodeForm(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            // NFD input is stored as NFC and found by a search typed without diacritics.
            let nfd = "Nguye\u{0302}\u{0303}n Đu\u{031B}\u{0301}c Ma\u{0323}nh"
            try await api.expect(.created, .post, "/api/v1/learners", as: world.schoolAdminA, [
                "fullName": nfd, "dateOfBirth": "2019-01-02", "sex": "male", "schoolCode": "SCHA",
            ])
            let found = try await api.expect(.ok, .get, "/api/v1/learners?q=duc%20manh", as: world.schoolAdminA)
            #expect(found.items.count == 1)
            let name = try #require(found.items.first?["fullName"] as? String)
            #expect(Array(name.utf8) == Array("Nguyễn Đức Mạnh".precomposedStringWithCanonicalMapping.utf8))
        }
    }

    @Test(arguments: Engine.allCases)
    func cursorPagingVisitsEveryRecordOnce(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            for i in 0..<7 {
                try await api.expect(.created, .post, "/api/v1/learners", as: world.schoolAdminA, [
                    "fullName": "Lê Văn Số \(["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy"][i])", "dateOfBirth": "2019-01-0\(i + 1)",
                    "sex": "male", "schoolCode": "SCHA",
                ])
            }
            var seen: [String] = []
            var path = "/api/v1/learners?pageSize=3"
            while true {
                let page = try await api.expect(.ok, .get, path, as: world.schoolAdminA)
                seen += page.items.compactMap { $0["id"] as? String }
                guard let token = page.json["nextPageToken"] as? String else { break }
                #expect(page.headers[.nextPageToken] == token)
                path = "/api/v1/learners?pageSize=3&pageToken=\(token)"
            }
            #expect(seen.count == 8)
            #expect(Set(seen).count == 8)
            try await api.expect(.badRequest, .get, "/api/v1/learners?pageSize=0", as: world.schoolAdminA)
        }
    }

    @Test(arguments: Engine.allCases)
    func oneActiveEnrolmentPerYearAcrossSchools(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let code = try #require(world.learnerA["learnerCode"])
            try await api.expect(.created, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": code, "schoolCode": "SCHA", "schoolYear": World.year, "className": "1a1", "entryDate": "2026-09-05",
            ])
            // A second active enrolment in the same year, at the same school with another entry date.
            let duplicate = try await api.expect(.conflict, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": code, "schoolCode": "SCHA", "schoolYear": World.year, "entryDate": "2026-10-01",
            ])
            #expect(duplicate.errorField == "/schoolYear")
            // Enrolling at another school without a transfer is refused too.
            let elsewhere = try await api.expect(.unprocessableContent, .post, "/api/v1/enrolments", as: world.ministryAdmin, [
                "learnerCode": code, "schoolCode": "SCHB", "schoolYear": World.year, "entryDate": "2026-09-05",
            ])
            #expect(elsewhere.errorField == "/schoolCode")
            #expect(try await api.count("enrolments") == 1)
        }
    }

    @Test(arguments: Engine.allCases)
    func transferIsApprovedByTheReceivingSchoolAndTheRecordFollows(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let code = try #require(world.learnerA["learnerCode"])
            let learnerID = try #require(world.learnerA["id"])
            try await api.expect(.created, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": code, "schoolCode": "SCHA", "schoolYear": World.year, "className": "1A1", "entryDate": "2026-09-05",
            ])
            try await api.expect(.created, .post, "/api/v1/guardians", as: world.schoolAdminA, [
                "learnerCode": code, "fullName": "Nguyễn Văn Bố", "relationship": "father", "birthYear": 1990,
            ])
            // A transfer to a school that does not exist names the field.
            let missing = try await api.expect(.unprocessableContent, .post, "/api/v1/transfers", as: world.schoolAdminA, [
                "learnerCode": code, "toSchoolCode": "NOWHERE", "schoolYear": World.year, "effectiveDate": "2026-11-02",
            ])
            #expect(missing.errorField == "/toSchoolCode")
            let request = try await api.expect(.created, .post, "/api/v1/transfers", as: world.schoolAdminA, [
                "learnerCode": code, "toSchoolCode": "SCHB", "schoolYear": World.year, "effectiveDate": "2026-11-02", "reason": "chuyển nhà",
            ])
            let transferID = try #require(request.json["id"] as? String)
            #expect(request.json["status"] as? String == "requested")
            #expect(request.json["fromSchoolCode"] as? String == "SCHA")
            // The sending school cannot approve its own request; the receiving school sees it and can.
            try await api.expect(.forbidden, .post, "/api/v1/transfers/\(transferID)/approve", as: world.schoolAdminA, [:])
            let approved = try await api.expect(.ok, .post, "/api/v1/transfers/\(transferID)/approve", as: world.schoolAdminB,
                                                ["className": "1A1", "note": "đồng ý"])
            #expect(approved.json["status"] as? String == "approved")
            // A decided transfer cannot be decided again.
            try await api.expect(.conflict, .post, "/api/v1/transfers/\(transferID)/refuse", as: world.schoolAdminB, [:])
            // The learner now belongs to B, with the guardian and both enrolments; A no longer sees the learner.
            let moved = try await api.expect(.ok, .get, "/api/v1/learners/\(learnerID)", as: world.schoolAdminB)
            #expect(moved.json["schoolCode"] as? String == "SCHB")
            try await api.expect(.notFound, .get, "/api/v1/learners/\(learnerID)", as: world.schoolAdminA)
            let guardians = try await api.expect(.ok, .get, "/api/v1/guardians", as: world.schoolAdminB)
            #expect(guardians.items.count == 1)
            let enrolments = try await api.expect(.ok, .get, "/api/v1/enrolments?learnerId=\(learnerID)", as: world.schoolAdminB)
            let statuses = Set(enrolments.items.compactMap { $0["status"] as? String })
            #expect(statuses == ["transferredOut", "active"])
        }
    }

    @Test(arguments: Engine.allCases)
    func yearEndAndDropOutFollowTheLifecycle(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let code = try #require(world.learnerA["learnerCode"])
            let enrolment = try await api.expect(.created, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": code, "schoolCode": "SCHA", "schoolYear": World.year, "className": "1A1", "entryDate": "2026-09-05",
            ])
            let id = try #require(enrolment.json["id"] as? String)
            // Grade 1 does not graduate; a drop-out needs its reason.
            let graduate = try await api.expect(.unprocessableContent, .post, "/api/v1/enrolments/\(id)/year-end", as: world.schoolAdminA,
                                                ["date": "2027-05-31", "outcome": "graduated"])
            #expect(graduate.errorField == "/outcome")
            let noReason = try await api.expect(.unprocessableContent, .post, "/api/v1/enrolments/\(id)/drop-out", as: world.schoolAdminA,
                                                ["date": "2027-01-10"])
            #expect(noReason.errorField == "/reason")
            let promoted = try await api.expect(.ok, .post, "/api/v1/enrolments/\(id)/year-end", as: world.schoolAdminA,
                                                ["date": "2027-05-31", "outcome": "promoted"])
            #expect(promoted.json["status"] as? String == "completed")
            #expect(promoted.json["outcome"] as? String == "promoted")
            // A closed enrolment takes no further step.
            try await api.expect(.conflict, .post, "/api/v1/enrolments/\(id)/drop-out", as: world.schoolAdminA,
                                 ["date": "2027-06-10", "reason": "family moved abroad"])
        }
    }

    @Test(arguments: Engine.allCases)
    func rosterIsInVietnameseClassListOrder(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let classes = try await api.expect(.ok, .get, "/api/v1/classes", as: world.schoolAdminA)
            let classID = try #require(classes.items.first?["id"] as? String)
            // Inserted out of order; a class list sorts by given name, then middle, then family name.
            let names = ["Trần Văn Bình", "Lê Thị Ánh", "Nguyễn Văn An", "Đỗ Thị Anh", "Phạm Minh Đức", "Vũ Văn Dũng", "Hoàng Thị Ân", "Bùi Văn Ăn"]
            for (index, name) in names.enumerated() {
                let learner = try await api.expect(.created, .post, "/api/v1/learners", as: world.schoolAdminA, [
                    "fullName": name, "dateOfBirth": "2020-0\(index + 1)-10", "sex": name.contains("Thị") ? "female" : "male",
                    "schoolCode": "SCHA",
                ])
                try await api.expect(.created, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                    "learnerCode": try #require(learner.json["learnerCode"] as? String), "schoolCode": "SCHA",
                    "schoolYear": World.year, "className": "1A1", "entryDate": "2026-09-05",
                ])
            }
            let roster = try await api.expect(.ok, .get, "/api/v1/classes/\(classID)/roster", as: world.teacherA)
            let order = roster.items.compactMap { $0["fullName"] as? String }
            #expect(order == ["Nguyễn Văn An", "Đỗ Thị Anh", "Lê Thị Ánh", "Bùi Văn Ăn", "Hoàng Thị Ân", "Trần Văn Bình", "Vũ Văn Dũng", "Phạm Minh Đức"])
        }
    }

    /// Rosters are kept rendered between writes: every write must show in the next read, and the
    /// view with citizen IDs must never reach a caller without their scope.
    @Test(arguments: Engine.allCases)
    func rosterFollowsEveryWriteAndKeepsItsTwoViewsApart(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let classes = try await api.expect(.ok, .get, "/api/v1/classes", as: world.schoolAdminA)
            let classID = try #require(classes.items.first?["id"] as? String)
            let learnerCode = try #require(world.learnerA["learnerCode"])
            let enrolment = try await api.expect(.created, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": learnerCode, "schoolCode": "SCHA", "schoolYear": World.year, "className": "1A1",
                "entryDate": "2026-09-05",
            ])
            let path = "/api/v1/classes/\(classID)/roster"
            for _ in 0..<2 {  // the second round is answered from the kept roster
                let teacherView = try await api.expect(.ok, .get, path, as: world.teacherA)
                #expect(teacherView.items.map { $0["citizenId"] == nil } == [true])
                let adminView = try await api.expect(.ok, .get, path, as: world.schoolAdminA)
                #expect(adminView.items.compactMap { $0["citizenId"] as? String } == ["019220123456"])
                try await api.expect(.notFound, .get, path, as: world.schoolAdminB)
            }

            // A changed document shows at once.
            try await api.expect(.ok, .post, "/api/v1/learners", as: world.schoolAdminA, [
                "learnerCode": learnerCode, "fullName": "Nguyễn Văn Ân", "dateOfBirth": "2020-03-15", "sex": "male",
                "citizenId": "019220123456", "schoolCode": "SCHA",
            ])
            let afterRename = try await api.expect(.ok, .get, path, as: world.teacherA)
            #expect(afterRename.items.compactMap { $0["fullName"] as? String } == ["Nguyễn Văn Ân"])

            // A withdrawn learner leaves the list at once.
            let enrolmentID = try #require(enrolment.json["id"] as? String)
            try await api.expect(.ok, .post, "/api/v1/enrolments/\(enrolmentID)/withdraw", as: world.schoolAdminA, ["date": "2026-10-01"])
            let afterWithdrawal = try await api.expect(.ok, .get, path, as: world.teacherA)
            #expect(afterWithdrawal.items.isEmpty)
        }
    }

    @Test(arguments: Engine.allCases)
    func idempotencyKeyReplaysTheFirstAnswer(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let body: [String: Any] = ["fullName": "Hồ Thị Mai", "dateOfBirth": "2019-02-03", "sex": "female", "schoolCode": "SCHA"]
            let first = try await api.expect(.created, .post, "/api/v1/learners", as: world.clientA, body, headers: [.idempotencyKey: "k-1"])
            let again = try await api.expect(.created, .post, "/api/v1/learners", as: world.clientA, body, headers: [.idempotencyKey: "k-1"])
            #expect(first.json["id"] as? String == again.json["id"] as? String)
            #expect(try await api.count("learners") == 3)
            var other = body
            other["fullName"] = "Hồ Thị Lan"
            try await api.expect(.unprocessableContent, .post, "/api/v1/learners", as: world.clientA, other, headers: [.idempotencyKey: "k-1"])
        }
    }

    @Test(arguments: Engine.allCases)
    func changeFeedCarriesUpsertsDeletesAndKeyChanges(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let start = try await api.expect(.ok, .get, "/api/v1/changes?resource=learners", as: world.schoolAdminA)
            let version = try #require(start.json["newestChangeVersion"] as? Int)
            let code = try #require(world.learnerA["learnerCode"])
            // A corrected citizen ID is published as a key change.
            try await api.expect(.ok, .post, "/api/v1/learners", as: world.schoolAdminA, [
                "learnerCode": code, "fullName": "Nguyễn Văn An", "dateOfBirth": "2020-03-15", "sex": "male",
                "citizenId": "019220999999", "schoolCode": "SCHA",
            ])
            let staffPage = try await api.expect(.ok, .get, "/api/v1/staff", as: world.schoolAdminA)
            let guardian = try await api.expect(.created, .post, "/api/v1/guardians", as: world.schoolAdminA,
                                                ["learnerCode": code, "fullName": "Nguyễn Thị Mẹ", "relationship": "mother"])
            try await api.expect(.noContent, .delete, "/api/v1/guardians/\(try #require(guardian.json["id"] as? String))", as: world.schoolAdminA)
            #expect(staffPage.items.count == 1)
            let feed = try await api.expect(.ok, .get, "/api/v1/changes?minChangeVersion=\(version)", as: world.schoolAdminA)
            let kinds = feed.items.map { "\($0["resource"] as? String ?? ""):\($0["kind"] as? String ?? "")" }
            #expect(kinds == ["learners:upsert", "learners:key_change", "guardians:upsert", "guardians:delete"])
            let keyChange = try #require(feed.items.first { $0["kind"] as? String == "key_change" })
            #expect(keyChange["oldValue"] as? String == "019220123456")
            #expect(keyChange["newValue"] as? String == "019220999999")
            // The analyst sees that the key changed, not the identity numbers.
            let analystFeed = try await api.expect(.ok, .get, "/api/v1/changes?minChangeVersion=\(version)&kind=key_change", as: world.analyst)
            #expect(analystFeed.items.count == 1)
            #expect(analystFeed.items.first?["oldValue"] == nil)
            // School B sees none of A's changes.
            let other = try await api.expect(.ok, .get, "/api/v1/changes?minChangeVersion=\(version)", as: world.schoolAdminB)
            #expect(other.items.isEmpty)
        }
    }

    @Test(arguments: Engine.allCases)
    func reparentingKeepsTheHistoryOfTheTree(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            // A satellite campus of school A since 2020, moved to school B on 1 July 2026.
            let campus = try await api.expect(.created, .post, "/api/v1/org-units", as: world.schoolAdminA,
                                              ["code": "SCHA-DT2", "kind": "campus", "name": "Điểm trường Nà Pài", "parentCode": "SCHA",
                                               "validFrom": "2020-09-01"])
            let campusID = try #require(campus.json["id"] as? String)
            // Only the ministry moves nodes, and never into the future or before the current edge began.
            try await api.expect(.forbidden, .post, "/api/v1/org-units/\(campusID)/reparent", as: world.departmentAdminA,
                                 ["parentCode": "SCHB", "effective": "2026-07-01"])
            let future = try await api.expect(.unprocessableContent, .post, "/api/v1/org-units/\(campusID)/reparent", as: world.ministryAdmin,
                                              ["parentCode": "SCHB", "effective": "2999-01-01"])
            #expect(future.errorField == "/effective")
            try await api.expect(.unprocessableContent, .post, "/api/v1/org-units/\(campusID)/reparent", as: world.ministryAdmin,
                                 ["parentCode": "SCHB", "effective": "2019-01-01"])
            let moved = try await api.expect(.ok, .post, "/api/v1/org-units/\(campusID)/reparent", as: world.ministryAdmin,
                                             ["parentCode": "SCHB", "effective": "2026-07-01"])
            #expect(moved.json["parentCode"] as? String == "SCHB")
            let (before, after) = try await api.database.read { db in
                (try await OrgTree.parent(db, of: campusID, on: CivilDate(iso: "2026-06-30")!),
                 try await OrgTree.parent(db, of: campusID, on: CivilDate(iso: "2026-07-01")!))
            }
            #expect(before == (try await Bootstrap.orgID(api.database, code: "SCHA")))
            #expect(after == (try await Bootstrap.orgID(api.database, code: "SCHB")))
            // Today's scopes follow the move: school A no longer sees the campus, school B does.
            try await api.expect(.notFound, .get, "/api/v1/org-units/\(campusID)", as: world.schoolAdminA)
            try await api.expect(.ok, .get, "/api/v1/org-units/\(campusID)", as: world.schoolAdminB)
            // Moving school A under department B takes its learners out of department A's sight.
            let schools = try await api.expect(.ok, .get, "/api/v1/org-units?kind=school", as: world.ministryAdmin)
            let schoolA = try #require(schools.items.first { $0["code"] as? String == "SCHA" }?["id"] as? String)
            let today = Clock.today().description
            try await api.expect(.ok, .post, "/api/v1/org-units/\(schoolA)/reparent", as: world.ministryAdmin,
                                 ["parentCode": "SGDB", "effective": today])
            let learnerID = try #require(world.learnerA["id"])
            try await api.expect(.notFound, .get, "/api/v1/learners/\(learnerID)", as: world.departmentAdminA)
        }
    }

    @Test(arguments: Engine.allCases)
    func aSchoolAddedIsInItsDepartmentsReachAtOnce(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            func schools(_ caller: Caller) async throws -> Set<String> {
                let list = try await api.expect(.ok, .get, "/api/v1/org-units?kind=school", as: caller)
                return Set(list.items.compactMap { $0["code"] as? String })
            }
            // Department A's reach is expanded and cached by its first request.
            #expect(try await schools(world.departmentAdminA) == ["SCHA"])
            try await api.expect(.created, .post, "/api/v1/schools", as: world.ministryAdmin, [
                "schoolCode": "SCHA2", "name": "Trường Tiểu học SCHA2", "levels": ["primary"], "ownership": "public",
                "communeCode": "05443", "departmentCode": "SGDA",
            ])
            #expect(try await schools(world.departmentAdminA) == ["SCHA", "SCHA2"])
            #expect(try await schools(world.schoolAdminB) == ["SCHB"])
        }
    }
}
