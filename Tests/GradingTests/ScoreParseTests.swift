import Foundation
import Testing
@testable import Grading

@Suite("Score parsing")
struct ScoreParseTests {
    @Test("teacher input: integers, decimal point, Vietnamese decimal comma", arguments: [
        ("8", 80), ("8.5", 85), ("8,5", 85), (" 10 ", 100), ("0", 0), ("0,0", 0), ("10.0", 100),
        ("08", 80), ("8.50", 85), ("\u{00A0}7,3\t", 73), ("9.9", 99),
    ])
    func accepted(text: String, tenths: Int) throws {
        #expect(try Score.parse(text).tenths == tenths)
        #expect(try Score(text).tenths == tenths)
    }

    @Test("rejections say why")
    func rejected() {
        #expect(throws: ScoreParseError.empty) { try Score.parse("") }
        #expect(throws: ScoreParseError.empty) { try Score.parse("   ") }
        #expect(throws: ScoreParseError.negative(text: "-1")) { try Score.parse("-1") }
        #expect(throws: ScoreParseError.aboveMaximum(text: "10.5")) { try Score.parse("10.5") }
        #expect(throws: ScoreParseError.aboveMaximum(text: "11")) { try Score.parse("11") }
        #expect(throws: ScoreParseError.aboveMaximum(text: "100000000000000000000000")) {
            try Score.parse("100000000000000000000000")
        }
        #expect(throws: ScoreParseError.tooManyDecimals(text: "8.25")) { try Score.parse("8.25") }
        #expect(throws: ScoreParseError.tooManyDecimals(text: "8,05")) { try Score.parse("8,05") }
        #expect(throws: ScoreParseError.malformed(text: "8.")) { try Score.parse("8.") }
        #expect(throws: ScoreParseError.malformed(text: ",5")) { try Score.parse(",5") }
        #expect(throws: ScoreParseError.malformed(text: "8.5.1")) { try Score.parse("8.5.1") }
        #expect(throws: ScoreParseError.invalidCharacter(found: "+")) { try Score.parse("+8") }
        #expect(throws: ScoreParseError.invalidCharacter(found: "a")) { try Score.parse("8a") }
        #expect(throws: ScoreParseError.invalidCharacter(found: " ")) { try Score.parse("8 5") }
        #expect(throws: ScoreParseError.invalidCharacter(found: "８")) { try Score.parse("８") }
    }

    @Test("errors carry codes and both messages")
    func messages() {
        let all: [ScoreParseError] = [
            .empty, .negative(text: "-1"), .invalidCharacter(found: "x"), .malformed(text: "8."),
            .tooManyDecimals(text: "8.25"), .aboveMaximum(text: "10.5"), .notWholeNumber(text: "8.5"),
        ]
        #expect(Set(all.map(\.code)).count == all.count)
        for error in all {
            #expect(error.code.hasPrefix("score."))
            #expect(!error.messageEN.isEmpty)
            #expect(!error.messageVI.isEmpty)
        }
        #expect(ScoreParseError.tooManyDecimals(text: "8.25").messageEN.contains("one decimal"))
        #expect(ScoreParseError.aboveMaximum(text: "10.5").messageVI.contains("từ 0 đến 10"))
    }

    @Test("rendering and Decimal value")
    func rendering() throws {
        let s = try Score.parse("8,5")
        #expect(s.description == "8.5")
        #expect(s.textVI == "8,5")
        #expect(Score.ten.description == "10.0")
        #expect(Score.zero.textVI == "0,0")
        #expect(s.decimalValue == Decimal(string: "8.5"))
        #expect(Score(tenths: 101) == nil)
        #expect(Score(tenths: -1) == nil)
        #expect(Score(tenths: 37)! < Score(tenths: 38)!)
    }

    @Test("every score round-trips through both renderings")
    func roundTrip() throws {
        for tenths in 0...100 {
            let score = Score(tenths: tenths)!
            #expect(try Score.parse(score.description) == score)
            #expect(try Score.parse(score.textVI) == score)
        }
    }
}
