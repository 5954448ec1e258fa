import Platform
import Registry
import SQLKit

/// A learner's enrolment with the key of its homeroom class.
struct EnrolmentRow: Sendable {
    let key: String
    let updated: String
    let classKey: String
    let learnerCode: String
    let schoolCode: String
    let entryDate: String
    let exitDate: String

    static let members = DocumentMembers(["learnerCode", "schoolCode", "entryDate", "exitDate"])

    static func fetch(_ db: any SQLDatabase, scope: RosterScope, after: String?, limit: Int) async throws -> [EnrolmentRow] {
        var select = SQLQueryString("SELECT ")
        select.appendInterpolation(unsafeRaw: DocumentSQL.packedWithDocument(["t.natural_key", "t.updated_at", "c.natural_key"]))
        select.appendInterpolation(unsafeRaw: ", t.natural_key FROM enrolments t JOIN classes c ON c.id = t.class_id")
        let sql = try await scope.page(select, Enrolment.resource, after: after, limit: limit, on: db)
        return try await KeysetPages.decoded(db.raw(sql).all()) { row in
            let f = try DocumentSQL.unpack(row, columns: 3, members: members)
            return EnrolmentRow(key: f[0], updated: f[1], classKey: f[2], learnerCode: f[3], schoolCode: f[4], entryDate: f[5], exitDate: f[6])
        }
    }
}

/// The subject classes of each homeroom class, so each learner enrolled in a homeroom class is
/// also enrolled in the subject classes it is taught in. It holds one entry per subject class (a
/// few hundred thousand for a province), never one per learner.
struct SubjectClassIndex {
    /// Homeroom class key → its subject classes: `|SUBJECT|SEMESTER` (what an enrollment's key adds
    /// to the enrolment's) and the class's sourcedId.
    private(set) var byClass: [String: [(suffix: String, sourcedId: String)]] = [:]
    private var seen: Set<String> = []

    /// Adds an assignment's class; true when that subject class is new.
    @discardableResult
    mutating func add(_ row: AssignmentRow) -> Bool {
        let id = row.classSourcedId
        guard seen.insert(id).inserted else { return false }
        byClass[row.classKey, default: []].append(("|\(row.subject)|\(row.semester)", id))
        return true
    }
}

/// enrollments: teachers in their subject classes (primary) and homeroom teachers in their
/// homeroom class; learners in their homeroom class and in each of its subject classes, from
/// their entry date to their exit date.
enum EnrollmentRoster {
    static func teacher(_ row: AssignmentRow) -> RosterRecord {
        enrollment(RosterKeys.enrollment("teacher:" + row.key), updated: row.updated, classID: row.classSourcedId,
                   school: row.schoolCode, user: RosterKeys.staff(row.staffCode), role: "teacher", primary: true)
    }

    static func homeroomTeacher(_ row: HomeroomRow) -> RosterRecord? {
        guard !row.homeroomStaffCode.isEmpty else { return nil }
        return enrollment(RosterKeys.enrollment("homeroom:\(row.key)|\(row.homeroomStaffCode)"), updated: row.updated,
                          classID: RosterKeys.homeroomClass(row.key), school: row.schoolCode,
                          user: RosterKeys.staff(row.homeroomStaffCode), role: "teacher", primary: true)
    }

    /// The learner's enrollment in the homeroom class, then one per subject class of it.
    static func learner(_ row: EnrolmentRow, index: SubjectClassIndex) -> [RosterRecord] {
        let user = RosterKeys.learner(row.learnerCode)
        var records = [enrollment(RosterKeys.enrollment(row.key), updated: row.updated, classID: RosterKeys.homeroomClass(row.classKey),
                                  school: row.schoolCode, user: user, role: "student", primary: false, begin: row.entryDate, end: row.exitDate)]
        for subject in index.byClass[row.classKey] ?? [] {
            records.append(enrollment(RosterKeys.enrollment(row.key + subject.suffix), updated: row.updated, classID: subject.sourcedId,
                                      school: row.schoolCode, user: user, role: "student", primary: false,
                                      begin: row.entryDate, end: row.exitDate))
        }
        return records
    }

    static func enrollment(_ id: String, updated: String, classID: String, school: String, user: String, role: String, primary: Bool,
                           begin: String = "", end: String = "") -> RosterRecord {
        var fields: [String: RosterValue] = [
            "classSourcedId": .ref(RosterRef(sourcedId: classID, type: "class")),
            "schoolSourcedId": .ref(RosterRef(sourcedId: RosterKeys.org(code: school), type: "org")),
            "userSourcedId": .ref(RosterRef(sourcedId: user, type: "user")), "role": .text(role), "primary": .flag(primary),
        ]
        if !begin.isEmpty { fields["beginDate"] = .text(begin) }
        if !end.isEmpty { fields["endDate"] = .text(end) }
        return RosterRecord(sourcedId: id, dateLastModified: updated, fields: fields)
    }
}
