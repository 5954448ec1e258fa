import Foundation
import Platform
import SQLKit

/// Verification rates by school, province department or for the nation: how many learners and
/// staff there are, and how many of them each latest outcome covers.
public struct VerificationRate: Sendable, Codable, Equatable {
    public enum Level: String, Sendable, Codable, CaseIterable {
        case school, province, nation
    }

    /// The school or department code; "" for the nation.
    public var code: String
    public var name: String
    /// Learners and staff on record.
    public var people: Int
    /// Linked to a registry person: their ID verified (with or without corrections), linked
    /// automatically far above the threshold, or confirmed by a reviewer.
    public var verified: Int
    /// Never checked yet.
    public var unchecked: Int
    /// Latest outcomes by status; reviewed proposals count under their status.
    public var byStatus: [String: Int]

    /// `verified / people`, 0 when there is nobody.
    public var rate: Double { people == 0 ? 0 : Double(verified) / Double(people) }

    enum CodingKeys: String, CodingKey { case code, name, people, verified, unchecked, byStatus, rate }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(people, forKey: .people)
        try container.encode(verified, forKey: .verified)
        try container.encode(unchecked, forKey: .unchecked)
        try container.encode(byStatus, forKey: .byStatus)
        try container.encode((rate * 10_000).rounded() / 10_000, forKey: .rate)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        people = try container.decode(Int.self, forKey: .people)
        verified = try container.decode(Int.self, forKey: .verified)
        unchecked = try container.decode(Int.self, forKey: .unchecked)
        byStatus = try container.decode([String: Int].self, forKey: .byStatus)
    }

    init(code: String, name: String) {
        self.code = code
        self.name = name
        people = 0
        verified = 0
        unchecked = 0
        byStatus = [:]
    }

    /// The rates at `level` over the people at or below `roots`, largest unit first.
    static func load(_ db: any SQLDatabase, level: Level, within roots: [String]) async throws -> [VerificationRate] {
        let unit: String = switch level {
        case .school: "JOIN org_units g ON g.id = p.org_id AND g.kind = 'school'"
        case .province: """
            JOIN org_closure gc ON gc.descendant_id = p.org_id JOIN org_units g ON g.id = gc.ancestor_id AND g.kind = 'department'
            """
        case .nation: "JOIN org_units g ON g.kind = 'ministry'"
        }
        var sql = SQLQueryString("""
            SELECT g.code AS code, g.name AS name, COALESCE(c.status, '') AS status,
                   SUM(CASE WHEN c.linked_id IS NOT NULL OR c.review = 'confirmed' THEN 1 ELSE 0 END) AS linked, COUNT(*) AS n
            FROM (SELECT id, org_id, 'learner' AS kind FROM learners UNION ALL SELECT id, org_id, 'staff' AS kind FROM staff) p
            \(unsafeRaw: unit)
            LEFT JOIN identity_checks c ON c.person_kind = p.kind AND c.person_id = p.id
            WHERE 1 = 1
            """)
        sql.appendInterpolation(CheckRows.scope(roots, column: "p.org_id"))
        sql.appendInterpolation(unsafeRaw: " GROUP BY g.code, g.name, COALESCE(c.status, '')")
        var rates: [String: VerificationRate] = [:]
        for row in try await db.raw(sql).all() {
            let code = try row.decode(column: "code", as: String.self)
            let status = try row.decode(column: "status", as: String.self)
            let count = try row.decode(column: "n", as: Int.self)
            let name = try row.decode(column: "name", as: String.self)
            var rate = rates[code] ?? VerificationRate(code: code, name: name)
            rate.people += count
            rate.verified += try row.decode(column: "linked", as: Int.self)
            if status.isEmpty { rate.unchecked += count } else { rate.byStatus[status, default: 0] += count }
            rates[code] = rate
        }
        return rates.values.sorted { ($0.people, $1.code) > ($1.people, $0.code) }
    }
}
