import Foundation
import Grading

/// One learner's raw year, as the school's gradebook holds it.
struct SyntheticLearner {
    var subjects: [SubjectYearEntries]
    var context: LearnerYearContext
}

/// Draws a learner's raw gradebook from a small model, so the outcomes spread over every branch of the
/// rules the way a real grade does (most promoted, a few summer re-assessments and repeats, awards for
/// the strong) rather than the uniform scores of the property tests, which pile every average up
/// around 5.0.
///
/// - A general ability θ ~ N(0, 1) drives every subject, conduct and the risk of Chưa đạt.
/// - A scored subject's true level is `mean + spread · (0.85 θ + 0.53 ε)` with ε ~ N(0, 1) per subject;
///   each assessment adds N(0, 1) points of noise and is kept to tenths in 0–10.
/// - A comment-only assessment is Chưa đạt with a small probability that rises for weak learners.
/// - Conduct is `0.5 θ + 0.87 ε` cut into Tốt/Khá/Đạt/Chưa đạt at about 79/16/4/0.6 %.
/// - Absences are mostly a few sessions; about 0.4 % of learners miss more than 45.
/// - 0.5 % are exempt from physical education; 0.2 % follow an individual plan in one subject.
///
/// With these parameters a grade comes out near 23 % Tốt, 47 % Khá, 26 % Đạt and 4 % Chưa đạt in
/// learning, and about 95 % promoted at the end of the year.
///
/// Each learner has its own generator (seed and index), so any learner can be drawn again alone.
enum GradebookModel {
    static func learner(_ index: Int, seed: UInt64) -> SyntheticLearner {
        var random = SplitMix64(seed: seed, learner: index)
        let ability = random.normal()
        let timetable = Grade6Timetable.subjects
        var subjects: [SubjectYearEntries] = []
        subjects.reserveCapacity(timetable.count)
        for subject in timetable {
            subjects.append(entries(for: subject, ability: ability, using: &random))
        }

        var exempt = SubjectIndexSet()
        if random.chance(0.005) {
            let physicalEducation = Grade6Timetable.physicalEducation
            exempt.insert(physicalEducation)
            subjects[physicalEducation] = .exempt(subjects[physicalEducation].subject)
        }
        var individualised = SubjectIndexSet()
        if random.chance(0.002) {
            let subject = Int.random(in: 0 ..< timetable.count, using: &random)
            if !exempt.contains(subject) {
                individualised.insert(subject)
                subjects[subject].participation = .individualised
            }
        }

        let context = LearnerYearContext(
            conduct: conduct(ability: ability, using: &random),
            absentSessions: absentSessions(using: &random),
            exempt: exempt, individualised: individualised)
        return SyntheticLearner(subjects: subjects, context: context)
    }

    private static func entries(
        for subject: TimetableSubject, ability: Double, using random: inout SplitMix64
    ) -> SubjectYearEntries {
        let regularCount = subject.spec.regularAssessmentsPerSemester
        switch subject.spec.kind {
        case .scored:
            let level = subject.meanPoints + subject.spreadPoints * (0.85 * ability + 0.53 * random.normal())
            func semester() -> [AssessmentEntry] {
                var entries: [AssessmentEntry] = []
                entries.reserveCapacity(regularCount + 2)
                for _ in 0 ..< regularCount { entries.append(.regular(score(around: level, using: &random))) }
                entries.append(.midTerm(score(around: level, using: &random)))
                entries.append(.endOfTerm(score(around: level, using: &random)))
                return entries
            }
            return SubjectYearEntries(subject: subject.spec, semester1: semester(), semester2: semester())
        case .commentOnly:
            // Almost everyone passes; the weakest learners fail an assessment now and then.
            let notPassedChance = 0.0005 + 0.05 / (1 + exp(4 * (ability + 2)))
            func rating() -> CommentRating { random.chance(notPassedChance) ? .chuaDat : .dat }
            func semester() -> [AssessmentEntry] {
                var entries: [AssessmentEntry] = []
                entries.reserveCapacity(regularCount + 2)
                for _ in 0 ..< regularCount { entries.append(.regular(rating())) }
                entries.append(.midTerm(rating()))
                entries.append(.endOfTerm(rating()))
                return entries
            }
            return SubjectYearEntries(subject: subject.spec, semester1: semester(), semester2: semester())
        }
    }

    private static func score(around level: Double, using random: inout SplitMix64) -> Score {
        let tenths = Int(((level + random.normal()) * 10).rounded())
        return Score(tenths: min(max(tenths, Score.minimumTenths), Score.maximumTenths))!
    }

    private static func conduct(ability: Double, using random: inout SplitMix64) -> ConductRating {
        let propensity = 0.5 * ability + 0.87 * random.normal()
        if propensity > -0.8 { return .tot }
        if propensity > -1.7 { return .kha }
        if propensity > -2.5 { return .dat }
        return .chuaDat
    }

    private static func absentSessions(using random: inout SplitMix64) -> Int {
        if random.chance(0.004) { return Int.random(in: 46 ... 90, using: &random) }
        // Exponential with a mean of 3 sessions, so a long tail to a few dozen stays rare.
        return min(Int(-3 * log(1 - random.unit())), 45)
    }
}
