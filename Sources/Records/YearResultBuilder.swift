import Grading
import Registry

/// One learner's year result from the class's gradebook entries and conduct, under the rule set of
/// the class's grade and year. What is missing is reported, never guessed.
struct YearResultBuilder {
    let schoolClass: ClassMembership.ClassInfo
    let subjects: [Subject]

    struct Missing: Error {
        let reason: String
    }

    /// The kernel's result and the subjects it covers, in the same order.
    struct Computed {
        let subjects: [Subject]
        let result: LearnerYearResult
    }

    /// `entries` maps "SUBJECT|semester" to the learner's entries.
    func result(for member: ClassMembership.Member, entries: [String: GradebookEntry],
                conduct: YearResultsController.ConductInput?) throws -> YearResult {
        render(member, try compute(entries: entries, conduct: conduct))
    }

    func compute(entries: [String: GradebookEntry], conduct: YearResultsController.ConductInput?) throws -> Computed {
        guard let conductCode = conduct?.conductYear, let yearConduct = ConductRating(code: conductCode) else {
            throw Missing(reason: "conduct for the year is not entered / chưa nhập hạnh kiểm (rèn luyện) cả năm")
        }
        var taken: [Subject] = []
        var yearEntries: [SubjectYearEntries] = []
        for subject in subjects {
            let first = entries["\(subject.code)|I"], second = entries["\(subject.code)|II"]
            // An elective the learner does not take has no entries at all.
            if subject.elective && first == nil && second == nil { continue }
            let rules = try gradebookRules(subject)
            guard let first, let second, let one = try? complete(first, rules), let two = try? complete(second, rules) else {
                throw Missing(reason: "\(subject.nameVI): both semesters need every assessment / cần đủ điểm cả hai học kì")
            }
            taken.append(subject)
            yearEntries.append(SubjectYearEntries(subject: rules.spec, semester1: one, semester2: two))
        }
        do {
            return Computed(subjects: taken, result: try YearResults.compute(
                grade: Int(schoolClass.grade) ?? 0, schoolYearStart: schoolClass.schoolYearStart,
                subjects: yearEntries, conduct: yearConduct, absentSessions: conduct?.absentSessions ?? 0))
        } catch {
            throw Missing(reason: describe(error, subjects: taken))
        }
    }

    func render(_ member: ClassMembership.Member, _ computed: Computed) -> YearResult {
        let outcome = computed.result
        let lines = zip(computed.subjects, outcome.subjects).map { subject, result in
            YearResult.SubjectLine(code: subject.code, name: subject.nameVI, semester1: result.semester1.description,
                                                         semester2: result.semester2.description, year: result.year.description,
                                                         reassessed: result.reassessed)
        }
        return YearResult(
            learnerId: member.learnerID, learnerCode: member.learnerCode, fullName: member.fullName, schoolYear: schoolClass.schoolYear,
            ruleSet: outcome.ruleSet.code, subjects: lines, levelSemester1: outcome.levels.semester1?.code,
            levelSemester2: outcome.levels.semester2?.code, levelYear: outcome.levels.year?.code, conduct: outcome.outcome.conduct.code,
            absentSessions: outcome.outcome.absentSessions, decision: outcome.decision.outcome.code, stage: outcome.decision.stage.code,
            failed: outcome.decision.failed.conditions.map(\.code), award: outcome.award?.code)
    }


    private func gradebookRules(_ subject: Subject) throws -> GradebookRules {
        do {
            return try GradebookRules(subject: subject, grade: Int(schoolClass.grade) ?? 0, schoolYearStart: schoolClass.schoolYearStart)
        } catch let error as GradingError {
            throw Missing(reason: error.messageEN)
        }
    }

    private func complete(_ entry: GradebookEntry, _ rules: GradebookRules) throws -> [AssessmentEntry] {
        guard let midTerm = entry.midTerm, let endOfTerm = entry.endOfTerm, rules.result(of: entry) != nil else { throw Missing(reason: "") }
        return try rules.assessments(entry, midTerm: midTerm, endOfTerm: endOfTerm)
    }

    /// The kernel's message, with the subject named instead of its position.
    func describe(_ error: GradingError, subjects: [Subject]) -> String {
        if case .subject(let index, _, let cause) = error, subjects.indices.contains(index) {
            return "\(subjects[index].nameVI): \(cause.messageVI) / \(cause.messageEN)"
        }
        return "\(error.messageVI) / \(error.messageEN)"
    }
}
