import Foundation
import Grading
import Platform
import VietnameseText

/// One learner's entries for one subject and semester, as stored: the values in their canonical
/// form ("7.5", or "dat" / "chua_dat" for comment-only subjects) and, once every required entry is
/// there, the semester result.
struct GradebookEntry: Codable, Sendable, Equatable {
    var regular: [String]
    var midTerm: String?
    var endOfTerm: String?

    var isEmpty: Bool { regular.isEmpty && midTerm == nil && endOfTerm == nil }
}

/// What a teacher sends for one learner.
public struct GradebookRowInput: Codable, Sendable {
    public let learnerCode: String
    public let regular: [String]?
    public let midTerm: String?
    public let endOfTerm: String?

    public init(learnerCode: String, regular: [String]?, midTerm: String?, endOfTerm: String?) {
        self.learnerCode = learnerCode
        self.regular = regular
        self.midTerm = midTerm
        self.endOfTerm = endOfTerm
    }
}

/// Turning typed entries into canonical values and results under a rule set.
struct GradebookRules {
    let subject: Subject
    let spec: SubjectSpec
    let ruleSet: GradingRuleSet
    let requirements: SemesterRequirements

    init(subject: Subject, grade: Int, schoolYearStart: Int) throws {
        self.subject = subject
        spec = try subject.spec()
        ruleSet = try GradingRuleSet.select(grade: grade, schoolYearStart: schoolYearStart)
        requirements = try ruleSet.semesterRequirements(for: spec)
    }

    /// The canonical entry, with every problem added to `errors` under `field` (e.g. "items/3").
    func entry(from input: GradebookRowInput, field: String, errors: inout ValidationCollector) -> GradebookEntry {
        var regular: [String] = []
        for (index, text) in (input.regular ?? []).enumerated() {
            if let value = canonical(text, field: "\(field)/regular/\(index)", errors: &errors) { regular.append(value) }
        }
        if case .exactly(let count) = requirements.regular, (input.regular ?? []).count > count {
            errors.add("\(field)/regular", "gradebook.tooManyRegular",
                       "\(subject.nameVI) has \(count) regular assessments a semester; \((input.regular ?? []).count) were given")
        }
        let midTerm = input.midTerm.flatMap { canonical($0, field: "\(field)/midTerm", errors: &errors) }
        let endOfTerm = input.endOfTerm.flatMap { canonical($0, field: "\(field)/endOfTerm", errors: &errors) }
        return GradebookEntry(regular: regular, midTerm: midTerm, endOfTerm: endOfTerm)
    }

    /// The semester result ("7.6", "dat"), or nil while entries are missing.
    func result(of entry: GradebookEntry) -> String? {
        guard requirements.regular.accepts(entry.regular.count), let midTerm = entry.midTerm, let endOfTerm = entry.endOfTerm,
              let entries = try? assessments(entry, midTerm: midTerm, endOfTerm: endOfTerm),
              let assessment = try? SemesterAssessment.validate(entries, subject: spec, ruleSet: ruleSet)
        else { return nil }
        return assessment.result.description
    }

    /// The kernel's entries for a complete semester.
    func assessments(_ entry: GradebookEntry, midTerm: String, endOfTerm: String) throws -> [AssessmentEntry] {
        func value(_ text: String) throws -> AssessmentValue {
            if subject.commentOnly {
                guard let rating = CommentRating(code: text) else { throw GradebookEntryError.unreadable(text) }
                return .comment(rating)
            }
            return .score(try Score(text))
        }
        return try entry.regular.map { AssessmentEntry(kind: .regular, value: try value($0)) }
            + [AssessmentEntry(kind: .midTerm, value: try value(midTerm)), AssessmentEntry(kind: .endOfTerm, value: try value(endOfTerm))]
    }

    private func canonical(_ text: String, field: String, errors: inout ValidationCollector) -> String? {
        if subject.commentOnly {
            switch VietnameseText.fold(text) {
            case "d", "dat": return CommentRating.dat.code
            case "cd", "chua dat", "chua_dat": return CommentRating.chuaDat.code
            default:
                errors.add(field, "gradebook.rating", "'\(text)': \(subject.nameVI) is assessed by comment: Đ (Đạt) or CĐ (Chưa đạt)")
                return nil
            }
        }
        do {
            return try Score(text).description
        } catch {
            errors.add(field, error.code, "'\(text)': \(error.messageVI) / \(error.messageEN)")
            return nil
        }
    }
}

enum GradebookEntryError: Error { case unreadable(String) }
