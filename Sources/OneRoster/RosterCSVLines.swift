import Platform

/// The CSV lines of the two files that grow with the number of learners (users/roles/demographics
/// and enrollments), written straight into bytes: a province has tens of millions of enrollments,
/// too many to build a `RosterRecord` for each. The lines equal what `RosterRecord.csvRow` gives
/// for the same objects (a test compares them); staff, teachers' enrollments and everything else
/// take the record path.
struct RosterCSVLines {
    /// Ids of schools already hashed: one per school, not one per row.
    private var orgIDs: [String: [UInt8]] = [:]

    mutating func org(_ code: String) -> [UInt8] {
        if let id = orgIDs[code] { return id }
        let id = Array(RosterKeys.org(code: code).utf8)
        orgIDs[code] = id
        return id
    }

    /// A learner's enrollments: the homeroom class, then each subject class of it.
    mutating func learnerEnrollments(_ row: EnrolmentRow, index: SubjectClassIndex, into out: inout [UInt8]) {
        let user = Array(RosterKeys.learner(row.learnerCode).utf8)
        let school = org(row.schoolCode)
        func line(_ suffix: String, classID: String) {
            SourcedID.append("enrollment:", row.key, suffix, to: &out)
            out += Self.active
            out += row.updated.utf8
            out.append(Self.comma)
            out += classID.utf8
            out.append(Self.comma)
            out += school
            out.append(Self.comma)
            out += user
            out += Self.studentNotPrimary
            out += row.entryDate.utf8
            out.append(Self.comma)
            out += row.exitDate.utf8
            out.append(Self.newline)
        }
        line("", classID: RosterKeys.homeroomClass(row.classKey))
        for subject in index.byClass[row.classKey] ?? [] { line(subject.suffix, classID: subject.sourcedId) }
    }

    /// A learner's users.csv line, their roles.csv line and, when allowed, their demographics line.
    mutating func learner(_ row: PersonRow, users: inout [UInt8], roles: inout [UInt8], demographics: inout [UInt8]?) {
        let user = RosterKeys.learner(row.code)
        let school = org(row.school)
        users += user.utf8
        users += Self.active
        users += row.updated.utf8
        users += ",true,".utf8
        CSVEncoding.appendField(row.code, to: &users)
        users += ",{nemis:".utf8
        users += row.code.utf8
        users += "},".utf8
        for name in [row.givenName, row.familyName, row.middleName] {
            CSVEncoding.appendField(name, to: &users)
            users.append(Self.comma)
        }
        CSVEncoding.appendField(row.code, to: &users)
        users += ",,,,,,,".utf8
        CSVEncoding.appendField(row.code, to: &users)
        users += ",,,,,".utf8
        users += school
        users += ",\n".utf8

        SourcedID.append("role:\(user)|\(String(decoding: school, as: UTF8.self))|student", to: &roles)
        roles += Self.active
        roles += row.updated.utf8
        roles.append(Self.comma)
        roles += user.utf8
        roles += ",primary,student,,,".utf8
        roles += school
        roles += ",\n".utf8

        if demographics != nil, row.identity {
            demographics! += user.utf8
            demographics! += Self.active
            demographics! += row.updated.utf8
            demographics!.append(Self.comma)
            demographics! += row.dateOfBirth.utf8
            demographics!.append(Self.comma)
            demographics! += row.sex.utf8
            demographics! += ",,,,,,,,,,,\n".utf8
        }
    }

    static let comma = UInt8(ascii: ",")
    static let newline = UInt8(ascii: "\n")
    static let active = Array(",active,".utf8)
    static let studentNotPrimary = Array(",student,false,".utf8)
}
