import App
import Foundation
import Platform
import Testing

@Suite("Reports by the tree as it stood on a date")
struct ReportTests {
    @Test(arguments: Engine.allCases)
    func reportsBeforeAReformGroupByTheOldDepartments(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let code = try #require(world.learnerA["learnerCode"])
            try await api.expect(.created, .post, "/api/v1/enrolments", as: world.schoolAdminA, [
                "learnerCode": code, "schoolCode": "SCHA", "schoolYear": World.year, "className": "1A1", "entryDate": "2026-09-05"])
            // School A's history: under department B until 30 June 2025, under department A since 1 July 2025;
            // school B under department B since 2020.
            let schoolA = try #require(try await Bootstrap.orgID(api.database, code: "SCHA"))
            let schoolB = try #require(try await Bootstrap.orgID(api.database, code: "SCHB"))
            let departmentA = try #require(try await Bootstrap.orgID(api.database, code: "SGDA"))
            let departmentB = try #require(try await Bootstrap.orgID(api.database, code: "SGDB"))
            try await api.database.transaction { db in
                try await db.raw("DELETE FROM org_edges WHERE child_id IN (\(bind: schoolA), \(bind: schoolB))").run()
                try await db.raw("""
                    INSERT INTO org_edges (child_id, parent_id, valid_from, valid_to) VALUES
                    (\(bind: schoolA), \(bind: departmentB), '2020-09-01', '2025-06-30'),
                    (\(bind: schoolA), \(bind: departmentA), '2025-07-01', NULL),
                    (\(bind: schoolB), \(bind: departmentB), '2020-09-01', NULL)
                    """).run()
            }
            let before = try await api.expect(.ok, .get, "/api/v1/reports/schools-by-department?date=2024-12-31", as: world.ministryAdmin)
            #expect(before.json["schoolYear"] as? String == "2024-2025")
            #expect(before.items.map { $0["departmentCode"] as? String } == ["SGDB"])
            #expect(before.items.first?["schools"] as? Int == 2)  // A was under department B then
            let now = try await api.expect(.ok, .get, "/api/v1/reports/schools-by-department?date=2026-11-15", as: world.ministryAdmin)
            let rows = Dictionary(uniqueKeysWithValues: now.items.map { ($0["departmentCode"] as? String ?? "", $0) })
            #expect(rows["SGDA"]?["schools"] as? Int == 1)
            #expect(rows["SGDA"]?["enrolments"] as? Int == 1)
            #expect(rows["SGDB"]?["schools"] as? Int == 1)
            // A department admin sees only its own schools, wherever they stood.
            let mine = try await api.expect(.ok, .get, "/api/v1/reports/schools-by-department?date=2024-12-31", as: world.departmentAdminA)
            #expect(mine.items.map { $0["departmentCode"] as? String } == ["SGDB"])
            try await api.expect(.badRequest, .get, "/api/v1/reports/schools-by-department?date=31/12/2024", as: world.ministryAdmin)
        }
    }
}
