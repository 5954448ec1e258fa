import CitizenID
import Foundation
import Platform
import SQLKit
import VietnameseText

/// A teacher, manager or other staff member, keyed by the MoET staff ID. One person may be employed at
/// several schools; each employing school sees the record.
public struct Staff: StoredModel, NamedPerson, Equatable {
    public struct Employment: Codable, Sendable, Equatable {
        public var schoolCode: String
        public var position: String
        public var startDate: CivilDate
        public var endDate: CivilDate?
    }

    public var id: String?
    public var staffCode: String
    public var citizenId: String?
    public var fullName: String
    public var familyName: String?
    public var middleName: String?
    public var givenName: String?
    public var dateOfBirth: CivilDate?
    public var sex: String?
    public var ethnicity: String?
    public var position: String?
    public var qualifications: [String]?
    public var professionalTitle: String?
    public var employments: [Employment]

    public static let resource = ResourceDescriptor(name: "staff", indexColumns: ["citizen_id"])

    static let fields: [FieldSpec] = [
        FieldSpec("id", .uuid, readOnly: true, "Surrogate ID"),
        FieldSpec("staffCode", .string, required: true, "MoET staff ID; immutable"),
    ] + PersonRules.personFields + [
        FieldSpec("position", .string, "Main position, e.g. teacher, principal, vicePrincipal, staff"),
        FieldSpec("qualifications", .array(.string), "Qualifications, e.g. bachelor of education"),
        FieldSpec("professionalTitle", .string, "Professional title (chức danh nghề nghiệp), e.g. giáo viên THCS hạng II"),
        FieldSpec("employments", .array(.object([
            FieldSpec("schoolCode", .string, required: true, "Employing school"),
            FieldSpec("position", .string, required: true, "Position at that school"),
            FieldSpec("startDate", .date, required: true, "Start"),
            FieldSpec("endDate", .date, "End, if ended"),
        ])), required: true, "Employment at one or more schools"),
    ]

    static func spec() -> ResourceSpec<Staff> {
        ResourceSpec(
            descriptor: resource, schemaName: "Staff", tag: "Staff", fields: fields,
            filters: ["schoolId": "org_id"], defaultOrder: .id,
            beforeDelete: { db, row in
                try await DeleteGuard.refuseIfReferenced(db, row, by: [("teaching_assignments", "staff_id"), ("classes", "homeroom_staff_id")])
            },
            naturalKey: { staff in
                var errors = ValidationCollector()
                let code = Codes.check(staff.staffCode, field: "staffCode", into: &errors)
                try errors.check()
                return code
            },
            prepare: prepare,
            redact: { $0.citizenId = nil })
    }

    static func prepare(_ input: Staff, _ write: WriteInput<Staff>) async throws -> PreparedWrite<Staff> {
        var staff = input
        var errors = ValidationCollector()
        staff.staffCode = Codes.check(staff.staffCode, field: "staffCode", into: &errors)
        let name = PersonRules.name(staff.fullName, field: "fullName", into: &errors)
        let sex = PersonRules.sex(staff.sex, into: &errors)
        PersonRules.dateOfBirth(staff.dateOfBirth, into: &errors)
        staff.citizenId = PersonRules.citizenID(staff.citizenId, sex: sex, dateOfBirth: staff.dateOfBirth, into: &errors)
        if staff.employments.isEmpty { errors.add("employments", "employments.empty", "at least one employment") }
        var schoolIDs: [String?] = []
        for (index, employment) in staff.employments.enumerated() {
            let code = employment.schoolCode.uppercased()
            staff.employments[index].schoolCode = code
            if let end = employment.endDate, end < employment.startDate {
                errors.add("employments/\(index)/endDate", "date.order", "the end date is before the start date")
            }
            let school = try await References.load(write.db, School.resource, School.self, key: code)
            if school == nil {
                errors.add("employments/\(index)/schoolCode", "school.unknown", "no school with code '\(employment.schoolCode)'")
            }
            schoolIDs.append(school?.row.id)
        }
        try errors.check()
        // The owner is the first current employer, which the writer must be allowed to write at; the
        // other current employers see the record too. Former employers do not.
        let current = staff.employments.indices.filter { staff.employments[$0].endDate == nil }
        let ownerIndex = current.first ?? 0
        let owner = try await References.writableSchool(write.db, code: staff.employments[ownerIndex].schoolCode,
                                                        principal: write.principal, field: "employments/\(ownerIndex)/schoolCode")
        staff.citizenId = try await PersonRules.guardIdentity(requested: staff.citizenId, stored: write.existing?.model.citizenId,
                                                              db: write.db, principal: write.principal, orgID: owner.row.id)
        if let name { staff.setName(name) }
        var prepared = PreparedWrite(model: staff, orgID: owner.row.id)
        prepared.alsoVisibleTo = current.compactMap { schoolIDs[$0] }
        prepared.searchKey = VietnameseText.fold(staff.fullName + " " + staff.staffCode)
        if let name { prepared.sortKey = VietnameseCollation.classListKey(name) }
        prepared.columns = ["citizen_id": staff.citizenId]
        prepared.keyChanges = [KeyChange(field: "citizenId", old: write.existing?.model.citizenId, new: staff.citizenId, sensitive: true)]
            .filter { write.existing != nil && $0.old != $0.new }
        return prepared
    }
}
