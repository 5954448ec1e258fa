import Platform
import Registry
import SQLKit

/// A 2018-programme candidate's electives must have been studied in grade 12 (DOMAIN.md §5.1).
/// For a school's learner that is read from their class's timetable: the subjects the class has a
/// teacher assigned for. A class whose school has recorded no assignment at all cannot be
/// checked, and its learners' electives are taken as sent; a free candidate's schooling is not in
/// the registry.
enum ElectivesStudied {
    static func check(_ db: any SQLDatabase, _ registration: Registration, classID: String, into errors: inout ValidationCollector) async throws {
        guard registration.programme == .p2018 else { return }
        let taught = try await ClassMembership.subjectsTaught(db, classID: classID)
        guard !taught.isEmpty else { return }
        for (index, subject) in registration.subjects.enumerated() where !ExamSubjects.compulsory.contains(subject) {
            guard let studied = ExamSubjects.schoolSubject(ofElective: subject), !taught.contains(studied) else { continue }
            errors.add("subjects/\(index)", "registration.electiveNotStudied",
                       "\(registration.fullName) did not study \(studied) in grade 12: class \(registration.className ?? "") has no teacher assigned for it")
        }
    }
}
