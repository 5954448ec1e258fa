import Foundation
import Hummingbird
import Platform
import SQLKit

/// Roll-ups by the education-management tree as it stood on a date. Because the tree's edges are
/// effective-dated, a report on 2024 groups schools under the departments of the 63 old provinces,
/// and the same report on 2026 under the 34 new ones (DOMAIN.md 1.2).
struct ReportsController {
    let database: any Database

    struct DepartmentRow: Codable, Sendable {
        let departmentCode: String
        let departmentName: String
        let provinceCode: String?
        let schools: Int
        let enrolments: Int
    }

    struct Report: Codable, Sendable {
        let date: String
        let schoolYear: String
        let items: [DepartmentRow]
    }

    func register(in catalog: APICatalog) {
        catalog.schema("DepartmentRollup", [
            FieldSpec("date", .date, readOnly: true, "The date the tree is taken at"),
            FieldSpec("schoolYear", .string, readOnly: true, "The school year containing that date"),
            FieldSpec("items", .array(.object([
                FieldSpec("departmentCode", .string, "Department"), FieldSpec("departmentName", .string, "Name"),
                FieldSpec("provinceCode", .string, "Province served then (3-digit before 1 July 2025, 2-digit after)"),
                FieldSpec("schools", .integer, "Schools under it on that date"),
                FieldSpec("enrolments", .integer, "Enrolments of those schools in that school year"),
            ])), readOnly: true, "One row per department"),
        ])
        catalog.add(APIRoute(.get, "/api/v1/reports/schools-by-department",
                             summary: "Schools and enrolments per department, by the tree as it stood on a date", tag: "Reports",
                             parameters: [.init("date", "YYYY-MM-DD, default today")], response: "DepartmentRollup"), report)
    }

    @Sendable func report(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let roots = principal.nodes(for: .registryRead)
        guard !roots.isEmpty else { throw APIError.forbidden("no role that may read the registry") }
        let text = request.uri.queryParameters["date"].map(String.init) ?? Clock.today().description
        guard let date = CivilDate(iso: text) else { throw APIError.malformed(field: "date", "use YYYY-MM-DD") }
        let schoolYear = SchoolCalendar.schoolYear(containing: date)
        let day = date.description
        let rows = try await database.read { db in
            var sql = SQLQueryString("""
                SELECT p.code AS code, p.name AS name, p.province_code AS province, COUNT(DISTINCT s.id) AS schools, COUNT(e.id) AS enrolments
                FROM org_edges ed
                JOIN org_units s ON s.id = ed.child_id AND s.kind = 'school'
                JOIN org_units p ON p.id = ed.parent_id
                LEFT JOIN enrolments e ON e.org_id = s.id AND e.school_year = \(bind: schoolYear)
                WHERE ed.valid_from <= \(bind: day) AND (ed.valid_to IS NULL OR ed.valid_to >= \(bind: day))
                """)
            if !OrgTree.includesRoot(roots) {
                // Schools the caller can see today, grouped by where they stood then.
                sql.appendInterpolation(unsafeRaw: " AND s.id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (")
                sql.appendInterpolation(binds: roots)
                sql.appendInterpolation(unsafeRaw: "))")
            }
            sql.appendInterpolation(unsafeRaw: " GROUP BY p.code, p.name, p.province_code ORDER BY p.code")
            if db.dialect.name == "postgresql" { sql.appendInterpolation(unsafeRaw: " COLLATE \"C\"") }
            return try await db.raw(sql).all().map { row in
                DepartmentRow(departmentCode: try row.decode(column: "code", as: String.self),
                              departmentName: try row.decode(column: "name", as: String.self),
                              provinceCode: try row.decode(column: "province", as: String?.self),
                              schools: try row.decode(column: "schools", as: Int.self),
                              enrolments: try row.decode(column: "enrolments", as: Int.self))
            }
        }
        return try JSONResponse.encode(Report(date: day, schoolYear: schoolYear, items: rows))
    }
}
