import Testing
@testable import Grading

@Suite("Subject averages (Circular 22/2021 Art. 9.1)")
struct AverageTests {
    let toan10 = Fixture.spec(.scored, periods: 105)

    @Test("DOMAIN.md worked example: Toán grade 10, semester I 7.6, year 8.0")
    func workedExample() throws {
        #expect(toan10.regularAssessmentsPerSemester == 4)
        let semester1 = try SemesterAssessment.validate(
            Fixture.scoredSemester(regular: [80, 70, 90, 65], mid: 70, end: 80), subject: toan10, ruleSet: .circular22_2021)
        guard case .scored(let first) = semester1 else { Issue.record("expected a scored semester"); return }
        #expect(first.weightedSumTenths == 305 + 140 + 240)
        #expect(first.totalWeight == 9)
        #expect(first.exactAverage == WeightedAverage(numeratorTenths: 685, denominator: 9))
        #expect(first.average == Fixture.score(76))

        let semester2 = try ScoredSemester(
            regular: [82, 82, 82, 82].map(Fixture.score), midTerm: Fixture.score(82), endOfTerm: Fixture.score(82),
            subject: toan10, ruleSet: .circular22_2021)
        #expect(semester2.average == Fixture.score(82))
        #expect(SubjectAverages.year(semester1: first.average, semester2: semester2.average) == Fixture.score(80))
        #expect(SubjectAverages.year(semester1: first, semester2: semester2) == Fixture.score(80))
        // The other reading gives the same here: (7.611… + 16.4)/3 = 8.0037…
        #expect(SubjectAverages.year(semester1: first, semester2: semester2, basis: .exactSemesterAverages) == Fixture.score(80))

        let result = try Fixture.year([SubjectYearEntries(
            subject: toan10,
            semester1: Fixture.scoredSemester(regular: [80, 70, 90, 65], mid: 70, end: 80),
            semester2: Fixture.scoredSemester(regular: [82, 82, 82, 82], mid: 82, end: 82))])
        #expect(result.subjects[0].semester1 == .score(Fixture.score(76)))
        #expect(result.subjects[0].semester2 == .score(Fixture.score(82)))
        #expect(result.subjects[0].year == .score(Fixture.score(80)))
        #expect(result.subjects[0].year.textVI == "8,0")
        #expect(result.subjects[0].ruleSet == .circular22_2021)
    }

    /// Fractions are `numeratorTenths / denominator` in tenths of a point: 7.26 points is
    /// 72.6 tenths, written 726/10.
    @Test("rounding: half up at x.x5, nearest otherwise", arguments: [
        (726, 10, 73),      // 7.26 → 7.3 (DOMAIN.md [G2])
        (725, 10, 73),      // 7.25 → 7.3, half up
        (8125, 100, 81),    // 8.125 → 8.1
        (825, 10, 83),      // 8.25 → 8.3, where bankers' rounding gives 8.2
        (7249, 100, 72),    // 7.249 → 7.2
        (685, 9, 76),       // 7.611… → 7.6
        (95, 1, 95),        // exact tenths stay
        (0, 7, 0),
        (1000, 10, 100),
        (995, 10, 100),     // 9.95 → 10.0
        (5, 10, 1),         // 0.05 → 0.1
        (4, 10, 0),         // 0.04 → 0.0
    ])
    func rounding(numerator: Int, denominator: Int, tenths: Int) throws {
        let average = try #require(WeightedAverage(numeratorTenths: numerator, denominator: denominator))
        #expect(GradingRounding.halfUpTenths(numeratorTenths: numerator, denominator: denominator) == tenths)
        #expect(average.rounded.tenths == tenths)
        #expect(average.isExactTenth == (numerator % denominator == 0))
    }

    @Test("a fraction that no average of scores can be is rejected")
    func invalidFraction() {
        #expect(WeightedAverage(numeratorTenths: -1, denominator: 3) == nil)
        #expect(WeightedAverage(numeratorTenths: 10, denominator: 0) == nil)
        #expect(WeightedAverage(numeratorTenths: 1001, denominator: 10) == nil)
        #expect(WeightedAverage(numeratorTenths: 1000, denominator: 10) != nil)
    }

    @Test("a semester averaging exactly 7.25 rounds to 7.3")
    func semesterHalfUp() throws {
        let s = Fixture.spec(.scored, periods: 70)   // 3 regular, weight 8
        let semester = try ScoredSemester(
            regular: [70, 70, 70].map(Fixture.score), midTerm: Fixture.score(80), endOfTerm: Fixture.score(70),
            subject: s, ruleSet: .circular22_2021)
        #expect(semester.exactAverage == WeightedAverage(numeratorTenths: 580, denominator: 8))
        #expect(!semester.exactAverage.isExactTenth)
        #expect(semester.average == Fixture.score(73))
    }

    @Test("uniform scores give exactly that average")
    func exactTenthsStay() throws {
        for tenths in [0, 35, 49, 50, 64, 65, 79, 80, 89, 90, 100] {
            let result = try Fixture.year([Fixture.uniform(tenths)])
            #expect(result.subjects[0].year == .score(Fixture.score(tenths)))
        }
    }

    @Test("year average: rounded semesters by default, exact semesters on the other reading")
    func yearBasis() throws {
        #expect(YearAverageBasis.chosen == .roundedSemesterAverages)
        // Semester I: 8.0. Semester II: (4 × 7.1 + 2 × 7.0 + 3 × 7.0)/9 = 7.044… printed 7.0.
        // Rounded reading: (8.0 + 2 × 7.0)/3 = 7.333… → 7.3.
        // Exact reading:   (8.0 + 2 × 7.044…)/3 = 7.363… → 7.4.
        let first = try ScoredSemester(regular: [80, 80, 80, 80].map(Fixture.score), midTerm: Fixture.score(80),
                                       endOfTerm: Fixture.score(80), subject: toan10, ruleSet: .circular22_2021)
        let second = try ScoredSemester(regular: [71, 71, 71, 71].map(Fixture.score), midTerm: Fixture.score(70),
                                        endOfTerm: Fixture.score(70), subject: toan10, ruleSet: .circular22_2021)
        #expect(second.average == Fixture.score(70))
        #expect(SubjectAverages.year(semester1: first, semester2: second) == Fixture.score(73))
        #expect(SubjectAverages.year(semester1: first, semester2: second, basis: .roundedSemesterAverages) == Fixture.score(73))
        #expect(SubjectAverages.year(semester1: first, semester2: second, basis: .exactSemesterAverages) == Fixture.score(74))
        #expect(SubjectAverages.yearExact(semester1: first, semester2: second)
                == WeightedAverage(numeratorTenths: 720 * 9 + 2 * 634 * 9, denominator: 3 * 9 * 9))

        let entries = SubjectYearEntries(
            subject: toan10,
            semester1: Fixture.scoredSemester(regular: [80, 80, 80, 80], mid: 80, end: 80),
            semester2: Fixture.scoredSemester(regular: [71, 71, 71, 71], mid: 70, end: 70))
        let chosen = try YearResults.compute(ruleSet: .circular22_2021, subjects: [entries], conduct: .tot, absentSessions: 0)
        let exact = try YearResults.compute(ruleSet: .circular22_2021, subjects: [entries], conduct: .tot, absentSessions: 0,
                                            basis: .exactSemesterAverages)
        #expect(chosen.subjects[0].year == .score(Fixture.score(73)))
        #expect(exact.subjects[0].year == .score(Fixture.score(74)))
    }
}
