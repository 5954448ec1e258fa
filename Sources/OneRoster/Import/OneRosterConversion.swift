import BulkData
import Foundation
import Platform

/// A OneRoster 1.2 bulk CSV set turned into NEMIS's own import files, which then go through the
/// bulk importer and so through every rule of the API.
///
/// - orgs name schools by their `identifier`, the school code NEMIS already holds: a feed brings
///   people and classes into schools, it does not create schools.
/// - users with a student role become learners (code from `identifier`), users with a school
///   staff role become staff, one row per school they work at; birth date and sex come from
///   demographics.csv, which NEMIS needs for every person.
/// - homeroom classes become classes, their teacher from a teacher's enrollment in them;
///   students' enrollments in homeroom classes become enrolments.
/// - a teacher's enrollment in a scheduled class (one subject) becomes a teaching assignment for
///   each homeroom class its students come from, since NEMIS records teaching per homeroom class.
///
/// A reference that resolves to nothing (an org, a class, a user, a term) is reported at the line
/// that makes it; every reported line makes the whole import stop unless invalid rows are skipped.
struct OneRosterConversion {
    /// A converted file, ready for the bulk importer.
    struct Output {
        let kind: BulkKind
        let path: String
        let origin: RowOrigin
        let rows: Int
    }

    struct Session {
        let type: String
        let schoolYear: Int?
        let parent: String
        let startDate: String
    }

    struct ClassInfo {
        let line: Int
        let school: String
        let year: String
        let semester: String
        let isHomeroom: Bool
        let name: String
        let grade: String
        let subject: String
    }

    struct Role {
        let line: Int
        let org: String
        let role: String
        let isPrimary: Bool
        let begin: String
        let end: String
    }

    static let staffPositions = ["principal": "principal", "siteAdministrator": "vicePrincipal", "teacher": "teacher", "aide": "staff",
                                 "administrator": "staff", "counselor": "staff", "proctor": "staff"]

    let source: String
    let output: String
    let report: ConversionReport
    private var orgCodes: [String: String] = [:]
    private var sessions: [String: Session] = [:]
    private var semesterNames: [String: String] = [:]
    private var courseSubjects: [String: String] = [:]
    private var classes: [String: ClassInfo] = [:]
    private var roles: [String: [Role]] = [:]
    private var demographics: [String: (birthDate: String, sex: String)] = [:]
    private var userCodes: [String: String] = [:]
    /// `user|school year` → the homeroom class the learner is enrolled in that year.
    private var homeroomOf: [String: String] = [:]
    private var homeroomTeachers: [String: String] = [:]
    private var teacherSections: [(line: Int, classID: String, staffCode: String)] = []
    /// A taught subject class → the homeroom classes its students come from.
    private var sectionHomerooms: [String: Set<String>] = [:]
    /// Rows left out on purpose, by why.
    private(set) var skipped: [String: Int] = [:]

    init(source: String, output: String, report: ConversionReport) {
        self.source = source
        self.output = output
        self.report = report
    }

    /// The files to import, in the order their references need: staff before the classes they
    /// teach, classes and learners before enrolments, and teaching assignments last.
    mutating func run() throws -> [Output] {
        try checkManifest()
        try readOrgs()
        try readSessions()
        try readCourses()
        try readClasses()
        try readRoles()
        try readDemographics()
        let people = try writePeople()
        roles = [:]
        demographics = [:]
        let enrolments = try writeEnrolments()
        let classesFile = try writeClasses()
        let assignments = try writeTeachingAssignments()
        return [people.staff, classesFile, people.learners, enrolments, assignments].compactMap { $0 }
    }

    private func table(_ file: OneRosterFile) -> OneRosterTable { OneRosterTable(file.fileName, in: source) }

    private func checkManifest() throws {
        let manifest = OneRosterTable("manifest.csv", in: source)
        var properties: [String: String] = [:]
        try manifest.forEachRow(required: ["propertyName", "value"]) { properties[$0["propertyName"]] = $0["value"] }
        if let version = properties["oneroster.version"], version != "1.2" {
            throw OneRosterImportError.unsupportedManifest("oneroster.version is \(version); NEMIS reads OneRoster 1.2")
        }
        for (name, mode) in properties where name.hasPrefix("file.") && mode.lowercased() == "delta" {
            throw OneRosterImportError.unsupportedManifest("\(name) is a delta file; NEMIS imports bulk sets only")
        }
    }

    private mutating func readOrgs() throws {
        try table(.orgs).forEachRow(required: ["sourcedId", "identifier"]) { row in
            orgCodes[row["sourcedId"]] = row["identifier"].isEmpty ? nil : row["identifier"].uppercased()
        }
    }

    private mutating func readSessions() throws {
        let file = table(.academicSessions)
        guard file.exists else { return }
        try file.forEachRow(required: ["sourcedId", "type", "schoolYear"]) { row in
            sessions[row["sourcedId"]] = Session(type: row["type"], schoolYear: Int(row["schoolYear"]), parent: row["parentSourcedId"],
                                                 startDate: row["startDate"])
        }
        // Semesters are I and II in the order they start, within their school year.
        let semesters = sessions.filter { $0.value.type == "semester" }
        let byYear = Dictionary(grouping: semesters) { $0.value.parent.isEmpty ? "year \($0.value.schoolYear ?? 0)" : $0.value.parent }
        for (_, group) in byYear {
            for (index, semester) in group.sorted(by: { ($0.value.startDate, $0.key) < ($1.value.startDate, $1.key) }).enumerated() {
                semesterNames[semester.key] = index == 0 ? "I" : index == 1 ? "II" : "HK\(index + 1)"
            }
        }
    }

    /// The NEMIS school year (`2026-2027`) of a session: OneRoster's `schoolYear` is the calendar
    /// year the school year ends in.
    private func yearLabel(_ id: String, depth: Int = 0) -> String? {
        guard let session = sessions[id], depth < 8 else { return nil }
        if session.type != "schoolYear", !session.parent.isEmpty, let label = yearLabel(session.parent, depth: depth + 1) { return label }
        return session.schoolYear.map { "\($0 - 1)-\($0)" }
    }

    /// "I", "II", or "" for the whole year.
    private func semesterName(_ id: String) -> String {
        if let name = semesterNames[id] { return name }
        guard let session = sessions[id], !session.parent.isEmpty else { return "" }
        return semesterNames[session.parent] ?? ""
    }

    private mutating func readCourses() throws {
        let file = table(.courses)
        guard file.exists else { return }
        try file.forEachRow(required: ["sourcedId"]) { row in
            if let subject = OneRosterTable.list(row["subjectCodes"]).first { courseSubjects[row["sourcedId"]] = subject }
        }
    }

    private mutating func readClasses() throws {
        let file = table(.classes)
        guard file.exists else { return }
        try file.forEachRow(required: ["sourcedId", "title", "classType", "schoolSourcedId", "termSourcedIds"]) { row in
            guard !row.isDeleted else { return skip("classes marked tobedeleted") }
            guard let school = try org(row["schoolSourcedId"], at: row, file: file, column: "schoolSourcedId") else { return }
            let term = OneRosterTable.list(row["termSourcedIds"]).first ?? ""
            guard let year = yearLabel(term) else {
                return try report.add(file.fileName, row.line, column: "termSourcedIds", value: term, code: "oneroster.unknownTerm",
                                      vi: "Không có học kỳ/năm học này trong academicSessions.csv",
                                      en: "names no academic session of academicSessions.csv")
            }
            let grade = OneRosterTable.list(row["grades"]).first.map(Self.grade) ?? ""
            let code = row["classCode"]
            let subject = OneRosterTable.list(row["subjectCodes"]).first ?? courseSubjects[row["courseSourcedId"]] ?? ""
            classes[row["sourcedId"]] = ClassInfo(line: row.line, school: school, year: year, semester: semesterName(term),
                                                  isHomeroom: row["classType"].lowercased() == "homeroom",
                                                  name: row["classType"].lowercased() == "homeroom" && !code.isEmpty ? code : row["title"],
                                                  grade: grade, subject: subject)
        }
    }

    /// CEDS grade codes as NEMIS grades: the three kindergarten years, then 1–12.
    static func grade(_ code: String) -> String {
        switch code.uppercased() {
        case "IT": "nursery"
        case "PR": "kindergarten-3"
        case "PK": "kindergarten-4"
        case "KG": "kindergarten-5"
        default: Int(code).map { (1...12).contains($0) ? String($0) : code } ?? code
        }
    }

    private mutating func readRoles() throws {
        let file = table(.roles)
        try file.forEachRow(required: ["userSourcedId", "roleType", "role", "orgSourcedId"]) { row in
            guard !row.isDeleted else { return skip("roles marked tobedeleted") }
            let role = row["role"]
            guard role == "student" || Self.staffPositions[role] != nil else {
                return skip("roles NEMIS does not keep at a school (\(role))")
            }
            guard let org = try org(row["orgSourcedId"], at: row, file: file, column: "orgSourcedId") else { return }
            roles[row["userSourcedId"], default: []].append(Role(line: row.line, org: org, role: role,
                                                                 isPrimary: row["roleType"].lowercased() == "primary",
                                                                 begin: row["beginDate"], end: row["endDate"]))
        }
    }

    private mutating func readDemographics() throws {
        let file = table(.demographics)
        guard file.exists else { return }
        try file.forEachRow(required: ["sourcedId", "birthDate", "sex"]) { row in
            demographics[row["sourcedId"]] = (row["birthDate"], row["sex"])
        }
    }

    /// learners.csv and staff.csv from users.csv.
    private mutating func writePeople() throws -> (learners: Output?, staff: Output?) {
        let file = table(.users)
        let learners = try ConvertedFile(kind: .learners, directory: output, origin: file.fileName,
                                         columns: ["learner_code", "citizen_id", "full_name", "date_of_birth", "sex", "school_code"])
        let staff = try ConvertedFile(kind: .staff, directory: output, origin: file.fileName,
                                      columns: ["staff_code", "full_name", "date_of_birth", "sex", "citizen_id", "school_code", "position",
                                                "start_date", "end_date"])
        try file.forEachRow(required: ["sourcedId", "givenName", "familyName"]) { row in
            guard !row.isDeleted else { return skip("users marked tobedeleted") }
            let id = row["sourcedId"]
            let userRoles = roles[id] ?? []
            guard !userRoles.isEmpty else { return skip("users without a role at a school (guardians, officials above schools)") }
            let code = row["identifier"].isEmpty ? row["userMasterIdentifier"] : row["identifier"]
            guard !code.isEmpty else {
                return try report.add(file.fileName, row.line, column: "identifier", value: "", code: "oneroster.noIdentifier",
                                      vi: "Thiếu mã định danh (identifier) do Bộ GD&ĐT cấp", en: "has no identifier: the MoET code is needed")
            }
            guard let person = demographics[id] else {
                return try report.add(file.fileName, row.line, column: "sourcedId", value: id, code: "oneroster.noDemographics",
                                      vi: "Không có dòng trong demographics.csv: cần ngày sinh và giới tính",
                                      en: "has no row in demographics.csv: the birth date and sex are needed")
            }
            userCodes[id] = code
            let fullName = [row["familyName"], row["middleName"], row["givenName"]].filter { !$0.isEmpty }.joined(separator: " ")
            let citizenID = OneRosterTable.identifiers(row["userIds"]).first { ["cccd", "citizenid", "sodinhdanh"].contains($0.type.lowercased()) }?
                .value ?? ""
            let ordered = userRoles.filter(\.isPrimary) + userRoles.filter { !$0.isPrimary }
            if let study = ordered.first(where: { $0.role == "student" }) {
                try learners.write([code, citizenID, fullName, OneRosterTable.date(person.birthDate), person.sex, study.org], line: row.line)
            }
            var schools: Set<String> = []
            for work in ordered where work.role != "student" && schools.insert(work.org).inserted {
                try staff.write([code, fullName, OneRosterTable.date(person.birthDate), person.sex, citizenID, work.org,
                                 Self.staffPositions[work.role] ?? "staff", OneRosterTable.date(work.begin), OneRosterTable.date(work.end)],
                                line: row.line)
            }
        }
        return (try learners.finish(), try staff.finish())
    }

    /// enrolments.csv from students' enrollments in homeroom classes; teachers' enrollments are kept
    /// for the classes and teaching assignments.
    private mutating func writeEnrolments() throws -> Output? {
        let file = table(.enrollments)
        guard file.exists else { return nil }
        let enrolments = try ConvertedFile(kind: .enrolments, directory: output, origin: file.fileName,
                                           columns: ["learner_code", "school_code", "school_year", "class_name", "entry_date"])
        var sectionsTaught: Set<String> = []
        try file.forEachRow(required: ["classSourcedId", "userSourcedId", "role"]) { row in
            guard !row.isDeleted else { return skip("enrollments marked tobedeleted") }
            let role = row["role"]
            guard role == "student" || role == "teacher" else { return skip("enrollments of other roles (\(role))") }
            guard let info = try resolvedClass(row, file: file), let code = try user(row, file: file) else { return }
            let classID = row["classSourcedId"]
            if role == "student" {
                guard info.isHomeroom else { return }
                homeroomOf[row["userSourcedId"] + "|" + info.year] = classID
                try enrolments.write([code, info.school, info.year, info.name, OneRosterTable.date(row["beginDate"])], line: row.line)
            } else if info.isHomeroom {
                if homeroomTeachers[classID] == nil || row["primary"].lowercased() == "true" { homeroomTeachers[classID] = code }
            } else {
                teacherSections.append((row.line, classID, code))
                sectionsTaught.insert(classID)
            }
        }
        guard !sectionsTaught.isEmpty else { return try enrolments.finish() }
        // The homeroom classes each taught section draws its students from.
        try file.forEachRow(required: ["classSourcedId", "userSourcedId", "role"]) { row in
            let classID = row["classSourcedId"]
            guard row["role"] == "student", !row.isDeleted, sectionsTaught.contains(classID), let info = classes[classID],
                  let homeroom = homeroomOf[row["userSourcedId"] + "|" + info.year] else { return }
            sectionHomerooms[classID, default: []].insert(homeroom)
        }
        return try enrolments.finish()
    }

    /// classes.csv: the homeroom classes, with the teacher enrolled in each.
    private func writeClasses() throws -> Output? {
        let classesFile = try ConvertedFile(kind: .classes, directory: output, origin: OneRosterFile.classes.fileName,
                                            columns: ["school_code", "school_year", "class_name", "grade", "homeroom_staff_code"])
        for (id, info) in classes.filter(\.value.isHomeroom).sorted(by: { $0.value.line < $1.value.line }) {
            try classesFile.write([info.school, info.year, info.name, info.grade, homeroomTeachers[id] ?? ""], line: info.line)
        }
        return try classesFile.finish()
    }

    /// teaching_assignments.csv: each taught section, for each homeroom class of its students.
    private func writeTeachingAssignments() throws -> Output? {
        let file = table(.enrollments)
        let assignments = try ConvertedFile(kind: .teachingAssignments, directory: output, origin: file.fileName,
                                            columns: ["staff_code", "school_code", "school_year", "class_name", "subject_code", "semester"])
        for section in teacherSections {
            guard let info = classes[section.classID] else { continue }
            let homerooms = (sectionHomerooms[section.classID] ?? []).compactMap { classes[$0] }.map(\.name).sorted()
            guard !homerooms.isEmpty else {
                try report.add(file.fileName, section.line, column: "classSourcedId", value: section.classID, code: "oneroster.sectionWithoutHomeroom",
                               vi: "Lớp học phần không có học sinh thuộc lớp chủ nhiệm nào: NEMIS ghi phân công theo lớp chủ nhiệm",
                               en: "no student of this class is enrolled in a homeroom class: NEMIS records teaching per homeroom class")
                continue
            }
            for homeroom in homerooms {
                try assignments.write([section.staffCode, info.school, info.year, homeroom, info.subject, info.semester], line: section.line)
            }
        }
        return try assignments.finish()
    }

    // MARK: references

    private func org(_ id: String, at row: OneRosterTable.Row, file: OneRosterTable, column: String) throws -> String? {
        try resolve(orgCodes, id, at: row, file: file, column: column, code: "oneroster.unknownOrg",
                    vi: "Không có đơn vị này (có identifier là mã trường) trong orgs.csv",
                    en: "names no org of orgs.csv with an identifier (the school code)")
    }

    private func resolvedClass(_ row: OneRosterTable.Row, file: OneRosterTable) throws -> ClassInfo? {
        try resolve(classes, row["classSourcedId"], at: row, file: file, column: "classSourcedId", code: "oneroster.unknownClass",
                    vi: "Không có lớp này trong classes.csv (hoặc lớp có lỗi)", en: "names no class of classes.csv (or one with errors)")
    }

    private func user(_ row: OneRosterTable.Row, file: OneRosterTable) throws -> String? {
        try resolve(userCodes, row["userSourcedId"], at: row, file: file, column: "userSourcedId", code: "oneroster.unknownUser",
                    vi: "Không có người này trong users.csv (hoặc dòng có lỗi)", en: "names no user of users.csv (or one with errors)")
    }

    /// What `id` names in `known`; nil, with the line reported, when it names nothing.
    private func resolve<Value>(_ known: [String: Value], _ id: String, at row: OneRosterTable.Row, file: OneRosterTable, column: String,
                                code: String, vi: String, en: String) throws -> Value? {
        if let value = known[id] { return value }
        try report.add(file.fileName, row.line, column: column, value: id, code: code, vi: vi, en: en)
        return nil
    }

    private mutating func skip(_ why: String) {
        skipped[why, default: 0] += 1
    }
}

/// One converted file being written, with the line of the OneRoster file each row came from.
final class ConvertedFile {
    let kind: BulkKind
    let path: String
    let origin: String
    private let writer: CSVWriter
    private var lines: [Int32] = []

    init(kind: BulkKind, directory: String, origin: String, columns: [String]) throws {
        self.kind = kind
        self.origin = origin
        path = (directory as NSString).appendingPathComponent(kind.fileName)
        writer = try CSVWriter(path: path)
        try writer.writeRow(columns)
    }

    func write(_ cells: [String], line: Int) throws {
        try writer.writeRow(cells)
        lines.append(Int32(clamping: line))
    }

    /// The file, or nil when no row was written (nothing of that kind to import).
    func finish() throws -> OneRosterConversion.Output? {
        try writer.commit()
        guard !lines.isEmpty else { return nil }
        return OneRosterConversion.Output(kind: kind, path: path, origin: RowOrigin(file: origin, lines: lines), rows: lines.count)
    }
}
