import Foundation
import Platform
import Registry

/// What a teacher teaches this school year: the classes they are homeroom teacher of, and the
/// subjects the school assigned them in each class. It only builds links; whether a teacher may
/// enter a subject's scores is decided by the Records module on every request.
struct TeachingLoad: Sendable {
    let database: any Database
    let reader: RegistryReader

    struct ClassLoad: Sendable {
        let id: String
        let schoolClass: SchoolClass
        let isHomeroom: Bool
        /// Subject codes, each for one semester or (nil) the whole year.
        let subjects: [(code: String, semester: String?)]
    }

    /// The teacher's classes in each school where they teach; nil when the account is not linked to
    /// a staff record (then no teaching assignment can name it).
    func classes(of principal: Principal) async throws -> [ClassLoad]? {
        guard let staffCode = principal.staffCode?.uppercased() else { return nil }
        let assignments = try await self.assignments(of: principal)
        var schoolIDs: [String] = []
        for grant in principal.grants where grant.role == .teacher && !schoolIDs.contains(grant.orgID) { schoolIDs.append(grant.orgID) }
        var loads: [ClassLoad] = []
        for schoolID in schoolIDs {
            let (_, classes) = try await reader.classes(of: schoolID, on: Clock.today(), for: principal)
            for (id, schoolClass) in classes {
                let subjects = Self.subjects(assignments, schoolCode: schoolClass.schoolCode, schoolYear: schoolClass.schoolYear,
                                             className: schoolClass.name)
                let isHomeroom = schoolClass.homeroomStaffCode?.uppercased() == staffCode
                if isHomeroom || !subjects.isEmpty {
                    loads.append(ClassLoad(id: id, schoolClass: schoolClass, isHomeroom: isHomeroom, subjects: subjects))
                }
            }
        }
        return loads
    }

    /// The subjects the teacher is assigned in one class.
    func subjects(of principal: Principal, in schoolClass: ClassMembership.ClassInfo) async throws -> [(code: String, semester: String?)] {
        Self.subjects(try await assignments(of: principal), schoolCode: schoolClass.schoolCode, schoolYear: schoolClass.schoolYear,
                      className: schoolClass.name)
    }

    /// Assignments name their class by school, year and name, which the registry stores in upper case.
    private static func subjects(_ assignments: [TeachingAssignment], schoolCode: String, schoolYear: String,
                                 className: String) -> [(code: String, semester: String?)] {
        assignments.filter { $0.schoolCode == schoolCode && $0.schoolYear == schoolYear && $0.className == className }
            .map { ($0.subjectCode, $0.semester) }
    }

    /// The teaching assignments naming the teacher's staff record, within what the teacher may read,
    /// through the platform's scoped record listing (the registry offers no directory function for a
    /// teacher's assignments yet; `ClassMembership` would be its home).
    private func assignments(of principal: Principal) async throws -> [TeachingAssignment] {
        guard let staffCode = principal.staffCode?.uppercased() else { return [] }
        let roots = principal.nodes(for: .registryRead)
        return try await database.read { db in
            guard let staff = try await RecordStore.find(db, Staff.resource, naturalKey: staffCode) else { return [] }
            var query = ListQuery()
            query.equals = ["staff_id": staff.id]
            query.limit = 1000
            return try await RecordStore.list(db, TeachingAssignment.resource, query, roots: roots).map {
                try JSON.decoder.decode(TeachingAssignment.self, from: Data($0.body.utf8))
            }
        }
    }
}
