import Foundation
import Platform
import SQLKit

/// Writes records that arrive in bulk (files from school software) through the same controllers,
/// rules, scopes, change feed and audit log as the API: one body at a time, inside the caller's
/// transaction.
public struct RegistryImportWriter: Sendable {
    /// The registry resources a file can carry.
    public enum Resource: String, Sendable, CaseIterable {
        case schools, staff, learners, guardians, classes, enrolments
        case teachingAssignments = "teaching_assignments"
    }

    public enum Outcome: Sendable, Equatable {
        case created, updated, unchanged
    }

    /// What `write` did, and to which record: a body without a key is given one (a new learner's
    /// code) or found by another field (a learner by citizen ID).
    public struct Written: Sendable, Equatable {
        public let outcome: Outcome
        public let naturalKey: String
    }

    let registry: RegistryService

    public init(database: any Database) {
        registry = RegistryService(database: database)
    }

    /// Creates or updates the record `body` describes (a JSON object, as `POST /<resource>` takes).
    public func write(_ resource: Resource, body: Data, principal: Principal, db: any SQLDatabase) async throws -> Written {
        var data = body
        if resource == .learners { data = try await findLearnerByCitizenID(data, db: db) }
        let result: (row: RecordRow, created: Bool, changed: Bool) = switch resource {
        case .schools: try await registry.schools.write(body: data, principal: principal, db: db)
        case .staff: try await registry.staff.write(body: data, principal: principal, db: db)
        case .learners: try await registry.learners.write(body: data, principal: principal, db: db)
        case .guardians: try await registry.guardians.write(body: data, principal: principal, db: db)
        case .classes: try await registry.classes.write(body: data, principal: principal, db: db)
        case .enrolments: try await registry.enrolments.write(body: data, principal: principal, db: db)
        case .teachingAssignments: try await registry.assignments.write(body: data, principal: principal, db: db)
        }
        return Written(outcome: result.created ? .created : result.changed ? .updated : .unchanged, naturalKey: result.row.naturalKey)
    }

    /// A body given its key by `issueKeys`, and the body decoded for `prepareBatch`: where the caller
    /// had decoded it before, the key is set on that decoded record rather than the body decoded again.
    public struct IssuedKey: Sendable {
        public let body: Data
        public let decoded: BatchBody
    }

    /// Keys for a batch's bodies that name their record by another field than its key, where a batch
    /// can issue them (new learners' codes: `LearnerCodes.issue`), by position; the rest stay for `write`.
    /// `decoded` holds the bodies as `batchBody` decoded them, nil where the caller has not.
    public func issueKeys(_ resource: Resource, _ bodies: [Data], decoded: [BatchBody?], db: any SQLDatabase) async throws -> [Int: IssuedKey] {
        precondition(decoded.count == bodies.count, "one decoded body, or nil, for each body")
        guard resource == .learners else { return [:] }
        var keys: [Int: IssuedKey] = [:]
        for (index, issued) in try await LearnerCodes.issue(bodies, db: db) {
            let withCode = decoded[index].map { registry.learners.batchBody($0) { $0.learnerCode = issued.code } }
            keys[index] = IssuedKey(body: issued.body, decoded: withCode ?? batchBody(resource, issued.body))
        }
        return keys
    }

    /// A body decoded as `resource` for `prepareBatch`; it needs no database, so any thread may decode.
    public func batchBody(_ resource: Resource, _ body: Data) -> BatchBody {
        switch resource {
        case .schools: registry.schools.batchBody(body)
        case .staff: registry.staff.batchBody(body)
        case .learners: registry.learners.batchBody(body)
        case .guardians: registry.guardians.batchBody(body)
        case .classes: registry.classes.batchBody(body)
        case .enrolments: registry.enrolments.batchBody(body)
        case .teachingAssignments: registry.assignments.batchBody(body)
        }
    }

    /// Many records of one resource read and ruled on, for `PreparedBatch.store` to write with a few
    /// statements (`ResourceController.prepareBatch`); records it hands back as `.writeAlone` go
    /// through `write` one by one.
    public func prepareBatch(_ resource: Resource, _ bodies: [BatchBody], principal: Principal,
                             db: any SQLDatabase) async throws -> PreparedBatch {
        switch resource {
        case .schools: try await registry.schools.prepareBatch(bodies, principal: principal, db: db)
        case .staff: try await registry.staff.prepareBatch(bodies, principal: principal, db: db)
        case .learners: try await registry.learners.prepareBatch(bodies, principal: principal, db: db)
        case .guardians: try await registry.guardians.prepareBatch(bodies, principal: principal, db: db)
        case .classes: try await registry.classes.prepareBatch(bodies, principal: principal, db: db)
        case .enrolments: try await registry.enrolments.prepareBatch(bodies, principal: principal, db: db)
        case .teachingAssignments: try await registry.assignments.prepareBatch(bodies, principal: principal, db: db)
        }
    }

    /// The cache of references an import of `resource` may keep: every record but its own kind, and
    /// the organisation tree's scope answers unless it writes schools (a school is a node of the tree).
    public func referenceCache(for resource: Resource) -> ReferenceReadCache {
        ReferenceReadCache(writing: Self.tableName(resource), orgTreeIsStable: resource != .schools)
    }

    static func tableName(_ resource: Resource) -> String {
        switch resource {
        case .schools: School.resource.name
        case .staff: Staff.resource.name
        case .learners: Learner.resource.name
        case .guardians: Guardian.resource.name
        case .classes: SchoolClass.resource.name
        case .enrolments: Enrolment.resource.name
        case .teachingAssignments: TeachingAssignment.resource.name
        }
    }

    /// A row without a learner code names its learner by citizen ID (the file format allows it for
    /// learners the school has not been given a code for). Once NEMIS has issued the code, the same
    /// row must find that learner again rather than create a second one, or a re-import would
    /// duplicate every such learner.
    private func findLearnerByCitizenID(_ body: Data, db: any SQLDatabase) async throws -> Data {
        let keys = try JSON.decoder.decode(LearnerCodes.BodyKeys.self, from: body)
        guard (keys.learnerCode ?? "").isEmpty, let citizenID = keys.citizenId, !citizenID.isEmpty,
              let codes = try await LearnerCodes.storedCodes(citizenIDs: [citizenID], db: db)[citizenID], codes.count == 1 else {
            return body
        }
        return try LearnerCodes.body(body, withCode: codes[0]) ?? body
    }
}
