import Foundation
import Platform
import SQLKit

/// The figures the ministry reports on a graduation exam season, by province department: how many
/// registered, how many their schools confirmed and how many paid a registration fee online,
/// results and passes, who placed admission
/// wishes and paid their fee online, who was admitted and who confirmed. Counted by the database
/// (results' pass flag read from their documents there), within the reader's scope.
public struct ExamStatistics: Sendable {
    public struct Department: Sendable, Equatable {
        public let code: String
        public let name: String
        public let registered: Int
        public let confirmedBySchool: Int
        public let registrationFeesPaid: Int
        public let withResult: Int
        public let passed: Int
        public let withWishes: Int
        public let wishFeesPaid: Int
        public let admitted: Int
        public let admissionConfirmed: Int
    }

    public let examYear: Int
    /// Departments with at least one registration, most registrations first.
    public let departments: [Department]

    /// The latest season's figures (or `examYear`'s) for what the principal may see of the exam:
    /// nil when it holds no exam role, or when there is no such season.
    public static func load(_ database: any Database, for principal: Principal, examYear: Int? = nil) async throws -> ExamStatistics? {
        let roots = principal.nodes(for: .examsManage) + principal.nodes(for: .examsRegister)
        guard !roots.isEmpty else { return nil }
        return try await database.read { db in
            var seasonSQL = SQLQueryString("SELECT id, exam_year FROM exam_seasons")
            if let examYear { seasonSQL.appendInterpolation(unsafeRaw: " WHERE exam_year = \(examYear)") }
            seasonSQL.appendInterpolation(unsafeRaw: " ORDER BY exam_year DESC LIMIT 1")
            guard let season = try await db.raw(seasonSQL).first() else { return nil }
            let seasonID = try season.decode(column: "id", as: String.self)
            let document = DocumentSQL(db)
            var sql = SQLQueryString("""
                SELECT dep.code AS code, dep.name AS name, COUNT(*) AS registered,
                    SUM(CASE WHEN g.status = 'confirmed' THEN 1 ELSE 0 END) AS confirmed_by_school,
                    SUM(CASE WHEN rf.reference_id IS NOT NULL THEN 1 ELSE 0 END) AS registration_fees_paid,
                    SUM(CASE WHEN r.registration_id IS NOT NULL THEN 1 ELSE 0 END) AS with_result,
                    SUM(COALESCE(r.passed, 0)) AS passed,
                    SUM(CASE WHEN w.registration_id IS NOT NULL THEN 1 ELSE 0 END) AS with_wishes,
                    SUM(CASE WHEN f.reference_id IS NOT NULL THEN 1 ELSE 0 END) AS wish_fees_paid,
                    SUM(CASE WHEN a.program_id IS NOT NULL THEN 1 ELSE 0 END) AS admitted,
                    SUM(CASE WHEN c.registration_id IS NOT NULL THEN 1 ELSE 0 END) AS admission_confirmed
                FROM exam_registrations g
                JOIN org_closure oc ON oc.descendant_id = g.org_id
                JOIN org_units dep ON dep.id = oc.ancestor_id AND dep.kind = 'department'
                LEFT JOIN (SELECT t.registration_id AS registration_id, \(unsafeRaw: document.flag("passed")) AS passed
                           FROM \(unsafeRaw: document.from("exam_results")) WHERE t.season_id = \(bind: seasonID)) r
                    ON r.registration_id = g.id
                LEFT JOIN (SELECT DISTINCT registration_id FROM admission_wishes WHERE season_id = \(bind: seasonID)) w
                    ON w.registration_id = g.id
                LEFT JOIN (SELECT DISTINCT reference_id FROM fee_orders WHERE purpose = \(bind: WishesController.feePurpose)
                           AND status = 'paid') f ON f.reference_id = g.id
                LEFT JOIN (SELECT DISTINCT reference_id FROM fee_orders WHERE purpose = \(bind: RegistrationsController.feePurpose)
                           AND status = 'paid') rf ON rf.reference_id = g.id
                LEFT JOIN admission_results a ON a.registration_id = g.id
                LEFT JOIN admission_confirmations c ON c.registration_id = g.id
                WHERE g.season_id = \(bind: seasonID)
                """)
            if !OrgTree.includesRoot(roots) {
                sql.appendInterpolation(unsafeRaw: " AND g.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (")
                sql.appendInterpolation(binds: roots)
                sql.appendInterpolation(unsafeRaw: "))")
            }
            sql.appendInterpolation(unsafeRaw: " GROUP BY dep.code, dep.name")
            let departments = try await db.raw(sql).all().map { row in
                Department(code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                           registered: try row.decode(column: "registered", as: Int.self),
                           confirmedBySchool: try row.decode(column: "confirmed_by_school", as: Int.self),
                           registrationFeesPaid: try row.decode(column: "registration_fees_paid", as: Int.self),
                           withResult: try row.decode(column: "with_result", as: Int.self),
                           passed: try row.decode(column: "passed", as: Int.self),
                           withWishes: try row.decode(column: "with_wishes", as: Int.self),
                           wishFeesPaid: try row.decode(column: "wish_fees_paid", as: Int.self),
                           admitted: try row.decode(column: "admitted", as: Int.self),
                           admissionConfirmed: try row.decode(column: "admission_confirmed", as: Int.self))
            }
            return ExamStatistics(examYear: try season.decode(column: "exam_year", as: Int.self),
                                  departments: departments.sorted { ($0.registered, $1.code) > ($1.registered, $0.code) })
        }
    }
}
