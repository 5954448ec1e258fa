import Grading
import Platform
import Registry

/// The gradebook for the web pages: the same reading, rights, rules and storage as the JSON API
/// (`GradebookController`), returned as public values a page can render.
public struct GradebookSheets: Sendable {
    let gradebooks: GradebookController

    public init(database: any Database, registry: RegistryService) {
        gradebooks = GradebookController(database: database, registry: registry)
    }

    /// One subject's gradebook for a class in one semester.
    public struct Sheet: Sendable {
        public let classID: String
        public let className: String
        public let schoolYear: String
        public let subject: Subject
        public let semester: String
        /// How many regular assessments the rule set asks for, and whether that number is exact
        /// (Circular 22/2021) or a minimum (earlier rule sets).
        public let regularCount: Int
        public let regularCountIsExact: Bool
        /// A closed term is read-only until the school reopens it.
        public let closed: Bool
        /// Whether the caller may close the semester, or reopen it (the school, not a teacher).
        public let mayCloseTerm: Bool
        public let rows: [Row]
    }

    /// One learner's entries in their canonical form ("7.5", "dat", "chua_dat") and, once every
    /// required entry is there, the semester result.
    public struct Row: Sendable {
        public let learnerCode: String
        public let fullName: String
        public let regular: [String]
        public let midTerm: String?
        public let endOfTerm: String?
        public let result: String?
    }

    /// The sheet, for a caller who may enter these scores: the assigned teacher or the school.
    /// A class the caller cannot see answers 404; a subject they do not teach there, 403.
    public func sheet(classID: String, subjectCode: String, semester: String, principal: Principal) async throws -> Sheet {
        let schoolClass = try await ClassMembership.visibleClass(gradebooks.registry, id: classID, principal: principal)
        let (subject, semester, rules) = try GradebookController.target(subjectCode: subjectCode, semester: semester, schoolClass)
        let (page, manages) = try await gradebooks.database.read { db in
            try await RecordsAccess.requireScoreEntry(db, principal, schoolClass, subject: subject, semester: semester)
            return (try await GradebookController.page(db, schoolClass, subject: subject, semester: semester, rules: rules),
                    try await RecordsAccess.mayManage(db, principal, schoolClass))
        }
        return Self.sheet(page, rules: rules, mayCloseTerm: manages)
    }

    /// Closes the semester of the class's gradebooks, or reopens it with a reason (kept in the audit
    /// log), through the API's own path; then the sheet as it now stands.
    public func setTerm(closed: Bool, reason: String?, classID: String, subjectCode: String, semester: String,
                        principal: Principal) async throws -> Sheet {
        let schoolClass = try await ClassMembership.visibleClass(gradebooks.registry, id: classID, principal: principal)
        try await gradebooks.changeTerm(schoolClass, semester: semester, close: closed, reason: reason, principal: principal)
        return try await sheet(classID: classID, subjectCode: subjectCode, semester: semester, principal: principal)
    }

    /// Enters scores through the API's own path: every value checked, all rows or none. Field errors
    /// name `items/N/...`, N being the position in `rows`.
    public func enter(_ rows: [GradebookRowInput], classID: String, subjectCode: String, semester: String,
                      principal: Principal) async throws -> Sheet {
        let schoolClass = try await ClassMembership.visibleClass(gradebooks.registry, id: classID, principal: principal)
        let (subject, semester, rules) = try GradebookController.target(subjectCode: subjectCode, semester: semester, schoolClass)
        let page = try await gradebooks.enter(rows, schoolClass: schoolClass, subject: subject, semester: semester, rules: rules,
                                              principal: principal)
        let manages = try await gradebooks.database.read { db in try await RecordsAccess.mayManage(db, principal, schoolClass) }
        return Self.sheet(page, rules: rules, mayCloseTerm: manages)
    }

    private static func sheet(_ page: GradebookController.Page, rules: GradebookRules, mayCloseTerm: Bool) -> Sheet {
        let (count, exact) = switch rules.requirements.regular {
        case .exactly(let count): (count, true)
        case .atLeast(let count): (count, false)
        }
        return Sheet(classID: page.classId, className: page.className, schoolYear: page.schoolYear, subject: page.subject,
                     semester: page.semester, regularCount: count, regularCountIsExact: exact, closed: page.closed, mayCloseTerm: mayCloseTerm,
                     rows: page.items.map {
                         Row(learnerCode: $0.learnerCode, fullName: $0.fullName, regular: $0.regular, midTerm: $0.midTerm,
                             endOfTerm: $0.endOfTerm, result: $0.result)
                     })
    }
}
