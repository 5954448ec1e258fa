import Foundation

/// The query parameters of the OneRoster REST binding (§3.4): `limit`/`offset` paging, `filter`
/// (`field='value'` predicates joined by ` AND ` or ` OR `, operators = != > >= < <= ~),
/// `sort` with `orderBy`, and `fields` to choose the members returned.
struct RosterQuery: Sendable {
    struct Predicate: Sendable {
        let field: String
        let op: String
        let value: String

        func matches(_ record: RosterRecord) -> Bool {
            let actual = record.simpleValue(field) ?? ""
            switch op {
            case "=": return actual == value
            case "!=": return actual != value
            case ">": return actual > value
            case ">=": return actual >= value
            case "<": return actual < value
            case "<=": return actual <= value
            default: return actual.lowercased().contains(value.lowercased())  // "~"
            }
        }
    }

    enum Failure: Error, Equatable {
        /// A parameter is malformed: `imsx_codeMinorFieldValue` and a description.
        case invalid(code: String, String)
    }

    static let defaultLimit = 100
    static let maximumLimit = 10_000

    var limit = defaultLimit
    var offset = 0
    var predicates: [Predicate] = []
    var anyPredicate = false
    var sort: String?
    var descending = false
    var fields: [String]?

    /// Parses the parameters, checking field names against `known` (the collection's simple fields).
    init(_ parameters: [String: String], known: Set<String>) throws {
        if let text = parameters["limit"] {
            guard let value = Int(text), value > 0 else { throw Failure.invalid(code: "invalid_blank_selection_field", "limit is a positive integer") }
            limit = min(value, Self.maximumLimit)
        }
        if let text = parameters["offset"] {
            guard let value = Int(text), value >= 0 else { throw Failure.invalid(code: "invalid_blank_selection_field", "offset is 0 or more") }
            offset = value
        }
        if let filter = parameters["filter"], !filter.isEmpty {
            let (parts, isAny) = Self.split(filter)
            anyPredicate = isAny
            predicates = try parts.map { try Self.predicate($0, known: known) }
        }
        if let sort = parameters["sort"], !sort.isEmpty {
            guard known.contains(sort) else { throw Failure.invalid(code: "invalid_sort_field", "cannot sort by '\(sort)'") }
            self.sort = sort
        }
        descending = parameters["orderBy"]?.lowercased() == "desc"
        if let fields = parameters["fields"], !fields.isEmpty {
            let names = fields.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            if let unknown = names.first(where: { !known.contains($0) && !["sourcedId", "status", "dateLastModified"].contains($0) && !$0.isEmpty }),
               !Self.isComplexField(unknown, known: known) {
                throw Failure.invalid(code: "invalid_selection_field", "no field '\(unknown)'")
            }
            self.fields = names
        }
    }

    /// `fields` may name reference and list members too (`school`, `grades`), which filters cannot.
    private static func isComplexField(_ name: String, known: Set<String>) -> Bool {
        known.contains(name + ".sourcedId") || ["grades", "subjectCodes", "subjects", "terms", "roles", "userIds", "periods", "orgs"].contains(name)
    }

    func matches(_ record: RosterRecord) -> Bool {
        guard !predicates.isEmpty else { return true }
        return anyPredicate ? predicates.contains { $0.matches(record) } : predicates.allSatisfy { $0.matches(record) }
    }

    private static func split(_ filter: String) -> ([String], isAny: Bool) {
        if filter.contains(" OR ") { return (filter.components(separatedBy: " OR "), true) }
        return (filter.components(separatedBy: " AND "), false)
    }

    private static func predicate(_ text: String, known: Set<String>) throws -> Predicate {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for op in ["!=", ">=", "<=", "=", ">", "<", "~"] {
            guard let range = trimmed.range(of: op) else { continue }
            let field = trimmed[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            var value = trimmed[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") else {
                throw Failure.invalid(code: "invalid_filter_field", "a filter value goes in single quotes: \(trimmed)")
            }
            value = String(value.dropFirst().dropLast())
            guard known.contains(field) else { throw Failure.invalid(code: "invalid_filter_field", "cannot filter on '\(field)'") }
            return Predicate(field: field, op: op, value: value)
        }
        throw Failure.invalid(code: "invalid_filter_field", "no operator in '\(trimmed)'")
    }
}
