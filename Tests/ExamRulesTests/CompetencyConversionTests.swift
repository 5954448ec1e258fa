import Testing

@testable import ExamRules

@Suite("Competency-test scores converted to the 30-point admission scale by an institution's table")
struct CompetencyConversionTests {
    static func p(_ text: String) -> Points { Points(text)! }
    static func point(_ test: String, _ score: String) -> CompetencyConversion.Point { .init(testScore: p(test), score: p(score)) }

    /// An HSA table with bands at 75, 100 and 130 of 150.
    static let hsa = CompetencyConversion(test: .hsa, points: [point("75", "18"), point("100", "24"), point("130", "29.5")])!

    @Test("a table's points convert exactly; between two points the straight line, rounded half up to two decimals")
    func interpolates() {
        #expect(Self.hsa.convert(Self.p("75")) == Self.p("18.00"))
        #expect(Self.hsa.convert(Self.p("100")) == Self.p("24.00"))
        // 100 → 24, 130 → 29.5: 115 is halfway, 26.75; 101 is 24 + 5.5/30 = 24.1833… → 24.18.
        #expect(Self.hsa.convert(Self.p("115")) == Self.p("26.75"))
        #expect(Self.hsa.convert(Self.p("101")) == Self.p("24.18"))
        // 75 → 18, 100 → 24: 87.5 gives 21.00; 80.25 gives 18 + 5.25 × 6/25 = 19.26.
        #expect(Self.hsa.convert(Self.p("87.5")) == Self.p("21.00"))
        #expect(Self.hsa.convert(Self.p("80.25")) == Self.p("19.26"))
    }

    @Test("below the first point nobody is taken; above the last the last score holds; past the test's maximum is no score")
    func ends() {
        #expect(Self.hsa.convert(Self.p("74.99")) == nil)
        #expect(Self.hsa.convert(Self.p("150")) == Self.p("29.50"))
        #expect(Self.hsa.convert(Self.p("150.01")) == nil)
    }

    @Test("a table must rise in both columns, stay within the test's maximum and the 30-point scale, and have two points")
    func refusesBadTables() {
        #expect(CompetencyConversion(test: .hsa, points: [Self.point("75", "18")]) == nil)
        #expect(CompetencyConversion(test: .hsa, points: [Self.point("75", "18"), Self.point("75", "20")]) == nil)
        #expect(CompetencyConversion(test: .hsa, points: [Self.point("75", "20"), Self.point("90", "19")]) == nil)
        #expect(CompetencyConversion(test: .tsa, points: [Self.point("50", "18"), Self.point("101", "29")]) == nil)
        #expect(CompetencyConversion(test: .vact, points: [Self.point("600", "18"), Self.point("1200", "30.5")]) == nil)
        #expect(CompetencyConversion(test: .vact, points: [Self.point("600", "18"), Self.point("1200", "30")]) != nil)
    }

    @Test("property: a higher test score never converts lower, and every conversion lies within the table's range")
    func monotone() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var test = Int.random(in: 0...5_000, using: &generator)
            var score = Int.random(in: 0...1_000, using: &generator)
            var points: [CompetencyConversion.Point] = []
            for _ in 0..<Int.random(in: 2...6, using: &generator) {
                test += Int.random(in: 1...2_000, using: &generator)
                score += Int.random(in: 1...400, using: &generator)
                points.append(.init(testScore: Points(hundredths: test), score: Points(hundredths: min(score, 3_000))))
            }
            guard let table = CompetencyConversion(test: .hsa, points: points) else { continue }
            var previous: Points?
            for hundredths in stride(from: points[0].testScore.hundredths, through: CompetencyTest.hsa.maximum.hundredths, by: 37) {
                let converted = table.convert(Points(hundredths: hundredths))!
                #expect(converted >= points[0].score && converted <= points.last!.score)
                if let previous { #expect(converted >= previous) }
                previous = converted
            }
        }
    }
}
