/// One subject's raw entries for a school year, as the gradebook holds them.
public struct SubjectYearEntries: Hashable, Sendable {
    public var subject: SubjectSpec
    public var participation: SubjectParticipation
    /// Entries of semester I, in any order. Ignored when the learner is exempt.
    public var semester1: [AssessmentEntry]
    /// Entries of semester II, in any order. Ignored when the learner is exempt.
    public var semester2: [AssessmentEntry]

    public init(
        subject: SubjectSpec, participation: SubjectParticipation = .standard,
        semester1: [AssessmentEntry], semester2: [AssessmentEntry]
    ) {
        self.subject = subject
        self.participation = participation
        self.semester1 = semester1
        self.semester2 = semester2
    }

    /// An exempt subject: no entries.
    public static func exempt(_ subject: SubjectSpec) -> SubjectYearEntries {
        SubjectYearEntries(subject: subject, participation: .exempt, semester1: [], semester2: [])
    }
}

/// One subject's validated year: both semesters reduced, and how the learner takes part.
public struct SubjectYearRecord: Hashable, Sendable {
    public let participation: SubjectParticipation
    /// Nil exactly when the learner is exempt.
    public let semester1: SemesterAssessment?
    /// Nil exactly when the learner is exempt.
    public let semester2: SemesterAssessment?

    /// An exempt subject.
    public static let exempt = SubjectYearRecord(participation: .exempt, unchecked: nil, nil)

    init(participation: SubjectParticipation, unchecked semester1: SemesterAssessment?, _ semester2: SemesterAssessment?) {
        self.participation = participation
        self.semester1 = semester1
        self.semester2 = semester2
    }

    /// A non-exempt subject from two validated semesters of the same kind.
    /// `participation` must be `.standard` or `.individualised`; use `.exempt` otherwise.
    public init(
        semester1: SemesterAssessment, semester2: SemesterAssessment,
        participation: SubjectParticipation = .standard
    ) throws(GradingError) {
        guard participation != .exempt else {
            self = .exempt
            return
        }
        guard semester1.subjectKind == semester2.subjectKind else {
            throw .subject(index: 0, semester: .second,
                           .valueKindMismatch(subjectKind: semester1.subjectKind, assessment: .regular))
        }
        self.init(participation: participation, unchecked: semester1, semester2)
    }

    /// Validates both semesters of `entries` under `ruleSet`. Errors name the semester.
    public static func validate(_ entries: SubjectYearEntries, ruleSet: GradingRuleSet) throws(GradingError) -> SubjectYearRecord {
        if entries.participation == .exempt { return .exempt }
        let first: SemesterAssessment
        let second: SemesterAssessment
        do throws(GradingError) {
            first = try SemesterAssessment.validate(entries.semester1, subject: entries.subject, ruleSet: ruleSet)
        } catch {
            throw .subject(index: 0, semester: .first, error)
        }
        do throws(GradingError) {
            second = try SemesterAssessment.validate(entries.semester2, subject: entries.subject, ruleSet: ruleSet)
        } catch {
            throw .subject(index: 0, semester: .second, error)
        }
        return SubjectYearRecord(participation: entries.participation, unchecked: first, second)
    }
}

extension GradingError {
    /// Re-points an error raised for a single subject (index 0) at `index`.
    func atSubject(_ index: Int) -> GradingError {
        if case .subject(_, let semester, let cause) = self { return .subject(index: index, semester: semester, cause) }
        return .subject(index: index, semester: nil, self)
    }
}
