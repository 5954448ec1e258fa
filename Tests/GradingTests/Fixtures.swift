@testable import Grading
import SplitMix

/// Builders for gradebook entries, in tenths so tests read like the tables in DOMAIN.md.
enum Fixture {
    static func score(_ tenths: Int) -> Score {
        guard let score = Score(tenths: tenths) else { preconditionFailure("test score out of range: \(tenths)") }
        return score
    }

    static func spec(_ kind: SubjectKind = .scored, periods: Int = 105) -> SubjectSpec {
        do { return try SubjectSpec(kind: kind, periodsPerYear: periods) } catch { preconditionFailure("bad spec") }
    }

    /// One scored semester: regular scores, one mid-term, one end-of-term (tenths).
    static func scoredSemester(regular: [Int], mid: Int, end: Int) -> [AssessmentEntry] {
        regular.map { .regular(score($0)) } + [.midTerm(score(mid)), .endOfTerm(score(end))]
    }

    /// One comment-only semester; `notPassed` assessments (from the end) are Chưa đạt.
    static func commentSemester(notPassed: Int = 0) -> [AssessmentEntry] {
        var ratings: [CommentRating] = [.dat, .dat, .dat, .dat]
        for i in 0 ..< notPassed { ratings[3 - i] = .chuaDat }
        return [.regular(ratings[0]), .regular(ratings[1]), .midTerm(ratings[2]), .endOfTerm(ratings[3])]
    }

    /// A scored subject whose every assessment is `tenths`, so both semester averages and
    /// the year average equal `tenths`.
    static func uniform(_ tenths: Int, periods: Int = 105, participation: SubjectParticipation = .standard) -> SubjectYearEntries {
        let s = spec(.scored, periods: periods)
        let n = s.regularAssessmentsPerSemester
        let semester = scoredSemester(regular: Array(repeating: tenths, count: n), mid: tenths, end: tenths)
        return SubjectYearEntries(subject: s, participation: participation, semester1: semester, semester2: semester)
    }

    /// A comment-only subject rated `rating` in both semesters (so also for the year).
    static func comment(_ rating: CommentRating, participation: SubjectParticipation = .standard) -> SubjectYearEntries {
        let semester = commentSemester(notPassed: rating == .dat ? 0 : 1)
        return SubjectYearEntries(subject: spec(.commentOnly, periods: 70), participation: participation,
                                  semester1: semester, semester2: semester)
    }

    /// A typical grade-10 timetable: the given scored year averages plus `comments`.
    static func learner(scored: [Int], comments: [CommentRating] = [.dat, .dat]) -> [SubjectYearEntries] {
        scored.map { uniform($0) } + comments.map { comment($0) }
    }

    static func year(
        _ subjects: [SubjectYearEntries], conduct: ConductRating = .tot, absences: Int = 0
    ) throws -> LearnerYearResult {
        try YearResults.compute(ruleSet: .circular22_2021, subjects: subjects, conduct: conduct, absentSessions: absences)
    }

    /// A random valid learner for a fixed timetable: scored subjects then comment-only ones.
    static func randomLearner(specs: [SubjectSpec], using rng: inout SplitMix64) -> [SubjectYearEntries] {
        specs.map { spec in
            func semester() -> [AssessmentEntry] {
                switch spec.kind {
                case .scored:
                    let regular = (0 ..< spec.regularAssessmentsPerSemester).map { _ in Int.random(in: 0...100, using: &rng) }
                    return scoredSemester(regular: regular, mid: Int.random(in: 0...100, using: &rng),
                                          end: Int.random(in: 0...100, using: &rng))
                case .commentOnly:
                    let notPassed = Int.random(in: 0...9, using: &rng) == 0 ? 1 : 0
                    return commentSemester(notPassed: notPassed).shuffled(using: &rng)
                }
            }
            return SubjectYearEntries(subject: spec, semester1: semester(), semester2: semester())
        }
    }

    /// Grade-10-like timetable: 10 scored subjects of various sizes and 2 comment-only.
    static let timetable: [SubjectSpec] = [
        spec(periods: 105), spec(periods: 105), spec(periods: 105), spec(periods: 70), spec(periods: 70),
        spec(periods: 70), spec(periods: 70), spec(periods: 35), spec(periods: 52), spec(periods: 35),
        spec(.commentOnly, periods: 70), spec(.commentOnly, periods: 105),
    ]
}
