import BulkData
import Foundation
import Platform

/// A OneRoster 1.2 bulk set uploaded as a ZIP of its CSV files (`POST /api/v1/imports?kind=oneroster`),
/// imported as `nemis oneroster import` imports a folder, in the background like any upload.
public struct OneRosterArchiveImport: ArchiveImport {
    public let kind = "oneroster"
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func run(archive path: String, reportPath: String, skipInvalid: Bool, principal: Principal) async throws -> ImportJob.Summary {
        // Unpacked beside the upload, in the import folder; a job run again after a crash starts
        // from an empty folder.
        let work = path + ".set"
        let files = (work as NSString).appendingPathComponent("files"), reports = (work as NSString).appendingPathComponent("reports")
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        do {
            _ = try ZipExtraction.extract(path, names: Set(["manifest.csv"] + OneRosterFile.allCases.map(\.fileName)), into: files)
        } catch {
            throw ImportError.unreadable("the upload", "a OneRoster set is a ZIP of its CSV files: \(error.message)")
        }
        let summary: OneRosterImporter.Summary
        do {
            summary = try await OneRosterImporter(database: database).run(
                .init(directory: files, reportDirectory: reports, skipInvalid: skipInvalid), principal: principal)
        } catch let error as OneRosterImportError {
            throw ImportError.unreadable("the OneRoster set", error.description)
        }
        try ImportReport.concatenate([summary.conversionReportPath] + summary.imports.map(\.reportPath), into: reportPath)
        return ImportJob.Summary(combining: summary.imports, stoppedBefore: summary.conversionReasons, committed: summary.committed,
                                 seconds: summary.seconds)
    }
}
