import Platform
import Registry
import SQLKit

/// Who may do what with a class's learning records. The class itself must be visible (404
/// otherwise, like every record); beyond that a missing permission answers 403.
enum RecordsAccess {
    static func requireRead(_ db: any SQLDatabase, _ principal: Principal, _ schoolClass: ClassMembership.ClassInfo) async throws {
        guard try await OrgTree.isWithin(db, nodeID: schoolClass.orgID, roots: principal.nodes(for: .recordsRead)) else {
            throw APIError.forbidden("reading learning records needs records:read at the class's school")
        }
    }

    /// Scores are entered by the teacher assigned to the subject in the class (records:write and a
    /// teaching assignment), or by the school (records:manage).
    static func requireScoreEntry(_ db: any SQLDatabase, _ principal: Principal, _ schoolClass: ClassMembership.ClassInfo,
                                  subject: Subject, semester: String) async throws {
        try await requireScoreEntry(db, principal, schoolClass, subjectCode: subject.code, subjectName: subject.nameVI, semester: semester)
    }

    /// The same rule for any subject, secondary or primary, by its code and name.
    static func requireScoreEntry(_ db: any SQLDatabase, _ principal: Principal, _ schoolClass: ClassMembership.ClassInfo,
                                  subjectCode: String, subjectName: String, semester: String) async throws {
        if try await mayManage(db, principal, schoolClass) { return }
        if let staffCode = principal.staffCode,
           try await OrgTree.isWithin(db, nodeID: schoolClass.orgID, roots: principal.nodes(for: .recordsWrite)),
           try await ClassMembership.teaches(db, staffCode: staffCode, classID: schoolClass.id, subjectCode: subjectCode, semester: semester) {
            return
        }
        throw APIError.forbidden("only the teacher assigned to \(subjectName) in class \(schoolClass.name), or the school, may enter these scores")
    }

    /// Conduct and attendance are the homeroom teacher's, or the school's.
    static func requireConductEntry(_ db: any SQLDatabase, _ principal: Principal, _ schoolClass: ClassMembership.ClassInfo) async throws {
        try await requireHomeroomEntry(db, principal, schoolClass, what: "conduct and attendance")
    }

    /// What the homeroom teacher rates for the whole class (conduct, attendance, a primary
    /// pupil's qualities and competencies), or the school.
    static func requireHomeroomEntry(_ db: any SQLDatabase, _ principal: Principal, _ schoolClass: ClassMembership.ClassInfo,
                                     what: String) async throws {
        if try await mayManage(db, principal, schoolClass) { return }
        if let staffCode = principal.staffCode, staffCode == schoolClass.homeroomStaffCode,
           try await OrgTree.isWithin(db, nodeID: schoolClass.orgID, roots: principal.nodes(for: .recordsWrite)) {
            return
        }
        throw APIError.forbidden("only the homeroom teacher of class \(schoolClass.name), or the school, may enter \(what)")
    }

    static func requireManage(_ db: any SQLDatabase, _ principal: Principal, _ schoolClass: ClassMembership.ClassInfo) async throws {
        guard try await mayManage(db, principal, schoolClass) else {
            throw APIError.forbidden("closing terms and computing results needs records:manage at the class's school")
        }
    }

    static func mayManage(_ db: any SQLDatabase, _ principal: Principal, _ schoolClass: ClassMembership.ClassInfo) async throws -> Bool {
        try await OrgTree.isWithin(db, nodeID: schoolClass.orgID, roots: principal.nodes(for: .recordsManage))
    }
}
