import App
import IdentityVerification
import PersonMatching
import Testing

/// The `NEMIS_IDENTITY_*` thresholds: read as given, defaults where not set, and a setting that
/// cannot be used named with what is wrong, before a server or a command starts.
@Suite("Identity verification thresholds set by the operator")
struct PolicySettingsTests {
    @Test("nothing set: the defaults; other variables are not looked at")
    func defaults() throws {
        #expect(try PolicySettings.policy([:]) == VerificationPolicy())
        #expect(try PolicySettings.policy(["NEMIS_POPULATION_FILE": "x.csv", "HOME": "/root"]) == VerificationPolicy())
    }

    @Test("each setting is read; the rest keep their defaults")
    func read() throws {
        let policy = try PolicySettings.policy([
            "NEMIS_IDENTITY_REVIEW_WEIGHT": "14.5", "NEMIS_IDENTITY_AUTO_LINK_WEIGHT": " 31 ",
            "NEMIS_IDENTITY_AUTO_LINK_GAP": "12", "NEMIS_IDENTITY_AMBIGUITY_GAP": "3", "NEMIS_IDENTITY_MAXIMUM_NAMESAKES": "2",
        ])
        #expect(policy == VerificationPolicy(reviewWeight: 14.5, autoLinkWeight: 31, autoLinkGap: 12, ambiguityGap: 3, maximumNamesakes: 2))
    }

    @Test("a setting that cannot be used is refused, naming it and saying why",
          arguments: [
            (["NEMIS_IDENTITY_AUTOLINK_WEIGHT": "30"], "NEMIS_IDENTITY_AUTOLINK_WEIGHT is not a setting"),
            (["NEMIS_IDENTITY_AUTO_LINK_WEIGHT": "thirty"], "NEMIS_IDENTITY_AUTO_LINK_WEIGHT must be a number of bits"),
            (["NEMIS_IDENTITY_AUTO_LINK_GAP": "-1"], "NEMIS_IDENTITY_AUTO_LINK_GAP must be a number of bits"),
            (["NEMIS_IDENTITY_MAXIMUM_NAMESAKES": "0"], "NEMIS_IDENTITY_MAXIMUM_NAMESAKES must be a whole number"),
            (["NEMIS_IDENTITY_MAXIMUM_NAMESAKES": "1.5"], "NEMIS_IDENTITY_MAXIMUM_NAMESAKES must be a whole number"),
            (["NEMIS_IDENTITY_REVIEW_WEIGHT": "30", "NEMIS_IDENTITY_AUTO_LINK_WEIGHT": "20"], "is below NEMIS_IDENTITY_REVIEW_WEIGHT"),
          ])
    func refused(environment: [String: String], message: String) {
        #expect {
            try PolicySettings.policy(environment)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("a server configured with a setting it cannot use does not start")
    func serverRefuses() async {
        await #expect {
            try await withApp(.sqlite, configure: { $0.identityPolicy = ["NEMIS_IDENTITY_REVIEW_WEIGHT": "high"] }) { _ in }
        } throws: { error in
            "\(error)".contains("NEMIS_IDENTITY_REVIEW_WEIGHT must be a number of bits")
        }
    }
}
