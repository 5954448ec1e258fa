import Platform
import Registry
import SQLKit

/// OneRoster's grade codes (CEDS) for NEMIS grades: preschool groups by age, then 01–12.
enum RosterGrades {
    static func code(_ grade: String) -> String {
        switch grade {
        case "nursery": "IT"
        case "kindergarten-3": "PR"
        case "kindergarten-4": "PK"
        case "kindergarten-5": "KG"
        default: grade.count == 1 ? "0" + grade : grade
        }
    }
}

/// A homeroom class as stored in `classes`.
struct HomeroomRow: Sendable {
    let key: String
    let updated: String
    let schoolYear: String
    let grade: String
    let schoolCode: String
    let name: String
    let homeroomStaffCode: String

    static let members = DocumentMembers(["schoolCode", "name", "homeroomStaffCode"])

    static func fetch(_ db: any SQLDatabase, scope: RosterScope, after: String?, limit: Int) async throws -> [HomeroomRow] {
        var select = SQLQueryString("SELECT ")
        select.appendInterpolation(unsafeRaw: DocumentSQL.packedWithDocument(["t.natural_key", "t.updated_at", "t.school_year", "t.grade"]))
        select.appendInterpolation(unsafeRaw: ", t.natural_key FROM classes t")
        let sql = try await scope.page(select, SchoolClass.resource, after: after, limit: limit, on: db)
        return try await KeysetPages.decoded(db.raw(sql).all()) { row in
            let f = try DocumentSQL.unpack(row, columns: 4, members: members)
            return HomeroomRow(key: f[0], updated: f[1], schoolYear: f[2], grade: f[3], schoolCode: f[4], name: f[5], homeroomStaffCode: f[6])
        }
    }

    var record: RosterRecord {
        RosterRecord(sourcedId: RosterKeys.homeroomClass(key), dateLastModified: updated, fields: [
            "title": .text(name), "grades": .list([RosterGrades.code(grade)]),
            "courseSourcedId": .ref(RosterRef(sourcedId: RosterKeys.course(year: schoolYear, grade: grade, subject: RosterKeys.homeroomSubject),
                                              type: "course")),
            "classCode": .text(name), "classType": .text("homeroom"),
            "schoolSourcedId": .ref(RosterRef(sourcedId: RosterKeys.org(code: schoolCode), type: "org")),
            "termSourcedIds": .refs([RosterRef(sourcedId: RosterKeys.schoolYear(schoolYear), type: "academicSession")]),
        ])
    }
}

/// A teaching assignment with its class's key and grade: one subject class per class, subject and
/// semester (two teachers of the same subject share the class).
struct AssignmentRow: Sendable {
    let key: String
    let updated: String
    let classKey: String
    let grade: String
    let schoolYear: String
    let schoolCode: String
    let className: String
    let staffCode: String
    let subject: String
    let semester: String
    /// The subject class's sourcedId (a name-based UUID), made once as the row is decoded, off the event loop.
    let classSourcedId: String

    init(key: String, updated: String, classKey: String, grade: String, schoolYear: String, schoolCode: String,
         className: String, staffCode: String, subject: String, semester: String) {
        self.key = key
        self.updated = updated
        self.classKey = classKey
        self.grade = grade
        self.schoolYear = schoolYear
        self.schoolCode = schoolCode
        self.className = className
        self.staffCode = staffCode
        self.subject = subject
        self.semester = semester
        classSourcedId = RosterKeys.subjectClass(classKey, subject: subject, semester: semester)
    }

    static let members = DocumentMembers(["schoolCode", "className", "staffCode", "subjectCode", "semester"])

    static func fetch(_ db: any SQLDatabase, scope: RosterScope, after: String?, limit: Int) async throws -> [AssignmentRow] {
        var select = SQLQueryString("SELECT ")
        select.appendInterpolation(unsafeRaw: DocumentSQL.packedWithDocument(["t.natural_key", "t.updated_at", "c.natural_key", "c.grade", "c.school_year"]))
        select.appendInterpolation(unsafeRaw: ", t.natural_key FROM teaching_assignments t JOIN classes c ON c.id = t.class_id")
        let sql = try await scope.page(select, TeachingAssignment.resource, after: after, limit: limit, on: db)
        return try await KeysetPages.decoded(db.raw(sql).all()) { row in
            let f = try DocumentSQL.unpack(row, columns: 5, members: members)
            return AssignmentRow(key: f[0], updated: f[1], classKey: f[2], grade: f[3], schoolYear: f[4], schoolCode: f[5],
                                 className: f[6], staffCode: f[7], subject: f[8], semester: f[9])
        }
    }

    var record: RosterRecord {
        let term = semester.isEmpty ? RosterKeys.schoolYear(schoolYear) : RosterKeys.semester(schoolYear, semester)
        return RosterRecord(sourcedId: classSourcedId, dateLastModified: updated, fields: [
            "title": .text("\(className) \(subject)" + (semester.isEmpty ? "" : " HK\(semester)")),
            "grades": .list([RosterGrades.code(grade)]),
            "courseSourcedId": .ref(RosterRef(sourcedId: RosterKeys.course(year: schoolYear, grade: grade, subject: subject), type: "course")),
            "classCode": .text("\(className)-\(subject)" + (semester.isEmpty ? "" : "-\(semester)")), "classType": .text("scheduled"),
            "schoolSourcedId": .ref(RosterRef(sourcedId: RosterKeys.org(code: schoolCode), type: "org")),
            "termSourcedIds": .refs([RosterRef(sourcedId: term, type: "academicSession")]),
            "subjectCodes": .list([subject]),
        ])
    }
}

/// courses: one per school year, grade and subject (the homeroom counts as a subject), offered
/// nationally: the curriculum is the ministry's, the same in every school.
enum CourseRoster {
    static func records(_ database: any Database, scope: RosterScope) async throws -> [RosterRecord] {
        guard !scope.roots.isEmpty else { return [] }
        let rows = try await database.read { db -> (String, [(String, String, String, String)]) in
            let ministry = try await db.raw("SELECT code FROM org_units WHERE kind = 'ministry'").first()?.text("code") ?? ""
            var homeroom = SQLQueryString("SELECT v.school_year, v.grade, MAX(v.updated_at) AS updated_at FROM (")
            homeroom.appendInterpolation(scope.rows("SELECT t.school_year, t.grade, t.updated_at FROM classes t", SchoolClass.resource))
            homeroom.appendInterpolation(unsafeRaw: ") v GROUP BY v.school_year, v.grade")
            var found = try await db.raw(homeroom).all().map { row in
                (try row.text("school_year"), try row.text("grade"), RosterKeys.homeroomSubject, try row.text("updated_at"))
            }
            let doc = DocumentSQL(db)
            let assignments = SQLQueryString("""
                SELECT c.school_year, c.grade, \(unsafeRaw: doc.field("subjectCode", "subject")), t.updated_at \
                FROM \(unsafeRaw: doc.from("teaching_assignments")) JOIN classes c ON c.id = t.class_id
                """)
            var taught = SQLQueryString("SELECT v.school_year, v.grade, v.subject, MAX(v.updated_at) AS updated_at FROM (")
            taught.appendInterpolation(scope.rows(assignments, TeachingAssignment.resource))
            taught.appendInterpolation(unsafeRaw: ") v GROUP BY v.school_year, v.grade, v.subject")
            found += try await db.raw(taught).all().map { row in
                (try row.text("school_year"), try row.text("grade"), try row.text("subject"), try row.text("updated_at"))
            }
            return (ministry, found)
        }
        let org = RosterRef(sourcedId: RosterKeys.org(code: rows.0), type: "org")
        return rows.1.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map { year, grade, subject, updated in
            let title = subject == RosterKeys.homeroomSubject ? "Sinh hoạt chủ nhiệm" : subject
            return RosterRecord(sourcedId: RosterKeys.course(year: year, grade: grade, subject: subject), dateLastModified: updated, fields: [
                "schoolYearSourcedId": .ref(RosterRef(sourcedId: RosterKeys.schoolYear(year), type: "academicSession")),
                "title": .text("\(title) \(RosterGrades.code(grade)) \(year)"), "courseCode": .text("\(subject)-\(grade)"),
                "grades": .list([RosterGrades.code(grade)]), "orgSourcedId": .ref(org), "subjectCodes": .list([subject]),
            ])
        }
    }
}
