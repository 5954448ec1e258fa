import DataIntegrity
import Foundation
import Hummingbird
import Platform
import Records
import Registry
import SQLKit

/// The signing chain of a year record (DOMAIN.md §4.1): the school prepares drafts from the year
/// results, the homeroom teacher approves the class, the principal approves the whole school at once
/// and the school's key signs (ký đồng loạt). A signed record is never changed: a correction revokes
/// it and issues the next version.
struct IssuanceController {
    let database: any Database
    let registry: RegistryService
    let keys: SigningKeyStore
    let statusLists: StatusListStore

    struct Problem: Codable, Sendable { let learnerCode: String; let reason: String }
    struct Summary: Codable, Sendable { let count: Int; let problems: [Problem] }
    struct RevokeRequest: Codable { let reason: String }
    struct KeyView: Codable, Sendable { let did: String; let validFrom: String; let validUntil: String?; let revokedAt: String? }

    func register(in catalog: APICatalog) {
        catalog.schema("CredentialSummary", [FieldSpec("count", .integer, readOnly: true, "Credentials affected"),
                                             FieldSpec("problems", .array(.object([])), readOnly: true, "Learners left out, and why")])
        catalog.schema("SigningKey", [FieldSpec("did", .string, readOnly: true, "did:key of the key"),
                                      FieldSpec("validFrom", .string, readOnly: true, "Valid from"),
                                      FieldSpec("validUntil", .string, readOnly: true, "Valid until (after a rotation)")])
        catalog.schema("Revocation", [FieldSpec("reason", .string, required: true, "Why the record is revoked (kept with it)")])
        catalog.add(APIRoute(.get, "/api/v1/schools/{id}/signing-keys", summary: "The school's signing keys (public parts)",
                             tag: "Credentials", response: "SigningKey", page: true), listKeys)
        catalog.add(APIRoute(.post, "/api/v1/schools/{id}/signing-keys", summary: "Create or rotate the school's signing key",
                             tag: "Credentials", response: "SigningKey"), createKey)
        catalog.add(APIRoute(.post, "/api/v1/classes/{id}/credentials/prepare", summary: "Draft each learner's year record from the year results",
                             tag: "Credentials", response: "CredentialSummary"), prepare)
        catalog.add(APIRoute(.post, "/api/v1/classes/{id}/credentials/approve", summary: "The homeroom teacher approves the class's drafts",
                             tag: "Credentials", response: "CredentialSummary"), approve)
        catalog.add(APIRoute(.post, "/api/v1/schools/{id}/credentials/sign", summary: "The principal approves and the school key signs every approved draft",
                             tag: "Credentials", response: "CredentialSummary"), sign)
        catalog.add(APIRoute(.post, "/api/v1/credentials/{id}/revoke", summary: "Revoke an issued record, with a reason",
                             tag: "Credentials", request: "Revocation"), revoke)
        catalog.add(APIRoute(.get, "/api/v1/learners/{id}/credentials", summary: "A learner's year records, wherever they were issued",
                             tag: "Credentials", page: true), learnerCredentials)
    }

    // MARK: keys

    private func visibleSchool(_ db: any SQLDatabase, _ id: String, _ principal: Principal) async throws -> (code: String, name: String) {
        guard let row = try await db.raw("SELECT code, name FROM org_units WHERE id = \(bind: id) AND kind = 'school'").first(),
              try await OrgTree.isWithin(db, nodeID: id, roots: principal.nodes(for: .registryRead)) else { throw APIError.notFound }
        return (try row.decode(column: "code", as: String.self), try row.decode(column: "name", as: String.self))
    }

    private func requireIssuer(_ db: any SQLDatabase, _ orgID: String, _ principal: Principal) async throws {
        guard try await OrgTree.isWithin(db, nodeID: orgID, roots: principal.nodes(for: .credentialsIssue)) else {
            throw APIError.forbidden("issuing school records needs credentials:issue at the school")
        }
    }

    @Sendable func listKeys(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let stored = try await database.read { db in
            _ = try await visibleSchool(db, id, principal)
            return try await keys.keys(db, orgID: id)
        }
        return JSONResponse.page(items: try stored.map { try JSON.string(Self.view($0)) }, nextPageToken: nil)
    }

    @Sendable func createKey(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let created = try await database.transaction { db in
            let school = try await visibleSchool(db, id, principal)
            try await requireIssuer(db, id, principal)
            let key = try await keys.create(db, orgID: id, role: .school)
            try await AuditLog.record(db, principal: principal, action: .create, resource: "signing_keys", recordID: key.id, orgID: id,
                                      detail: "signing key for \(school.code): \(key.did)")
            return key
        }
        return JSONResponse.raw(try JSON.string(Self.view(created)), status: .created)
    }

    static func view(_ key: SigningKeyStore.StoredKey) -> KeyView {
        KeyView(did: key.did, validFrom: DateTimeStamp.format(key.validFrom), validUntil: key.validUntil.map { DateTimeStamp.format($0) },
                revokedAt: key.revokedAt.map { DateTimeStamp.format($0) })
    }

    // MARK: the signing chain

    @Sendable func prepare(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let summary = try await database.transaction { db in
            try await requireIssuer(db, schoolClass.orgID, principal)
            guard let key = try await keys.activeKey(db, orgID: schoolClass.orgID, role: .school) else {
                throw APIError.conflict(field: nil, code: "credentials.noKey", "the school has no signing key yet: create one first")
            }
            let school = try await visibleSchool(db, schoolClass.orgID, principal)
            let members = try await ClassMembership.activeMembers(db, classID: schoolClass.id)
            let ids = members.map(\.learnerID)
            let results = try await YearResultDirectory.stored(db, learnerIDs: ids, year: schoolClass.schoolYear)
            let citizenIDs = try await LearnerDirectory.citizenIDs(db, learnerIDs: ids)
            var problems: [Problem] = []
            var drafted = 0
            for member in members {
                guard let result = results[member.learnerID] else {
                    problems.append(Problem(learnerCode: member.learnerCode, reason: "no year result yet / chưa có kết quả cả năm")); continue
                }
                guard let citizenID = citizenIDs[member.learnerID] else {
                    problems.append(Problem(learnerCode: member.learnerCode, reason: "no citizen ID: the record cannot name its holder / chưa có số định danh"))
                    continue
                }
                let previous = try await db.raw("""
                    SELECT id, version, state, replaces FROM issued_credentials
                    WHERE learner_id = \(bind: member.learnerID) AND school_year = \(bind: schoolClass.schoolYear) ORDER BY version DESC LIMIT 1
                    """).first()
                let previousID = try previous?.decode(column: "id", as: String.self)
                let previousVersion = try previous?.decode(column: "version", as: Int.self) ?? 0
                let version: Int, replaces: String?
                switch try previous?.decode(column: "state", as: String.self) {
                case "issued":
                    problems.append(Problem(learnerCode: member.learnerCode, reason: "already issued: revoke it, with a reason, to issue a correction"))
                    continue
                case "revoked":
                    (version, replaces) = (previousVersion + 1, previousID)
                case .some:
                    // A draft not yet signed is drafted again from today's results (a summer re-assessment,
                    // a corrected score, a rotated key): its approvals start over.
                    try await db.raw("DELETE FROM issued_credentials WHERE id = \(bind: previousID)").run()
                    (version, replaces) = (previousVersion, try previous?.decode(column: "replaces", as: String?.self))
                case nil:
                    (version, replaces) = (1, nil)
                }
                let (listID, index) = try await statusLists.allocate(db, orgID: schoolClass.orgID)
                let record = YearRecordMapping.record(
                    result, learnerID: member.learnerID, citizenID: citizenID, school: SchoolProfile(did: key.did, name: school.name, sectorCode: school.code),
                    grade: Int(schoolClass.grade) ?? 0, className: schoolClass.name, version: version,
                    status: statusLists.entry(listID: listID, index: index))
                let document = try YearRecordCredential.build(record)
                let id = document["id"]?.stringValue ?? UUIDv7.make()
                try await db.raw("""
                    INSERT INTO issued_credentials (id, learner_id, org_id, class_id, school_year, version, state, status_list_id, status_index,
                                                    document, replaces)
                    VALUES (\(bind: id), \(bind: member.learnerID), \(bind: schoolClass.orgID), \(bind: schoolClass.id), \(bind: schoolClass.schoolYear),
                            \(bind: version), 'awaiting_homeroom', \(bind: listID), \(bind: index), \(bind: try document.encodedString()),
                            \(bind: replaces))
                    """).run()
                drafted += 1
            }
            try await AuditLog.record(db, principal: principal, action: .create, resource: "credentials", recordID: schoolClass.id,
                                      orgID: schoolClass.orgID, detail: "drafted \(drafted) year records of class \(schoolClass.name)")
            return Summary(count: drafted, problems: problems)
        }
        return try JSONResponse.encode(summary)
    }

    /// The homeroom teacher's approval of the class's drafts.
    @Sendable func approve(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let count = try await database.transaction { db in
            let mayWrite = try await OrgTree.isWithin(db, nodeID: schoolClass.orgID, roots: principal.nodes(for: .recordsWrite))
            guard mayWrite, principal.staffCode != nil, principal.staffCode == schoolClass.homeroomStaffCode else {
                throw APIError.forbidden("the homeroom teacher of class \(schoolClass.name) approves its year records")
            }
            let pending = try await db.raw("""
                SELECT COUNT(*) AS n FROM issued_credentials WHERE class_id = \(bind: schoolClass.id) AND state = 'awaiting_homeroom'
                """).first()!.decode(column: "n", as: Int.self)
            try await db.raw("""
                UPDATE issued_credentials SET state = 'awaiting_principal', homeroom_approved_by = \(bind: principal.name),
                    homeroom_approved_at = \(bind: Clock.timestamp())
                WHERE class_id = \(bind: schoolClass.id) AND state = 'awaiting_homeroom'
                """).run()
            try await AuditLog.record(db, principal: principal, action: .transition, resource: "credentials", recordID: schoolClass.id,
                                      orgID: schoolClass.orgID, detail: "homeroom teacher approved \(pending) year records of class \(schoolClass.name)")
            return pending
        }
        return try JSONResponse.encode(Summary(count: count, problems: []))
    }

    /// The principal's approval of everything the homeroom teachers approved, and the school's
    /// signature on each, in one batch across all cores.
    @Sendable func sign(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolID = try context.parameters.require("id")
        let count = try await database.transaction { db in
            _ = try await visibleSchool(db, schoolID, principal)
            try await requireIssuer(db, schoolID, principal)
            guard let key = try await keys.activeKey(db, orgID: schoolID, role: .school) else {
                throw APIError.conflict(field: nil, code: "credentials.noKey", "the school has no signing key yet: create one first")
            }
            // The principal's signature is a second pair of eyes: never on a draft the signer approved as homeroom teacher.
            let rows = try await db.raw("""
                SELECT id, document FROM issued_credentials WHERE org_id = \(bind: schoolID) AND state = 'awaiting_principal'
                  AND homeroom_approved_by <> \(bind: principal.name)
                """).all()
            var documents: [JSONValue] = []
            var ids: [String] = []
            var stale = 0
            for row in rows {
                let document = try JSONParser.parse(try row.decode(column: "document", as: String.self))
                // A draft names the key that was active when it was made; after a rotation it must be
                // drafted again (every part names its issuer, and its validity starts before the new key's).
                guard document["issuer"]?["id"]?.stringValue == key.did else { stale += 1; continue }
                documents.append(document)
                ids.append(try row.decode(column: "id", as: String.self))
            }
            let now = Date()
            let drafts = documents
            let signed = try await ParallelChunks.offloaded { try BatchSigner.sign(drafts, with: key, created: now) }
            let stamp = Clock.timestamp(now)
            for (id, document) in zip(ids, signed) {
                try await db.raw("""
                    UPDATE issued_credentials SET state = 'issued', document = \(bind: try document.encodedString()),
                        principal_approved_by = \(bind: principal.name), principal_approved_at = \(bind: stamp), issued_at = \(bind: stamp)
                    WHERE id = \(bind: id)
                    """).run()
            }
            try await AuditLog.record(db, principal: principal, action: .transition, resource: "credentials", recordID: schoolID,
                                      orgID: schoolID, detail: "principal approved and the school signed \(signed.count) year records")
            return (signed.count, stale)
        }
        let problems = count.1 == 0 ? [] : [Problem(learnerCode: "", reason: "\(count.1) drafts were made under an earlier key: prepare them again")]
        return try JSONResponse.encode(Summary(count: count.0, problems: problems))
    }

    @Sendable func revoke(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let data = Data(buffer: try await request.body.collect(upTo: 16 * 1024))
        let input = try JSON.decodeStrict(RevokeRequest.self, from: data, allowedFields: ["reason"])
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ValidationFailure(field: "reason", code: "reason.required", message: "a revocation needs its reason") }
        try await database.transaction { db in
            guard let row = try await db.raw("""
                SELECT org_id, state FROM issued_credentials WHERE id = \(bind: id)
                """).first() else { throw APIError.notFound }
            let orgID = try row.decode(column: "org_id", as: String.self)
            guard try await OrgTree.isWithin(db, nodeID: orgID, roots: principal.nodes(for: .registryRead)) else { throw APIError.notFound }
            try await requireIssuer(db, orgID, principal)
            guard try row.decode(column: "state", as: String.self) == "issued" else {
                throw APIError.conflict(field: nil, code: "credentials.notIssued", "only an issued record can be revoked")
            }
            try await db.raw("""
                UPDATE issued_credentials SET state = 'revoked', revoked_at = \(bind: Clock.timestamp()), revocation_reason = \(bind: reason)
                WHERE id = \(bind: id)
                """).run()
            try await AuditLog.record(db, principal: principal, action: .transition, resource: "credentials", recordID: id, orgID: orgID,
                                      detail: "revoked: \(reason)")
        }
        return Response(status: .noContent)
    }

    /// The learner's records from every school they attended: access follows the learner, so after a
    /// transfer the receiving school reads what the previous schools signed.
    @Sendable func learnerCredentials(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let learner = try await LearnerDirectory.visibleLearner(registry, id: try context.parameters.require("id"), principal: principal)
        let (items, withDocuments) = try await database.read { db in
            guard try await OrgTree.isWithin(db, nodeID: learner.orgID, roots: principal.nodes(for: .recordsRead)) else {
                throw APIError.forbidden("reading learning records needs records:read at the learner's school")
            }
            // A document carries a salted hash of the citizen ID, which a determined reader can reverse
            // (the ID space is small): the documents themselves need identity:read, like the ID.
            let withDocuments = try await OrgTree.isWithin(db, nodeID: learner.orgID, roots: principal.nodes(for: .identityRead))
            return (try await db.raw("""
                SELECT id, school_year, version, state, issued_at, revoked_at, revocation_reason, document FROM issued_credentials
                WHERE learner_id = \(bind: learner.id) AND state IN ('issued', 'revoked') ORDER BY school_year, version
                """).all().map { row -> String in
                    let entry: JSONValue = [
                        "id": .string(try row.decode(column: "id", as: String.self)),
                        "schoolYear": .string(try row.decode(column: "school_year", as: String.self)),
                        "version": .number(Double(try row.decode(column: "version", as: Int.self))),
                        "state": .string(try row.decode(column: "state", as: String.self)),
                        "issuedAt": try row.decode(column: "issued_at", as: String?.self).map(JSONValue.string) ?? .null,
                        "revokedAt": try row.decode(column: "revoked_at", as: String?.self).map(JSONValue.string) ?? .null,
                        "revocationReason": try row.decode(column: "revocation_reason", as: String?.self).map(JSONValue.string) ?? .null,
                        "credential": withDocuments ? try JSONParser.parse(try row.decode(column: "document", as: String.self)) : .null,
                    ]
                    return try entry.encodedString()
                }, withDocuments)
        }
        if withDocuments && !items.isEmpty {
            try await database.audit.record(principal: principal, action: .readSensitive, resource: "credentials", recordID: learner.id,
                                            orgID: learner.orgID, detail: "\(items.count) signed year records of \(learner.learnerCode)")
        }
        return JSONResponse.page(items: items, nextPageToken: nil)
    }
}
