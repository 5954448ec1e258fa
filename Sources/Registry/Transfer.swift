import Foundation
import Platform
import SQLKit

/// A transfer between schools: requested by the sending school, approved or refused by the receiving
/// school. On approval the sending enrolment ends, the receiving school gets a new one, and the
/// learner's record (with guardians and enrolment history) follows the learner.
public struct Transfer: StoredModel, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable { case requested, approved, refused }

    public var id: String?
    public var learnerCode: String
    public var fromSchoolCode: String?
    public var toSchoolCode: String
    public var schoolYear: String
    public var effectiveDate: CivilDate
    public var reason: String?
    public var status: Status?
    public var toClassName: String?
    public var decisionNote: String?
    public var decidedAt: String?

    public static let resource = ResourceDescriptor(name: "transfers", indexColumns: ["learner_id"])

    static let fields: [FieldSpec] = [
        FieldSpec("id", .uuid, readOnly: true, "Surrogate ID"),
        FieldSpec("learnerCode", .string, required: true, "The learner"),
        FieldSpec("fromSchoolCode", .string, readOnly: true, "The sending school: the learner's current school"),
        FieldSpec("toSchoolCode", .string, required: true, "The receiving school"),
        FieldSpec("schoolYear", .string, required: true, "The year of the new enrolment"),
        FieldSpec("effectiveDate", .date, required: true, "Last day at the old school is the day before"),
        FieldSpec("reason", .string, "Why the family moves"),
        FieldSpec("status", .enumeration(Status.allCases.map(\.rawValue)), readOnly: true, "requested, approved or refused"),
        FieldSpec("toClassName", .string, readOnly: true, "Class at the receiving school, set on approval"),
        FieldSpec("decisionNote", .string, readOnly: true, "The receiving school's note"),
        FieldSpec("decidedAt", .string, readOnly: true, "When it was decided"),
    ]

    static func spec() -> ResourceSpec<Transfer> {
        ResourceSpec(
            descriptor: resource, schemaName: "Transfer", tag: "Enrolments", fields: fields,
            filters: ["status": "status", "learnerId": "learner_id"], allowDelete: false,
            naturalKey: { "\($0.learnerCode.uppercased())|\($0.toSchoolCode.uppercased())|\($0.effectiveDate)" },
            prepare: prepare)
    }

    static func prepare(_ input: Transfer, _ write: WriteInput<Transfer>) async throws -> PreparedWrite<Transfer> {
        var transfer = input
        var errors = ValidationCollector()
        transfer.learnerCode = transfer.learnerCode.uppercased()
        transfer.toSchoolCode = transfer.toSchoolCode.uppercased()
        if let existing = write.existing, existing.model.status != .requested {
            throw APIError.conflict(field: "/status", code: "transfer.decided", "the transfer was already \(existing.model.status!.rawValue)")
        }
        transfer.status = .requested
        transfer.decisionNote = nil
        transfer.decidedAt = nil
        transfer.toClassName = nil
        // Only the school holding the learner's record asks for a transfer.
        let learner = try await References.visible(write.db, Learner.resource, Learner.self, key: transfer.learnerCode,
                                                   principal: write.principal, permission: .registryWrite)
        let target = try await References.load(write.db, School.resource, School.self, key: transfer.toSchoolCode)
        if learner == nil { errors.add("learnerCode", "learner.unknown", "no learner with code '\(transfer.learnerCode)'") }
        if target == nil { errors.add("toSchoolCode", "school.unknown", "no school with code '\(transfer.toSchoolCode)'") }
        let year = try await References.load(write.db, SchoolYear.resource, SchoolYear.self, key: transfer.schoolYear)
        if let year {
            if transfer.effectiveDate < year.model.startDate || transfer.effectiveDate > year.model.endDate {
                errors.add("effectiveDate", "effectiveDate.outsideYear",
                           "the transfer date \(transfer.effectiveDate) is outside \(transfer.schoolYear) (\(year.model.startDate) to \(year.model.endDate))")
            }
        } else {
            errors.add("schoolYear", "schoolYear.unknown", "the school year \(transfer.schoolYear) is not defined")
        }
        try errors.check()
        transfer.fromSchoolCode = learner!.model.schoolCode
        if transfer.fromSchoolCode == transfer.toSchoolCode {
            throw ValidationFailure(field: "toSchoolCode", code: "transfer.sameSchool", message: "the learner is already at this school")
        }
        if write.existing == nil, try await hasPendingTransfer(write.db, learnerID: learner!.row.id) {
            throw APIError.conflict(field: "/learnerCode", code: "transfer.pending", "the learner already has a transfer waiting for a decision")
        }
        // The sending school owns the request; the receiving school sees it to decide.
        var prepared = PreparedWrite(model: transfer, orgID: learner!.row.orgID)
        prepared.alsoVisibleTo = [target!.row.id]
        prepared.status = Status.requested.rawValue
        prepared.columns = ["learner_id": learner!.row.id]
        return prepared
    }

    static func hasPendingTransfer(_ db: any SQLDatabase, learnerID: String) async throws -> Bool {
        try await db.raw("SELECT 1 AS hit FROM transfers WHERE learner_id = \(bind: learnerID) AND status = 'requested'").first() != nil
    }
}
