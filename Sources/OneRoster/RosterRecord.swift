import Foundation

/// A reference to another OneRoster object: its sourcedId in CSV, a GUIDRef in JSON.
public struct RosterRef: Sendable, Hashable {
    public let sourcedId: String
    /// The referenced type as GUIDRef names it: org, academicSession, course, class, user.
    public let type: String
}

/// A field value, which CSV and JSON write differently (lists comma-joined vs arrays, a
/// `schoolSourcedId` column vs a `school` GUIDRef).
public enum RosterValue: Sendable, Hashable {
    case text(String)
    case flag(Bool)
    case list([String])
    case ref(RosterRef)
    case refs([RosterRef])
    /// `userIds`: `{type:identifier}` in CSV, `[{type, identifier}]` in JSON.
    case identifiers([String: String])
    /// A user's roles, only in JSON (CSV carries them in roles.csv).
    case roles([RosterRole])
}

public struct RosterRole: Sendable, Hashable {
    public let roleType: String
    public let role: String
    public let org: RosterRef
    public let beginDate: String?
}

/// One OneRoster object, its fields named as the CSV columns name them.
public struct RosterRecord: Sendable {
    public let sourcedId: String
    public var status = "active"
    public let dateLastModified: String
    public var fields: [String: RosterValue]

    public init(sourcedId: String, dateLastModified: String, fields: [String: RosterValue]) {
        self.sourcedId = sourcedId
        self.dateLastModified = dateLastModified
        self.fields = fields
    }

    /// The CSV cells in the order of `columns`.
    public func csvRow(_ columns: [String]) -> [String] {
        columns.map { column in
            switch column {
            case "sourcedId": sourcedId
            case "status": status
            case "dateLastModified": dateLastModified
            default: fields[column].map(Self.csvText) ?? ""
            }
        }
    }

    static func csvText(_ value: RosterValue) -> String {
        switch value {
        case .text(let text): text
        case .flag(let flag): flag ? "true" : "false"
        case .list(let items): items.joined(separator: ",")
        case .ref(let ref): ref.sourcedId
        case .refs(let refs): refs.map(\.sourcedId).joined(separator: ",")
        case .identifiers(let ids): ids.sorted { $0.key < $1.key }.map { "{\($0.key):\($0.value)}" }.joined(separator: ",")
        case .roles: ""
        }
    }

    /// The JSON name of a CSV column: a reference drops its `SourcedId(s)` suffix
    /// (`schoolSourcedId` → `school`, `termSourcedIds` → `terms`).
    static func jsonName(_ column: String) -> String {
        if column.hasSuffix("SourcedIds") { return String(column.dropLast(10)) + "s" }
        if column.hasSuffix("SourcedId") { return String(column.dropLast(9)) }
        return column
    }

    /// The object in the REST binding's shape; `base` prefixes GUIDRef hrefs.
    public func json(base: String) -> [String: Any] {
        var object: [String: Any] = ["sourcedId": sourcedId, "status": status, "dateLastModified": dateLastModified]
        for (column, value) in fields {
            object[Self.jsonName(column)] = Self.jsonValue(value, base: base)
        }
        return object
    }

    static func jsonValue(_ value: RosterValue, base: String) -> Any {
        switch value {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let items): items
        case .ref(let ref): refJSON(ref, base: base)
        case .refs(let refs): refs.map { refJSON($0, base: base) }
        case .identifiers(let ids): ids.sorted { $0.key < $1.key }.map { ["type": $0.key, "identifier": $0.value] }
        case .roles(let roles):
            roles.map { role -> [String: Any] in
                var object: [String: Any] = ["roleType": role.roleType, "role": role.role, "org": refJSON(role.org, base: base)]
                if let begin = role.beginDate { object["beginDate"] = begin }
                return object
            }
        }
    }

    static func refJSON(_ ref: RosterRef, base: String) -> [String: String] {
        let collection = switch ref.type {
        case "org": "orgs"
        case "academicSession": "academicSessions"
        case "course": "courses"
        case "class": "classes"
        default: "users"
        }
        return ["href": "\(base)/\(collection)/\(ref.sourcedId)", "sourcedId": ref.sourcedId, "type": ref.type]
    }

    /// A simple field's value as text, for `filter` and `sort`: a reference by its sourcedId
    /// (`school.sourcedId`), absent fields as nil.
    public func simpleValue(_ name: String) -> String? {
        switch name {
        case "sourcedId": return sourcedId
        case "status": return status
        case "dateLastModified": return dateLastModified
        default: break
        }
        let (field, member) = name.hasSuffix(".sourcedId") ? (String(name.dropLast(10)), "sourcedId") : (name, "")
        for (column, value) in fields where Self.jsonName(column) == field {
            switch value {
            case .text(let text) where member.isEmpty: return text
            case .flag(let flag) where member.isEmpty: return flag ? "true" : "false"
            case .ref(let ref) where member == "sourcedId": return ref.sourcedId
            default: return nil
            }
        }
        return nil
    }
}
