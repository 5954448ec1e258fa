import Foundation
import Platform
import Registry
import SQLKit

/// A record whose proposed match waits for a person: the record as checked, and the candidates
/// with their evidence field by field.
public struct IdentityReviewItem: Sendable, Codable, Equatable {
    public var kind: PersonKind
    public var personId: String
    public var code: String
    public var schoolCode: String
    public var review: String
    public var record: CheckedRecord
    public var outcome: IdentityCheckOutcome
    public var checkedAt: String
}

/// What a reviewer decided.
public enum IdentityReviewDecision: Sendable, Equatable {
    /// This registry person is the record's person: their ID is written onto the record.
    case confirm(citizenID: String)
    /// None of the candidates is the record's person.
    case reject
}

/// The review queue: proposals listed within the reviewer's scope, and decided one by one.
struct ReviewQueue: Sendable {
    let database: any Database

    func pending(within roots: [String], limit: Int, offset: Int) async throws -> [IdentityReviewItem] {
        try await database.read { db in
            var sql = SQLQueryString("""
                SELECT c.*, u.code AS school_code, p.org_id AS current_org FROM identity_checks c \(unsafeRaw: CheckRows.currentRecords)
                WHERE c.review = 'pending'
                """)
            sql.appendInterpolation(CheckRows.scope(roots, column: "p.org_id"))
            sql.appendInterpolation(unsafeRaw: " ORDER BY u.code, c.person_kind, c.person_code LIMIT \(limit) OFFSET \(offset)")
            return try await db.raw(sql).all().map(Self.decode)
        }
    }

    func find(_ db: any SQLDatabase, kind: PersonKind, personID: String) async throws -> (item: IdentityReviewItem, orgID: String)? {
        guard let row = try await db.raw("""
            SELECT c.*, u.code AS school_code, p.org_id AS current_org FROM identity_checks c \(unsafeRaw: CheckRows.currentRecords)
            WHERE c.person_kind = \(bind: kind.rawValue) AND c.person_id = \(bind: personID)
            """).first() else { return nil }
        return (try Self.decode(row), try row.decode(column: "current_org", as: String.self))
    }

    /// Applies a decision. A confirmed ID goes onto the record by the registry's own write path, so
    /// the change is checked, audited and published like any other; the proposal is closed either way.
    func decide(kind: PersonKind, personID: String, _ decision: IdentityReviewDecision, principal: Principal) async throws -> IdentityReviewItem {
        try await database.transaction { db in
            guard let (item, orgID) = try await find(db, kind: kind, personID: personID),
                  try await OrgTree.isWithin(db, nodeID: orgID, roots: principal.nodes(for: .identityRead))
            else { throw APIError.notFound }
            guard try await OrgTree.isWithin(db, nodeID: orgID, roots: principal.nodes(for: .identityVerify)) else {
                throw APIError.forbidden("deciding a proposed match needs the identity:verify permission at the record's school")
            }
            guard item.review == "pending" else {
                throw APIError.conflict(field: nil, code: "review.notPending",
                                        "this record has no proposal waiting (review is '\(item.review)'): it was decided, or checked again since")
            }
            let now = Clock.timestamp()
            switch decision {
            case .confirm(let citizenID):
                guard item.outcome.candidates.contains(where: { $0.citizenID == citizenID }) else {
                    throw APIError.malformed(field: "citizenId", "\(citizenID) is not one of the candidates proposed for this record")
                }
                let table: CitizenIDWriter.Table = kind == .learner ? .learners : .staff
                guard try await CitizenIDWriter(database: database).write(
                    table, recordID: personID, citizenID: citizenID, principal: principal, db: db) != nil
                else { throw APIError.notFound }
                try await closePending(db, kind: kind, personID: personID, review: "confirmed", linkedID: citizenID, principal: principal, at: now)
            case .reject:
                try await closePending(db, kind: kind, personID: personID, review: "rejected", linkedID: nil, principal: principal, at: now)
            }
            try await AuditLog.record(db, principal: principal, action: .update, resource: "identity_checks", recordID: personID, orgID: orgID,
                                      detail: decision == .reject ? "rejected the proposed match" : "confirmed the proposed match")
            return try await find(db, kind: kind, personID: personID)!.item
        }
    }

    /// Closes the proposal if it is still pending: of two decisions sent at once, one wins and
    /// the other is refused (and its transaction, with any ID it wrote, rolled back).
    private func closePending(_ db: any SQLDatabase, kind: PersonKind, personID: String, review: String, linkedID: String?,
                              principal: Principal, at now: String) async throws {
        let closed = try await db.raw("""
            UPDATE identity_checks SET review = \(bind: review), linked_id = COALESCE(\(bind: linkedID), linked_id),
                reviewed_by = \(bind: principal.id), reviewed_at = \(bind: now)
            WHERE person_kind = \(bind: kind.rawValue) AND person_id = \(bind: personID) AND review = 'pending'
            RETURNING person_id
            """).first()
        guard closed != nil else {
            throw APIError.conflict(field: nil, code: "review.notPending", "this proposal was decided by someone else meanwhile")
        }
    }

    /// Proposals waiting within `roots`.
    func pendingCount(within roots: [String]) async throws -> Int {
        try await database.read { db in
            var sql = SQLQueryString("SELECT COUNT(*) AS n FROM identity_checks c \(unsafeRaw: CheckRows.currentRecords) WHERE c.review = 'pending'")
            sql.appendInterpolation(CheckRows.scope(roots, column: "p.org_id"))
            return try await db.raw(sql).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    static func decode(_ row: any SQLRow) throws -> IdentityReviewItem {
        IdentityReviewItem(
            kind: PersonKind(rawValue: try row.decode(column: "person_kind", as: String.self)) ?? .learner,
            personId: try row.decode(column: "person_id", as: String.self),
            code: try row.decode(column: "person_code", as: String.self),
            schoolCode: try row.decode(column: "school_code", as: String.self),
            review: try row.decode(column: "review", as: String.self),
            record: try JSON.decoder.decode(CheckedRecord.self, from: Data(try row.decode(column: "record", as: String.self).utf8)),
            outcome: try JSON.decoder.decode(IdentityCheckOutcome.self, from: Data(try row.decode(column: "outcome", as: String.self).utf8)),
            checkedAt: try row.decode(column: "checked_at", as: String.self))
    }
}
