import ExamRules
import Foundation
import Platform
import Records
import SQLKit

/// A school learner's transcript averages from the year results NEMIS holds for their grades 10,
/// 11 and 12, so the school need not type what it has already recorded: each exam subject's
/// average is the mean of the subject's three year scores, rounded half up to two decimals. A
/// subject missing from a year, or assessed by comments only, is left out.
enum TranscriptFromRecords {
    static let grades = ["10", "11", "12"]

    /// The school subject (Records' code) an exam subject is taught as.
    static func schoolSubject(of examSubject: String) -> String {
        switch examSubject {
        case ExamSubjects.foreignLanguage: "NGOAINGU1"
        case "CNCN", "CNNN": "CONGNGHE"
        default: examSubject
        }
    }

    /// The averages by exam subject; refused, naming the grades, when a year has no result.
    static func averages(_ db: any SQLDatabase, learnerCode: String, fullName: String) async throws -> [String: Points] {
        var byGrade: [String: YearResult] = [:]
        // In school-year order: a repeated grade counts with its later year.
        for row in try await db.raw("""
            SELECT c.grade, r.body FROM year_results r
            JOIN learners l ON l.id = r.learner_id JOIN classes c ON c.id = r.class_id
            WHERE l.natural_key = \(bind: learnerCode) AND c.grade IN ('10', '11', '12')
            ORDER BY r.school_year
            """).all() {
            byGrade[try row.decode(column: "grade", as: String.self)] =
                try JSON.decoder.decode(YearResult.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
        }
        let missing = grades.filter { byGrade[$0] == nil }
        guard missing.isEmpty else {
            throw APIError.conflict(field: "transcript", code: "evidence.noYearResults",
                                    "NEMIS holds no year result of \(fullName) for grade \(missing.joined(separator: ", ")); send the averages instead")
        }
        var averages: [String: Points] = [:]
        for subject in ExamSubjects.compulsory + ExamSubjects.electives2018 {
            let code = schoolSubject(of: subject)
            let scores = grades.compactMap { grade in byGrade[grade]?.subjects.first { $0.code == code }.flatMap { Points($0.year) } }
            guard scores.count == grades.count else { continue }
            averages[subject] = Points.rounding(numerator: scores.reduce(0) { $0 + $1.hundredths }, denominator: scores.count)
        }
        return averages
    }
}
