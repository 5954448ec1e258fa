/// The collections of the OneRoster 1.2 rostering service that NEMIS serves, each with the CSV
/// file whose columns describe its objects.
enum RosterCollection: String, CaseIterable, Sendable {
    case orgs, schools, academicSessions, classes, courses, users, students, teachers, enrollments

    var file: OneRosterFile {
        switch self {
        case .orgs, .schools: .orgs
        case .academicSessions: .academicSessions
        case .classes: .classes
        case .courses: .courses
        case .users, .students, .teachers: .users
        case .enrollments: .enrollments
        }
    }

    /// The member holding a list (`{"users": […]}`): students and teachers are users, schools orgs.
    var listKey: String {
        switch self {
        case .schools: "orgs"
        case .students, .teachers: "users"
        default: rawValue
        }
    }

    /// The member holding one object (`{"user": {…}}`).
    var singleKey: String {
        switch listKey {
        case "orgs": "org"
        case "academicSessions": "academicSession"
        case "classes": "class"
        case "courses": "course"
        case "users": "user"
        default: "enrollment"
        }
    }

    /// The names `filter` and `sort` accept: simple members, and references by `x.sourcedId`.
    var knownFields: Set<String> {
        var known: Set<String> = []
        let lists: Set<String> = ["grades", "subjects", "subjectCodes", "periods", "userIds"]
        for column in file.columns where !column.hasSuffix("SourcedIds") && !lists.contains(column) {
            if column.hasSuffix("SourcedId") {
                known.insert(RosterRecord.jsonName(column) + ".sourcedId")
            } else {
                known.insert(column)
            }
        }
        return known
    }

    /// Every object of the collection under the scope, in a stable order, until `body` says stop.
    func each(_ reader: RosterReader, _ scope: RosterScope, _ body: (RosterRecord) throws -> Bool) async throws {
        switch self {
        case .orgs, .schools:
            for record in try await reader.orgs(scope) where self == .orgs || record.simpleValue("type") == "school" {
                guard try body(record) else { return }
            }
        case .academicSessions:
            for record in try await reader.academicSessions() { guard try body(record) else { return } }
        case .courses:
            for record in try await reader.courses(scope) { guard try body(record) else { return } }
        case .classes:
            try await reader.classes(scope, body)
        case .enrollments:
            try await reader.enrollments(scope, body)
        case .users:
            try await reader.people(scope) { try body($0.user) }
        case .students:
            try await reader.people(scope, staff: false) { try body($0.user) }
        case .teachers:
            try await reader.people(scope, learners: false) { person in person.isTeacher ? try body(person.user) : true }
        }
    }
}
