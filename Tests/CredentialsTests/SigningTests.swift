import Crypto
import DataIntegrity
import Foundation
import Platform
import SplitMix
import Testing
@testable import Credentials

@Suite("Signing and tamper detection")
struct SigningTests {
    @Test("signatures are byte-identical to EddsaJcs2022.sign, and the canonical text is JCS of the result")
    func matchesKernelSigner() throws {
        let key = Fixtures.school
        for index in [0, 1, 77, 4242, 131_071] {
            let document = try YearRecordCredential.build(Fixtures.record(index))
            let ours = try CredentialSigner.signWithCanonicalText(document, with: key, created: Fixtures.issued)
            let kernel = try EddsaJcs2022.sign(
                document: document, key: key.privateKey, verificationMethod: key.verificationMethod,
                created: DateTimeStamp.format(Fixtures.issued))
            #expect(ours.document == kernel)
            #expect(ours.canonicalText == (try JCS.canonicalize(kernel)))
            #expect(EddsaJcs2022.verify(document: ours.document).isVerified)
        }
    }

    @Test("the batch path (canonical text written directly) gives the same bytes and signatures")
    func canonicalPathMatches() throws {
        var builder = YearRecordCredentialBuilder()
        var records = (0..<80).map { Fixtures.record($0 * 104_729) }
        records.append(Fixtures.handRecord())
        var withUntil = Fixtures.handRecord(learnerID: "learner-until")
        withUntil.validUntil = Fixtures.date("2030-01-01T00:00:00+07:00")
        withUntil.learnerName = nil
        withUntil.className = "7\"A\\1"  // escapes in the description
        withUntil.status = BitstringStatusListEntry(
            id: "urn:status:1", statusPurpose: "message", statusListIndex: 12, statusListCredential: Fixtures.statusListURL, statusSize: 2)
        records.append(withUntil)
        for record in records {
            let document = try builder.build(record)
            let canonical = try builder.canonicalText(record)
            #expect(canonical.document.bytes == (try JCS.canonicalize(document)), "\(record.learnerID)")
            let offsets = try CanonicalDocument(canonicalizing: document).members
            #expect(canonical.document.members.map(\.key) == offsets.map(\.key))
            #expect(canonical.document.members.map(\.offset) == offsets.map(\.offset))
            let signedText = try CredentialSigner.sign(canonical: canonical, with: Fixtures.school, created: Fixtures.issued)
            let signed = try CredentialSigner.signWithCanonicalText(document, with: Fixtures.school, created: Fixtures.issued)
            #expect(signedText == signed.canonicalText)
            #expect(Fixtures.verify(try JSONParser.parse(signedText)).isValid)
        }
        let batch = try BatchSigner.signYearRecordsCanonical(Array(records.prefix(20)), with: Fixtures.school, created: Fixtures.issued, workers: 3)
        #expect(batch == (try records.prefix(20).map { try JCS.canonicalize(Fixtures.signedRecord($0)) }))
        #expect(throws: CredentialSigningError.issuerNotKeyHolder(issuer: Fixtures.school.did, key: Fixtures.stranger.did)) {
            try CredentialSigner.sign(canonical: try builder.canonicalText(records[0]), with: Fixtures.stranger, created: nil)
        }
    }

    @Test("a signed record verifies, and so does its canonical text parsed back")
    func signThenVerify() throws {
        let signed = try CredentialSigner.signWithCanonicalText(
            YearRecordCredential.build(Fixtures.handRecord()), with: Fixtures.school, created: Fixtures.issued)
        let report = Fixtures.verify(signed.document)
        #expect(report.isValid, "\(report.checks.map(\.messageEN))")
        #expect(report.outcomes(.proof) == [.passed])
        #expect(report.outcomes(.parts) == [.passed])
        let reparsed = try JSONParser.parse(signed.canonicalText)
        #expect(Fixtures.verify(reparsed).isValid)
    }

    @Test("changing any string value anywhere in a signed record makes it fail")
    func everyStringValue() throws {
        let signed = try Fixtures.signedRecord(Fixtures.handRecord())
        let unsecured = signed.removingMember("proof")
        let paths = unsecured.stringPaths()
        #expect(paths.count > 100)
        for path in paths {
            let tampered = signed.updating(ArraySlice(path)) { value in
                // Change one character: append to empty strings, otherwise replace the last.
                guard let text = value.stringValue, let last = text.unicodeScalars.last else { return "x" }
                let replacement: Unicode.Scalar = last == "x" ? "y" : "x"
                return .string(String(String.UnicodeScalarView(text.unicodeScalars.dropLast() + [replacement])))
            }
            let report = Fixtures.verify(tampered)
            #expect(!report.isValid, "\(path)")
            #expect(report.codes(.proof) == ["proof.signatureMismatch"] || report.failure == .invalid, "\(path)")
        }
    }

    @Test("changing a number, a Boolean or a type makes it fail; reordering members does not")
    func numbersBooleansAndOrder() throws {
        var document = try YearRecordCredential.build(Fixtures.handRecord())
        document = document.settingMember("credentialSubject", to: document["credentialSubject"]!
            .settingMember("creditsEarned", to: 3.5))
        let signed = try CredentialSigner.sign(document, with: Fixtures.school, created: Fixtures.issued)
        #expect(Fixtures.verify(signed).isValid)

        let changedNumber = signed.updating([.key("credentialSubject"), .key("creditsEarned")]) { _ in 3.25 }
        #expect(Fixtures.verify(changedNumber).failure == .invalid)
        let sameNumberOtherSpelling = signed.updating([.key("credentialSubject"), .key("creditsEarned")]) { _ in 3.50 }
        #expect(Fixtures.verify(sameNumberOtherSpelling).isValid, "3.5 and 3.50 are the same number")
        let changedBoolean = signed.updating(
            [.key("credentialSubject"), .key("identifier"), .index(0), .key("hashed")]) { _ in false }
        #expect(Fixtures.verify(changedBoolean).failure == .invalid)
        let stringForNumber = signed.updating([.key("credentialSubject"), .key("creditsEarned")]) { _ in "3.5" }
        #expect(Fixtures.verify(stringForNumber).failure == .invalid)
        let removedMember = signed.updating([.key("credentialSubject")]) { $0.removingMember("creditsEarned") }
        #expect(Fixtures.verify(removedMember).failure == .invalid)
        let addedMember = signed.settingMember("description2", to: "thêm")
        #expect(Fixtures.verify(addedMember).failure == .invalid)
        let droppedResult = signed.updating(
            [.key("credentialSubject"), .key("verifiableCredential"), .index(0), .key("credentialSubject"), .key("result")]
        ) { .array(Array($0.arrayValue!.dropLast())) }
        #expect(Fixtures.verify(droppedResult).failure == .invalid)

        // JCS makes member order irrelevant: every object reversed still verifies.
        let reordered = signed.reversingMembers()
        #expect(reordered != signed)
        #expect(Fixtures.verify(reordered).isValid)
    }

    @Test("flipping any sampled byte of the stored text breaks parsing or verification")
    func storedBytes() throws {
        let signed = try CredentialSigner.signWithCanonicalText(
            YearRecordCredential.build(Fixtures.handRecord()), with: Fixtures.school, created: Fixtures.issued)
        var random = SplitMix64(seed: 0xB17E)
        var positions = (0..<300).map { _ in Int.random(in: 0..<signed.canonicalText.count, using: &random) }
        // And every byte of the proof value.
        let text = signed.canonicalText
        let marker = Array("\"proofValue\":\"".utf8)
        let start = try #require((0...(text.count - marker.count)).first { Array(text[$0..<($0 + marker.count)]) == marker })
        positions += (start + marker.count)..<(start + marker.count + 88)
        for position in positions {
            var bytes = text
            bytes[position] ^= 0x01
            guard let parsed = try? JSONParser.parse(bytes) else { continue }  // no longer JSON: rejected
            #expect(!Fixtures.verify(parsed).isValid, "byte \(position)")
        }
    }

    @Test("signing is refused when the issuer is not the key's DID")
    func wrongIssuer() throws {
        let document = try YearRecordCredential.build(Fixtures.record())
        #expect(throws: CredentialSigningError.issuerNotKeyHolder(issuer: Fixtures.school.did, key: Fixtures.stranger.did)) {
            try CredentialSigner.sign(document, with: Fixtures.stranger, created: nil)
        }
        let signed = try CredentialSigner.sign(document, with: Fixtures.school, created: nil)
        #expect(throws: CredentialSigningError.proof(.documentAlreadyHasProof)) {
            try CredentialSigner.sign(signed, with: Fixtures.school, created: nil)
        }
    }

    @Test("a proof by a key other than the issuer's fails, even though the signature holds")
    func proofByAnotherKey() throws {
        let document = try YearRecordCredential.build(Fixtures.record())
        // Sign with the kernel directly to get past the signer's own check.
        let forged = try EddsaJcs2022.sign(
            document: document, key: Fixtures.stranger.privateKey, verificationMethod: Fixtures.stranger.verificationMethod,
            created: nil)
        let report = Fixtures.verify(forged)
        #expect(report.codes(.proof) == ["proof.keyNotIssuer"])
        #expect(report.failure == .invalid)
        #expect(report.exitCode == 1)
    }

    @Test("batch signing on all cores gives the same credentials as one by one, in order")
    func batch() async throws {
        let records = (0..<64).map { Fixtures.record($0 * 31) }
        let batch = try BatchSigner.signYearRecords(records, with: Fixtures.school, created: Fixtures.issued, workers: 4)
        #expect(batch.count == records.count)
        for (record, signed) in zip(records, batch) {
            #expect(signed == (try Fixtures.signedRecord(record)))
            #expect(Fixtures.verify(signed).isValid)
        }
        let documents = try records.prefix(10).map { try YearRecordCredential.build($0) }
        let signedDocuments = try BatchSigner.sign(documents, with: Fixtures.school, created: Fixtures.issued)
        #expect(signedDocuments == Array(batch.prefix(10)))

        let offloaded = try await ParallelChunks.offloaded {
            try BatchSigner.signYearRecords(Array(records.prefix(5)), with: Fixtures.school, created: Fixtures.issued)
        }
        #expect(offloaded == Array(batch.prefix(5)))

        var broken = records
        broken[17].grade = 0
        #expect(throws: BatchSigningError.record(index: 17, .gradeOutOfRange(0))) {
            try BatchSigner.signYearRecords(broken, with: Fixtures.school, created: Fixtures.issued)
        }
    }
}
