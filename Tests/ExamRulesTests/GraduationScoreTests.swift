import Testing

@testable import ExamRules

@Suite("Graduation score, pass rule, incentive points and re-marking (DOMAIN.md §5)")
struct GraduationScoreTests {
    static func p(_ text: String) -> Points { Points(text)! }

    static func input(_ scores: [String], averages: (String, String, String) = ("7.00", "7.50", "8.00"), exempt: Bool = false,
                      incentive: String = "0", priority: String = "0") -> GraduationInput {
        GraduationInput(examScores: scores.map(p), foreignLanguageExempt: exempt, yearAverages: (p(averages.0), p(averages.1), p(averages.2)),
                        incentivePoints: p(incentive), priorityPoints: p(priority))
    }

    @Test("DOMAIN.md's worked example: 7.0, 6.5, 8.0, 7.5; averages 7.00, 7.50, 8.00; ĐƯT 0.25 → 7.71, a pass")
    func workedExample() throws {
        let result = try GraduationFormula.v2025.result(Self.input(["7.0", "6.5", "8.0", "7.5"], priority: "0.25"))
        #expect(result.schoolAverage == Self.p("7.67"))
        #expect(result.score == Self.p("7.71"))
        #expect(result.passed)
        #expect(result.score.description == "7.71")
    }

    @Test("a subject at or below 1.0 fails the candidate whatever the score; 5.00 passes, 4.99 does not")
    func passRule() throws {
        let liet = try GraduationFormula.v2025.result(Self.input(["10", "10", "10", "1.0"], averages: ("9", "9", "9")))
        #expect(!liet.passed && liet.failingSubjects == [3])
        let justAbove = try GraduationFormula.v2025.result(Self.input(["10", "10", "10", "1.25"], averages: ("9", "9", "9")))
        #expect(justAbove.passed && justAbove.failingSubjects.isEmpty)
        // (Σ/4 + avg)/2: Σ = 20, avg 5.00 → (5 + 5)/2 = 5.00.
        #expect(try GraduationFormula.v2025.result(Self.input(["5", "5", "5", "5"], averages: ("5", "5", "5"))).passed)
        // 4.9: (19.9/4 + 5)/2 = 4.9875 → 4.99, a fail; 4.96 would round to 5.00.
        #expect(try !GraduationFormula.v2025.result(Self.input(["5", "5", "5", "4.9"], averages: ("5", "5", "5"))).passed)
    }

    @Test("an exempt candidate is divided by 3 from 2025; in 2024 the exempted language counted as a 10")
    func exemption() throws {
        let exempt = try GraduationFormula.v2025.result(Self.input(["6", "6", "6"], averages: ("6", "6", "6"), exempt: true))
        #expect(exempt.score == Self.p("6.00"))
        #expect(throws: GraduationError.wrongSubjectCount(expected: 3, found: 4)) {
            try GraduationFormula.v2025.result(Self.input(["6", "6", "6", "6"], exempt: true))
        }
        // 2024: [(6+6+6+10)/4 × 7 + 6 × 3]/10 = (49 + 18)/10 = 6.70.
        let old = try GraduationFormula.v2024.result(Self.input(["6", "6", "6"], averages: ("0", "0", "6"), exempt: true))
        #expect(old.score == Self.p("6.70"))
    }

    @Test("the 2024 formula: [(Σ4 + ΣKK)/4 × 7 + ĐTB12 × 3]/10 + ĐƯT")
    func formula2024() throws {
        // (29/4 × 7 + 8 × 3)/10 = (50.75 + 24)/10 = 7.475 → 7.48; + 0.5 = 7.98.
        let result = try GraduationFormula.v2024.result(Self.input(["7.0", "6.5", "8.0", "7.5"], averages: ("1", "1", "8"), priority: "0.5"))
        #expect(result.score == Self.p("7.98"))
        #expect(GraduationFormula.forExamYear(2024) == .v2024 && GraduationFormula.forExamYear(2026) == .v2025)
    }

    @Test("property: raising any exam score never lowers ĐXTN, and ĐƯT is added whole")
    func monotone() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let scores = (0..<4).map { _ in Points(hundredths: Int.random(in: 0...40, using: &generator) * 25) }
            let averages = (0..<3).map { _ in Points(hundredths: Int.random(in: 300...1000, using: &generator)) }
            let base = GraduationInput(examScores: scores, foreignLanguageExempt: false, yearAverages: (averages[0], averages[1], averages[2]),
                                       incentivePoints: .zero, priorityPoints: .zero)
            let before = try GraduationFormula.v2025.result(base)
            var raised = base
            let index = Int.random(in: 0..<4, using: &generator)
            raised.examScores[index] = min(Points(hundredths: 1000), raised.examScores[index] + Points(hundredths: 25))
            #expect(try GraduationFormula.v2025.result(raised).score >= before.score)
            var priority = base
            priority.priorityPoints = Points(hundredths: 50)
            #expect(try GraduationFormula.v2025.result(priority).score.hundredths == before.score.hundredths + 50)
        }
    }

    @Test("incentive points: 2.0 / 1.5 / 1.0 by prize, added up and capped at 2.0")
    func incentives() {
        #expect(IncentivePoints.total([.provincialThird]) == Self.p("1.0"))
        #expect(IncentivePoints.total([.provincialSecond]) == Self.p("1.5"))
        #expect(IncentivePoints.total([.provincialThird, .provincialSecond]) == Self.p("2.0"))
        #expect(IncentivePoints.total([.nationalFirstToThird, .provincialFirst]) == Self.p("2.0"))
        #expect(IncentivePoints.total([]) == .zero)
    }

    @Test("re-marking: two agreeing markers decide; otherwise a third; a change under 0.25 keeps the published score")
    func remarking() {
        #expect(Remarking.essay(published: Self.p("6.0"), marks: [Self.p("6.5"), Self.p("6.5")]) == .decided(score: Self.p("6.5"), changed: true))
        #expect(Remarking.essay(published: Self.p("6.0"), marks: [Self.p("6.5"), Self.p("7.0")]) == .needsThirdMarker)
        #expect(Remarking.essay(published: Self.p("6.0"), marks: [Self.p("6.5"), Self.p("7.0"), Self.p("7.0")]) == .decided(score: Self.p("7.0"), changed: true))
        // No two agree: the mean of the three, 6.25 + 6.5 + 7.0 = 19.75 / 3 = 6.583… → 6.58.
        #expect(Remarking.essay(published: Self.p("6.0"), marks: [Self.p("6.25"), Self.p("6.5"), Self.p("7.0")]) == .decided(score: Self.p("6.58"), changed: true))
        #expect(Remarking.essay(published: Self.p("6.0"), marks: [Self.p("6.2"), Self.p("6.2")]) == .decided(score: Self.p("6.0"), changed: false))
        #expect(Remarking.multipleChoice(published: Self.p("8.0"), rescored: Self.p("8.25")) == .decided(score: Self.p("8.25"), changed: true))
    }

    @Test("scores parse with a point or a comma and at most two decimals")
    func parsing() {
        #expect(Points("7,25")?.hundredths == 725)
        #expect(Points(" 8.5 ")?.hundredths == 850)
        #expect(Points("10")?.hundredths == 1000)
        for bad in ["", "-1", "7.255", "7.", ".5", "1e1", "abc", "7,2,5"] { #expect(Points(bad) == nil, "\(bad)") }
    }
}

@Suite("Admission scores with the priority taper (DOMAIN.md §7.1)")
struct AdmissionScoreTests {
    @Test("DOMAIN.md's table at level 1.0: 23.5 → +0.87, 25.5 → +0.60, 27.5 → +0.33, 29.5 → +0.07")
    func taperTable() {
        for (total, expected) in [("23.5", "24.37"), ("25.5", "26.10"), ("27.5", "27.83"), ("29.5", "29.57")] {
            #expect(AdmissionScoring.score(total: Points(total)!, priorityLevel: Points("1.0")!) == Points(expected)!, "\(total)")
        }
    }

    @Test("below 22.5 the whole level is added; the score never passes 30; areas and groups add up")
    func belowTaper() {
        #expect(AdmissionScoring.score(total: Points("20")!, priorityLevel: Points("2.75")!) == Points("22.75")!)
        #expect(AdmissionScoring.score(total: Points("22.4")!, priorityLevel: Points("2.0")!) == Points("24.40")!)
        #expect(AdmissionScoring.score(total: Points("30")!, priorityLevel: Points("2.75")!) == Points("30")!)
        #expect(AdmissionScoring.priorityLevel(area: .kv1, group: .ut1) == Points("2.75")!)
        #expect(AdmissionScoring.priorityLevel(area: .kv3, group: nil) == .zero)
        // At level 2.75 a total of 23 gives 23 + 7/7.5 × 2.75 = 25.5667 → 25.57.
        #expect(AdmissionScoring.score(total: Points("23")!, priorityLevel: Points("2.75")!) == Points("25.57")!)
    }

    @Test("property: a higher total never gives a lower score at the same level")
    func monotone() {
        for level in [0, 25, 75, 100, 200, 275] {
            var previous = Points.zero
            for total in stride(from: 0, through: 3000, by: 5) {
                let score = AdmissionScoring.score(total: Points(hundredths: total), priorityLevel: Points(hundredths: level))
                #expect(score >= previous, "total \(total) level \(level)")
                previous = score
            }
        }
    }
}
