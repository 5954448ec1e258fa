import Foundation
import PersonMatching
import Platform
import SQLKit

/// The `verification_runs` and `identity_checks` tables.
struct VerificationStore: Sendable {
    let database: any Database

    func insert(_ run: VerificationRun, scopeOrgID: String, principalID: String) async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO verification_runs (id, scope_org_id, scope_code, principal_id, status, created_at)
                VALUES (\(bind: run.id), \(bind: scopeOrgID), \(bind: run.scopeCode), \(bind: principalID), 'queued', \(bind: run.createdAt))
                """).run()
        }
    }

    func find(_ id: String) async throws -> (run: VerificationRun, scopeOrgID: String, principalID: String)? {
        try await database.read { db in
            try await db.raw("SELECT * FROM verification_runs WHERE id = \(bind: id)").first().map(Self.decodeWithOwner)
        }
    }

    /// Runs whose scope lies under one of `roots`, newest first.
    func list(visibleFrom roots: [String], limit: Int) async throws -> [VerificationRun] {
        try await database.read { db in
            var sql = SQLQueryString("SELECT * FROM verification_runs")
            if !OrgTree.includesRoot(roots) {
                sql.appendInterpolation(unsafeRaw: " WHERE scope_org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (")
                sql.appendInterpolation(binds: roots)
                sql.appendInterpolation(unsafeRaw: "))")
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY created_at DESC, id DESC LIMIT \(limit)")
            return try await db.raw(sql).all().map { try Self.decodeWithOwner($0).run }
        }
    }

    /// The latest run of a scope that did not finish (queued, running, or stopped by an error or
    /// a crash), to resume rather than start over.
    func unfinished(scopeOrgID: String) async throws -> VerificationRun? {
        try await database.read { db in
            try await db.raw("""
                SELECT * FROM verification_runs WHERE scope_org_id = \(bind: scopeOrgID) AND status IN ('queued', 'running', 'failed')
                ORDER BY created_at DESC LIMIT 1
                """).first().map { try Self.decodeWithOwner($0).run }
        }
    }

    /// Puts a stopped run back in the queue.
    func requeue(_ id: String) async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE verification_runs SET status = 'queued', message = NULL, finished_at = NULL WHERE id = \(bind: id)").run()
        }
    }

    /// Takes the oldest queued run: compare-and-set, so two runners never take the same one.
    func claimNext() async throws -> String? {
        try await database.transaction { db in
            guard let id = try await db.raw("SELECT id FROM verification_runs WHERE status = 'queued' ORDER BY created_at, id LIMIT 1")
                .first()?.decode(column: "id", as: String.self) else { return nil }
            let claimed = try await db.raw("""
                UPDATE verification_runs SET status = 'running', started_at = COALESCE(started_at, \(bind: Clock.timestamp()))
                WHERE id = \(bind: id) AND status = 'queued' RETURNING id
                """).first()
            return claimed == nil ? nil : id
        }
    }

    /// Marks a run as running (the command line runs it at once, without the queue).
    func markRunning(_ id: String) async throws {
        try await database.transaction { db in
            try await db.raw("""
                UPDATE verification_runs SET status = 'running', message = NULL, finished_at = NULL,
                    started_at = COALESCE(started_at, \(bind: Clock.timestamp()))
                WHERE id = \(bind: id)
                """).run()
        }
    }

    /// Records what the run decides with, and how many people it covers, before its first batch.
    func begin(_ id: String, source: String, settings: VerificationRun.Settings, total: Int) async throws {
        let text = try JSON.string(settings)
        try await database.transaction { db in
            try await db.raw("""
                UPDATE verification_runs SET source = \(bind: source), model = \(bind: text), total = \(bind: total) WHERE id = \(bind: id)
                """).run()
        }
    }

    /// Stores a batch's outcomes and moves the run's cursor past it, in one transaction: after a
    /// crash the run resumes exactly after the last batch stored, and no person is checked twice.
    func save(_ batch: [(person: CheckedPerson, outcome: IdentityCheckOutcome)], run: VerificationRun) async throws {
        guard let last = batch.last else { return }
        let now = Clock.timestamp()
        let rows = try batch.map { item in
            (item.person, item.outcome, try JSON.string(item.outcome), try JSON.string(CheckedRecord(item.person.record)))
        }
        let counts = try JSON.string(run.counts)
        try await database.transaction { db in
            for chunk in stride(from: 0, to: rows.count, by: 200).map({ Array(rows[$0..<min($0 + 200, rows.count)]) }) {
                var sql = SQLQueryString("""
                    INSERT INTO identity_checks (person_kind, person_id, person_code, org_id, run_id, status, linked_id, candidate_id,
                        review, record, outcome, checked_at) VALUES
                    """)
                for (index, row) in chunk.enumerated() {
                    let (person, outcome, outcomeText, recordText) = row
                    sql.appendInterpolation(unsafeRaw: index == 0 ? " (" : ", (")
                    sql.appendInterpolation(binds: [person.kind.rawValue, person.id, person.code, person.orgID, run.id, outcome.status])
                    sql.appendInterpolation(unsafeRaw: ", ")
                    sql.appendInterpolation(binds: [outcome.linkedID, outcome.candidateID])
                    sql.appendInterpolation(unsafeRaw: ", ")
                    sql.appendInterpolation(binds: [outcome.needsReview ? "pending" : "", recordText, outcomeText, now])
                    sql.appendInterpolation(unsafeRaw: ")")
                }
                sql.appendInterpolation(unsafeRaw: """
                     ON CONFLICT (person_kind, person_id) DO UPDATE SET person_code = excluded.person_code, org_id = excluded.org_id,
                        run_id = excluded.run_id, status = excluded.status, linked_id = excluded.linked_id, candidate_id = excluded.candidate_id,
                        review = CASE WHEN identity_checks.review = 'rejected' AND identity_checks.candidate_id = excluded.candidate_id
                                      THEN 'rejected' ELSE excluded.review END,
                        reviewed_by = CASE WHEN identity_checks.review = 'rejected' AND identity_checks.candidate_id = excluded.candidate_id
                                           THEN identity_checks.reviewed_by ELSE NULL END,
                        reviewed_at = CASE WHEN identity_checks.review = 'rejected' AND identity_checks.candidate_id = excluded.candidate_id
                                           THEN identity_checks.reviewed_at ELSE NULL END,
                        record = excluded.record, outcome = excluded.outcome, checked_at = excluded.checked_at
                    """)
                try await db.raw(sql).run()
            }
            try await db.raw("""
                UPDATE verification_runs SET done = \(bind: run.done), counts = \(bind: counts),
                    cursor_kind = \(bind: last.person.kind.rawValue), cursor_id = \(bind: last.person.id)
                WHERE id = \(bind: run.id)
                """).run()
        }
    }

    func finish(_ id: String, status: VerificationRun.Status, message: String?) async throws {
        try await database.transaction { db in
            try await db.raw("""
                UPDATE verification_runs SET status = \(bind: status.rawValue), message = \(bind: message), finished_at = \(bind: Clock.timestamp())
                WHERE id = \(bind: id)
                """).run()
        }
    }

    /// Runs a stopped server left running go back in the queue; they resume from their cursor.
    func requeueInterrupted() async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE verification_runs SET status = 'queued' WHERE status = 'running'").run()
        }
    }

    /// The run's cursor: the last person stored.
    func cursor(_ id: String) async throws -> (kind: PersonKind, id: String)? {
        try await database.read { db in
            guard let row = try await db.raw("SELECT cursor_kind, cursor_id FROM verification_runs WHERE id = \(bind: id)").first(),
                  let kind = try row.decode(column: "cursor_kind", as: String?.self).flatMap(PersonKind.init(rawValue:)),
                  let person = try row.decode(column: "cursor_id", as: String?.self) else { return nil }
            return (kind, person)
        }
    }

    static func decodeWithOwner(_ row: any SQLRow) throws -> (run: VerificationRun, scopeOrgID: String, principalID: String) {
        let counts = try JSON.decoder.decode([String: Int].self, from: Data(try row.decode(column: "counts", as: String.self).utf8))
        let settings = try row.decode(column: "model", as: String?.self).map {
            try JSON.decoder.decode(VerificationRun.Settings.self, from: Data($0.utf8))
        }
        let run = VerificationRun(
            id: try row.decode(column: "id", as: String.self), scopeCode: try row.decode(column: "scope_code", as: String.self),
            status: VerificationRun.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
            source: try row.decode(column: "source", as: String?.self), total: try row.decode(column: "total", as: Int.self),
            done: try row.decode(column: "done", as: Int.self), counts: counts, message: try row.decode(column: "message", as: String?.self),
            settings: settings, createdAt: try row.decode(column: "created_at", as: String.self),
            startedAt: try row.decode(column: "started_at", as: String?.self), finishedAt: try row.decode(column: "finished_at", as: String?.self))
        return (run, try row.decode(column: "scope_org_id", as: String.self), try row.decode(column: "principal_id", as: String.self))
    }
}

/// The record as it was checked, stored beside the outcome: the school may have changed it since.
public struct CheckedRecord: Codable, Sendable, Equatable {
    public var citizenID: String?
    public var fullName: String
    public var dateOfBirth: String?
    public var sex: String?

    init(_ record: PersonRecord) {
        citizenID = record.citizenID
        fullName = record.fullName
        dateOfBirth = record.dateOfBirth?.description
        sex = record.sex?.rawValue
    }
}
