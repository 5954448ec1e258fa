import ExamRules
import Foundation
import Platform
import SQLKit

extension LearnerDirectory {
    /// The admission priority area of a learner graduating in `schoolYear`: the area of the schools
    /// where they spent longest in grades 10–12, else that of the school they graduate from
    /// (`AreaAttended`). Nil when a school among them has no area listed, since the longest area
    /// cannot then be known, or when the learner has no active enrolment in `schoolYear`.
    ///
    /// The stays are the enrolments in grade 10–12 classes, and, in the three school years that
    /// end with `schoolYear`, also those recorded without a class: their grade is unknown, but
    /// they fall in the grade 10–12 years, and leaving them out would lose time at a school.
    public static func priorityArea(_ db: any SQLDatabase, learnerID: String, graduatingIn schoolYear: String) async throws -> AdmissionScoring.Area? {
        guard let start = Int(schoolYear.prefix(4)) else { return nil }
        let firstOfThree = "\(start - 2)-\(start - 1)"
        var stays: [AreaAttended.Stay] = []
        var graduation: AdmissionScoring.Area?
        for row in try await db.raw("""
            SELECT e.status, e.body AS enrolment, s.body AS school, y.body AS year
            FROM enrolments e
            LEFT JOIN classes c ON c.id = e.class_id
            JOIN schools s ON s.id = e.org_id
            JOIN school_years y ON y.natural_key = e.school_year
            WHERE e.learner_id = \(bind: learnerID) AND e.school_year <= \(bind: schoolYear)
              AND (c.grade IN ('10', '11', '12') OR (c.id IS NULL AND e.school_year >= \(bind: firstOfThree)))
            """).all() {
            let enrolment = try JSON.decoder.decode(Enrolment.self, from: Data(try row.decode(column: "enrolment", as: String.self).utf8))
            let school = try JSON.decoder.decode(School.self, from: Data(try row.decode(column: "school", as: String.self).utf8))
            let year = try JSON.decoder.decode(SchoolYear.self, from: Data(try row.decode(column: "year", as: String.self).utf8))
            guard let area = school.priorityArea else { return nil }
            // An enrolment still open runs to the end of its year, where the learner is expected to finish it.
            let end = min(enrolment.exitDate ?? year.endDate, year.endDate)
            let start = max(enrolment.entryDate, year.startDate)
            stays.append(AreaAttended.Stay(area: area, schoolYear: enrolment.schoolYear, days: max(0, end.daysSinceEpoch - start.daysSinceEpoch)))
            if enrolment.schoolYear == schoolYear, try row.decode(column: "status", as: String.self) == Enrolment.Status.active.rawValue {
                graduation = area
            }
        }
        return graduation.map { AreaAttended.area(of: stays, graduatingIn: $0) }
    }
}
