import Foundation
import HTTPTypes
import Platform
import Testing

@Suite("Integrity rules, on SQLite and PostgreSQL")
struct IntegrityTests {
    @Test(arguments: Engine.allCases)
    func issuedLearnerCodesSkipCodesAlreadyGiven(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            #expect(world.learnerA["learnerCode"] == "1900000001")
            // School software chose the next code itself.
            try await api.expect(.created, .post, "/api/v1/learners", as: world.schoolAdminA, [
                "learnerCode": "1900000002", "fullName": "Lò Văn Páo", "dateOfBirth": "2019-03-03", "sex": "male", "schoolCode": "SCHA",
            ])
            let issued = try await api.expect(.created, .post, "/api/v1/learners", as: world.schoolAdminA, [
                "fullName": "Lò Thị Mai", "dateOfBirth": "2019-04-04", "sex": "female", "schoolCode": "SCHA",
            ])
            #expect(issued.json["learnerCode"] as? String == "1900000003")
        }
    }

    @Test(arguments: Engine.allCases)
    func aWriterWithoutIdentityScopeCannotEraseOrReplaceACitizenID(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let code = try #require(world.learnerA["learnerCode"])
            let id = try #require(world.learnerA["id"])
            var body: [String: Any] = ["learnerCode": code, "fullName": "Nguyễn Văn An", "dateOfBirth": "2020-03-15", "sex": "male",
                                       "schoolCode": "SCHA", "ethnicity": "Kinh"]
            // clientA has registry:write but not identity:read: it re-posts what it was shown.
            let saved = try await api.expect(.ok, .post, "/api/v1/learners", as: world.clientA, body)
            #expect(saved.json["citizenId"] == nil)
            let stored = try await api.expect(.ok, .get, "/api/v1/learners/\(id)", as: world.schoolAdminA)
            #expect(stored.json["citizenId"] as? String == "019220123456")
            body["citizenId"] = "019220000000"
            try await api.expect(.forbidden, .post, "/api/v1/learners", as: world.clientA, body)
        }
    }

    @Test(arguments: Engine.allCases)
    func referencedRecordsCannotBeDeleted(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let code = try #require(world.learnerA["learnerCode"])
            let enrolment = try await api.expect(.created, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": code, "schoolCode": "SCHA", "schoolYear": World.year, "className": "1A1", "entryDate": "2026-09-05"])
            let refused = try await api.expect(.conflict, .delete, "/api/v1/learners/\(try #require(world.learnerA["id"]))", as: world.schoolAdminA)
            #expect(refused.errorCode == nil || refused.json["detail"] != nil)
            let classes = try await api.expect(.ok, .get, "/api/v1/classes", as: world.schoolAdminA)
            try await api.expect(.conflict, .delete, "/api/v1/classes/\(try #require(classes.items.first?["id"] as? String))", as: world.schoolAdminA)
            // Once the enrolment is gone, the learner can go.
            try await api.expect(.noContent, .delete, "/api/v1/enrolments/\(try #require(enrolment.json["id"] as? String))", as: world.schoolAdminA)
            try await api.expect(.noContent, .delete, "/api/v1/learners/\(try #require(world.learnerA["id"]))", as: world.schoolAdminA)

            // A homeroom teacher stays while a class names them; naming someone else frees them.
            try await api.expect(.ok, .post, "/api/v1/classes", as: world.schoolAdminA,
                                 ["schoolCode": "SCHA", "schoolYear": World.year, "name": "1A1", "grade": "1", "homeroomStaffCode": "GVA001"])
            let staff = try await api.expect(.ok, .get, "/api/v1/staff", as: world.schoolAdminA)
            let teacherID = try #require(staff.items.first { $0["staffCode"] as? String == "GVA001" }?["id"] as? String)
            let homeroom = try await api.expect(.conflict, .delete, "/api/v1/staff/\(teacherID)", as: world.schoolAdminA)
            #expect((homeroom.json["detail"] as? String)?.contains("classes") == true)
            try await api.expect(.ok, .post, "/api/v1/classes", as: world.schoolAdminA,
                                 ["schoolCode": "SCHA", "schoolYear": World.year, "name": "1A1", "grade": "1"])
            try await api.expect(.noContent, .delete, "/api/v1/staff/\(teacherID)", as: world.schoolAdminA)
        }
    }

    @Test(arguments: Engine.allCases)
    func treeAndDateRules(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            // A school code that already names a department.
            let taken = try await api.expect(.conflict, .post, "/api/v1/schools", as: world.ministryAdmin, [
                "schoolCode": "SGDA", "name": "Trường trùng mã", "levels": ["primary"], "ownership": "public",
                "communeCode": "05443", "departmentCode": "SGDA"])
            #expect(taken.errorField == "/schoolCode")
            // A school cannot hang under a school.
            let schools = try await api.expect(.ok, .get, "/api/v1/org-units?kind=school", as: world.ministryAdmin)
            let schoolA = try #require(schools.items.first { $0["code"] as? String == "SCHA" }?["id"] as? String)
            let wrongKind = try await api.expect(.unprocessableContent, .post, "/api/v1/org-units/\(schoolA)/reparent", as: world.ministryAdmin,
                                                 ["parentCode": "SCHB", "effective": Clock.today().description])
            #expect(wrongKind.errorField == "/parentCode")
            // A transfer dated outside its school year.
            let transfer = try await api.expect(.unprocessableContent, .post, "/api/v1/transfers", as: world.schoolAdminA, [
                "learnerCode": try #require(world.learnerA["learnerCode"]), "toSchoolCode": "SCHB", "schoolYear": World.year,
                "effectiveDate": "0001-01-01"])
            #expect(transfer.errorField == "/effectiveDate")
            // Moving a school keeps its document in step with the tree.
            try await api.expect(.ok, .post, "/api/v1/org-units/\(schoolA)/reparent", as: world.ministryAdmin,
                                 ["parentCode": "SGDB", "effective": Clock.today().description])
            let school = try await api.expect(.ok, .get, "/api/v1/schools/\(schoolA)", as: world.ministryAdmin)
            #expect(school.json["departmentCode"] as? String == "SGDB")
        }
    }
}
