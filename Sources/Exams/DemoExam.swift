import Foundation
import Platform
import SQLKit

/// The demo's graduation exam, so a new user can walk a candidate's side: next year's season with
/// registration open now (and a registration fee, paid through the stand-in gateway when one is
/// configured), the first grade-12 learner of the demo's upper-secondary school registered by the
/// school, and that candidate's account.
public enum DemoExam {
    public struct Candidate: Sendable {
        public let username: String
        public let fullName: String
    }

    /// Loads it unless a season exists already; either way, the demo candidate's sign-in (nil when
    /// the demo has no grade-12 learner with a citizen ID).
    public static func load(into database: any Database, password: String, principal: Principal) async throws -> Candidate? {
        let hashed = try await AccessStore.password(password)
        return try await database.transaction { db -> Candidate? in
            if let existing = try await db.raw("""
                SELECT username, display_name FROM users WHERE exam_registration_id IS NOT NULL ORDER BY created_at LIMIT 1
                """).first() {
                return Candidate(username: try existing.decode(column: "username", as: String.self),
                                 fullName: try existing.decode(column: "display_name", as: String.self))
            }
            guard try await db.raw("SELECT 1 AS hit FROM exam_seasons").first() == nil,
                  let learnerCode = try await firstGrade12Learner(db) else { return nil }
            let season = try await ExamSeasonsController.create(db, timeline(), principal: principal)
            var input = RegistrationInput()
            input.learnerCode = learnerCode
            input.subjects = ["TOAN", "NGUVAN", "VATLI", "HOAHOC"]
            input.yearAverages = ["grade10": "7.20", "grade11": "7.60", "grade12": "8.10"]
            input.purposes = ["graduation", "admission"]
            let registration = try await RegistrationsController.create(db, seasonID: season.id!, input, principal: principal)
            try await AccessStore.setCandidateAccount(db, citizenID: registration.citizenId, displayName: registration.fullName,
                                                      registrationID: registration.id, password: hashed, by: principal, auditOrgID: nil)
            return Candidate(username: registration.citizenId, fullName: registration.fullName)
        }
    }

    /// The learner first in class-list order among the grade-12 learners with a citizen ID.
    private static func firstGrade12Learner(_ db: any SQLDatabase) async throws -> String? {
        try await db.raw("""
            SELECT l.natural_key FROM learners l
            JOIN enrolments e ON e.learner_id = l.id AND e.status = 'active'
            JOIN classes c ON c.id = e.class_id
            WHERE c.grade = '12' AND l.citizen_id IS NOT NULL
            ORDER BY c.natural_key, l.sort_key, l.natural_key LIMIT 1
            """).first()?.decode(column: "natural_key", as: String.self)
    }

    /// Registration open from yesterday for a month; the exam, results and admissions follow.
    static func timeline(now: Date = Date()) -> ExamSeason {
        func at(_ days: Double) -> String { Date(timeInterval: days * 86_400, since: now).formatted(.iso8601) }
        let year = Calendar(identifier: .gregorian).component(.year, from: now) + 1
        return ExamSeason(id: nil, examYear: year, name: "Kỳ thi tốt nghiệp THPT năm \(year)", registrationOpens: at(-1), registrationCloses: at(30),
                          examStarts: at(60), examEnds: at(62), resultsPublished: at(80), remarkingCloses: at(90),
                          wishesClose: at(95), confirmationCloses: at(110), wishFeeVND: 20_000, registrationFeeVND: 50_000, formula: nil)
    }
}
