import Foundation
import PersonMatching

/// One verification of the learners and staff under a node of the tree, as stored and served.
public struct VerificationRun: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case queued, running, finished, failed
    }

    /// The model and thresholds a run decided with, saved so that every decision can be
    /// explained later with the weights that made it.
    public struct Settings: Sendable, Codable, Equatable {
        public var model: MatchModel
        public var policy: VerificationPolicy
    }

    public var id: String
    /// The school, department or ministry code whose records are verified.
    public var scopeCode: String
    public var status: Status
    /// Where the registry's answers came from.
    public var source: String?
    /// People in scope when the run started, and how many are done.
    public var total: Int
    public var done: Int
    /// Outcomes so far, by status.
    public var counts: [String: Int]
    public var message: String?
    public var settings: Settings?
    public var createdAt: String
    public var startedAt: String?
    public var finishedAt: String?
    /// When the run last stored something: a running run quiet for long was left behind.
    public var updatedAt: String

    public var isFinished: Bool { status == .finished || status == .failed }

    /// A running run that has stored nothing for this long was left behind by a process that
    /// stopped (a crash, a kill) and may be taken up again; a live run stores a batch in seconds.
    public static let staleAfter: TimeInterval = 120
}

/// A person verified: a learner or a member of staff.
public enum PersonKind: String, Sendable, Codable, CaseIterable {
    case learner, staff

    /// The registry table of records of this kind.
    var table: String { self == .learner ? "learners" : "staff" }
}
