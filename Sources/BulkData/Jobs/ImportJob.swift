import Foundation

/// A file uploaded for import, and what became of it.
public struct ImportJob: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// Waiting for the importer, which takes one file at a time.
        case queued
        case running
        /// Every row stored (or, with skipInvalid, every good row).
        case succeeded
        /// Rows were refused, so nothing was stored: the report says why.
        case refused
        /// The file could not be read (a header without required columns, not CSV or XLSX…).
        case failed
    }

    public let id: String
    public let kind: String
    public var status: Status
    public let fileName: String
    public let skipInvalid: Bool
    public var summary: Summary?
    /// Why a failed job failed.
    public var message: String?
    public let createdAt: String
    public var startedAt: String?
    public var finishedAt: String?

    public var isFinished: Bool { status != .queued && status != .running }

    /// The counts of `ImportSummary`, as the API shows them.
    public struct Summary: Codable, Sendable, Equatable {
        public var rows, created, updated, unchanged, repeated, refused, errors, warnings: Int
        /// Rows that added an employment to the row above; absent from jobs run before it was counted.
        public var joined: Int?
        public var committed: Bool
        public var seconds: Double
        public var reasons: [Reason]

        public struct Reason: Codable, Sendable, Equatable {
            public let code: String
            public let severity: String
            public let count: Int
            public let vi: String
            public let en: String
        }

        init(_ summary: ImportSummary) {
            self.init(combining: [summary], stoppedBefore: [], committed: summary.committed, seconds: summary.seconds)
        }

        /// The counts of an import of several files at once (a OneRoster set), with the lines
        /// stopped before any file was imported (errors, each a line refused).
        public init(combining summaries: [ImportSummary], stoppedBefore: [ImportSummary.Reason], committed: Bool, seconds: Double) {
            let stopped = stoppedBefore.filter { $0.severity == .error }.reduce(0) { $0 + $1.count }
            func total(_ count: (ImportSummary) -> Int) -> Int { summaries.reduce(0) { $0 + count($1) } }
            rows = total(\.rows) + stopped; created = total(\.created); updated = total(\.updated); unchanged = total(\.unchanged)
            repeated = total(\.repeated); joined = total(\.joined); refused = total(\.refused) + stopped
            errors = total(\.errors) + stopped; warnings = total(\.warnings)
            self.committed = committed
            self.seconds = (seconds * 1000).rounded() / 1000
            var byCode: [String: Reason] = [:]
            for reason in stoppedBefore + summaries.flatMap(\.reasons) {
                let count = (byCode[reason.code]?.count ?? 0) + reason.count
                byCode[reason.code] = Reason(code: reason.code, severity: reason.severity.rawValue, count: count, vi: reason.reason.vi, en: reason.reason.en)
            }
            reasons = Array(byCode.values.sorted { ($0.count, $1.code) > ($1.count, $0.code) }.prefix(50))
        }
    }
}
