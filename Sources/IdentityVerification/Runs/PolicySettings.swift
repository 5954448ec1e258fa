import Foundation
import PersonMatching

/// The thresholds of verification runs as an operator sets them, with `NEMIS_IDENTITY_*` variables
/// read by the server and by `nemis identity`; a threshold not set keeps `VerificationPolicy`'s
/// default. Each run saves the policy it decided with, so changing a setting changes later runs only.
public enum PolicySettings {
    /// The variables, what each sets (with its default) and its unit, as `nemis identity --help` and errors list them.
    public static let variables: [(name: String, meaning: String)] = {
        let defaults = VerificationPolicy()
        func bits(_ value: Double) -> String { value.rounded() == value ? String(Int(value)) : String(value) }
        return [
            ("NEMIS_IDENTITY_REVIEW_WEIGHT",
             "bits below which a search's best candidate is not worth review (not_found); default \(bits(defaults.reviewWeight))"),
            ("NEMIS_IDENTITY_AUTO_LINK_WEIGHT",
             "bits of link weight an automatic link needs, at least the review weight; default \(bits(defaults.autoLinkWeight))"),
            ("NEMIS_IDENTITY_AUTO_LINK_GAP", "bits an automatic link needs above the runner-up; default \(bits(defaults.autoLinkGap))"),
            ("NEMIS_IDENTITY_AMBIGUITY_GAP", "bits within which two candidates are ambiguous; default \(bits(defaults.ambiguityGap))"),
            ("NEMIS_IDENTITY_MAXIMUM_NAMESAKES",
             "registry people with the name, sex and birth year (and the record's birth province) an automatic link by search "
                + "allows, 1 or more; default \(defaults.maximumNamesakes.map(String.init) ?? "no limit")"),
        ]
    }()

    /// The policy the variables in `environment` describe (other variables are ignored).
    public static func policy(_ environment: [String: String]) throws(PolicySettingsError) -> VerificationPolicy {
        let settings = environment.filter { $0.key.hasPrefix("NEMIS_IDENTITY_") }
        let known = Set(variables.map(\.name))
        if let unknown = settings.keys.sorted().first(where: { !known.contains($0) }) {
            throw PolicySettingsError("\(unknown) is not a setting of identity verification; they are "
                                      + variables.map(\.name).joined(separator: ", "))
        }
        func bits(_ name: String, _ fallback: Double) throws(PolicySettingsError) -> Double {
            guard let text = settings[name] else { return fallback }
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, (0...200).contains(value) else {
                throw PolicySettingsError("\(name) must be a number of bits from 0 to 200, not '\(text)'")
            }
            return value
        }
        var policy = VerificationPolicy()
        policy.reviewWeight = try bits("NEMIS_IDENTITY_REVIEW_WEIGHT", policy.reviewWeight)
        policy.autoLinkWeight = try bits("NEMIS_IDENTITY_AUTO_LINK_WEIGHT", policy.autoLinkWeight)
        policy.autoLinkGap = try bits("NEMIS_IDENTITY_AUTO_LINK_GAP", policy.autoLinkGap)
        policy.ambiguityGap = try bits("NEMIS_IDENTITY_AMBIGUITY_GAP", policy.ambiguityGap)
        if let text = settings["NEMIS_IDENTITY_MAXIMUM_NAMESAKES"] {
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 1 else {
                throw PolicySettingsError("NEMIS_IDENTITY_MAXIMUM_NAMESAKES must be a whole number of people, 1 or more, not '\(text)'")
            }
            policy.maximumNamesakes = value
        }
        guard policy.autoLinkWeight >= policy.reviewWeight else {
            throw PolicySettingsError("NEMIS_IDENTITY_AUTO_LINK_WEIGHT (\(policy.autoLinkWeight)) is below NEMIS_IDENTITY_REVIEW_WEIGHT "
                                      + "(\(policy.reviewWeight)): a match linked without review must weigh at least what review needs")
        }
        return policy
    }
}

/// A `NEMIS_IDENTITY_*` variable that cannot be used, with what is wrong in words an operator acts on.
public struct PolicySettingsError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
