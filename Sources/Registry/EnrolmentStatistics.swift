import Foundation
import Platform
import SQLKit

/// Learners enrolled this school year, by province department and level of education: the figure
/// the ministry reports first. Counted from active enrolments and their classes' grades, within
/// the reader's scope.
public struct EnrolmentStatistics: Sendable {
    public enum Level: String, Sendable, CaseIterable {
        case preschool, primary, lowerSecondary, upperSecondary

        /// The level a class's grade belongs to (preschool groups, 1–5, 6–9, 10–12).
        init?(grade: String) {
            if grade == "nursery" || grade.hasPrefix("kindergarten") { self = .preschool; return }
            guard let number = Int(grade) else { return nil }
            switch number {
            case 1...5: self = .primary
            case 6...9: self = .lowerSecondary
            case 10...12: self = .upperSecondary
            default: return nil
            }
        }
    }

    public struct Department: Sendable {
        public let code: String
        public let name: String
        public var learners: [Level: Int]
        public var total: Int { learners.values.reduce(0, +) }
    }

    public let schoolYear: String
    /// Departments with at least one enrolled learner, largest first.
    public let departments: [Department]

    public var total: Int { departments.reduce(0) { $0 + $1.total } }

    /// The statistics the principal may see; nil when it may read no registry records.
    public static func load(_ database: any Database, for principal: Principal, schoolYear: String) async throws -> EnrolmentStatistics? {
        let roots = principal.nodes(for: .registryRead)
        guard !roots.isEmpty else { return nil }
        let rows = try await database.read { db in
            var sql = SQLQueryString("""
                SELECT d.code AS code, d.name AS name, c.grade AS grade, COUNT(*) AS learners
                FROM enrolments e
                JOIN classes c ON c.id = e.class_id
                JOIN org_closure oc ON oc.descendant_id = e.org_id
                JOIN org_units d ON d.id = oc.ancestor_id AND d.kind = 'department'
                WHERE e.school_year = \(bind: schoolYear) AND e.status = 'active'
                """)
            if !OrgTree.includesRoot(roots) {
                sql.appendInterpolation(unsafeRaw: " AND e.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (")
                sql.appendInterpolation(binds: roots)
                sql.appendInterpolation(unsafeRaw: "))")
            }
            sql.appendInterpolation(unsafeRaw: " GROUP BY d.code, d.name, c.grade")
            return try await db.raw(sql).all().map { row in
                (code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                 grade: try row.decode(column: "grade", as: String.self), learners: try row.decode(column: "learners", as: Int.self))
            }
        }
        var departments: [String: Department] = [:]
        for row in rows {
            guard let level = Level(grade: row.grade) else { continue }
            departments[row.code, default: Department(code: row.code, name: row.name, learners: [:])].learners[level, default: 0] += row.learners
        }
        return EnrolmentStatistics(schoolYear: schoolYear,
                                   departments: departments.values.sorted { ($0.total, $1.code) > ($1.total, $0.code) })
    }
}
