import DataIntegrity
import Foundation

/// An issuer registry after its own proof and currency were checked, ready to answer
/// lookups for many credentials (the public verification endpoint assesses a registry
/// once, not per request: a national registry is large to canonicalise).
public struct RegistryAssessment: Sendable {
    /// The registry assessed.
    public let registry: IssuerRegistry
    /// True when the registry's proof holds and its signer is the pinned ministry key.
    public let anchored: Bool
    /// True when lookups may be used: the proof holds, the signer is the pinned key (if one
    /// was given), and the edition is current. An unanchored but usable registry is
    /// reported as such and does not satisfy `trustedOnly`.
    public let usable: Bool
    /// The problem found, if any (`registryNotAnchored` when no key was pinned).
    public let problem: VerificationFinding?

    /// Checks `registry`'s proof against `trustedRegistryKey` (a DID or its verification
    /// method) and its validity period against `now`.
    public static func assess(_ registry: IssuerRegistry, trustedRegistryKey: String?, now: Date) -> RegistryAssessment {
        func rejected(_ finding: VerificationFinding) -> RegistryAssessment {
            RegistryAssessment(registry: registry, anchored: false, usable: false, problem: finding)
        }
        let proof = EddsaJcs2022.verify(document: registry.credential)
        if let failure = proof.failure { return rejected(.registryProofInvalid(failure)) }
        let signer = CredentialVocabulary.controller(ofVerificationMethod: proof.verificationMethod ?? "")
        guard signer == registry.issuer else { return rejected(.registrySignerNotTrusted(signer: signer, trusted: registry.issuer)) }
        if let trusted = trustedRegistryKey.map(CredentialVocabulary.controller(ofVerificationMethod:)), signer != trusted {
            return rejected(.registrySignerNotTrusted(signer: signer, trusted: trusted))
        }
        if registry.validFrom > now || registry.validUntil.map({ $0 < now }) == true {
            return rejected(.registryNotCurrent(validFrom: registry.validFrom, validUntil: registry.validUntil))
        }
        guard trustedRegistryKey != nil else {
            return RegistryAssessment(registry: registry, anchored: false, usable: true, problem: .registryNotAnchored(signer: signer))
        }
        return RegistryAssessment(registry: registry, anchored: true, usable: true, problem: nil)
    }
}
