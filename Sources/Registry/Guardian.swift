import Foundation
import Platform
import SQLKit
import VietnameseText

/// A parent or guardian of a learner. The record follows the learner's school.
public struct Guardian: StoredModel, Equatable {
    public enum Relationship: String, Codable, Sendable, CaseIterable { case father, mother, guardian, grandparent, sibling, other }

    public var id: String?
    public var learnerCode: String
    public var fullName: String
    public var relationship: Relationship
    public var birthYear: Int?
    public var phone: String?
    public var occupation: String?
    public var citizenId: String?

    public static let resource = ResourceDescriptor(name: "guardians", indexColumns: ["learner_id"])

    static let fields: [FieldSpec] = [
        FieldSpec("id", .uuid, readOnly: true, "Surrogate ID"),
        FieldSpec("learnerCode", .string, required: true, "The learner"),
        FieldSpec("fullName", .string, required: true, "Full name"),
        FieldSpec("relationship", .enumeration(Relationship.allCases.map(\.rawValue)), required: true, "Relationship to the learner"),
        FieldSpec("birthYear", .integer, "Year of birth"),
        FieldSpec("phone", .string, "Phone"),
        FieldSpec("occupation", .string, "Occupation"),
        FieldSpec("citizenId", .string, "12-digit personal ID; identity:read only"),
    ]

    static func spec() -> ResourceSpec<Guardian> {
        ResourceSpec(
            descriptor: resource, schemaName: "Guardian", tag: "Learners", fields: fields,
            filters: ["learnerId": "learner_id"],
            prefetch: { guardians, db, principal, reads in
                // Every row names another learner: one statement for the batch's learners.
                try await References.preload(db, Learner.resource, Learner.self, keys: guardians.map { $0.learnerCode.uppercased() },
                                             visibleTo: principal, into: reads)
            },
            naturalKey: { guardian in
                "\(guardian.learnerCode.uppercased())|\(guardian.relationship.rawValue)|\(VietnameseText.fold(guardian.fullName))"
            },
            prepare: prepare,
            redact: { $0.citizenId = nil })
    }

    static func prepare(_ input: Guardian, _ write: WriteInput<Guardian>) async throws -> PreparedWrite<Guardian> {
        var guardian = input
        var errors = ValidationCollector()
        guardian.learnerCode = guardian.learnerCode.uppercased()
        let name = PersonRules.name(guardian.fullName, field: "fullName", into: &errors)
        if let year = guardian.birthYear, !(1900...Clock.today().year).contains(year) {
            errors.add("birthYear", "birthYear.invalid", "the birth year \(year) is not plausible")
        }
        let birthDate = guardian.birthYear.flatMap { CivilDate(year: $0, month: 1, day: 1) }
        guardian.citizenId = PersonRules.citizenID(guardian.citizenId, sex: nil, dateOfBirth: birthDate, into: &errors)
        let learner = try await References.visible(write.db, Learner.resource, Learner.self, key: guardian.learnerCode,
                                                   principal: write.principal)
        if learner == nil { errors.add("learnerCode", "learner.unknown", "no learner with code '\(guardian.learnerCode)'") }
        try errors.check()
        guardian.citizenId = try await PersonRules.guardIdentity(requested: guardian.citizenId, stored: write.existing?.model.citizenId,
                                                                 db: write.db, principal: write.principal, orgID: learner!.row.orgID)
        if let name { guardian.fullName = name.fullName }
        var prepared = PreparedWrite(model: guardian, orgID: learner!.row.orgID)
        prepared.searchKey = VietnameseText.fold(guardian.fullName)
        prepared.columns = ["learner_id": learner!.row.id]
        return prepared
    }
}
