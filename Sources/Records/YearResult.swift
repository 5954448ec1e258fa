import Foundation
import Platform
import SQLKit

/// A learner's year result as stored and served: what the rules derived, with the rule set.
public struct YearResult: Codable, Sendable {
    public struct SubjectLine: Codable, Sendable {
        public let code: String
        public let name: String
        public let semester1: String
        public let semester2: String
        public let year: String
        /// The year result comes from a summer re-assessment.
        public let reassessed: Bool
        /// Primary: the end-of-year periodic test, for subjects that have one.
        public var testScore: Int? = nil
    }

    /// A primary pupil's quality or competency and its year rating.
    public struct RatedItem: Codable, Sendable {
        public let code: String
        public let name: String
        public let rating: String
    }
    public let learnerId: String
    public let learnerCode: String
    public let fullName: String
    public let schoolYear: String
    public let ruleSet: String
    public let subjects: [SubjectLine]
    public let levelSemester1: String?
    public let levelSemester2: String?
    public let levelYear: String?
    /// Year conduct; nil for primary pupils, who are rated on qualities and competencies instead.
    public let conduct: String?
    public let absentSessions: Int
    public let decision: String
    /// end_of_year, or after_summer once summer re-assessment or conduct training is recorded.
    public let stage: String
    /// What failed when the learner is not promoted outright: conduct, learning, attendance.
    public let failed: [String]
    public let award: String?
    /// Primary (Circular 27/2020): the year ratings of the qualities and competencies.
    public var qualities: [RatedItem]? = nil
    public var competencies: [RatedItem]? = nil
}

/// Stored year results for other modules (credentials are issued from them).
public enum YearResultDirectory {
    /// The stored results of the learners for the year, by learner ID.
    public static func stored(_ db: any SQLDatabase, learnerIDs: [String], year: String) async throws -> [String: YearResult] {
        guard !learnerIDs.isEmpty else { return [:] }
        var found: [String: YearResult] = [:]
        for row in try await db.raw("""
            SELECT learner_id, body FROM year_results WHERE school_year = \(bind: year) AND learner_id IN (\(binds: learnerIDs))
            """).all() {
            found[try row.decode(column: "learner_id", as: String.self)] =
                try JSON.decoder.decode(YearResult.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
        }
        return found
    }
}
