import Platform

/// An import of a set of files sent as one ZIP archive (a OneRoster bulk set). A module above
/// BulkData runs it; the job runner queues, runs and reports it like the import of one file.
public protocol ArchiveImport: Sendable {
    /// The job kind it takes: `POST /api/v1/imports?kind=oneroster`.
    var kind: String { get }
    /// Imports the archive at `path` as `principal`, writing its report (one CSV in the import
    /// report's format, each row named by its file and line) to `reportPath`. A set that cannot
    /// be read at all throws `ImportError`.
    func run(archive path: String, reportPath: String, skipInvalid: Bool, principal: Principal) async throws -> ImportJob.Summary
}
