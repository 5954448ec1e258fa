import DataIntegrity
import Foundation

/// Verifies a credential offline: shape, proof, embedded parts, dates, the ministry's issuer
/// registry and the Bitstring Status List, each reported with its reason.
public enum CredentialVerifier {
    /// What the caller requires beyond a valid proof and dates.
    public struct Options: Sendable {
        /// The instant the dates are checked at.
        public var now: Date
        /// An issuer whose key is not in an anchored registry is a failure, not a warning.
        public var trustedOnly: Bool
        /// A status that cannot be checked (no list given, no status entry) is a failure.
        public var requireStatus: Bool

        /// Options; by default dates are checked now and nothing beyond proof and dates is required.
        public init(now: Date = Date(), trustedOnly: Bool = false, requireStatus: Bool = false) {
            self.now = now
            self.trustedOnly = trustedOnly
            self.requireStatus = requireStatus
        }
    }

    /// Verifies `credential`.
    ///
    /// - Parameters:
    ///   - registry: the ministry's issuer registry, if the caller has one.
    ///   - statusLists: status list credentials by their `id` (see `statusListsByID`).
    ///   - trustedRegistryKey: the ministry's DID (or verification method) the registry must
    ///     be signed by; `nil` leaves the registry unanchored (reported, and not enough for
    ///     `trustedOnly`).
    public static func verify(
        credential: JSONValue, registry: IssuerRegistry?, statusLists: [String: JSONValue],
        trustedRegistryKey: String?, now: Date = Date(), trustedOnly: Bool = false, requireStatus: Bool = false
    ) -> VerificationReport {
        let options = Options(now: now, trustedOnly: trustedOnly, requireStatus: requireStatus)
        let assessment = registry.map { RegistryAssessment.assess($0, trustedRegistryKey: trustedRegistryKey, now: now) }
        return verify(credential: credential, registry: assessment, statusLists: statusLists, options: options)
    }

    /// Verifies `credential` against a registry assessed beforehand (for many credentials).
    public static func verify(
        credential: JSONValue, registry: RegistryAssessment?, statusLists: [String: JSONValue], options: Options
    ) -> VerificationReport {
        var run = VerificationRun(credential: credential, registry: registry, statusLists: statusLists, options: options)
        return run.report()
    }

    /// Status list credentials keyed by their `id`, the URL credentials point at.
    public static func statusListsByID(_ lists: [JSONValue]) -> [String: JSONValue] {
        var byID: [String: JSONValue] = [:]
        for list in lists {
            if let id = list["id"]?.stringValue { byID[id] = list }
        }
        return byID
    }
}

/// The state of one verification while its checks run.
private struct VerificationRun {
    let credential: JSONValue
    let registry: RegistryAssessment?
    let statusLists: [String: JSONValue]
    let options: CredentialVerifier.Options
    var results: [CheckResult] = []

    let issuerID: String?
    let validFrom: Date?
    /// The DID whose key made the credential's proof, once the proof has been read.
    var signerDID: String?
    var registration: KeyRegistration?

    init(credential: JSONValue, registry: RegistryAssessment?, statusLists: [String: JSONValue], options: CredentialVerifier.Options) {
        self.credential = credential
        self.registry = registry
        self.statusLists = statusLists
        self.options = options
        issuerID = CredentialVocabulary.issuerID(credential)
        validFrom = credential["validFrom"]?.stringValue.flatMap(DateTimeStamp.parse)
    }

    mutating func report() -> VerificationReport {
        checkShape()
        if case .object = credential {
            checkProof()
            checkParts()
            checkDates()
            checkRegistry()
            checkStatus()
        }
        let issuerProfile = credential["issuer"]
        let claimedCode = issuerProfile?["otherIdentifier"]?.arrayValue?
            .first { $0["identifierType"]?.stringValue == YearRecordVocabulary.schoolCodeIdentifierType }?["identifier"]?.stringValue
        let summary = IssuerSummary(
            id: issuerID, claimedName: issuerProfile?["name"]?.stringValue, claimedSectorCode: claimedCode,
            registration: registration, registryAnchored: registry?.anchored == true && registry?.usable == true)
        return VerificationReport(
            checks: results, issuer: summary, credentialID: credential["id"]?.stringValue,
            types: CredentialVocabulary.types(credential["type"]))
    }

    private mutating func add(_ check: VerificationCheck, _ outcome: CheckOutcome, _ finding: VerificationFinding, _ failure: VerificationFailure? = nil) {
        results.append(CheckResult(check: check, outcome: outcome, failure: failure, finding: finding))
    }

    // MARK: Shape and proof

    private mutating func checkShape() {
        let problems = ShapeRules.problems(of: credential)
        if problems.isEmpty {
            add(.shape, .passed, .shapeValid(types: CredentialVocabulary.types(credential["type"])))
        }
        for problem in problems { add(.shape, .failed, problem, .invalid) }
    }

    private mutating func checkProof() {
        let verification = EddsaJcs2022.verify(document: credential)
        if let method = verification.verificationMethod {
            signerDID = CredentialVocabulary.controller(ofVerificationMethod: method)
        }
        if let failure = verification.failure {
            add(.proof, .failed, .proofFailed(failure), .invalid)
            return
        }
        let method = verification.verificationMethod ?? ""
        guard let issuerID, signerDID == issuerID else {
            add(.proof, .failed, .proofKeyNotIssuer(verificationMethod: method, issuer: issuerID ?? "?"), .invalid)
            return
        }
        add(.proof, .passed, .proofVerified(verificationMethod: method))
    }

    // MARK: Parts

    /// The credentials of a `ClrCredential` are covered by its proof; each must still be a
    /// well-formed credential of the same issuer, and any proof of its own must hold.
    private mutating func checkParts() {
        guard CredentialVocabulary.types(credential["type"]).contains("ClrCredential"),
              let parts = credential["credentialSubject"]?["verifiableCredential"]?.arrayValue
        else {
            add(.parts, .skipped, .noParts)
            return
        }
        var failed = false
        for (index, part) in parts.enumerated() {
            for problem in ShapeRules.problems(of: part) {
                add(.parts, .failed, .partProblem(index: index, problem), .invalid)
                failed = true
            }
            let partIssuer = CredentialVocabulary.issuerID(part)
            if partIssuer != issuerID {
                add(.parts, .failed, .partIssuerMismatch(index: index, found: partIssuer), .invalid)
                failed = true
            }
            if part["proof"] != nil {
                let verification = EddsaJcs2022.verify(document: part)
                if let failure = verification.failure {
                    add(.parts, .failed, .partProblem(index: index, .proofFailed(failure)), .invalid)
                    failed = true
                } else if let method = verification.verificationMethod,
                          CredentialVocabulary.controller(ofVerificationMethod: method) != partIssuer {
                    add(.parts, .failed, .partProblem(index: index, .proofKeyNotIssuer(verificationMethod: method, issuer: partIssuer ?? "?")), .invalid)
                    failed = true
                }
            }
        }
        if !failed { add(.parts, .passed, .partsConsistent(count: parts.count)) }
    }

    // MARK: Dates

    private mutating func checkDates() {
        guard let validFrom else { return }  // reported by the shape check
        let validUntil = credential["validUntil"]?.stringValue.flatMap(DateTimeStamp.parse)
        if validFrom > options.now {
            add(.dates, .failed, .notYetValid(validFrom: validFrom), .dates)
        } else if let validUntil, validUntil < options.now {
            add(.dates, .failed, .expired(validUntil: validUntil), .dates)
        } else {
            add(.dates, .passed, .datesHold(validFrom: validFrom, validUntil: validUntil))
        }
    }

    // MARK: Registry

    private mutating func checkRegistry() {
        let unverifiedOutcome: CheckOutcome = options.trustedOnly ? .failed : .warning
        guard let registry else {
            add(.registry, options.trustedOnly ? .failed : .skipped, .registryNotProvided, .untrusted)
            return
        }
        guard registry.usable else {
            add(.registry, .failed, registry.problem ?? .registryNotProvided, .untrusted)
            return
        }
        if let problem = registry.problem { add(.registry, unverifiedOutcome, problem, .untrusted) }
        guard let key = signerDID ?? issuerID else { return }
        guard let issuedAt = validFrom else {
            add(.registry, .failed, .issuanceTimeUnknown, .untrusted)
            return
        }
        let found = registry.registry.registration(of: key, at: issuedAt)
        registration = found
        switch found {
        case .valid(let school, let registeredKey):
            let claimed = credential["issuer"]?["otherIdentifier"]?.arrayValue?
                .first { $0["identifierType"]?.stringValue == YearRecordVocabulary.schoolCodeIdentifierType }?["identifier"]?.stringValue
            if let claimed, claimed != school.sectorCode {
                add(.registry, .failed, .schoolCodeMismatch(claimed: claimed, registered: school.sectorCode), .untrusted)
            } else {
                add(.registry, registry.anchored ? .passed : unverifiedOutcome,
                    .keyRegistered(sectorCode: school.sectorCode, name: school.name, key: registeredKey, anchored: registry.anchored),
                    .untrusted)
            }
        case .unregistered:
            add(.registry, unverifiedOutcome, .keyUnregistered(did: key), .untrusted)
        case .notYetValid(let school, let registeredKey):
            add(.registry, .failed, .keyNotYetValid(sectorCode: school.sectorCode, validFrom: registeredKey.validFrom), .untrusted)
        case .expired(let school, let registeredKey):
            add(.registry, .failed, .keyExpired(sectorCode: school.sectorCode, validUntil: registeredKey.validUntil ?? issuedAt), .untrusted)
        case .compromised(let school, let registeredKey):
            add(.registry, .failed, .keyCompromised(sectorCode: school.sectorCode, revokedAt: registeredKey.revokedAt ?? issuedAt), .untrusted)
        }
    }

    // MARK: Status

    private mutating func checkStatus() {
        let unchecked: CheckOutcome = options.requireStatus ? .failed : .warning
        let entries: [BitstringStatusListEntry]
        do throws(StatusListError) {
            entries = try BitstringStatusListEntry.entries(in: credential)
        } catch {
            add(.status, .failed, .statusEntryMalformed(error), .invalid)
            return
        }
        if entries.isEmpty {
            add(.status, unchecked, .noStatusEntry, .statusUnknown)
            return
        }
        for entry in entries {
            let url = entry.statusListCredential
            guard let list = statusLists[url] else {
                add(.status, unchecked, .statusListMissing(url: url), .statusUnknown)
                continue
            }
            if let problem = statusListProblem(list, url: url) {
                add(.status, .failed, problem, .statusUnknown)
                continue
            }
            let value: UInt64
            do throws(StatusListError) {
                value = try BitstringStatusList(credential: list).status(of: entry)
            } catch {
                add(.status, .failed, .statusListUnreadable(url: url, reason: error.message), .statusUnknown)
                continue
            }
            if value == 0 {
                let issued = list["validFrom"]?.stringValue.flatMap(DateTimeStamp.parse)
                add(.status, .passed, .statusClear(
                    url: url, purpose: entry.statusPurpose, listValidFrom: issued,
                    ageSeconds: issued.map { options.now.timeIntervalSince($0) }))
            } else if entry.statusPurpose == "revocation" || entry.statusPurpose == "suspension" {
                add(.status, .failed, .statusSet(url: url, purpose: entry.statusPurpose, index: entry.statusListIndex, value: value), .revoked)
            } else {
                add(.status, .warning, .statusSet(url: url, purpose: entry.statusPurpose, index: entry.statusListIndex, value: value))
            }
        }
    }

    /// Why a status list cannot be believed, or `nil`: its proof must hold, and it must be
    /// signed by the credential's issuer, by another key the registry gives the same school,
    /// or by the ministry; a school key must be valid (not compromised) when the list was made.
    private func statusListProblem(_ list: JSONValue, url: String) -> VerificationFinding? {
        let proof = EddsaJcs2022.verify(document: list)
        if let failure = proof.failure { return .statusListProofInvalid(url: url, failure) }
        let signer = CredentialVocabulary.controller(ofVerificationMethod: proof.verificationMethod ?? "")
        guard CredentialVocabulary.issuerID(list) == signer else {
            return .statusListProofInvalid(url: url, .keyNotResolvable(verificationMethod: signer, reason: "the list's issuer is not the key that signed it"))
        }
        let listIssued = list["validFrom"]?.stringValue.flatMap(DateTimeStamp.parse)
        let usableRegistry = registry.flatMap { $0.usable ? $0 : nil }
        let isMinistry = usableRegistry.map { $0.anchored && $0.registry.issuer == signer } ?? false
        if !isMinistry {
            var sameSchool = signer == issuerID
            if let usableRegistry {
                let signerRegistration = usableRegistry.registry.registration(of: signer, at: listIssued ?? options.now)
                if let signerSchool = signerRegistration.school {
                    guard signerRegistration.isValid else { return .statusListKeyNotValid(url: url, signer: signer) }
                    let issuerSchool = usableRegistry.registry.school(holding: issuerID ?? "")
                    sameSchool = sameSchool || signerSchool.sectorCode == issuerSchool?.sectorCode
                }
            }
            guard sameSchool else { return .statusListSignerNotAccepted(url: url, signer: signer) }
        }
        if let listIssued, listIssued > options.now { return .statusListNotCurrent(url: url) }
        if let until = list["validUntil"]?.stringValue.flatMap(DateTimeStamp.parse), until < options.now {
            return .statusListNotCurrent(url: url)
        }
        return nil
    }
}
