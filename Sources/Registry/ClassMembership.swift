import Foundation
import Platform
import SQLKit

/// What other modules (learning records, exams) may know about a class: the class itself, the
/// learners actively enrolled in it, and who teaches what there. They read it through these
/// functions, never through the registry's tables.
public enum ClassMembership {
    public struct ClassInfo: Sendable {
        public let id: String
        /// The school that owns the class.
        public let orgID: String
        public let schoolCode: String
        public let schoolYear: String
        public let name: String
        public let grade: String
        public let homeroomStaffCode: String?

        /// The first calendar year of the school year ("2026-2027" → 2026).
        public var schoolYearStart: Int { Int(schoolYear.prefix(4)) ?? 0 }
    }

    public struct Member: Sendable {
        public let learnerID: String
        public let learnerCode: String
        public let fullName: String
    }

    /// The class if the principal may read it; 404 otherwise (also for a class that does not exist).
    public static func visibleClass(_ registry: RegistryService, id: String, principal: Principal) async throws -> ClassInfo {
        let (row, _) = try await registry.classes.loadVisible(id: id, principal: principal, sensitiveAudit: false)
        let model = try JSON.decoder.decode(SchoolClass.self, from: Data(row.body.utf8))
        return ClassInfo(id: row.id, orgID: row.orgID, schoolCode: model.schoolCode, schoolYear: model.schoolYear,
                         name: model.name, grade: model.grade, homeroomStaffCode: model.homeroomStaffCode)
    }

    /// The learners actively enrolled in the class, in class-list order.
    public static func activeMembers(_ db: any SQLDatabase, classID: String) async throws -> [Member] {
        try await LifecycleController.rosterRows(db, classID: classID).map { row in
            let learner = try JSON.decoder.decode(Learner.self, from: Data(row.body.utf8))
            return Member(learnerID: row.id, learnerCode: learner.learnerCode ?? row.naturalKey, fullName: learner.fullName)
        }
    }

    /// Whether the staff member is assigned to teach `subjectCode` in the class, for the whole year
    /// or for `semester` ("I" or "II").
    public static func teaches(_ db: any SQLDatabase, staffCode: String, classID: String, subjectCode: String,
                               semester: String) async throws -> Bool {
        let rows = try await db.raw("""
            SELECT a.body FROM teaching_assignments a JOIN staff s ON s.id = a.staff_id
            WHERE a.class_id = \(bind: classID) AND s.natural_key = \(bind: staffCode.uppercased())
            """).all()
        return try rows.contains { row in
            let assignment = try JSON.decoder.decode(TeachingAssignment.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
            return assignment.subjectCode.uppercased() == subjectCode.uppercased() && (assignment.semester == nil || assignment.semester == semester)
        }
    }

    /// The subjects the class has a teacher assigned for, in either semester (its timetable),
    /// upper-cased; empty when the school has recorded none.
    public static func subjectsTaught(_ db: any SQLDatabase, classID: String) async throws -> Set<String> {
        Set(try await db.raw("SELECT body FROM teaching_assignments WHERE class_id = \(bind: classID)").all().map { row in
            try JSON.decoder.decode(TeachingAssignment.self, from: Data(try row.decode(column: "body", as: String.self).utf8)).subjectCode.uppercased()
        })
    }
}

/// What other modules may know about a learner they are allowed to see.
public enum LearnerDirectory {
    public struct Summary: Sendable {
        public let id: String
        /// The school that holds the learner's record.
        public let orgID: String
        public let learnerCode: String
        public let fullName: String
        public let dateOfBirth: CivilDate?
        public let sex: String?
    }

    /// The learner if the principal may read the record; 404 otherwise. Identity fields are not read.
    public static func visibleLearner(_ registry: RegistryService, id: String, principal: Principal) async throws -> Summary {
        let (row, _) = try await registry.learners.loadVisible(id: id, principal: principal, sensitiveAudit: false)
        let learner = try JSON.decoder.decode(Learner.self, from: Data(try registry.learners.render(row, showSensitive: false).utf8))
        return Summary(id: row.id, orgID: row.orgID, learnerCode: learner.learnerCode ?? row.naturalKey, fullName: learner.fullName,
                       dateOfBirth: learner.dateOfBirth, sex: learner.sex)
    }

    /// Citizen IDs, for a module that only derives something from them (a salted hash in a
    /// credential) and never shows them. Learners without one are absent.
    public static func citizenIDs(_ db: any SQLDatabase, learnerIDs: [String]) async throws -> [String: String] {
        guard !learnerIDs.isEmpty else { return [:] }
        var found: [String: String] = [:]
        for row in try await db.raw("""
            SELECT id, citizen_id FROM learners WHERE id IN (\(binds: learnerIDs)) AND citizen_id IS NOT NULL
            """).all() {
            found[try row.decode(column: "id", as: String.self)] = try row.decode(column: "citizen_id", as: String.self)
        }
        return found
    }

    /// Where a learner is enrolled in a school year: their record and their class.
    public struct Placement: Sendable {
        public let learnerID: String
        public let learnerCode: String
        public let fullName: String
        public let dateOfBirth: CivilDate?
        public let sex: String?
        public let citizenID: String?
        /// The class's school.
        public let orgID: String
        public let schoolCode: String
        public let classID: String
        public let className: String
        public let grade: String
    }

    /// The learner with `learnerCode` and their active class in `schoolYear`, if they have one.
    /// The caller decides whether the principal may act at `orgID`.
    public static func placement(_ db: any SQLDatabase, learnerCode: String, schoolYear: String) async throws -> Placement? {
        guard let row = try await db.raw("""
            SELECT t.id, t.body, t.citizen_id, c.id AS class_id, c.org_id, c.grade, c.body AS class_body
            FROM learners t
            JOIN enrolments e ON e.learner_id = t.id AND e.status = 'active' AND e.school_year = \(bind: schoolYear)
            JOIN classes c ON c.id = e.class_id
            WHERE t.natural_key = \(bind: learnerCode.trimmingCharacters(in: .whitespaces).uppercased())
            """).first() else { return nil }
        let learner = try JSON.decoder.decode(Learner.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
        let schoolClass = try JSON.decoder.decode(SchoolClass.self, from: Data(try row.decode(column: "class_body", as: String.self).utf8))
        return Placement(
            learnerID: try row.decode(column: "id", as: String.self), learnerCode: learner.learnerCode ?? learnerCode,
            fullName: learner.fullName, dateOfBirth: learner.dateOfBirth, sex: learner.sex,
            citizenID: try row.decode(column: "citizen_id", as: String?.self), orgID: try row.decode(column: "org_id", as: String.self),
            schoolCode: schoolClass.schoolCode, classID: try row.decode(column: "class_id", as: String.self), className: schoolClass.name, grade: try row.decode(column: "grade", as: String.self))
    }
}
