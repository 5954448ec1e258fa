import Foundation
import Platform
import SQLKit

/// The `import_jobs` table, and the folder that keeps each job's file and report.
struct ImportJobStore: Sendable {
    let database: any Database
    let folder: String

    func filePath(_ id: String) -> String { folder + "/" + id + ".upload" }
    func reportPath(_ id: String) -> String { folder + "/" + id + "-errors.csv" }

    func insert(_ job: ImportJob, principalID: String) async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO import_jobs (id, kind, status, principal_id, file_name, skip_invalid, created_at)
                VALUES (\(bind: job.id), \(bind: job.kind), 'queued', \(bind: principalID), \(bind: job.fileName),
                        \(bind: job.skipInvalid ? 1 : 0), \(bind: job.createdAt))
                """).run()
        }
    }

    /// A job of `principalID`'s; nil for anyone else's, so that others' jobs do not show.
    func find(_ id: String, principalID: String) async throws -> ImportJob? {
        try await database.read { db in
            try await db.raw("SELECT * FROM import_jobs WHERE id = \(bind: id) AND principal_id = \(bind: principalID)").first().map(Self.decode)
        }
    }

    func list(principalID: String, limit: Int) async throws -> [ImportJob] {
        try await database.read { db in
            try await db.raw("""
                SELECT * FROM import_jobs WHERE principal_id = \(bind: principalID) ORDER BY created_at DESC, id DESC LIMIT \(unsafeRaw: String(limit))
                """).all().map(Self.decode)
        }
    }

    func hasQueued() async throws -> Bool {
        try await database.read { db in
            try await db.raw("SELECT 1 AS hit FROM import_jobs WHERE status = 'queued' LIMIT 1").first() != nil
        }
    }

    /// Takes the oldest queued job: compare-and-set, so two runners never take the same one.
    func claimNext() async throws -> (job: ImportJob, principalID: String)? {
        try await database.transaction { db in
            guard let row = try await db.raw("SELECT * FROM import_jobs WHERE status = 'queued' ORDER BY created_at, id LIMIT 1").first() else {
                return nil
            }
            var job = try Self.decode(row)
            let now = Clock.timestamp()
            guard try await db.raw("""
                UPDATE import_jobs SET status = 'running', started_at = \(bind: now) WHERE id = \(bind: job.id) AND status = 'queued' RETURNING id
                """).first() != nil else { return nil }
            job.status = .running
            job.startedAt = now
            return (job, try row.decode(column: "principal_id", as: String.self))
        }
    }

    func finish(_ id: String, status: ImportJob.Status, summary: ImportJob.Summary?, message: String?) async throws {
        let text = try summary.map { String(decoding: try JSON.encoder.encode($0), as: UTF8.self) }
        try await database.transaction { db in
            try await db.raw("""
                UPDATE import_jobs SET status = \(bind: status.rawValue), summary = \(bind: text), message = \(bind: message),
                    finished_at = \(bind: Clock.timestamp())
                WHERE id = \(bind: id)
                """).run()
        }
    }

    /// Jobs a stopped server left running go back in the queue: an import is atomic and
    /// idempotent, so running it again from the start is safe.
    func requeueInterrupted() async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE import_jobs SET status = 'queued', started_at = NULL WHERE status = 'running'").run()
        }
    }

    static func decode(_ row: any SQLRow) throws -> ImportJob {
        let summary = try row.decode(column: "summary", as: String?.self).flatMap { try JSON.decoder.decode(ImportJob.Summary.self, from: Data($0.utf8)) }
        return ImportJob(id: try row.decode(column: "id", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                         status: ImportJob.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
                         fileName: try row.decode(column: "file_name", as: String.self),
                         skipInvalid: try row.decode(column: "skip_invalid", as: Int.self) != 0,
                         summary: summary, message: try row.decode(column: "message", as: String?.self),
                         createdAt: try row.decode(column: "created_at", as: String.self),
                         startedAt: try row.decode(column: "started_at", as: String?.self),
                         finishedAt: try row.decode(column: "finished_at", as: String?.self))
    }
}
