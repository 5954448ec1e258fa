import Foundation
import Grading
import Platform
import Registry
import SQLKit

/// Year results of a primary class under Circular 27/2020, from the semester II (end-of-year)
/// ratings, tests, qualities and competencies: the year result, whether the pupil completed the
/// grade's programme, and the Học sinh Xuất sắc award. Stored with the secondary results, so
/// records, credentials and transfers read one table.
///
/// A pupil who has not completed the programme is helped and assessed again (Circular 27
/// Art. 12); the teacher enters the new semester II ratings and the results are computed again.
struct PrimaryYearResults {
    let database: any Database

    /// The decision codes: the grade's programme completed, or a supplementary assessment to come.
    static let completed = "completed"
    static let supplementaryAssessment = "supplementary_assessment"

    func compute(_ schoolClass: ClassMembership.ClassInfo, principal: Principal) async throws -> YearResultsController.ComputeAnswer {
        let subjects = PrimaryCatalogue.subjects(grade: schoolClass.grade)
        return try await database.transaction { db in
            try await RecordsAccess.requireManage(db, principal, schoolClass)
            let members = try await ClassMembership.activeMembers(db, classID: schoolClass.id)
            let ids = members.map(\.learnerID)
            var bySubject: [String: (first: [String: PrimarySubjectAssessments.Assessment], year: [String: PrimarySubjectAssessments.Assessment])] = [:]
            for subject in subjects {
                bySubject[subject.code] = (
                    try await PrimarySubjectAssessments.stored(db, learnerIDs: ids, year: schoolClass.schoolYear, subject: subject.code, semester: "I"),
                    try await PrimarySubjectAssessments.stored(db, learnerIDs: ids, year: schoolClass.schoolYear, subject: subject.code, semester: "II"))
            }
            let ratings = try await PrimaryCompetencyAssessments.stored(db, learnerIDs: ids, year: schoolClass.schoolYear, semester: "II")
            let attendance = try await YearResultsController.conduct(db, learnerIDs: ids, year: schoolClass.schoolYear)
            var items: [YearResult] = []
            var problems: [YearResultsController.Problem] = []
            for member in members {
                do {
                    let result = try Self.result(for: member, schoolClass: schoolClass, subjects: subjects,
                                                 first: { bySubject[$0]?.first[member.learnerID] }, year: { bySubject[$0]?.year[member.learnerID] },
                                                 ratings: ratings[member.learnerID] ?? .init(),
                                                 absentSessions: attendance[member.learnerID]?.absentSessions ?? 0)
                    try await YearResultsController.store(db, result, schoolClass: schoolClass, principal: principal)
                    items.append(result)
                } catch let missing as YearResultBuilder.Missing {
                    problems.append(.init(learnerCode: member.learnerCode, fullName: member.fullName, reason: missing.reason))
                }
            }
            try await AuditLog.record(db, principal: principal, action: .update, resource: "year_results", recordID: schoolClass.id,
                                      orgID: schoolClass.orgID, detail: "computed \(items.count), not computable \(problems.count)")
            return YearResultsController.ComputeAnswer(computed: items.count, items: items, problems: problems)
        }
    }

    /// One pupil's result, or `Missing` naming every rating, test or competency still to enter.
    static func result(for member: ClassMembership.Member, schoolClass: ClassMembership.ClassInfo, subjects: [PrimarySubject],
                       first: (String) -> PrimarySubjectAssessments.Assessment?, year: (String) -> PrimarySubjectAssessments.Assessment?,
                       ratings: PrimaryCompetencyAssessments.Ratings, absentSessions: Int) throws -> YearResult {
        var missing: [String] = []
        var lines: [YearResult.SubjectLine] = []
        var subjectYears: [PrimarySubjectYear] = []
        for subject in subjects {
            let end = year(subject.code)
            guard let code = end?.rating, let rating = PrimarySubjectRating(code: code) else {
                missing.append("\(subject.nameVI): mức đạt được cuối năm / year rating")
                continue
            }
            let test = end?.testScore.flatMap { PrimaryTestScore(points: $0) }
            if subject.hasTest && test == nil {
                missing.append("\(subject.nameVI): bài kiểm tra cuối năm / end-of-year test")
                continue
            }
            subjectYears.append(PrimarySubjectYear(rating: rating, endOfYearTest: test))
            var line = YearResult.SubjectLine(code: subject.code, name: subject.nameVI, semester1: first(subject.code)?.rating ?? "",
                                              semester2: code, year: code, reassessed: false)
            line.testScore = test?.points
            lines.append(line)
        }
        let qualities = rated(PrimaryCatalogue.qualities, ratings.qualities, missing: &missing)
        let competencies = rated(PrimaryCatalogue.competencies, ratings.competencies, missing: &missing)
        guard missing.isEmpty else { throw YearResultBuilder.Missing(reason: missing.joined(separator: "; ")) }

        let outcome: PrimaryYearOutcome
        do {
            outcome = try PrimaryYearRules.yearResult(
                grade: Int(schoolClass.grade) ?? 0, schoolYearStart: schoolClass.schoolYearStart,
                input: PrimaryYearInput(subjects: subjectYears, qualities: qualities.map(\.1), competencies: competencies.map(\.1)))
        } catch {
            throw YearResultBuilder.Missing(reason: "\(error.messageVI) / \(error.messageEN)")
        }
        let done = outcome.result >= .hoanThanh
        var result = YearResult(
            learnerId: member.learnerID, learnerCode: member.learnerCode, fullName: member.fullName, schoolYear: schoolClass.schoolYear,
            ruleSet: outcome.ruleSet.code, subjects: lines, levelSemester1: nil, levelSemester2: nil, levelYear: outcome.result.code,
            conduct: nil, absentSessions: absentSessions, decision: done ? completed : supplementaryAssessment, stage: "end_of_year",
            failed: done ? [] : ["learning"], award: outcome.result == .hoanThanhXuatSac ? "xuat_sac" : nil)
        result.qualities = qualities.map { YearResult.RatedItem(code: $0.0.code, name: $0.0.nameVI, rating: $0.1.code) }
        result.competencies = competencies.map { YearResult.RatedItem(code: $0.0.code, name: $0.0.nameVI, rating: $0.1.code) }
        return result
    }

    private static func rated(_ items: [PrimaryCompetency], _ stored: [String: String],
                              missing: inout [String]) -> [(PrimaryCompetency, CompetencyRating)] {
        items.compactMap { item in
            guard let rating = stored[item.code].flatMap(CompetencyRating.init(code:)) else {
                missing.append("\(item.nameVI): đánh giá cuối năm / year rating")
                return nil
            }
            return (item, rating)
        }
    }
}
