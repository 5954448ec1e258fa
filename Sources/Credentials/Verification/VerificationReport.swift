import DataIntegrity
import Foundation

/// One line of a verification report.
public struct CheckResult: Sendable, Hashable {
    /// Which check this is.
    public let check: VerificationCheck
    /// How it ended.
    public let outcome: CheckOutcome
    /// Set when `outcome` is `.failed`: how the failure affects the verdict.
    public let failure: VerificationFailure?
    /// What it found.
    public let finding: VerificationFinding

    /// A result; `failure` is kept only for `.failed` (defaulting to `.invalid`).
    public init(check: VerificationCheck, outcome: CheckOutcome, failure: VerificationFailure? = nil, finding: VerificationFinding) {
        self.check = check
        self.outcome = outcome
        self.failure = outcome == .failed ? (failure ?? .invalid) : nil
        self.finding = finding
    }

    /// The finding's stable code.
    public var code: String { finding.code }
    /// The finding in Vietnamese.
    public var messageVI: String { finding.messageVI }
    /// The finding in English.
    public var messageEN: String { finding.messageEN }
}

/// Who issued the credential, as it claims and as the registry says.
public struct IssuerSummary: Sendable, Hashable {
    /// The `issuer` id (a did:key for NEMIS schools).
    public let id: String?
    /// The issuer's `name` as written in the credential (self-asserted).
    public let claimedName: String?
    /// The school code in the issuer Profile (self-asserted).
    public let claimedSectorCode: String?
    /// The registry's answer for the signing key at issuance, when a registry was read.
    public let registration: KeyRegistration?
    /// True when the registry's proof was checked against the pinned ministry key.
    public let registryAnchored: Bool

    /// Whether the key is listed in a registry whose proof holds.
    public var isRegistered: Bool {
        guard let registration else { return false }
        if case .unregistered = registration { return false }
        return true
    }
}

/// The result of verifying one credential: every check in order, the issuer, and the verdict.
public struct VerificationReport: Sendable {
    /// Checks in the order they ran. A check may appear more than once (one status result
    /// per status entry).
    public let checks: [CheckResult]
    /// Who issued it, as claimed and as registered.
    public let issuer: IssuerSummary
    /// The credential's `id`, if it has one.
    public let credentialID: String?
    /// The credential's `type` values.
    public let types: [String]

    /// A report; normally made by `CredentialVerifier`.
    public init(checks: [CheckResult], issuer: IssuerSummary, credentialID: String?, types: [String]) {
        self.checks = checks
        self.issuer = issuer
        self.credentialID = credentialID
        self.types = types
    }

    /// The deciding failure, or `nil` when the credential is accepted.
    public var failure: VerificationFailure? { checks.compactMap(\.failure).min() }

    /// True when every required check passed: proof and shape valid, dates hold, not revoked,
    /// and the key trusted as far as the options asked.
    public var isValid: Bool { failure == nil }

    /// 0 when valid, otherwise the failure's exit status.
    public var exitCode: Int32 { failure?.exitCode ?? 0 }

    /// The results of one check.
    public func results(for check: VerificationCheck) -> [CheckResult] { checks.filter { $0.check == check } }

    /// Vietnamese verdict line.
    public var verdictVI: String { failure?.messageVI ?? "HỢP LỆ: chữ ký đúng, còn hiệu lực, không bị thu hồi." }
    /// English verdict line.
    public var verdictEN: String { failure?.messageEN ?? "VALID: the proof holds, the dates hold, and it is not revoked." }

    /// The report as JSON, for the CLI's `--json` and for the HTTP side.
    public var json: JSONValue {
        var issuerMembers: [(key: String, value: JSONValue)] = [
            ("id", issuer.id.map(JSONValue.string) ?? .null),
            ("claimedName", issuer.claimedName.map(JSONValue.string) ?? .null),
            ("claimedSectorCode", issuer.claimedSectorCode.map(JSONValue.string) ?? .null),
            ("registryAnchored", .bool(issuer.registryAnchored)),
        ]
        if let registration = issuer.registration {
            issuerMembers.append(("registration", .string(registration.code)))
            if let school = registration.school {
                issuerMembers.append(("registeredSectorCode", .string(school.sectorCode)))
                issuerMembers.append(("registeredName", .string(school.name)))
            }
        } else {
            issuerMembers.append(("registration", "not_checked"))
        }
        return [
            "valid": .bool(isValid),
            "exitCode": .number(Double(exitCode)),
            "verdict": failure.map { .string(String(describing: $0)) } ?? "valid",
            "verdictVI": .string(verdictVI),
            "verdictEN": .string(verdictEN),
            "credentialId": credentialID.map(JSONValue.string) ?? .null,
            "type": .array(types.map(JSONValue.string)),
            "issuer": .object(issuerMembers),
            "checks": .array(checks.map { result in
                [
                    "check": .string(result.check.rawValue),
                    "outcome": .string(result.outcome.rawValue),
                    "code": .string(result.code),
                    "messageVI": .string(result.messageVI),
                    "messageEN": .string(result.messageEN),
                ]
            }),
        ]
    }
}

extension KeyRegistration {
    /// Stable code for reports.
    public var code: String {
        switch self {
        case .valid: "registered"
        case .notYetValid: "key_not_yet_valid"
        case .expired: "key_expired"
        case .compromised: "key_compromised"
        case .unregistered: "unregistered"
        }
    }
}
