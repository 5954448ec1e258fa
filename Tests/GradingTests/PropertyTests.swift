import Foundation
import SplitMix
import Testing
@testable import Grading

/// Properties over random gradebooks from a seeded generator: a failure reproduces from
/// its seed.
@Suite("Properties")
struct PropertyTests {
    /// A score near `ability` (tenths), so random learners spread over every level.
    static func score(near ability: Int, using rng: inout SplitMix64) -> Int {
        min(100, max(0, ability + Int.random(in: -20...20, using: &rng)))
    }

    static func randomSemester(spec: SubjectSpec, ability: Int, using rng: inout SplitMix64) -> (regular: [Int], mid: Int, end: Int) {
        let regular = (0 ..< spec.regularAssessmentsPerSemester).map { _ in score(near: ability, using: &rng) }
        return (regular, score(near: ability, using: &rng), score(near: ability, using: &rng))
    }

    /// The slow reference: `Decimal` arithmetic on the scores' decimal values, rounded once
    /// with `NSDecimalRound(.plain)` (half up, DOMAIN.md §2).
    static func decimalRounded(_ value: Decimal) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 1, .plain)
        return output
    }

    static func decimalWeightedSum(_ s: (regular: [Int], mid: Int, end: Int)) -> (sum: Decimal, weight: Decimal) {
        func d(_ tenths: Int) -> Decimal { Fixture.score(tenths).decimalValue }
        let regular = s.regular.reduce(Decimal(0)) { $0 + d($1) }
        return (regular + 2 * d(s.mid) + 3 * d(s.end), Decimal(s.regular.count + 5))
    }

    @Test("averages stay within the range of their inputs and match a Decimal reference")
    func averagesAgainstDecimal() throws {
        var rng = SplitMix64(seed: 0x22_2021)
        let specs = [35, 52, 70, 71, 105, 140].map { Fixture.spec(.scored, periods: $0) }
        for _ in 0 ..< 5_000 {
            let spec = specs.randomElement(using: &rng)!
            let ability = Int.random(in: 0...100, using: &rng)
            let raw1 = Self.randomSemester(spec: spec, ability: ability, using: &rng)
            let raw2 = Self.randomSemester(spec: spec, ability: ability, using: &rng)
            let s1 = try ScoredSemester(regular: raw1.regular.map(Fixture.score), midTerm: Fixture.score(raw1.mid),
                                        endOfTerm: Fixture.score(raw1.end), subject: spec, ruleSet: .circular22_2021)
            let s2 = try ScoredSemester(regular: raw2.regular.map(Fixture.score), midTerm: Fixture.score(raw2.mid),
                                        endOfTerm: Fixture.score(raw2.end), subject: spec, ruleSet: .circular22_2021)

            // Bounds.
            let all1 = raw1.regular + [raw1.mid, raw1.end]
            let all2 = raw2.regular + [raw2.mid, raw2.end]
            #expect((all1.min()! ... all1.max()!).contains(s1.average.tenths))
            let year = SubjectAverages.year(semester1: s1, semester2: s2)
            let yearExact = SubjectAverages.year(semester1: s1, semester2: s2, basis: .exactSemesterAverages)
            #expect((min(s1.average, s2.average) ... max(s1.average, s2.average)).contains(year))
            let everything = all1 + all2
            #expect((everything.min()! ... everything.max()!).contains(yearExact.tenths))

            // Decimal reference.
            let (sum1, weight1) = Self.decimalWeightedSum(raw1)
            let (sum2, weight2) = Self.decimalWeightedSum(raw2)
            let semester1 = Self.decimalRounded(sum1 / weight1)
            let semester2 = Self.decimalRounded(sum2 / weight2)
            #expect(s1.average.decimalValue == semester1)
            #expect(s2.average.decimalValue == semester2)
            #expect(year.decimalValue == Self.decimalRounded((semester1 + 2 * semester2) / 3))
            let exactReference = (sum1 * weight2 + 2 * sum2 * weight1) / (3 * weight1 * weight2)
            #expect(yearExact.decimalValue == Self.decimalRounded(exactReference))
        }
    }

    @Test("rounding matches Decimal half-up for every fraction with a small denominator")
    func roundingAgainstDecimal() {
        for denominator in 1...30 {
            for numerator in 0 ... 100 * denominator {
                let ours = WeightedAverage(numeratorTenths: numerator, denominator: denominator)!.rounded.decimalValue
                let reference = Self.decimalRounded(Decimal(numerator) / Decimal(denominator) / 10)
                if ours != reference {
                    Issue.record("\(numerator)/\(denominator): \(ours) vs \(reference)")
                    return
                }
            }
        }
    }

    /// Art. 9.2 written out the slow way, straight from the table.
    static func referenceLevel(_ averages: [Int], _ comments: [CommentRating]) -> LearningLevel? {
        if averages.isEmpty && comments.isEmpty { return nil }
        let notPassed = comments.filter { $0 == .chuaDat }.count
        let commentsAll = notPassed == 0
        if commentsAll, averages.allSatisfy({ $0 >= 65 }), averages.filter({ $0 >= 80 }).count >= 6 { return .tot }
        if commentsAll, averages.allSatisfy({ $0 >= 50 }), averages.filter({ $0 >= 65 }).count >= 6 { return .kha }
        if notPassed <= 1, averages.filter({ $0 >= 50 }).count >= 6, !averages.contains(where: { $0 < 35 }) { return .dat }
        return .chuaDat
    }

    @Test("the level tally agrees with the table written out directly")
    func levelAgainstReference() {
        var rng = SplitMix64(seed: 92)
        for _ in 0 ..< 20_000 {
            let ability = Int.random(in: 20...100, using: &rng)
            let averages = (0 ..< Int.random(in: 0...13, using: &rng)).map { _ in Self.score(near: ability, using: &rng) }
            let comments = (0 ..< Int.random(in: 0...4, using: &rng)).map { _ in
                Int.random(in: 0...5, using: &rng) == 0 ? CommentRating.chuaDat : .dat
            }
            #expect(LearningLevel.rate(averages: averages.map(Fixture.score), comments: comments)
                    == Self.referenceLevel(averages, comments))
        }
    }

    @Test("raising any score or passing a comment never lowers a level")
    func levelMonotone() throws {
        var rng = SplitMix64(seed: 0x45)
        let specs = Fixture.timetable
        var levelsSeen = Set<LearningLevel>()
        for _ in 0 ..< 1_500 {
            let ability = Int.random(in: 30...100, using: &rng)
            var learner: [SubjectYearEntries] = specs.map { spec in
                switch spec.kind {
                case .scored:
                    let a = Self.randomSemester(spec: spec, ability: ability, using: &rng)
                    let b = Self.randomSemester(spec: spec, ability: ability, using: &rng)
                    return SubjectYearEntries(subject: spec, semester1: Fixture.scoredSemester(regular: a.regular, mid: a.mid, end: a.end),
                                              semester2: Fixture.scoredSemester(regular: b.regular, mid: b.mid, end: b.end))
                case .commentOnly:
                    return SubjectYearEntries(
                        subject: spec,
                        semester1: Fixture.commentSemester(notPassed: Int.random(in: 0...6, using: &rng) == 0 ? 1 : 0),
                        semester2: Fixture.commentSemester(notPassed: Int.random(in: 0...6, using: &rng) == 0 ? 1 : 0))
                }
            }
            let before = try Fixture.year(learner)
            if let year = before.levels.year { levelsSeen.insert(year) }

            let subject = Int.random(in: 0 ..< specs.count, using: &rng)
            let secondSemester = Bool.random(using: &rng)
            var entries = secondSemester ? learner[subject].semester2 : learner[subject].semester1
            let position = Int.random(in: 0 ..< entries.count, using: &rng)
            let entry = entries[position]
            switch entry.value {
            case .score(let old):
                let raised = Int.random(in: old.tenths...100, using: &rng)
                entries[position] = AssessmentEntry(kind: entry.kind, value: .score(Fixture.score(raised)))
            case .comment:
                entries[position] = AssessmentEntry(kind: entry.kind, value: .comment(.dat))
            }
            if secondSemester { learner[subject].semester2 = entries } else { learner[subject].semester1 = entries }
            let after = try Fixture.year(learner)

            for (old, new) in [(before.levels.semester1, after.levels.semester1),
                               (before.levels.semester2, after.levels.semester2),
                               (before.levels.year, after.levels.year)] {
                #expect(new! >= old!)
            }
            #expect(after.subjects[subject].year.score.map { s in before.subjects[subject].year.score! <= s } ?? true)
        }
        #expect(levelsSeen == Set(LearningLevel.allCases), "the generator should reach every level")
    }
}
