import Foundation
import Grading
import Platform
import Registry

/// Conduct and attendance of a class for the year, as a form shows them: the homeroom teacher's (or
/// the school's) view of `GET/PUT /api/v1/classes/{id}/conduct`, through the same rights, checks and
/// storage.
public struct ConductSheets: Sendable {
    let controller: YearResultsController

    public init(database: any Database, registry: RegistryService) {
        controller = YearResultsController(database: database, registry: registry)
    }

    public struct Sheet: Sendable {
        public let classID: String
        public let className: String
        public let schoolYear: String
        /// In class-list order.
        public let rows: [Row]
    }

    public struct Row: Sendable {
        public let learnerCode: String
        public let fullName: String
        public let semester1: ConductRating?
        public let semester2: ConductRating?
        public let year: ConductRating?
        public let absentSessions: Int
    }

    /// One learner's entry as typed: ratings by their codes (`tot`, `kha`, `dat`, `chua_dat`); nil
    /// keeps what is stored.
    public struct Entry: Sendable {
        public let learnerCode: String
        public let semester1: String?
        public let semester2: String?
        public let year: String?
        public let absentSessions: Int?

        public init(learnerCode: String, semester1: String?, semester2: String?, year: String?, absentSessions: Int?) {
            self.learnerCode = learnerCode
            self.semester1 = semester1
            self.semester2 = semester2
            self.year = year
            self.absentSessions = absentSessions
        }
    }

    /// The sheet, for the class's homeroom teacher or the school; 404 for a class the caller cannot
    /// see, 403 for one they may read but not rate.
    public func sheet(classID: String, principal: Principal) async throws -> Sheet {
        let schoolClass = try await ClassMembership.visibleClass(controller.registry, id: classID, principal: principal)
        let rows = try await controller.database.read { db in
            try await RecordsAccess.requireConductEntry(db, principal, schoolClass)
            return try await YearResultsController.conductRows(db, schoolClass)
        }
        return Self.sheet(schoolClass, rows)
    }

    /// Stores the entries, all or none. Field errors name `items/N/...`, N being the position in `entries`.
    public func enter(_ entries: [Entry], classID: String, principal: Principal) async throws -> Sheet {
        let schoolClass = try await ClassMembership.visibleClass(controller.registry, id: classID, principal: principal)
        let items = entries.map {
            YearResultsController.ConductInput(learnerCode: $0.learnerCode, conductSemester1: $0.semester1, conductSemester2: $0.semester2,
                                               conductYear: $0.year, absentSessions: $0.absentSessions)
        }
        return Self.sheet(schoolClass, try await controller.storeConduct(items, schoolClass: schoolClass, principal: principal))
    }

    private static func sheet(_ schoolClass: ClassMembership.ClassInfo, _ rows: [YearResultsController.ConductRow]) -> Sheet {
        func rating(_ code: String?) -> ConductRating? { code.flatMap(ConductRating.init(code:)) }
        return Sheet(classID: schoolClass.id, className: schoolClass.name, schoolYear: schoolClass.schoolYear, rows: rows.map {
            Row(learnerCode: $0.learnerCode, fullName: $0.fullName, semester1: rating($0.conductSemester1),
                semester2: rating($0.conductSemester2), year: rating($0.conductYear), absentSessions: $0.absentSessions)
        })
    }
}
