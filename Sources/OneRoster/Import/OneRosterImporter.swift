import BulkData
import Foundation
import Platform

/// `nemis oneroster import`: a OneRoster 1.2 bulk CSV set from a school's software into the
/// registry. The set is converted to NEMIS's import files (`OneRosterConversion`) and imported in
/// one transaction through the API's rules, all or nothing unless invalid rows are skipped.
/// What OneRoster does not carry (citizen IDs, ethnicity, qualifications, other schools'
/// employments, campuses) is kept from the stored records, never erased.
public struct OneRosterImporter: Sendable {
    public struct Options: Sendable {
        /// The directory holding manifest.csv and the other files.
        public var directory: String
        /// Where the reports go: one per kind imported, and `oneroster-errors.csv` for the lines
        /// stopped before import.
        public var reportDirectory: String
        public var skipInvalid: Bool

        public init(directory: String, reportDirectory: String, skipInvalid: Bool = false) {
            self.directory = directory
            self.reportDirectory = reportDirectory
            self.skipInvalid = skipInvalid
        }
    }

    public struct Summary: Sendable {
        /// One summary per kind imported, in the order imported.
        public var imports: [ImportSummary] = []
        /// Lines stopped before import (a reference to nothing, a person without demographics).
        public var conversionErrors = 0
        public var conversionExamples: [String] = []
        public var conversionReasons: [ImportSummary.Reason] = []
        public var conversionReportPath: String?
        /// Rows left out on purpose (deleted records, guardians…), by why.
        public var skipped: [(why: String, count: Int)] = []
        public var committed = false
        public var seconds = 0.0

        public var refused: Int { conversionErrors + imports.reduce(0) { $0 + $1.refused } }
    }

    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func run(_ options: Options, principal: Principal,
                    progress: @escaping @Sendable (BulkKind, ImportProgress) -> Void = { _, _ in }) async throws -> Summary {
        let started = ContinuousClock.now
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-oneroster-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: options.reportDirectory, withIntermediateDirectories: true)

        var summary = Summary()
        let conversionReportPath = (options.reportDirectory as NSString).appendingPathComponent("oneroster-errors.csv")
        let report = try ConversionReport(path: conversionReportPath)
        var conversion = OneRosterConversion(source: options.directory, output: work, report: report)
        let files = try conversion.run()
        try report.finish()
        summary.conversionErrors = report.errors
        summary.conversionExamples = report.examples
        summary.conversionReasons = report.reasons
        summary.conversionReportPath = conversionReportPath
        summary.skipped = conversion.skipped.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }

        let imports = files.map { file in
            BulkImporter.Options(kind: file.kind, path: file.path, skipInvalid: options.skipInvalid,
                                 reportPath: (options.reportDirectory as NSString).appendingPathComponent("\(file.kind.rawValue)-errors.csv"),
                                 partialRecords: true, rowOrigin: file.origin)
        }
        summary.imports = try await BulkImporter(database: database).run(imports, principal: principal,
                                                                           refusedBefore: options.skipInvalid ? 0 : report.errors,
                                                                           progress: progress)
        summary.committed = summary.imports.allSatisfy(\.committed) && (options.skipInvalid || report.errors == 0)
        summary.seconds = (ContinuousClock.now - started) / .seconds(1)
        return summary
    }
}
