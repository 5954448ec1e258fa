import DataIntegrity
import Foundation
import Testing
@testable import Credentials

@Suite("Issuer registry")
struct RegistryTests {
    let d = Fixtures.date

    @Test("a registered key valid at issuance passes, and satisfies trusted-only")
    func registered() throws {
        let report = Fixtures.verify(try Fixtures.signedRecord(), registry: try Fixtures.standardRegistry(), trustedOnly: true)
        #expect(report.isValid, "\(report.checks.map(\.messageEN))")
        #expect(report.codes(.registry) == ["registry.keyRegistered"])
        #expect(report.outcomes(.registry) == [.passed])
        #expect(report.issuer.isRegistered)
        #expect(report.issuer.registryAnchored)
        #expect(report.issuer.registration?.school?.sectorCode == "19TH001")
    }

    @Test("a key outside its registered validity fails, whether too early or too late")
    func outsideValidity() throws {
        let registry = try Fixtures.registry([Fixtures.registeredSchool(keys: [
            RegisteredKey(did: Fixtures.school.did, validFrom: d("2025-06-01T00:00:00+07:00"), validUntil: d("2026-06-01T00:00:00+07:00")),
        ])])
        let early = Fixtures.verify(try Fixtures.signedRecord(), registry: registry)
        #expect(early.codes(.registry) == ["registry.keyNotYetValid"])
        #expect(early.failure == .untrusted)
        #expect(early.exitCode == 4)

        let late = Fixtures.verify(
            try Fixtures.signedRecord(Fixtures.record(validFrom: d("2026-06-02T00:00:00+07:00"))), registry: registry,
            now: d("2026-07-01T00:00:00+07:00"))
        #expect(late.codes(.registry) == ["registry.keyExpired"])
        #expect(late.failure == .untrusted)
        #expect(!late.isValid)
    }

    @Test("a key compromised before issuance fails; credentials issued before the compromise stand")
    func compromised() throws {
        let registry = try Fixtures.registry([Fixtures.registeredSchool(keys: [
            RegisteredKey(did: Fixtures.school.did, validFrom: d("2024-08-01T00:00:00+07:00"),
                          revokedAt: d("2025-08-15T00:00:00+07:00"), revocationReason: "USB token lost"),
        ])])
        let before = Fixtures.verify(try Fixtures.signedRecord(), registry: registry, trustedOnly: true)
        #expect(before.isValid)
        let after = Fixtures.verify(
            try Fixtures.signedRecord(Fixtures.record(validFrom: d("2025-08-20T00:00:00+07:00"))), registry: registry)
        #expect(after.codes(.registry) == ["registry.keyCompromised"])
        #expect(after.failure == .untrusted)
        #expect(after.results(for: .registry).first?.messageVI.contains("lộ khóa") == true)
    }

    @Test("rotation: the new key signs after the change, the old key no longer does")
    func rotation() throws {
        let change = d("2025-07-01T00:00:00+07:00")
        let registry = try Fixtures.registry([Fixtures.registeredSchool(keys: [
            RegisteredKey(did: Fixtures.school.did, validFrom: d("2024-08-01T00:00:00+07:00"), validUntil: change),
            RegisteredKey(did: Fixtures.schoolRotated.did, validFrom: change),
        ])])
        let later = d("2025-08-01T00:00:00+07:00")
        let oldBefore = Fixtures.verify(try Fixtures.signedRecord(), registry: registry, trustedOnly: true)
        #expect(oldBefore.isValid)
        let newAfter = Fixtures.verify(
            try Fixtures.signedRecord(Fixtures.record(key: Fixtures.schoolRotated, validFrom: later), key: Fixtures.schoolRotated),
            registry: registry, trustedOnly: true)
        #expect(newAfter.isValid)
        let oldAfter = Fixtures.verify(try Fixtures.signedRecord(Fixtures.record(validFrom: later)), registry: registry)
        #expect(oldAfter.codes(.registry) == ["registry.keyExpired"])
        #expect(registry.school(holding: Fixtures.schoolRotated.verificationMethod)?.sectorCode == "19TH001")
    }

    @Test("an unregistered issuer passes the proof, is reported unregistered, and fails with trusted-only")
    func unregistered() throws {
        let signed = try Fixtures.signedRecord(Fixtures.record(key: Fixtures.stranger), key: Fixtures.stranger)
        let lenient = Fixtures.verify(signed, registry: try Fixtures.standardRegistry())
        #expect(lenient.outcomes(.proof) == [.passed])
        #expect(lenient.codes(.registry) == ["registry.keyUnregistered"])
        #expect(lenient.outcomes(.registry) == [.warning])
        #expect(!lenient.issuer.isRegistered)
        #expect(lenient.isValid, "without trusted-only an unregistered issuer is reported, not rejected")
        let strict = Fixtures.verify(signed, registry: try Fixtures.standardRegistry(), trustedOnly: true)
        #expect(strict.failure == .untrusted)
        #expect(strict.exitCode == 4)
        // With no registry at all, trusted-only cannot be met either.
        #expect(Fixtures.verify(signed, trustedOnly: true).codes(.registry) == ["registry.notProvided"])
        #expect(Fixtures.verify(signed, trustedOnly: true).failure == .untrusted)
        #expect(Fixtures.verify(signed).outcomes(.registry) == [.skipped])
    }

    @Test("a registry whose own proof is broken is rejected")
    func brokenRegistry() throws {
        let good = try Fixtures.standardRegistry()
        // Move the key to another school code after signing.
        let edited = good.credential.updating(
            [.key("credentialSubject"), .key("schools"), .index(0), .key("sectorCode")]) { _ in "19TH999" }
        let report = Fixtures.verify(try Fixtures.signedRecord(), registry: try IssuerRegistry(credential: edited))
        #expect(report.codes(.registry) == ["registry.proofInvalid"])
        #expect(report.failure == .untrusted)
        #expect(report.issuer.registration == nil, "a broken registry is not consulted")
        let unsigned = try IssuerRegistry(credential: good.credential.removingMember("proof"))
        #expect(Fixtures.verify(try Fixtures.signedRecord(), registry: unsigned).codes(.registry) == ["registry.proofInvalid"])
    }

    @Test("a registry signed by anyone but the pinned ministry key is rejected; without a pin it is unanchored")
    func anchoring() throws {
        let impostor = try Fixtures.registry(
            [Fixtures.registeredSchool(keys: [RegisteredKey(did: Fixtures.school.did, validFrom: d("2024-08-01T00:00:00+07:00"))])],
            signer: Fixtures.outsider)
        let rejected = Fixtures.verify(try Fixtures.signedRecord(), registry: impostor)
        #expect(rejected.codes(.registry) == ["registry.signerNotTrusted"])
        #expect(rejected.failure == .untrusted)

        let unanchored = Fixtures.verify(try Fixtures.signedRecord(), registry: try Fixtures.standardRegistry(), ministryKey: nil)
        #expect(unanchored.codes(.registry) == ["registry.notAnchored", "registry.keyRegistered"])
        #expect(unanchored.outcomes(.registry) == [.warning, .warning])
        #expect(unanchored.isValid)
        #expect(!unanchored.issuer.registryAnchored)
        let strict = Fixtures.verify(
            try Fixtures.signedRecord(), registry: try Fixtures.standardRegistry(), ministryKey: nil, trustedOnly: true)
        #expect(strict.failure == .untrusted)
    }

    @Test("an expired registry edition is not used")
    func expiredRegistry() throws {
        let document = IssuerRegistryDocument.build(
            schools: [Fixtures.registeredSchool(keys: [RegisteredKey(did: Fixtures.school.did, validFrom: d("2024-08-01T00:00:00+07:00"))])],
            ministryDID: Fixtures.ministry.did, validFrom: d("2025-01-01T00:00:00+07:00"), validUntil: d("2025-07-01T00:00:00+07:00"))
        let registry = try IssuerRegistry(credential: CredentialSigner.sign(document, with: Fixtures.ministry, created: nil))
        let report = Fixtures.verify(try Fixtures.signedRecord(), registry: registry)
        #expect(report.codes(.registry) == ["registry.notCurrent"])
        #expect(report.failure == .untrusted)
    }

    @Test("a credential claiming another school's code than its key's is rejected")
    func schoolCodeMismatch() throws {
        var record = Fixtures.record()
        record.school.sectorCode = "19TH777"
        let report = Fixtures.verify(try Fixtures.signedRecord(record), registry: try Fixtures.standardRegistry())
        #expect(report.codes(.registry) == ["registry.schoolCodeMismatch"])
        #expect(report.failure == .untrusted)
    }

    @Test("the registry listing is checked before signing")
    func listingValidation() throws {
        let key = Fixtures.school.did
        func listing(_ keys: String, code2: String = "19TH002") throws -> JSONValue {
            try JSONParser.parse(#"{"schools":[{"sectorCode":"19TH001","name":"A","keys":[\#(keys)]},"# +
                #"{"sectorCode":"\#(code2)","name":"B","keys":[]}]}"#)
        }
        let ok = try IssuerRegistryDocument.schools(fromListing: listing(#"{"id":"\#(key)","validFrom":"2024-08-01T00:00:00+07:00"}"#))
        #expect(ok.count == 2)
        #expect(ok[0].keys.first?.did == key)
        #expect(throws: IssuerRegistryError.invalidDate("listing.schools[0].keys[0].validFrom")) {
            try IssuerRegistryDocument.schools(fromListing: listing(#"{"id":"\#(key)","validFrom":"2024-08-01T00:00:00"}"#))
        }
        #expect(throws: IssuerRegistryError.duplicateKey(key)) {
            try IssuerRegistryDocument.schools(fromListing: listing(
                #"{"id":"\#(key)","validFrom":"2024-08-01T00:00:00Z"},{"id":"\#(key)#\#(key.dropFirst(8))","validFrom":"2025-08-01T00:00:00Z"}"#))
        }
        #expect(throws: IssuerRegistryError.duplicateSchool("19TH001")) {
            try IssuerRegistryDocument.schools(fromListing: listing("", code2: "19TH001"))
        }
        #expect(throws: IssuerRegistryError.invalidValidity("listing.schools[0].keys[0]")) {
            try IssuerRegistryDocument.schools(fromListing: listing(
                #"{"id":"\#(key)","validFrom":"2025-08-01T00:00:00Z","validUntil":"2025-01-01T00:00:00Z"}"#))
        }
        let badKey = try listing(#"{"id":"did:key:z6MkNOTAKEY","validFrom":"2024-08-01T00:00:00Z"}"#)
        do throws(IssuerRegistryError) {
            _ = try IssuerRegistryDocument.schools(fromListing: badKey)
            Issue.record("an invalid did:key was accepted")
        } catch {
            guard case .invalidKey("listing.schools[0].keys[0].id", _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
    }

    @Test("lookups answer per instant, by verification method or bare DID")
    func lookups() throws {
        let registry = try Fixtures.registry([Fixtures.registeredSchool(keys: [
            RegisteredKey(did: Fixtures.school.did, validFrom: d("2024-08-01T00:00:00+07:00"), validUntil: d("2025-08-01T00:00:00+07:00"),
                          revokedAt: d("2025-07-01T00:00:00+07:00")),
        ])])
        #expect(registry.registration(of: Fixtures.school.verificationMethod, at: d("2024-07-31T23:59:59+07:00")).code == "key_not_yet_valid")
        #expect(registry.registration(of: Fixtures.school.did, at: d("2024-08-01T00:00:00+07:00")).isValid)
        #expect(registry.registration(of: Fixtures.school.did, at: d("2025-07-01T00:00:00+07:00")).code == "key_compromised")
        #expect(registry.registration(of: Fixtures.stranger.did, at: d("2025-01-01T00:00:00+07:00")) == .unregistered)
    }
}
