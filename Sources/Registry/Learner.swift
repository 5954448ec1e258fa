import CitizenID
import Foundation
import Platform
import SQLKit
import VietnameseText

/// A learner, keyed by the MoET learner ID issued at first entry and never changed. The citizen ID is
/// a verified attribute: it may be missing or corrected, and a correction is published as a key change.
public struct Learner: StoredModel, NamedPerson, Equatable {
    public var id: String?
    /// Issued by NEMIS when absent: the 2-digit province code and an 8-digit serial.
    public var learnerCode: String?
    public var citizenId: String?
    public var fullName: String
    public var familyName: String?
    public var middleName: String?
    public var givenName: String?
    public var dateOfBirth: CivilDate?
    public var sex: String?
    public var ethnicity: String?
    public var birthplace: String?
    /// The school that holds the learner's record now; it changes only through an approved transfer.
    public var schoolCode: String
    public var status: String?

    public static let resource = ResourceDescriptor(name: "learners", indexColumns: ["citizen_id"])

    static let fields: [FieldSpec] = [
        FieldSpec("id", .uuid, readOnly: true, "Surrogate ID"),
        FieldSpec("learnerCode", .string, "MoET learner ID; issued on first entry when omitted; immutable"),
    ] + PersonRules.personFields + [
        FieldSpec("birthplace", .string, "Place of birth registration"),
        FieldSpec("schoolCode", .string, required: true, "The school holding the record; changed only by a transfer"),
        FieldSpec("status", .string, readOnly: true, "active, transferred, withdrawn, droppedOut or graduated"),
    ]

    static func spec() -> ResourceSpec<Learner> {
        ResourceSpec(
            descriptor: resource, schemaName: "Learner", tag: "Learners", fields: fields,
            filters: ["schoolId": "org_id", "status": "status"],
            issueKey: issueCode,
            beforeDelete: { db, row in
                try await DeleteGuard.refuseIfReferenced(db, row, by: [("enrolments", "learner_id"), ("guardians", "learner_id"),
                                                                      ("transfers", "learner_id")])
            },
            naturalKey: { learner in
                var errors = ValidationCollector()
                let code = Codes.check(learner.learnerCode ?? "", field: "learnerCode", into: &errors)
                try errors.check()
                return code
            },
            prepare: prepare,
            redact: { $0.citizenId = nil })
    }

    /// Issues a learner code for a new learner: the school's province and the next serial there.
    /// An import gives a batch of new learners their codes together (`LearnerCodes.issue`).
    static func issueCode(_ learner: inout Learner, _ db: any SQLDatabase) async throws {
        guard learner.learnerCode?.trimmingCharacters(in: .whitespaces).isEmpty ?? true else { return }
        guard let province = try await province(ofSchool: learner.schoolCode, db) else {
            throw ValidationFailure(field: "schoolCode", code: "school.unknown", message: "no school with code '\(learner.schoolCode)'")
        }
        // Codes given by school software may already use the next serials: skip those.
        var code: String
        repeat {
            code = Self.code(province: province, serial: try await Sequences.next(db, name: codeSequence(province)))
        } while try await RecordStore.find(db, resource, naturalKey: code) != nil
        learner.learnerCode = code
    }

    /// The province whose codes a new learner of the school takes; nil for an unknown school.
    static func province(ofSchool schoolCode: String, _ db: any SQLDatabase) async throws -> String? {
        guard let school = try await References.load(db, School.resource, School.self, key: schoolCode.uppercased()) else { return nil }
        return try await AdminUnits.commune(db, code: school.model.communeCode)?.parentCode
    }

    static func code(province: String, serial: Int) -> String { province + String(format: "%08d", serial) }

    static func codeSequence(_ province: String) -> String { "learner:\(province)" }

    static func prepare(_ input: Learner, _ write: WriteInput<Learner>) async throws -> PreparedWrite<Learner> {
        var learner = input
        var errors = ValidationCollector()
        learner.learnerCode = Codes.check(learner.learnerCode ?? "", field: "learnerCode", into: &errors)
        let name = PersonRules.name(learner.fullName, field: "fullName", into: &errors)
        let sex = PersonRules.sex(learner.sex, into: &errors)
        PersonRules.dateOfBirth(learner.dateOfBirth, into: &errors)
        learner.citizenId = PersonRules.citizenID(learner.citizenId, sex: sex, dateOfBirth: learner.dateOfBirth, into: &errors)
        learner.schoolCode = learner.schoolCode.uppercased()
        if let existing = write.existing, existing.model.schoolCode != learner.schoolCode {
            errors.add("schoolCode", "learner.moveByTransfer",
                       "a learner changes school only through a transfer approved by the receiving school")
        }
        let school = try await References.writableSchool(write.db, code: learner.schoolCode, principal: write.principal,
                                                         field: "schoolCode", into: &errors)
        try errors.check()
        learner.citizenId = try await PersonRules.guardIdentity(requested: learner.citizenId, stored: write.existing?.model.citizenId,
                                                                db: write.db, principal: write.principal, orgID: school!.row.id)
        if let name { learner.setName(name) }
        learner.status = write.existing?.model.status ?? "active"
        var prepared = PreparedWrite(model: learner, orgID: school!.row.id)
        prepared.searchKey = VietnameseText.fold(learner.fullName + " " + (learner.learnerCode ?? ""))
        if let name { prepared.sortKey = VietnameseCollation.classListKey(name) }
        prepared.status = learner.status!
        prepared.columns = ["citizen_id": learner.citizenId]
        if let existing = write.existing, existing.model.citizenId != learner.citizenId {
            prepared.keyChanges = [KeyChange(field: "citizenId", old: existing.model.citizenId, new: learner.citizenId, sensitive: true)]
        }
        return prepared
    }
}

/// Named counters for IDs that NEMIS issues, incremented inside the caller's transaction.
enum Sequences {
    static func next(_ db: any SQLDatabase, name: String) async throws -> Int {
        try await reserve(db, name: name, count: 1).lowerBound
    }

    /// The next `count` values, taken with one statement.
    static func reserve(_ db: any SQLDatabase, name: String, count: Int) async throws -> ClosedRange<Int> {
        guard let row = try await db.raw("""
            INSERT INTO id_sequences (name, next_value) VALUES (\(bind: name), \(bind: count))
            ON CONFLICT (name) DO UPDATE SET next_value = id_sequences.next_value + \(bind: count)
            RETURNING next_value
            """).first() else { throw ConfigurationError("id sequence \(name) returned nothing") }
        let last = try row.decode(column: "next_value", as: Int.self)
        return (last - count + 1)...last
    }
}
