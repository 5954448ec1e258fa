import Crypto
import Testing
@testable import DataIntegrity

@Suite("eddsa-jcs-2022 signing and verification")
struct ProofVerificationTests {
    static let key = try! Ed25519Multikey.decodePrivateKey(DIDKeyTests.vectorSecret)
    static let method = DIDKey(publicKey: key.publicKey).verificationMethod

    /// A transcript-like credential with nested objects, arrays, numbers and Vietnamese text.
    static let credential: JSONValue = try! JSONParser.parse(#"""
        {
          "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
          ],
          "id": "urn:uuid:6f0c5e1a-0000-4000-8000-000000000001",
          "type": ["VerifiableCredential", "AchievementCredential"],
          "issuer": {
            "id": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
            "type": ["Profile"],
            "name": "Trường THPT Chu Văn An"
          },
          "validFrom": "2025-06-01T00:00:00+07:00",
          "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "hashed": true, "identityHash": "sha256$abc", "salt": "s"}],
            "result": [{"value": "8.5", "resultDescription": "urn:uuid:r1"}],
            "creditsEarned": 3.5,
            "rank": 1,
            "remark": null,
            "achievement": {
              "id": "urn:uuid:a1",
              "type": ["Achievement"],
              "name": "Toán 12",
              "description": "Môn Toán lớp 12",
              "criteria": {"narrative": "Hoàn thành chương trình"}
            }
          }
        }
        """#)

    static func signed() throws -> JSONValue {
        try EddsaJcs2022.sign(document: credential, key: key, verificationMethod: method, created: "2025-06-01T08:00:00Z")
    }

    @Test("a signed credential verifies and its proof has the expected shape")
    func signAndVerify() throws {
        let signed = try Self.signed()
        let proof = try #require(signed["proof"])
        #expect(proof["type"] == "DataIntegrityProof")
        #expect(proof["cryptosuite"] == "eddsa-jcs-2022")
        #expect(proof["proofPurpose"] == "assertionMethod")
        #expect(proof["created"] == "2025-06-01T08:00:00Z")
        #expect(proof["@context"] == Self.credential["@context"])
        #expect(proof["proofValue"]?.stringValue?.hasPrefix("z") == true)
        #expect(signed.removingMember("proof") == Self.credential)
        #expect(EddsaJcs2022.verify(document: signed).isVerified)
        // The signed document survives a trip through text in any member order.
        let reparsed = try JSONParser.parse(JCS.canonicalize(signed))
        #expect(EddsaJcs2022.verify(document: reparsed).isVerified)
    }

    @Test("random keys and created values sign and verify; another key's method does not")
    func randomKeys() throws {
        for i in 0..<10 {
            let key = Curve25519.Signing.PrivateKey()
            let method = DIDKey(publicKey: key.publicKey).verificationMethod
            let signed = try EddsaJcs2022.sign(
                document: Self.credential, key: key, verificationMethod: method,
                created: i.isMultiple(of: 2) ? nil : "2025-01-0\(i)T00:00:00Z")
            #expect(EddsaJcs2022.verify(document: signed).isVerified)
            let otherMethod = DIDKey(publicKey: Curve25519.Signing.PrivateKey().publicKey).verificationMethod
            let relabelled = signed.settingMember(
                "proof", to: signed["proof"]!.settingMember("verificationMethod", to: .string(otherMethod)))
            #expect(EddsaJcs2022.verify(document: relabelled).failure == .signatureMismatch)
        }
    }

    @Test("changing any leaf of the signed content makes verification fail")
    func everyLeafMatters() throws {
        let signed = try Self.signed()
        var count = 0
        for path in leafPaths(of: signed.removingMember("proof")) {
            let tampered = signed.updating(path: path) { leaf in
                switch leaf {
                case .string(let s): .string(s.isEmpty ? "x" : String(s.dropLast()) + (s.last == "x" ? "y" : "x"))
                case .number(let n): .number(n + 1)
                case .bool(let b): .bool(!b)
                case .null: .number(0)
                default: leaf
                }
            }
            count += 1
            let result = EddsaJcs2022.verify(document: tampered)
            #expect(!result.isVerified, "\(path)")
            if path.first != "@context" {
                #expect(result.failure == .signatureMismatch, "\(path)")
            } else {
                #expect(result.failure == .contextMismatch, "\(path)")
            }
        }
        #expect(count >= 20)
    }

    @Test("changing a proof option, or adding or removing a member, fails")
    func proofOptionsAndMembersMatter() throws {
        let signed = try Self.signed()
        let proof = try #require(signed["proof"])
        let created = signed.settingMember("proof", to: proof.settingMember("created", to: "2025-06-01T08:00:01Z"))
        #expect(EddsaJcs2022.verify(document: created).failure == .signatureMismatch)
        let added = signed.settingMember("extra", to: true)
        #expect(EddsaJcs2022.verify(document: added).failure == .signatureMismatch)
        let removed = signed.removingMember("validFrom")
        #expect(EddsaJcs2022.verify(document: removed).failure == .signatureMismatch)
        // Canonically equivalent text is still different signed content.
        let decomposed = signed.settingMember("issuer", to: signed["issuer"]!.settingMember(
            "name", to: .string("Trường THPT Chu Va\u{306}n An")))
        #expect(EddsaJcs2022.verify(document: decomposed).failure == .signatureMismatch)
    }

    @Test("the document @context must start with the proof @context")
    func contextPrefix() throws {
        let signed = try Self.signed()
        let proof = try #require(signed["proof"])
        let wrongProofContext = signed.settingMember("proof", to: proof.settingMember(
            "@context", to: ["https://www.w3.org/ns/credentials/v2", "https://example.org/other"]))
        let result = EddsaJcs2022.verify(document: wrongProofContext)
        #expect(result.failure == .contextMismatch)
        #expect(result.passedChecks == [.proofPresent, .proofType, .cryptosuite, .proofPurpose])

        let reordered = signed.settingMember("@context", to: [
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://www.w3.org/ns/credentials/v2",
        ])
        #expect(EddsaJcs2022.verify(document: reordered).failure == .contextMismatch)
        #expect(EddsaJcs2022.verify(document: signed.removingMember("@context")).failure == .contextMismatch)
    }

    @Test("a proof @context that is a strict prefix of the document's is accepted")
    func contextStrictPrefix() throws {
        let options: JSONValue = [
            "type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "verificationMethod": .string(Self.method),
            "proofPurpose": "assertionMethod", "@context": ["https://www.w3.org/ns/credentials/v2"],
        ]
        let data = try EddsaJcs2022.hashData(proofOptions: options, unsecuredDocument: Self.credential)
        let proofValue = Multibase.base58btc.encode(try Self.key.signature(for: data))
        let document = Self.credential.settingMember("proof", to: options.settingMember("proofValue", to: .string(proofValue)))
        #expect(EddsaJcs2022.verify(document: document).isVerified)
    }

    @Test("wrong type, cryptosuite or purpose are reported as such")
    func wrongProofFields() throws {
        let signed = try Self.signed()
        let proof = try #require(signed["proof"])
        func withProof(_ key: String, _ value: JSONValue?) -> JSONValue {
            signed.settingMember("proof", to: value.map { proof.settingMember(key, to: $0) } ?? proof.removingMember(key))
        }
        #expect(EddsaJcs2022.verify(document: withProof("type", "Ed25519Signature2020")).failure
            == .wrongProofType(found: "Ed25519Signature2020"))
        #expect(EddsaJcs2022.verify(document: withProof("type", nil)).failure == .wrongProofType(found: nil))
        #expect(EddsaJcs2022.verify(document: withProof("cryptosuite", "eddsa-rdfc-2022")).failure
            == .wrongCryptosuite(found: "eddsa-rdfc-2022"))
        #expect(EddsaJcs2022.verify(document: withProof("proofPurpose", "authentication")).failure
            == .wrongProofPurpose(expected: "assertionMethod", found: "authentication"))
        #expect(EddsaJcs2022.verify(document: signed, expectedProofPurpose: "authentication").failure
            == .wrongProofPurpose(expected: "authentication", found: "assertionMethod"))
        #expect(EddsaJcs2022.verify(document: withProof("proofValue", nil)).failure?.check == .proofValue)
        #expect(EddsaJcs2022.verify(document: withProof("proofValue", "uAAAA")).failure?.check == .proofValue)
        #expect(EddsaJcs2022.verify(document: withProof("proofValue", "z1111")).failure
            == .malformedProofValue(reason: "the signature is 4 bytes, expected 64."))
        #expect(EddsaJcs2022.verify(document: withProof("verificationMethod", nil)).failure == .missingVerificationMethod)
    }

    @Test("missing, malformed or unsupported proofs")
    func proofShape() throws {
        let signed = try Self.signed()
        #expect(EddsaJcs2022.verify(document: Self.credential).failure == .noProof)
        #expect(EddsaJcs2022.verify(document: Self.credential).passedChecks.isEmpty)
        #expect(EddsaJcs2022.verify(document: "text").failure == .documentNotObject)
        #expect(EddsaJcs2022.verify(document: signed.settingMember("proof", to: "z")).failure
            == .proofNotObject(found: "string"))
        #expect(EddsaJcs2022.verify(document: signed.settingMember("proof", to: [signed["proof"]!, signed["proof"]!])).failure
            == .proofSetNotSupported(count: 2))
    }

    @Test("unresolvable verification methods say why")
    func unresolvableKeys() throws {
        let signed = try Self.signed()
        let proof = try #require(signed["proof"])
        let web = signed.settingMember("proof", to: proof.settingMember("verificationMethod", to: "did:web:school.edu.vn#key-1"))
        let result = EddsaJcs2022.verify(document: web)
        #expect(result.failure == .keyNotResolvable(
            verificationMethod: "did:web:school.edu.vn#key-1",
            reason: KeyError.notDIDKey("did:web:school.edu.vn#key-1").message))
        #expect(result.failure?.code == "proof.keyNotResolvable")

        struct Offline: Error, CustomStringConvertible { var description: String { "registry offline" } }
        let custom = EddsaJcs2022.verify(document: signed) { _ in throw Offline() }
        #expect(custom.failure == .keyNotResolvable(verificationMethod: Self.method, reason: "registry offline"))

        // A resolver can map other identifiers to keys (e.g. an issuer registry).
        let viaRegistry = EddsaJcs2022.verify(document: signed) { _ in Self.key.publicKey }
        #expect(viaRegistry.isVerified)
    }

    @Test("signing refuses non-objects and documents that already have a proof")
    func signingErrors() throws {
        #expect(throws: ProofSigningError.documentNotObject) {
            try EddsaJcs2022.sign(document: [1, 2], key: Self.key, verificationMethod: Self.method, created: nil)
        }
        #expect(throws: ProofSigningError.documentAlreadyHasProof) {
            try EddsaJcs2022.sign(document: try Self.signed(), key: Self.key, verificationMethod: Self.method, created: nil)
        }
        #expect(throws: ProofSigningError.canonicalizationFailed(.nonFiniteNumber)) {
            try EddsaJcs2022.sign(document: ["x": .number(.nan)], key: Self.key, verificationMethod: Self.method, created: nil)
        }
    }

    @Test("failure codes are distinct and every failure has both messages")
    func failureTexts() {
        let failures: [ProofFailure] = [
            .documentNotObject, .noProof, .proofSetNotSupported(count: 2), .proofNotObject(found: "string"),
            .wrongProofType(found: nil), .wrongCryptosuite(found: "x"), .wrongProofPurpose(expected: "a", found: "b"),
            .contextMismatch, .malformedProofValue(reason: "r"), .missingVerificationMethod,
            .keyNotResolvable(verificationMethod: "m", reason: "r"), .canonicalizationFailed(reason: "r"),
            .signatureMismatch,
        ]
        #expect(Set(failures.map(\.code)).count == failures.count)
        for failure in failures {
            #expect(!failure.messageEN.isEmpty && !failure.messageVI.isEmpty)
        }
        for check in ProofCheck.allCases {
            #expect(!check.messageEN.isEmpty && !check.messageVI.isEmpty)
        }
    }
}

// MARK: - Helpers for tampering

enum PathComponent: Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }

    var description: String {
        switch self {
        case .key(let k): k
        case .index(let i): "[\(i)]"
        }
    }
}

/// Paths to every scalar leaf (string, number, bool, null).
func leafPaths(of value: JSONValue, prefix: [PathComponent] = []) -> [[PathComponent]] {
    switch value {
    case .array(let items):
        return items.enumerated().flatMap { leafPaths(of: $1, prefix: prefix + [.index($0)]) }
    case .object(let members):
        return members.flatMap { leafPaths(of: $0.value, prefix: prefix + [.key($0.key)]) }
    default:
        return [prefix]
    }
}

extension JSONValue {
    func updating(path: [PathComponent], _ change: (JSONValue) -> JSONValue) -> JSONValue {
        guard let first = path.first else { return change(self) }
        let rest = Array(path.dropFirst())
        switch (first, self) {
        case (.key(let k), .object):
            return settingMember(k, to: self[k]!.updating(path: rest, change))
        case (.index(let i), .array(var items)):
            items[i] = items[i].updating(path: rest, change)
            return .array(items)
        default:
            return self
        }
    }
}
