import Foundation
import PersonMatching
import Platform
import SQLKit

/// The `verification_runs` and `identity_checks` tables.
struct VerificationStore: Sendable {
    let database: any Database

    /// The columns a check writes, and how many people's go in one statement (13 values each, well
    /// inside both engines' limits on bound values).
    static let columns = ["person_kind", "person_id", "person_code", "org_id", "run_id", "status", "checked_id", "linked_id",
                          "candidate_id", "review", "record", "outcome", "checked_at"]
    static let rowsPerStatement = 500

    func insert(_ run: VerificationRun, scopeOrgID: String, principalID: String) async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO verification_runs (id, scope_org_id, scope_code, principal_id, status, created_at, updated_at)
                VALUES (\(bind: run.id), \(bind: scopeOrgID), \(bind: run.scopeCode), \(bind: principalID), 'queued', \(bind: run.createdAt),
                        \(bind: run.createdAt))
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

    func hasQueued() async throws -> Bool {
        try await database.read { db in
            try await db.raw("SELECT 1 AS hit FROM verification_runs WHERE status = 'queued' LIMIT 1").first() != nil
        }
    }

    /// Takes the oldest queued run for the server's queue.
    func claimNext() async throws -> String? {
        while let id = try await database.read({ db in
            try await db.raw("SELECT id FROM verification_runs WHERE status = 'queued' ORDER BY created_at, id LIMIT 1")
                .first()?.decode(column: "id", as: String.self)
        }) {
            if try await claim(id) { return id }
        }
        return nil
    }

    /// Takes a queued run: compare-and-set, so two processes (a server's queue, a command line)
    /// never work on the same run. False when it is not queued (someone else has it).
    func claim(_ id: String) async throws -> Bool {
        let now = Clock.timestamp()
        return try await database.transaction { db in
            try await db.raw("""
                UPDATE verification_runs SET status = 'running', message = NULL, finished_at = NULL, updated_at = \(bind: now),
                    started_at = COALESCE(started_at, \(bind: now))
                WHERE id = \(bind: id) AND status = 'queued' RETURNING id
                """).first() != nil
        }
    }

    /// Records what the run decides with, and how many people it covers, before its first batch.
    func begin(_ id: String, source: String, settings: VerificationRun.Settings, total: Int) async throws {
        let text = try JSON.string(settings)
        try await database.transaction { db in
            try await db.raw("""
                UPDATE verification_runs SET source = \(bind: source), model = \(bind: text), total = \(bind: total),
                    updated_at = \(bind: Clock.timestamp())
                WHERE id = \(bind: id)
                """).run()
        }
    }

    /// Stores a batch's outcomes and moves the run's cursor past it, in one transaction: after a
    /// crash the run resumes exactly after the last batch stored, and no stored outcome is redone.
    func save(_ batch: CheckedBatch, run: VerificationRun) async throws {
        guard let last = batch.last else { return }
        let now = Clock.timestamp()
        let counts = try JSON.string(run.counts)
        @Sendable func moveCursor(_ db: any SQLDatabase) async throws {
            try await db.raw("""
                UPDATE verification_runs SET done = \(bind: run.done), counts = \(bind: counts), updated_at = \(bind: now),
                    cursor_kind = \(bind: last.kind.rawValue), cursor_id = \(bind: last.id)
                WHERE id = \(bind: run.id)
                """).run()
        }
        switch batch.rows {
        case .values(let statements):
            try await database.transaction { db in
                for values in statements {
                    try await db.execute(sql: MultiRowInsert(into: "identity_checks", columns: Self.columns, values: values,
                                                             suffix: Self.upsert)) { _ in }
                }
                try await moveCursor(db)
            }
        case .copyText(let parts):
            try await database.transaction { db in
                guard let postgres = db as? PostgresTransaction else {
                    throw APIError.unavailable("a batch written as COPY text can only be stored in PostgreSQL")
                }
                // COPY cannot update a row already there, so the batch goes into a table of the
                // connection's own, emptied at each commit, and from there into `identity_checks` by
                // the same upsert as a multi-row insert's.
                try await db.raw("""
                    CREATE TEMPORARY TABLE IF NOT EXISTS identity_checks_incoming
                        (LIKE identity_checks INCLUDING DEFAULTS) ON COMMIT DELETE ROWS
                    """).run()
                try await postgres.copy(parts, into: "identity_checks_incoming", columns: Self.columns)
                let columns = Self.columns.joined(separator: ", ")
                try await db.raw("""
                    INSERT INTO identity_checks (\(unsafeRaw: columns)) SELECT \(unsafeRaw: columns) FROM identity_checks_incoming
                    \(unsafeRaw: Self.upsert)
                    """).run()
                try await moveCursor(db)
            }
        }
    }

    /// A check that meets a person's stored one replaces it, except that a person's decision
    /// outlives a new check that agrees with it: a confirmed link while the record carries the
    /// confirmed ID, a rejection while the same candidate comes back.
    private static let upsert: String = {
        let confirmedStands = "identity_checks.review = 'confirmed' AND excluded.checked_id = identity_checks.linked_id"
        let decisionStands = "(\(confirmedStands)) OR (identity_checks.review = 'rejected' AND identity_checks.candidate_id = excluded.candidate_id)"
        return """
             ON CONFLICT (person_kind, person_id) DO UPDATE SET person_code = excluded.person_code, org_id = excluded.org_id,
                run_id = excluded.run_id, status = excluded.status, checked_id = excluded.checked_id,
                linked_id = CASE WHEN \(confirmedStands) THEN identity_checks.linked_id ELSE excluded.linked_id END,
                candidate_id = excluded.candidate_id,
                review = CASE WHEN \(decisionStands) THEN identity_checks.review ELSE excluded.review END,
                reviewed_by = CASE WHEN \(decisionStands) THEN identity_checks.reviewed_by ELSE NULL END,
                reviewed_at = CASE WHEN \(decisionStands) THEN identity_checks.reviewed_at ELSE NULL END,
                record = excluded.record, outcome = excluded.outcome, checked_at = excluded.checked_at
            """
    }()

    func finish(_ id: String, status: VerificationRun.Status, message: String?) async throws {
        try await database.transaction { db in
            try await db.raw("""
                UPDATE verification_runs SET status = \(bind: status.rawValue), message = \(bind: message), finished_at = \(bind: Clock.timestamp()),
                    updated_at = \(bind: Clock.timestamp())
                WHERE id = \(bind: id)
                """).run()
        }
    }

    /// Puts back in the queue the runs left running by a process that stopped; they resume from
    /// their cursor. A run another process is still working on is left alone.
    func requeueStale(now: Date = Date()) async throws {
        let cutoff = Clock.timestamp(now.addingTimeInterval(-VerificationRun.staleAfter))
        try await database.transaction { db in
            try await db.raw("UPDATE verification_runs SET status = 'queued' WHERE status = 'running' AND updated_at < \(bind: cutoff)").run()
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
            startedAt: try row.decode(column: "started_at", as: String?.self), finishedAt: try row.decode(column: "finished_at", as: String?.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self))
        return (run, try row.decode(column: "scope_org_id", as: String.self), try row.decode(column: "principal_id", as: String.self))
    }
}

/// A batch's outcomes as `identity_checks` stores them, made beside the checks, so that the store,
/// which every batch passes through in turn, only sends them.
struct CheckedBatch: Sendable {
    /// The rows as the engine takes them, in parts of `VerificationStore.rowsPerStatement` people
    /// (fewer in the last): on SQLite each part is the bound values of one multi-row insert, the
    /// store's `columns` for each person; on PostgreSQL it is COPY text.
    enum Rows: Sendable {
        case values([[any Encodable & Sendable]])
        case copyText([CopyText])
    }

    let rows: Rows
    let count: Int
    /// How many people got each status.
    let statusCounts: [String: Int]
    /// The last person: the run's cursor once the batch is stored.
    let last: (kind: PersonKind, id: String)?

    /// The batch of `people` and their `decisions` for `engine`, one part on each core at a time
    /// (the outcomes made and their documents encoded there).
    static func make(people: [CheckedPerson], decisions: [VerificationDecision], runID: String, checkedAt: String,
                     engine: DatabaseEngine) async throws -> CheckedBatch {
        let perPart = VerificationStore.rowsPerStatement
        let partCount = (people.count + perPart - 1) / perPart
        let parts: [(values: [any Encodable & Sendable], text: CopyText, counts: [String: Int])] =
            try await ParallelChunks.collectWithoutBlocking(count: partCount) { range, output in
                for part in range {
                    let indices = part * perPart..<min(people.count, (part + 1) * perPart)
                    var values: [any Encodable & Sendable] = []
                    var text = CopyText(capacity: engine == .postgres ? 512 * indices.count : 0)
                    if engine == .sqlite { values.reserveCapacity(VerificationStore.columns.count * indices.count) }
                    var counts: [String: Int] = [:]
                    for index in indices {
                        let (person, outcome) = (people[index], IdentityCheckOutcome(decisions[index]))
                        counts[outcome.status, default: 0] += 1
                        let row: [String?] = [
                            person.kind.rawValue, person.id, person.code, person.orgID, runID, outcome.status,
                            person.record.citizenID, outcome.linkedID, outcome.candidateID, outcome.needsReview ? "pending" : "",
                            try JSON.string(CheckedRecord(person.record)), try JSON.string(outcome), checkedAt,
                        ]
                        switch engine {
                        case .sqlite: values.append(contentsOf: row.map { $0 as any Encodable & Sendable })
                        case .postgres: text.appendRow(row)
                        }
                    }
                    output.append((values, text, counts))
                }
            }
        return CheckedBatch(
            rows: engine == .sqlite ? .values(parts.map(\.values)) : .copyText(parts.map(\.text)), count: people.count,
            statusCounts: parts.reduce(into: [:]) { total, part in total.merge(part.counts, uniquingKeysWith: +) },
            last: people.last.map { ($0.kind, $0.id) })
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
