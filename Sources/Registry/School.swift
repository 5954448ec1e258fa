import ExamRules
import Foundation
import Platform
import SQLKit
import VietnameseText

/// A school (or other education institution). Its sector code is issued by the managing department and
/// never changes (Circular 42/2021 Art. 10). Each school is also a node of the education-management
/// tree, with the same ID, under its department.
public struct School: StoredModel, Equatable {
    public enum Level: String, Codable, Sendable, CaseIterable {
        case preschool, primary, lowerSecondary, upperSecondary, continuing
    }
    public enum Ownership: String, Codable, Sendable, CaseIterable { case `public`, `private`, peopleFounded }
    public enum Status: String, Codable, Sendable, CaseIterable { case active, suspended, closed, merged }

    public var id: String?
    public var schoolCode: String
    public var name: String
    public var levels: [Level]
    /// Derived: `multiLevel` for a liên cấp school, else its single level.
    public var type: String?
    public var ownership: Ownership
    public var communeCode: String
    public var departmentCode: String
    public var status: Status?
    public var address: String?
    public var phone: String?
    public var email: String?
    /// The admission priority area (KV1, KV2-NT, KV2, KV3) of the school's location, as the
    /// ministry lists it: a candidate's area is that of the school they attended longest.
    public var priorityArea: AdmissionScoring.Area?

    public static let resource = ResourceDescriptor(name: "schools", indexColumns: ["commune_code"])

    static let fields: [FieldSpec] = [
        FieldSpec("id", .uuid, readOnly: true, "Surrogate ID; also the school's node in the org tree"),
        FieldSpec("schoolCode", .string, required: true, "Sector code issued by the department; immutable"),
        FieldSpec("name", .string, required: true, "Official name"),
        FieldSpec("levels", .array(.enumeration(School.Level.allCases.map(\.rawValue))), required: true, "Levels taught"),
        FieldSpec("type", .string, readOnly: true, "Derived: multiLevel or the single level"),
        FieldSpec("ownership", .enumeration(Ownership.allCases.map(\.rawValue)), required: true, "Công lập, tư thục, dân lập"),
        FieldSpec("communeCode", .string, required: true, "5-digit commune code (2025 list)"),
        FieldSpec("departmentCode", .string, required: true, "Org code of the managing provincial department"),
        FieldSpec("status", .enumeration(Status.allCases.map(\.rawValue)), "Default active"),
        FieldSpec("address", .string, "Street address"),
        FieldSpec("phone", .string, "Phone"),
        FieldSpec("email", .string, "Email"),
        FieldSpec("priorityArea", .enumeration(AdmissionScoring.Area.allCases.map(\.rawValue)),
                  "Admission priority area of the school's location (KV1, KV2-NT, KV2, KV3)"),
    ]

    static func spec() -> ResourceSpec<School> {
        ResourceSpec(
            descriptor: resource, schemaName: "School", tag: "Schools", fields: fields,
            filters: ["communeCode": "commune_code", "status": "status"], allowDelete: false, rulesWriteOnUpdate: true,
            prefetch: { schools, db, _, reads in
                // Each new school's code must name no node of the tree yet: one statement for the batch's.
                let codes = schools.map { $0.schoolCode.trimmingCharacters(in: .whitespaces).uppercased() }
                let taken = try await OrgUnits.takenCodes(db, codes)
                for code in codes { reads.set(taken.contains(code), for: codeTakenKey(code)) }
            },
            naturalKey: { school in
                var errors = ValidationCollector()
                let code = Codes.check(school.schoolCode, field: "schoolCode", into: &errors)
                try errors.check()
                return code
            },
            prepare: prepare)
    }

    static func prepare(_ input: School, _ write: WriteInput<School>) async throws -> PreparedWrite<School> {
        var school = input
        var errors = ValidationCollector()
        school.schoolCode = Codes.check(school.schoolCode, field: "schoolCode", into: &errors)
        school.name = VietnameseText.clean(school.name)
        if school.name.isEmpty { errors.add("name", "name.empty", "the school name is required") }
        if school.levels.isEmpty { errors.add("levels", "levels.empty", "at least one level") }
        school.levels = School.Level.allCases.filter(school.levels.contains)
        school.type = school.levels.count > 1 ? "multiLevel" : school.levels.first?.rawValue
        school.status = school.status ?? .active
        if try await AdminUnits.commune(write.db, code: school.communeCode) == nil {
            errors.add("communeCode", "commune.unknown", "no commune with code '\(school.communeCode)' in the 2025 list")
        }
        let department = try await orgUnit(write.db, code: school.departmentCode)
        if department == nil || department?.kind != .department {
            errors.add("departmentCode", "department.unknown", "no provincial department with code '\(school.departmentCode)'")
        }
        try errors.check()
        let departmentID = department!.id!

        let id: String
        var newNode: OrgTree.NewNode?
        if let existing = write.existing {
            id = existing.row.id
            try await OrgUnits.rename(write.db, id: id, name: school.name, status: school.status!.rawValue)
            if existing.model.departmentCode != school.departmentCode {
                try await OrgTree.reparent(write.db, nodeID: id, newParentID: departmentID, effective: Clock.today())
            }
        } else {
            if try await codeTaken(write.db, school.schoolCode) {
                throw APIError.conflict(field: "/schoolCode", code: "code.taken",
                                        "the code '\(school.schoolCode)' already names another node of the tree")
            }
            id = UUIDv7.make()
            // Written with the record, so that a new school's rules only read and a batch of them
            // is stored together (`ResourceSpec.rulesWriteOnUpdate`).
            newNode = OrgTree.NewNode(id: id, code: school.schoolCode, kind: OrgUnit.Kind.school.rawValue, name: school.name,
                                      provinceCode: department?.provinceCode, parentID: departmentID, validFrom: Clock.today().description)
        }
        school.id = id
        var prepared = PreparedWrite(model: school, orgID: id)
        prepared.newNode = newNode
        prepared.searchKey = VietnameseText.fold(school.name + " " + school.schoolCode)
        prepared.sortKey = VietnameseCollation.key(school.name)
        prepared.status = school.status!.rawValue
        prepared.columns = ["commune_code": school.communeCode]
        return prepared
    }

    // An import of schools adds schools to the tree, renames them and moves them; it never changes a
    // commune or a department. So it reads each of those once (`ReferenceReadCache`), not once a row.

    /// The node a school names as its department (the caller checks that it is one).
    private static func orgUnit(_ db: any SQLDatabase, code: String) async throws -> OrgUnit? {
        try await ReferenceReadCache.remember("org_units", key: "code\u{1}" + code.uppercased()) { try await OrgUnits.find(db, code: code) }
    }

    /// Whether a node of the tree has `code` already, from the batch's reads when it read them (`prefetch`).
    private static func codeTaken(_ db: any SQLDatabase, _ code: String) async throws -> Bool {
        if let known = BatchReads.current?.answer(for: codeTakenKey(code), as: Bool.self) { return known }
        return try await OrgUnits.find(db, code: code) != nil
    }

    private static func codeTakenKey(_ code: String) -> String { "orgCode\u{1}" + code }

    /// Keeps the school's document in step with the tree after the ministry moves it.
    static func recordDepartment(_ db: any SQLDatabase, schoolID: String, departmentCode: String) async throws {
        guard let row = try await RecordStore.find(db, resource, id: schoolID) else { return }
        var school = try References.model(row, as: School.self)
        school.departmentCode = departmentCode
        try await RecordStore.transition(db, resource, row, body: try JSON.string(school), publicBody: nil, status: row.status)
    }
}
