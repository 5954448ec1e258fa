import SplitMix
import Testing
@testable import Grading

@Suite("Circular 27/2020 primary")
struct PrimaryTests {
    @Test("test scores are whole numbers 0–10")
    func testScores() throws {
        #expect(try PrimaryTestScore.parse("7").points == 7)
        #expect(try PrimaryTestScore.parse(" 10 ").points == 10)
        #expect(try PrimaryTestScore.parse("0").points == 0)
        #expect(try PrimaryTestScore("09").points == 9)
        #expect(throws: ScoreParseError.notWholeNumber(text: "8.5")) { try PrimaryTestScore.parse("8.5") }
        #expect(throws: ScoreParseError.notWholeNumber(text: "8,0")) { try PrimaryTestScore.parse(" 8,0") }
        #expect(throws: ScoreParseError.aboveMaximum(text: "11")) { try PrimaryTestScore.parse("11") }
        #expect(throws: ScoreParseError.negative(text: "-1")) { try PrimaryTestScore.parse("-1") }
        #expect(throws: ScoreParseError.empty) { try PrimaryTestScore.parse("") }
        #expect(PrimaryTestScore(points: 11) == nil)
        #expect(PrimaryTestScore(points: 10)?.description == "10")
    }

    func input(subject: PrimarySubjectRating = .hoanThanhTot, test: Int? = 10,
               quality: CompetencyRating = .tot, competency: CompetencyRating = .tot) -> PrimaryYearInput {
        PrimaryYearInput(
            subjects: [
                PrimarySubjectYear(rating: .hoanThanhTot, endOfYearTest: PrimaryTestScore(points: 10)),
                PrimarySubjectYear(rating: subject, endOfYearTest: test.flatMap { PrimaryTestScore(points: $0) }),
                PrimarySubjectYear(rating: .hoanThanhTot),
            ],
            qualities: [.tot, .tot, quality, .tot, .tot],
            competencies: [.tot, competency, .tot])
    }

    func result(_ input: PrimaryYearInput) throws -> PrimaryYearResult {
        try PrimaryYearRules.yearResult(input).result
    }

    @Test("year result boundaries")
    func yearResult() throws {
        #expect(try result(input()) == .hoanThanhXuatSac)
        #expect(try result(input(test: 9)) == .hoanThanhXuatSac)
        #expect(try result(input(test: 8)) == .hoanThanhTot)
        #expect(try result(input(test: nil)) == .hoanThanhXuatSac)  // no test, no test condition
        #expect(try result(input(test: 7)) == .hoanThanhTot)
        #expect(try result(input(test: 6)) == .hoanThanh)
        #expect(try result(input(test: 5)) == .hoanThanh)
        #expect(try result(input(test: 4)) == .chuaHoanThanh)
        #expect(try result(input(subject: .hoanThanh)) == .hoanThanh)
        #expect(try result(input(quality: .dat)) == .hoanThanh)
        #expect(try result(input(competency: .dat)) == .hoanThanh)
        #expect(try result(input(subject: .chuaHoanThanh)) == .chuaHoanThanh)
        #expect(try result(input(competency: .canCoGang)) == .chuaHoanThanh)
        #expect(try result(input(quality: .canCoGang)) == .chuaHoanThanh)
    }

    @Test("rule set: Circular 27 only, selected by roll-out")
    func ruleSet() throws {
        let outcome = try PrimaryYearRules.yearResult(grade: 3, schoolYearStart: 2022, input: input())
        #expect(outcome.ruleSet == .circular27_2020)
        #expect(outcome.result == .hoanThanhXuatSac)
        #expect(throws: GradingError.unsupportedRuleSet(.circular22_2016, operation: .primaryYearResult)) {
            try PrimaryYearRules.yearResult(grade: 3, schoolYearStart: 2021, input: input())
        }
        #expect(throws: GradingError.unsupportedRuleSet(.circular22_2021, operation: .primaryYearResult)) {
            try PrimaryYearRules.yearResult(grade: 6, schoolYearStart: 2022, input: input())
        }
        #expect(throws: GradingError.missingPrimaryRatings) {
            try PrimaryYearRules.yearResult(PrimaryYearInput(subjects: [], qualities: [.tot], competencies: [.tot]))
        }
        let unsupported = GradingError.unsupportedRuleSet(.circular22_2016, operation: .primaryYearResult)
        #expect(unsupported.messageVI.contains("Thông tư 22/2016/TT-BGDĐT"))
    }

    @Test("raising any rating or score never lowers the result")
    func monotone() throws {
        var rng = SplitMix64(seed: 27_2020)
        let subjectRatings = PrimarySubjectRating.allCases
        let competencyRatings = CompetencyRating.allCases
        for _ in 0 ..< 2_000 {
            let subjects = (0 ..< 6).map { _ in
                PrimarySubjectYear(rating: subjectRatings.randomElement(using: &rng)!,
                                   endOfYearTest: Bool.random(using: &rng) ? PrimaryTestScore(points: Int.random(in: 0...10, using: &rng)) : nil)
            }
            let qualities = (0 ..< 5).map { _ in competencyRatings.randomElement(using: &rng)! }
            let competencies = (0 ..< 10).map { _ in competencyRatings.randomElement(using: &rng)! }
            let base = PrimaryYearInput(subjects: subjects, qualities: qualities, competencies: competencies)
            var raised = base
            let i = Int.random(in: 0 ..< 6, using: &rng)
            let old = raised.subjects[i]
            raised.subjects[i] = PrimarySubjectYear(
                rating: max(old.rating, subjectRatings.randomElement(using: &rng)!),
                endOfYearTest: old.endOfYearTest.map { PrimaryTestScore(points: Int.random(in: $0.points...10, using: &rng))! })
            let q = Int.random(in: 0 ..< 5, using: &rng)
            raised.qualities[q] = max(raised.qualities[q], competencyRatings.randomElement(using: &rng)!)
            #expect(try result(raised) >= result(base))
        }
    }
}

@Suite("Circular 58/2011 academic rating")
struct LegacyAcademicRatingTests {
    func rate(_ averages: [Int], core: Set<Int> = [0, 1], comments: [CommentRating] = [.dat]) -> LegacyAcademicRating? {
        LegacyAcademicRating.rate(
            scored: averages.enumerated().map { LegacySubjectAverage(average: Fixture.score($1), isMathematicsOrLiterature: core.contains($0)) },
            comments: comments)
    }

    @Test("Art. 13.1–13.5 thresholds")
    func thresholds() {
        #expect(rate([80, 80, 80, 80, 80]) == .gioi)
        #expect(rate([79, 79, 90, 90, 90]) == .kha)       // ĐTBcm 8.6 but Toán and Văn 7.9
        #expect(rate([79, 79, 90, 90, 90], core: [0, 2]) == .gioi)
        #expect(rate([80, 70, 90, 90, 60]) == .kha)       // ĐTBcm 7.8
        #expect(rate([90, 90, 90, 90, 64]) == .kha)       // a 6.4
        #expect(rate([90, 90, 90, 90, 90], comments: [.chuaDat]) == .yeu)
        #expect(rate([50, 50, 50, 50, 50]) == .trungBinh)
        #expect(rate([40, 60, 60, 60, 60]) == .trungBinh) // a 4.0 is allowed down to 3.5
        #expect(rate([50, 50, 50, 50, 35]) == .yeu)       // ĐTBcm 4.7
        #expect(rate([30, 30, 60, 60, 60]) == .yeu)       // Toán and Văn 3.0
        #expect(rate([19, 90, 90, 90, 90]) == .kem)       // a 1.9
        #expect(rate([30, 30, 30, 30, 30]) == .kem)       // ĐTBcm 3.0
        #expect(rate([]) == nil)
        #expect(LegacyAcademicRating.overallAverage([80, 70, 90, 90, 65].map { LegacySubjectAverage(average: Fixture.score($0)) })
                == Fixture.score(79))
        #expect(LegacyAcademicRating.trungBinh.labelVI == "Trung bình")
        #expect(LegacyAcademicRating.trungBinh.code == "trung_binh")
    }
}
