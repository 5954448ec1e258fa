import BulkData
import Platform
import Registry
import Testing
import VietnameseText

@Suite("Bulk formats")
struct FormatTests {
    @Test("every kind has one format whose keys, headers and natural keys hold together", arguments: BulkKind.allCases)
    func formatIsConsistent(kind: BulkKind) {
        let format = kind.format
        #expect(format.kind == kind)
        #expect(Set(format.keys).count == format.columns.count)
        #expect(format.keys.allSatisfy { $0.range(of: "^[a-z][a-z_]*$", options: .regularExpression) != nil })
        #expect(!format.naturalKeys.isEmpty)
        for column in format.columns {
            #expect(!column.header.isEmpty && !column.note.isEmpty && !column.nameEN.isEmpty && !column.apiFields.isEmpty)
            #expect(VietnameseText.nfc(column.header) == column.header, "headers are NFC: \(column.header)")
        }
        // The header row maps back to every column, by header or by key.
        let byHeader = format.mapHeader(format.headers)
        #expect(byHeader.isUsable && byHeader.unknown.isEmpty)
        #expect(byHeader.positions == Dictionary(uniqueKeysWithValues: format.keys.enumerated().map { ($0.element, $0.offset) }))
        #expect(format.mapHeader(format.keys.reversed()).positions[format.keys[0]] == format.columns.count - 1)
    }

    /// The fields each Registry create API refuses a body without (School, Staff, Learner, Guardian,
    /// SchoolClass, Enrolment, TeachingAssignment `fields` marked required, read from Sources/Registry).
    static let requiredAPIFields: [BulkKind: Set<String>] = [
        .schools: ["schoolCode", "name", "levels", "ownership", "communeCode", "departmentCode"],
        .staff: ["staffCode", "fullName", "dateOfBirth", "sex", "employments/0/schoolCode", "employments/0/position",
                 "employments/0/startDate"],
        .learners: ["fullName", "dateOfBirth", "sex", "schoolCode"],
        .guardians: ["learnerCode", "fullName", "relationship"],
        .classes: ["schoolCode", "schoolYear", "name", "grade"],
        .enrolments: ["learnerCode", "schoolCode", "schoolYear", "entryDate"],
        .teachingAssignments: ["staffCode", "schoolCode", "schoolYear", "className", "subjectCode"],
    ]

    @Test("required columns carry every field the Registry API requires", arguments: BulkKind.allCases)
    func coversRequiredAPIFields(kind: BulkKind) {
        let required = Set(kind.format.columns.filter(\.required).flatMap(\.apiFields))
        let missing = Self.requiredAPIFields[kind]!.subtracting(required)
        #expect(missing.isEmpty, "\(kind) lacks \(missing)")
    }

    @Test("natural keys follow the Registry's: codes, else citizen ID; a composite key with an optional part")
    func naturalKeys() {
        #expect(BulkFormat.schools.naturalKeys == [["school_code"]])
        #expect(BulkFormat.staff.naturalKeys == [["staff_code"]])
        #expect(BulkFormat.learners.naturalKeys == [["learner_code"], ["citizen_id"]])
        let learner = BulkFormat.learners
        #expect(learner.naturalKey { ["learner_code": "1900010001", "citizen_id": "019220020983"][$0] }?.set == 0)
        #expect(learner.naturalKey { ["citizen_id": "019220020983"][$0] }?.values == ["019220020983"])
        #expect(learner.naturalKey { _ in nil } == nil)
        let assignment = BulkFormat.teachingAssignments
        let cells = ["staff_code": "GV1", "school_code": "S", "school_year": "2026-2027", "class_name": "6A1", "subject_code": "TOAN"]
        #expect(assignment.naturalKey { cells[$0] }?.values == ["GV1", "S", "2026-2027", "6A1", "TOAN", ""])
        #expect(assignment.naturalKey { $0 == "staff_code" ? nil : cells[$0] } == nil)
    }

    @Test("vocabularies read labels, API values and aliases, whatever the case and diacritics")
    func vocabularies() {
        #expect(Vocabulary.sex.value(for: "Nữ") == "female")
        #expect(Vocabulary.sex.value(for: " nu ") == "female")
        #expect(Vocabulary.sex.value(for: "male") == "male")
        #expect(Vocabulary.sex.value(for: "x") == nil)
        #expect(Vocabulary.relationship.value(for: "Bố") == "father")
        #expect(Vocabulary.grade.value(for: "Mẫu giáo 5-6 tuổi") == "kindergarten-5")
        #expect(Vocabulary.grade.value(for: "12") == "12")
        #expect(Vocabulary.schoolLevel.value(for: "Trung học cơ sở") == "lowerSecondary")
        #expect(Vocabulary.position.value(for: "PHÓ HIỆU TRƯỞNG") == "vicePrincipal")
        // Every API value the Registry accepts has a label.
        #expect(Set(Vocabulary.grade.entries.map(\.value)) == Set(SchoolClass.grades))
        #expect(Set(Vocabulary.schoolLevel.entries.map(\.value)) == Set(School.Level.allCases.map(\.rawValue)))
        #expect(Set(Vocabulary.ownership.entries.map(\.value)) == Set(School.Ownership.allCases.map(\.rawValue)))
        #expect(Set(Vocabulary.relationship.entries.map(\.value)) == Set(Guardian.Relationship.allCases.map(\.rawValue)))
        #expect(Set(Vocabulary.schoolStatus.entries.map(\.value)) == Set(School.Status.allCases.map(\.rawValue)))
    }

    @Test("dates are dd/mm/yyyy both ways, and Excel serials count from 1899-12-30")
    func dates() {
        let date = CivilDate(year: 2012, month: 9, day: 5)!
        #expect(BulkDate.format(date) == "05/09/2012")
        #expect(BulkDate.parse("05/09/2012") == date)
        #expect(BulkDate.parse("5/9/2012") == date)
        #expect(BulkDate.parse("2012-09-05") == nil)
        #expect(BulkDate.parse("31/02/2012") == nil)
        #expect(BulkDate.excelSerial(date) == 41157)
        #expect(BulkDate.excelSerial(CivilDate(year: 1970, month: 1, day: 1)!) == 25569)
    }

    @Test("the notes row of a template is recognised, a data row is not")
    func notesRow() {
        let format = BulkFormat.learners
        #expect(format.isNotesRow(format.notesRow))
        #expect(!format.isNotesRow(["1900010001", "", "Nguyễn Văn An", "05/09/2019", "Nam", "Kinh", "Thái Nguyên", "19TH0001"]))
        #expect(!format.isNotesRow(["", ""]))
    }
}
