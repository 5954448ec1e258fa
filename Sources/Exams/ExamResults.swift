import ExamRules
import Foundation
import Platform
import SQLKit

/// A candidate's graduation result as stored and served.
struct ExamResult: Codable, Sendable {
    struct Subject: Codable, Sendable {
        let code: String
        let score: Points
    }

    let registrationId: String
    let citizenId: String
    let fullName: String
    let subjects: [Subject]
    let foreignLanguageExempt: Bool
    let incentivePoints: Points
    let priorityPoints: Points
    let schoolAverage: Points
    let graduationScore: Points
    /// Subjects at or below 1.0 (điểm liệt).
    let failingSubjects: [String]
    let passed: Bool
    let formula: GraduationFormula
    let computedAt: String
}

/// Computing results from the scores entered: the one place the graduation formula meets stored data.
enum ExamResults {
    /// The result for `registration`, or the reason it cannot be computed yet.
    static func compute(_ registration: Registration, scores: [String: Points], formula: GraduationFormula) -> Result<ExamResult, Problem> {
        var missing = registration.examinedSubjects.filter { scores[$0] == nil }
        if registration.yearAverages == nil { missing.append("yearAverages") }
        guard missing.isEmpty, let averages = registration.yearAverages else {
            return .failure(Problem(registrationId: registration.id, fullName: registration.fullName,
                                    reason: "missing: \(missing.joined(separator: ", "))"))
        }
        let subjects = registration.examinedSubjects.map { ExamResult.Subject(code: $0, score: scores[$0]!) }
        let incentive = IncentivePoints.total(registration.incentivePrizes)
        do {
            let outcome = try formula.result(GraduationInput(
                examScores: subjects.map(\.score), foreignLanguageExempt: registration.isExempt,
                yearAverages: (averages.grade10, averages.grade11, averages.grade12),
                incentivePoints: incentive, priorityPoints: registration.priorityPoints))
            return .success(ExamResult(
                registrationId: registration.id, citizenId: registration.citizenId, fullName: registration.fullName, subjects: subjects,
                foreignLanguageExempt: registration.isExempt, incentivePoints: incentive, priorityPoints: registration.priorityPoints,
                schoolAverage: outcome.schoolAverage, graduationScore: outcome.score,
                failingSubjects: outcome.failingSubjects.map { subjects[$0].code }, passed: outcome.passed, formula: formula,
                computedAt: Clock.timestamp()))
        } catch {
            return .failure(Problem(registrationId: registration.id, fullName: registration.fullName, reason: error.message))
        }
    }

    struct Problem: Codable, Sendable, Error {
        let registrationId: String
        let fullName: String
        let reason: String
    }

    static func scores(_ db: any SQLDatabase, registrationID: String) async throws -> [String: Points] {
        var found: [String: Points] = [:]
        for row in try await db.raw("SELECT subject_code, score FROM exam_scores WHERE registration_id = \(bind: registrationID)").all() {
            found[try row.decode(column: "subject_code", as: String.self)] = Points(hundredths: try row.decode(column: "score", as: Int.self))
        }
        return found
    }

    static func store(_ db: any SQLDatabase, _ result: ExamResult, seasonID: String) async throws {
        try await db.raw("""
            INSERT INTO exam_results (registration_id, season_id, body, computed_at)
            VALUES (\(bind: result.registrationId), \(bind: seasonID), \(bind: try JSON.string(result)), \(bind: result.computedAt))
            ON CONFLICT (registration_id) DO UPDATE SET body = excluded.body, computed_at = excluded.computed_at
            """).run()
    }
}
