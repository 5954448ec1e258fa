import Foundation
import Platform
import SQLKit
import VietnameseText

/// A homeroom class (lớp), e.g. 10A1 in 2025-2026, or a preschool group.
public struct SchoolClass: StoredModel, Equatable {
    public static let grades = ["nursery", "kindergarten-3", "kindergarten-4", "kindergarten-5"] + (1...12).map(String.init)

    public var id: String?
    public var schoolCode: String
    public var schoolYear: String
    public var name: String
    public var grade: String
    public var homeroomStaffCode: String?
    public var campusCode: String?

    public static let resource = ResourceDescriptor(name: "classes", indexColumns: ["school_year", "grade", "homeroom_staff_id"])

    static let fields: [FieldSpec] = [
        FieldSpec("id", .uuid, readOnly: true, "Surrogate ID"),
        FieldSpec("schoolCode", .string, required: true, "School"),
        FieldSpec("schoolYear", .string, required: true, "e.g. 2025-2026"),
        FieldSpec("name", .string, required: true, "Class name, e.g. 10A1"),
        FieldSpec("grade", .enumeration(grades), required: true, "Grade 1–12, or a preschool group"),
        FieldSpec("homeroomStaffCode", .string, "Homeroom teacher (must be employed at the school)"),
        FieldSpec("campusCode", .string, "Satellite campus, if not the main site"),
    ]

    static func key(_ schoolCode: String, _ year: String, _ name: String) -> String {
        "\(schoolCode.uppercased())|\(year)|\(VietnameseText.clean(name).uppercased())"
    }

    static func spec() -> ResourceSpec<SchoolClass> {
        ResourceSpec(
            descriptor: resource, schemaName: "Class", tag: "Classes", fields: fields,
            filters: ["schoolId": "org_id", "schoolYear": "school_year", "grade": "grade"],
            beforeDelete: { db, row in
                try await DeleteGuard.refuseIfReferenced(db, row, by: [("enrolments", "class_id"), ("teaching_assignments", "class_id")])
            },
            prefetch: { classes, db, _, reads in
                // Each class names another homeroom teacher: one statement for the batch's.
                try await References.preload(db, Staff.resource, Staff.self, keys: classes.compactMap { $0.homeroomStaffCode?.uppercased() },
                                             into: reads)
            },
            naturalKey: { key($0.schoolCode, $0.schoolYear, $0.name) },
            prepare: prepare)
    }

    static func prepare(_ input: SchoolClass, _ write: WriteInput<SchoolClass>) async throws -> PreparedWrite<SchoolClass> {
        var schoolClass = input
        var errors = ValidationCollector()
        schoolClass.schoolCode = schoolClass.schoolCode.uppercased()
        schoolClass.name = VietnameseText.clean(schoolClass.name).uppercased()
        if schoolClass.name.isEmpty { errors.add("name", "name.empty", "the class name is required") }
        if !grades.contains(schoolClass.grade) { errors.add("grade", "grade.invalid", "grade is 1–12 or \(grades.prefix(4).joined(separator: ", "))") }
        _ = Codes.schoolYear(schoolClass.schoolYear, into: &errors)
        if try await References.load(write.db, SchoolYear.resource, SchoolYear.self, key: schoolClass.schoolYear) == nil {
            errors.add("schoolYear", "schoolYear.unknown", "the school year \(schoolClass.schoolYear) is not defined")
        }
        let school = try await References.writableSchool(write.db, code: schoolClass.schoolCode, principal: write.principal,
                                                         field: "schoolCode", into: &errors)
        var homeroomStaffID: String?
        if let staffCode = schoolClass.homeroomStaffCode?.uppercased() {
            schoolClass.homeroomStaffCode = staffCode
            let staff = try await References.load(write.db, Staff.resource, Staff.self, key: staffCode)
            if staff?.model.employments.contains(where: { $0.schoolCode == schoolClass.schoolCode && $0.endDate == nil }) != true {
                errors.add("homeroomStaffCode", "staff.notAtSchool", "no current staff member '\(staffCode)' at this school")
            }
            homeroomStaffID = staff?.row.id
        }
        if let campus = schoolClass.campusCode?.uppercased() {
            schoolClass.campusCode = campus
            let node = try await OrgUnits.find(write.db, code: campus)
            if node?.kind != .campus {
                errors.add("campusCode", "campus.unknown", "no campus '\(campus)'")
            } else if let school, try await !OrgTree.isAncestor(write.db, school.row.id, of: node!.id!) {
                errors.add("campusCode", "campus.otherSchool", "the campus '\(campus)' belongs to another school")
            }
        }
        try errors.check()
        var prepared = PreparedWrite(model: schoolClass, orgID: school!.row.id)
        prepared.searchKey = VietnameseText.fold(schoolClass.name)
        prepared.sortKey = schoolClass.name
        prepared.columns = ["school_year": schoolClass.schoolYear, "grade": schoolClass.grade, "homeroom_staff_id": homeroomStaffID]
        return prepared
    }
}

extension SchoolClass {
    /// Migration 4: fills `homeroom_staff_id` for classes stored before the column existed.
    static func linkHomeroomTeachers(_ db: any SQLDatabase) async throws {
        let rows = try await db.raw("SELECT id, body FROM classes").all()
        for row in rows {
            let schoolClass = try JSON.decoder.decode(SchoolClass.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
            guard let code = schoolClass.homeroomStaffCode,
                  let staff = try await RecordStore.find(db, Staff.resource, naturalKey: code) else { continue }
            try await db.raw("""
                UPDATE classes SET homeroom_staff_id = \(bind: staff.id) WHERE id = \(bind: try row.decode(column: "id", as: String.self))
                """).run()
        }
    }
}

/// A teacher assigned to teach a subject to a class in a school year (phân công giảng dạy).
public struct TeachingAssignment: StoredModel, Equatable {
    public var id: String?
    public var staffCode: String
    public var schoolCode: String
    public var schoolYear: String
    public var className: String
    public var subjectCode: String
    public var semester: String?

    public static let resource = ResourceDescriptor(name: "teaching_assignments", indexColumns: ["staff_id", "class_id"])

    static let fields: [FieldSpec] = [
        FieldSpec("id", .uuid, readOnly: true, "Surrogate ID"),
        FieldSpec("staffCode", .string, required: true, "The teacher"),
        FieldSpec("schoolCode", .string, required: true, "School"),
        FieldSpec("schoolYear", .string, required: true, "School year"),
        FieldSpec("className", .string, required: true, "Class"),
        FieldSpec("subjectCode", .string, required: true, "Subject code, e.g. TOAN, NGUVAN"),
        FieldSpec("semester", .enumeration(["I", "II"]), "Only one semester; omitted for the whole year"),
    ]

    static func spec() -> ResourceSpec<TeachingAssignment> {
        ResourceSpec(
            descriptor: resource, schemaName: "TeachingAssignment", tag: "Classes", fields: fields,
            filters: ["schoolId": "org_id", "staffId": "staff_id", "classId": "class_id"],
            prefetch: { assignments, db, _, _ in
                // Each teacher and class comes back over several rows, so the import's cache keeps
                // them; those a batch meets first are read together.
                try await References.warm(db, Staff.resource, Staff.self, keys: assignments.map { $0.staffCode.uppercased() })
                try await References.warm(db, SchoolClass.resource, SchoolClass.self,
                                          keys: assignments.map { SchoolClass.key($0.schoolCode, $0.schoolYear, $0.className) })
            },
            naturalKey: { a in
                "\(a.staffCode.uppercased())|\(SchoolClass.key(a.schoolCode, a.schoolYear, a.className))|\(a.subjectCode.uppercased())|\(a.semester ?? "")"
            },
            prepare: { input, write in
                var assignment = input
                var errors = ValidationCollector()
                assignment.staffCode = assignment.staffCode.uppercased()
                assignment.schoolCode = assignment.schoolCode.uppercased()
                assignment.subjectCode = Codes.check(assignment.subjectCode, field: "subjectCode", into: &errors)
                assignment.className = VietnameseText.clean(assignment.className).uppercased()
                _ = try await References.writableSchool(write.db, code: assignment.schoolCode, principal: write.principal,
                                                        field: "schoolCode", into: &errors)
                if let semester = assignment.semester, !["I", "II"].contains(semester) {
                    errors.add("semester", "semester.invalid", "semester is I or II")
                }
                let schoolClass = try await References.load(write.db, SchoolClass.resource, SchoolClass.self,
                                                            key: SchoolClass.key(assignment.schoolCode, assignment.schoolYear, assignment.className))
                if schoolClass == nil { errors.add("className", "class.unknown", "no class \(assignment.className) in \(assignment.schoolYear) at \(assignment.schoolCode)") }
                let staff = try await References.load(write.db, Staff.resource, Staff.self, key: assignment.staffCode)
                if staff?.model.employments.contains(where: { $0.schoolCode == assignment.schoolCode && $0.endDate == nil }) != true {
                    errors.add("staffCode", "staff.notAtSchool", "no current staff member '\(assignment.staffCode)' at this school")
                }
                try errors.check()
                var prepared = PreparedWrite(model: assignment, orgID: schoolClass!.row.orgID)
                prepared.columns = ["staff_id": staff!.row.id, "class_id": schoolClass!.row.id]
                return prepared
            })
    }
}
