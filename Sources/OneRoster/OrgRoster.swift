import Foundation
import Platform
import SQLKit

/// orgs: the ministry (`national`), the provinces' departments (`state`) and the schools
/// (`school`), each under its parent. A scope sees the nodes below its roots and the nodes above
/// them, so every `parentSourcedId` it is given resolves inside the same export.
enum OrgRoster {
    static func records(_ database: any Database, scope: RosterScope) async throws -> [RosterRecord] {
        let roots = scope.roots
        guard !roots.isEmpty else { return [] }
        return try await database.read { db in
            var sql = SQLQueryString("""
                SELECT o.code, o.kind, o.name, o.status, o.created_at,
                    (SELECT p.code FROM org_edges e JOIN org_units p ON p.id = e.parent_id
                     WHERE e.child_id = o.id AND e.valid_to IS NULL ORDER BY e.valid_from DESC LIMIT 1) AS parent_code
                FROM org_units o WHERE o.kind IN ('ministry', 'department', 'school')
                """)
            if !OrgTree.includesRoot(roots) {
                sql.appendInterpolation(unsafeRaw: " AND (o.id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (")
                sql.appendInterpolation(binds: roots)
                sql.appendInterpolation(unsafeRaw: ")) OR o.id IN (SELECT ancestor_id FROM org_closure WHERE descendant_id IN (")
                sql.appendInterpolation(binds: roots)
                sql.appendInterpolation(unsafeRaw: ")))")
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY o.code")
            return try await db.raw(sql).all().map(record)
        }
    }

    static func record(_ row: any SQLRow) throws -> RosterRecord {
        let code = try row.text("code")
        let type = switch try row.text("kind") {
        case "ministry": "national"
        case "department": "state"
        default: "school"
        }
        var fields: [String: RosterValue] = ["name": .text(try row.text("name")), "type": .text(type), "identifier": .text(code)]
        let parent = try row.text("parent_code")
        if !parent.isEmpty { fields["parentSourcedId"] = .ref(RosterRef(sourcedId: RosterKeys.org(code: parent), type: "org")) }
        var record = RosterRecord(sourcedId: RosterKeys.org(code: code), dateLastModified: try row.text("created_at"), fields: fields)
        if try row.text("status") != "active" { record.status = "tobedeleted" }
        return record
    }
}

/// academicSessions: each school year (type `schoolYear`, its `schoolYear` the calendar year it
/// ends in, as the specification asks) and its semesters I and II (type `semester`) under it.
/// School years are set nationally, so every scope sees them all.
enum SessionRoster {
    static func records(_ database: any Database) async throws -> [RosterRecord] {
        let rows = try await database.read { db in
            try await db.raw("SELECT natural_key, body, updated_at FROM school_years ORDER BY natural_key").all().map { row in
                (try row.text("body"), try row.text("updated_at"))
            }
        }
        var records: [RosterRecord] = []
        for (body, updated) in rows {
            guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                  let year = object["schoolYear"] as? String else { continue }
            let ending = String(year.suffix(4))
            let yearID = RosterKeys.schoolYear(year)
            records.append(RosterRecord(sourcedId: yearID, dateLastModified: updated, fields: [
                "title": .text(year), "type": .text("schoolYear"), "startDate": .text(object["startDate"] as? String ?? ""),
                "endDate": .text(object["endDate"] as? String ?? ""), "schoolYear": .text(ending),
            ]))
            for semester in object["semesters"] as? [[String: Any]] ?? [] {
                guard let name = semester["name"] as? String else { continue }
                records.append(RosterRecord(sourcedId: RosterKeys.semester(year, name), dateLastModified: updated, fields: [
                    "title": .text("Học kỳ \(name) \(year)"), "type": .text("semester"),
                    "startDate": .text(semester["startDate"] as? String ?? ""), "endDate": .text(semester["endDate"] as? String ?? ""),
                    "parentSourcedId": .ref(RosterRef(sourcedId: yearID, type: "academicSession")), "schoolYear": .text(ending),
                ]))
            }
        }
        return records
    }
}
