import Foundation
import Logging
import Platform

/// Runs queued import jobs one at a time in the background: imports are long transactions, and
/// one at a time keeps a school's upload from starving the API of database connections.
public actor ImportJobRunner {
    let store: ImportJobStore
    let importer: BulkImporter
    let access: AccessStore
    let logger: Logger
    /// The imports of sets of files sent as one archive, by job kind.
    let archiveImports: [String: any ArchiveImport]
    private var draining = false
    /// Set when a job arrives while the queue is being drained: the drain looks once more before
    /// it stops, in case its last look came just before that job was stored.
    private var lookAgain = false

    public init(database: any Database, folder: String, logger: Logger, archiveImports: [any ArchiveImport] = []) {
        store = ImportJobStore(database: database, folder: folder)
        importer = BulkImporter(database: database)
        access = AccessStore(database: database)
        self.logger = logger
        self.archiveImports = Dictionary(uniqueKeysWithValues: archiveImports.map { ($0.kind, $0) })
    }

    /// The kinds an upload may name: one per file format, and one per archive import.
    public nonisolated var kinds: [String] { BulkKind.allCases.map(\.rawValue) + archiveImports.keys.sorted() }

    /// The name a job shows when the upload names no file: `learners.csv`, `oneroster.zip`.
    public nonisolated func defaultFileName(kind: String) -> String {
        "\(kind).\(archiveImports[kind] == nil ? "csv" : "zip")"
    }

    /// Stores an uploaded file as a queued job of `principal`'s and starts the queue. `writeFile`
    /// puts the upload at the path it is given (streamed, or from a form already in memory).
    public nonisolated func submit(kind: String, fileName: String, skipInvalid: Bool, principal: Principal,
                                   writeFile: (String) async throws -> Void) async throws -> ImportJob {
        guard principal.has(.registryWrite) else { throw APIError.forbidden("importing needs a role that may write the registry") }
        guard kinds.contains(kind) else {
            throw APIError.malformed(field: "kind", "unknown kind '\(kind)': one of \(kinds.joined(separator: ", "))")
        }
        let job = ImportJob(id: UUIDv7.make(), kind: kind, status: .queued, fileName: fileName, skipInvalid: skipInvalid,
                            createdAt: Clock.timestamp())
        try FileManager.default.createDirectory(atPath: store.folder, withIntermediateDirectories: true)
        do {
            try await writeFile(store.filePath(job.id))
        } catch {
            try? FileManager.default.removeItem(atPath: store.filePath(job.id))
            throw error
        }
        try await store.insert(job, principalID: principal.id)
        await kick()
        return job
    }

    /// One of `principal`'s jobs; nil for anyone else's.
    public nonisolated func job(_ id: String, of principal: Principal) async throws -> ImportJob? {
        try await store.find(id, principalID: principal.id)
    }

    /// `principal`'s latest jobs, newest first.
    public nonisolated func jobs(of principal: Principal, limit: Int = 100) async throws -> [ImportJob] {
        try await store.list(principalID: principal.id, limit: limit)
    }

    /// The report of a finished job (CSV with a byte order mark); empty when the file had no issue.
    public nonisolated func report(of job: ImportJob) -> Data {
        (try? Data(contentsOf: URL(fileURLWithPath: store.reportPath(job.id)))) ?? Data()
    }

    /// Puts jobs a stopped server left running back in the queue, and starts on them. Nothing is
    /// started in the background when nothing waits: a server that stops soon after it started
    /// (tests do) has no queue work racing its shutdown.
    public func resume() async throws {
        try await store.requeueInterrupted()
        if try await store.hasQueued() { kick() }
    }

    /// Starts draining the queue unless already at it.
    func kick() {
        lookAgain = true
        guard !draining else { return }
        draining = true
        Task { await drain() }
    }

    /// Runs until the queue is empty; returns when it is (tests wait on this).
    func drain() async {
        defer { draining = false }
        while true {
            do {
                lookAgain = false
                guard let (job, principalID) = try await store.claimNext() else {
                    if lookAgain { continue }
                    return
                }
                await run(job, principalID: principalID)
            } catch {
                logger.error("import queue unavailable", metadata: ["error": "\(error)"])
                return
            }
        }
    }

    private func run(_ job: ImportJob, principalID: String) async {
        do {
            // The uploader's roles as they are now: a grant revoked since the upload no longer applies.
            guard let principal = try await access.loadPrincipal(id: principalID) else {
                try await store.finish(job.id, status: .failed, summary: nil, message: "the account that uploaded the file is disabled or gone")
                return
            }
            do {
                let summary: ImportJob.Summary
                if let archive = archiveImports[job.kind] {
                    summary = try await archive.run(archive: store.filePath(job.id), reportPath: store.reportPath(job.id),
                                                    skipInvalid: job.skipInvalid, principal: principal)
                } else if let kind = BulkKind(rawValue: job.kind) {
                    summary = ImportJob.Summary(try await importer.run(
                        BulkImporter.Options(kind: kind, path: store.filePath(job.id), skipInvalid: job.skipInvalid, reportPath: store.reportPath(job.id)),
                        principal: principal))
                } else {
                    throw ImportError.unreadable(job.fileName, "unknown kind \(job.kind)")
                }
                try await store.finish(job.id, status: summary.committed ? .succeeded : .refused, summary: summary, message: nil)
            } catch let error as ImportError {
                try await store.finish(job.id, status: .failed, summary: nil, message: error.description)
            }
            try? FileManager.default.removeItem(atPath: store.filePath(job.id))
        } catch {
            logger.error("import job failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
            try? await store.finish(job.id, status: .failed, summary: nil, message: "the import stopped on an internal error; upload the file again")
        }
    }
}
