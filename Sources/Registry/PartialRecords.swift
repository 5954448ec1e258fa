import Foundation
import Platform
import SQLKit

/// Records from a source that carries only part of what NEMIS keeps: a OneRoster feed has names,
/// birth dates, schools and roles, but no citizen ID, ethnicity, qualifications or campus. Writing
/// such a record as it came would erase what the source does not know, so each body first takes
/// from the stored record every field the source never carries and the body leaves out.
public enum PartialRecords {
    /// What a partial source leaves out of each resource, and so what is kept from the stored record.
    static func keptFields(_ resource: RegistryImportWriter.Resource) -> [String] {
        switch resource {
        case .learners: ["citizenId", "ethnicity", "birthplace"]
        case .staff: ["citizenId", "ethnicity", "qualifications", "professionalTitle"]
        case .classes: ["campusCode", "homeroomStaffCode"]
        case .schools, .guardians, .enrolments, .teachingAssignments: []
        }
    }

    /// `bodies` completed from the stored records with the same natural key; a body with no stored
    /// record is left as it is. A member of staff also keeps the employments the body does not
    /// mention: those at other schools, and ended ones (the history of their career).
    public static func completed(_ resource: RegistryImportWriter.Resource, bodies: [Data], db: any SQLDatabase) async throws -> [Data] {
        let kept = keptFields(resource)
        guard !kept.isEmpty, !bodies.isEmpty else { return bodies }
        var objects = try bodies.map { body in
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw APIError.malformed(field: nil, "a record must be a JSON object")
            }
            return object
        }
        let keys = objects.map { naturalKey(resource, $0) }
        let stored = try await storedBodies(table: RegistryImportWriter.tableName(resource), keys: Array(Set(keys.compactMap { $0 })), db: db)
        var result = bodies
        for index in objects.indices {
            guard let key = keys[index], let previous = stored[key] else { continue }
            var object = objects[index]
            for field in kept where object[field] == nil || object[field] is NSNull {
                if let value = previous[field], !(value is NSNull) { object[field] = value }
            }
            if resource == .staff { object["employments"] = employments(object["employments"], keeping: previous["employments"]) }
            objects[index] = object
            result[index] = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        }
        return result
    }

    /// The body's natural key as the resource stores it; nil when the body does not say.
    static func naturalKey(_ resource: RegistryImportWriter.Resource, _ object: [String: Any]) -> String? {
        func text(_ field: String) -> String? {
            (object[field] as? String).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        switch resource {
        case .learners: return text("learnerCode")?.uppercased()
        case .staff: return text("staffCode")?.uppercased()
        case .classes:
            guard let school = text("schoolCode"), let year = text("schoolYear"), let name = text("name") else { return nil }
            return SchoolClass.key(school, year, name)
        case .schools, .guardians, .enrolments, .teachingAssignments: return nil
        }
    }

    static func storedBodies(table: String, keys: [String], db: any SQLDatabase) async throws -> [String: [String: Any]] {
        var found: [String: [String: Any]] = [:]
        for chunk in keys.batches(of: RecordStore.rowsPerStatement) {
            var sql = SQLQueryString("SELECT natural_key, body FROM \(unsafeRaw: table) WHERE natural_key IN (")
            sql.appendInterpolation(binds: Array(chunk))
            sql.appendInterpolation(unsafeRaw: ")")
            for row in try await db.raw(sql).all() {
                let body = try row.decode(column: "body", as: String.self)
                if let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] {
                    found[try row.decode(column: "natural_key", as: String.self)] = object
                }
            }
        }
        return found
    }

    /// The body's employments, then the stored ones at schools the body does not name, and the
    /// stored ended ones it does not repeat.
    static func employments(_ given: Any?, keeping stored: Any?) -> [[String: Any]] {
        let current = given as? [[String: Any]] ?? []
        func school(_ employment: [String: Any]) -> String { (employment["schoolCode"] as? String ?? "").uppercased() }
        func isEnded(_ employment: [String: Any]) -> Bool { !(employment["endDate"] == nil || employment["endDate"] is NSNull) }
        let named = Set(current.map(school))
        let sameStart = Set(current.map { school($0) + "|" + ($0["startDate"] as? String ?? "") })
        let kept = (stored as? [[String: Any]] ?? []).filter { employment in
            !named.contains(school(employment)) || (isEnded(employment) && !sameStart.contains(school(employment) + "|" + (employment["startDate"] as? String ?? "")))
        }
        return current + kept
    }
}
