import Foundation
import Platform
import SQLKit
import VietnameseText

/// A learner's enrolment at a school for a school year (StudentSchoolAssociation), with its lifecycle:
/// active → completed (promoted, repeated or graduated at year end), withdrawn, droppedOut or
/// transferredOut. A learner has at most one active enrolment in a school year, across all schools.
public struct Enrolment: StoredModel, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case active, completed, withdrawn, droppedOut, transferredOut
    }
    public enum Outcome: String, Codable, Sendable, CaseIterable { case promoted, repeated, graduated }

    public var id: String?
    public var learnerCode: String
    public var schoolCode: String
    public var schoolYear: String
    public var className: String?
    public var entryDate: CivilDate
    public var status: Status?
    public var exitDate: CivilDate?
    public var exitReason: String?
    public var outcome: Outcome?

    public static let resource = ResourceDescriptor(name: "enrolments", indexColumns: ["learner_id", "class_id", "school_year"])

    static let fields: [FieldSpec] = [
        FieldSpec("id", .uuid, readOnly: true, "Surrogate ID"),
        FieldSpec("learnerCode", .string, required: true, "The learner"),
        FieldSpec("schoolCode", .string, required: true, "The school (the learner's current school)"),
        FieldSpec("schoolYear", .string, required: true, "e.g. 2025-2026"),
        FieldSpec("className", .string, "Homeroom class in that year"),
        FieldSpec("entryDate", .date, required: true, "Date of entry"),
        FieldSpec("status", .enumeration(Status.allCases.map(\.rawValue)), readOnly: true, "Set by the lifecycle actions"),
        FieldSpec("exitDate", .date, readOnly: true, "Date the enrolment ended"),
        FieldSpec("exitReason", .string, readOnly: true, "Why it ended"),
        FieldSpec("outcome", .enumeration(Outcome.allCases.map(\.rawValue)), readOnly: true, "Year-end decision"),
    ]

    static func spec() -> ResourceSpec<Enrolment> {
        ResourceSpec(
            descriptor: resource, schemaName: "Enrolment", tag: "Enrolments", fields: fields,
            filters: ["schoolId": "org_id", "classId": "class_id", "schoolYear": "school_year", "learnerId": "learner_id", "status": "status"],
            // A learner's other active enrolments refuse a second one (`prepare`).
            rulesReadOwnKind: true, prefetch: prefetch,
            naturalKey: { "\($0.learnerCode.uppercased())|\($0.schoolCode.uppercased())|\($0.entryDate)" },
            prepare: prepare)
    }

    /// A batch's learners, and their active enrolments, each read with one statement per few hundred
    /// learners instead of one for every row.
    static func prefetch(_ enrolments: [Enrolment], _ db: any SQLDatabase, _ principal: Principal, _ reads: BatchReads) async throws {
        let learners = try await References.preload(db, Learner.resource, Learner.self, keys: enrolments.map { $0.learnerCode.uppercased() },
                                                    visibleTo: principal, into: reads)
        let learnerIDs = Array(Set(learners.values.map(\.row.id)))
        var active: [String: [String]] = [:]
        for chunk in learnerIDs.batches(of: RecordStore.rowsPerStatement) {
            for row in try await db.raw("""
                SELECT id, learner_id, school_year FROM enrolments WHERE status = 'active' AND learner_id IN (\(binds: Array(chunk)))
                """).all() {
                let key = activeKey(learnerID: try row.decode(column: "learner_id", as: String.self),
                                    schoolYear: try row.decode(column: "school_year", as: String.self))
                active[key, default: []].append(try row.decode(column: "id", as: String.self))
            }
        }
        for enrolment in enrolments {
            guard let learner = learners[enrolment.learnerCode.uppercased()] else { continue }
            let key = activeKey(learnerID: learner.row.id, schoolYear: enrolment.schoolYear)
            reads.set(active[key] ?? [], for: key)
        }
    }

    private static func activeKey(learnerID: String, schoolYear: String) -> String {
        "activeEnrolments\u{1}" + learnerID + "\u{1}" + schoolYear
    }

    static func prepare(_ input: Enrolment, _ write: WriteInput<Enrolment>) async throws -> PreparedWrite<Enrolment> {
        var enrolment = input
        var errors = ValidationCollector()
        enrolment.learnerCode = enrolment.learnerCode.uppercased()
        enrolment.schoolCode = enrolment.schoolCode.uppercased()
        // Lifecycle fields change only through the lifecycle actions.
        enrolment.status = write.existing?.model.status ?? .active
        enrolment.exitDate = write.existing?.model.exitDate
        enrolment.exitReason = write.existing?.model.exitReason
        enrolment.outcome = write.existing?.model.outcome
        _ = Codes.schoolYear(enrolment.schoolYear, into: &errors)
        let year = try await References.load(write.db, SchoolYear.resource, SchoolYear.self, key: enrolment.schoolYear)
        if year == nil {
            errors.add("schoolYear", "schoolYear.unknown", "the school year \(enrolment.schoolYear) is not defined")
        } else if let year, enrolment.entryDate < year.model.startDate.addingDays(-92) || enrolment.entryDate > year.model.endDate {
            errors.add("entryDate", "entryDate.outsideYear", "the entry date \(enrolment.entryDate) is outside \(enrolment.schoolYear)")
        }
        let school = try await References.writableSchool(write.db, code: enrolment.schoolCode, principal: write.principal,
                                                         field: "schoolCode", into: &errors)
        let learner = try await References.visible(write.db, Learner.resource, Learner.self, key: enrolment.learnerCode,
                                                   principal: write.principal)
        if learner == nil { errors.add("learnerCode", "learner.unknown", "no learner with code '\(enrolment.learnerCode)'") }
        if let learner, learner.model.schoolCode != enrolment.schoolCode {
            errors.add("schoolCode", "enrolment.otherSchool",
                       "the learner's record is held by \(learner.model.schoolCode); move it with a transfer first")
        }
        var classID: String?
        if let className = enrolment.className {
            enrolment.className = VietnameseText.clean(className).uppercased()
            let found = try await References.load(write.db, SchoolClass.resource, SchoolClass.self,
                                                  key: SchoolClass.key(enrolment.schoolCode, enrolment.schoolYear, className))
            if found == nil { errors.add("className", "class.unknown", "no class \(className) in \(enrolment.schoolYear) at this school") }
            classID = found?.row.id
        }
        try errors.check()
        if enrolment.status == .active {
            try await ensureSingleActive(write.db, learnerID: learner!.row.id, schoolYear: enrolment.schoolYear, except: write.existing?.row.id)
        }
        var prepared = PreparedWrite(model: enrolment, orgID: school!.row.id)
        prepared.status = enrolment.status!.rawValue
        prepared.searchKey = VietnameseText.fold(learner!.model.fullName)
        prepared.sortKey = learner!.row.sortKey
        prepared.columns = ["learner_id": learner!.row.id, "class_id": classID, "school_year": enrolment.schoolYear]
        return prepared
    }

    /// "A learner enrolled in two schools for the same year" is refused, naming the year.
    static func ensureSingleActive(_ db: any SQLDatabase, learnerID: String, schoolYear: String, except: String?) async throws {
        let activeIDs = if let known = BatchReads.current?.answer(for: activeKey(learnerID: learnerID, schoolYear: schoolYear), as: [String].self) {
            known
        } else {
            try await db.raw("""
                SELECT id FROM enrolments WHERE learner_id = \(bind: learnerID) AND school_year = \(bind: schoolYear) AND status = 'active'
                """).all().map { try $0.decode(column: "id", as: String.self) }
        }
        for id in activeIDs where id != except {
            throw APIError.conflict(field: "/schoolYear", code: "enrolment.duplicateActive",
                                    "the learner already has an active enrolment in \(schoolYear)")
        }
    }
}
