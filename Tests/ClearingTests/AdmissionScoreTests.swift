import Testing
import Clearing

@Suite("Admission scores")
struct AdmissionScoreTests {
    @Test("exact decimals with up to 4 places parse to ten-thousandths", arguments: [
        ("0", 0), ("8", 80_000), ("25.35", 253_500), ("25.3500", 253_500), ("2.5667", 25_667), ("07.50", 75_000),
        ("0.0001", 1), ("30", 300_000), ("429496.7295", 4_294_967_295),
    ] as [(String, UInt32)])
    func parses(text: String, units: UInt32) throws {
        #expect(try AdmissionScore(text).units == units)
    }

    @Test("anything else is refused with a reason", arguments: [
        ("", AdmissionScoreParseError.empty),
        ("-1", .negative(text: "-1")),
        ("25.35001", .tooManyDecimalPlaces(text: "25.35001")),
        ("25,35", .invalidCharacter(text: "25,35")),
        (" 25", .invalidCharacter(text: " 25")),
        ("25 ", .invalidCharacter(text: "25 ")),
        ("+1", .invalidCharacter(text: "+1")),
        ("1e3", .invalidCharacter(text: "1e3")),
        ("abc", .invalidCharacter(text: "abc")),
        (".5", .malformed(text: ".5")),
        ("25.", .malformed(text: "25.")),
        ("1.2.3", .invalidCharacter(text: "1.2.3")),
        ("429496.7296", .tooLarge(text: "429496.7296")),
        ("99999999999999999999", .tooLarge(text: "99999999999999999999")),
    ])
    func refuses(text: String, error: AdmissionScoreParseError) {
        #expect(throws: error) { try AdmissionScore(text) }
    }

    @Test("messages quote the text; reasons leave it to the report")
    func messages() {
        let error = AdmissionScoreParseError.tooManyDecimalPlaces(text: "8.12345")
        #expect(error.messageEN == "\"8.12345\" has more than 4 decimal places; scores are exact to 4 places at most")
        #expect(!error.reasonEN.contains("8.12345"))
        #expect(AdmissionScoreParseError.empty.messageEN == "the score is empty")
    }

    @Test("scores print as their shortest exact decimal", arguments: [
        (0, "0"), (253_500, "25.35"), (250_000, "25"), (25_667, "2.5667"), (1, "0.0001"), (10, "0.001"),
    ] as [(UInt32, String)])
    func prints(units: UInt32, text: String) {
        #expect(AdmissionScore(units: units).description == text)
    }
}
