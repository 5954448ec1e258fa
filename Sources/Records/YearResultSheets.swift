import Platform
import Registry

/// A class's stored year results for the web pages, read under the same rule as
/// `GET /api/v1/classes/{id}/year-results` (records:read at the class's school), with every active
/// learner listed, computed or not.
public struct YearResultSheets: Sendable {
    let database: any Database
    let registry: RegistryService

    public init(database: any Database, registry: RegistryService) {
        self.database = database
        self.registry = registry
    }

    public struct Sheet: Sendable {
        public let classID: String
        public let className: String
        public let schoolYear: String
        public let grade: String
        /// In class-list order.
        public let rows: [Row]
    }

    public struct Row: Sendable {
        public let learnerCode: String
        public let fullName: String
        /// Nil until the school computes the year.
        public let result: YearResult?
    }

    public func sheet(classID: String, principal: Principal) async throws -> Sheet {
        let schoolClass = try await ClassMembership.visibleClass(registry, id: classID, principal: principal)
        let rows = try await database.read { db in
            try await RecordsAccess.requireRead(db, principal, schoolClass)
            let members = try await ClassMembership.activeMembers(db, classID: schoolClass.id)
            let stored = try await YearResultDirectory.stored(db, learnerIDs: members.map(\.learnerID), year: schoolClass.schoolYear)
            return members.map { Row(learnerCode: $0.learnerCode, fullName: $0.fullName, result: stored[$0.learnerID]) }
        }
        return Sheet(classID: schoolClass.id, className: schoolClass.name, schoolYear: schoolClass.schoolYear, grade: schoolClass.grade,
                     rows: rows)
    }
}
