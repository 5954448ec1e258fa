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
            rows = summary.rows; created = summary.created; updated = summary.updated; unchanged = summary.unchanged
            repeated = summary.repeated; joined = summary.joined; refused = summary.refused; errors = summary.errors; warnings = summary.warnings
            committed = summary.committed
            seconds = (summary.seconds * 1000).rounded() / 1000
            reasons = summary.reasons.prefix(50).map {
                Reason(code: $0.code, severity: $0.severity.rawValue, count: $0.count, vi: $0.reason.vi, en: $0.reason.en)
            }
        }
    }
}
