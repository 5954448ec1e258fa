import Crypto
import Testing
@testable import DataIntegrity

/// The eddsa-jcs-2022 test vector of the W3C Recommendation, step by step
/// (Vectors/README.md, "What a test should assert").
@Suite("eddsa-jcs-2022 W3C vector")
struct EddsaJcs2022VectorTests {
    static let folder = "w3c-vc-di-eddsa/eddsa-jcs-2022/"

    func vector(_ name: String) throws -> String {
        try TestVectors.text(Self.folder + name)
    }

    @Test("canonical document and proof configuration match byte for byte")
    func canonicalForms() throws {
        let unsigned = try TestVectors.json("w3c-vc-di-eddsa/unsigned.json")
        let proofConfig = try TestVectors.json(Self.folder + "proofConfigJCS.json")
        #expect(try JCS.canonicalString(unsigned) == vector("canonDocJCS.txt"))
        #expect(try JCS.canonicalString(proofConfig) == vector("proofCanonJCS.txt"))
        // Our proof options for the same inputs are the vector's, member order included.
        let options = EddsaJcs2022.proofOptions(
            for: unsigned, verificationMethod: try #require(proofConfig["verificationMethod"]?.stringValue),
            created: "2023-02-24T23:36:38Z")
        #expect(options == proofConfig)
    }

    @Test("hashes, their order, the signature and its base58btc form")
    func hashesAndSignature() throws {
        let canonicalDocument = Array(try vector("canonDocJCS.txt").utf8)
        let canonicalProof = Array(try vector("proofCanonJCS.txt").utf8)
        let documentHash = Array(SHA256.hash(data: canonicalDocument))
        let proofHash = Array(SHA256.hash(data: canonicalProof))
        #expect(Hex.string(documentHash) == (try vector("docHashJCS.txt")))
        #expect(Hex.string(proofHash) == (try vector("proofHashJCS.txt")))
        #expect(Hex.string(proofHash + documentHash) == (try vector("combinedHashJCS.txt")))

        let unsigned = try TestVectors.json("w3c-vc-di-eddsa/unsigned.json")
        let proofConfig = try TestVectors.json(Self.folder + "proofConfigJCS.json")
        let hashData = try EddsaJcs2022.hashData(proofOptions: proofConfig, unsecuredDocument: unsigned)
        #expect(Hex.string(hashData) == (try vector("combinedHashJCS.txt")), "proof options hash first")

        let key = try Ed25519Multikey.decodePrivateKey(DIDKeyTests.vectorSecret)
        let expectedSignature = try vector("sigHexJCS.txt")
        #expect(key.publicKey.isValidSignature(Hex.bytes(expectedSignature), for: hashData))
        #expect(Multibase.base58btc.encode(Hex.bytes(expectedSignature)) == (try vector("sigBTC58JCS.txt")))
        #if os(Linux)
        let signature = try key.signature(for: hashData)
        #expect(Hex.string(signature) == expectedSignature)
        #endif
    }

    @Test("signing the unsigned document reproduces signedJCS.json")
    func signReproducesVector() throws {
        #if os(Linux)
        let unsigned = try TestVectors.json("w3c-vc-di-eddsa/unsigned.json")
        let key = try Ed25519Multikey.decodePrivateKey(DIDKeyTests.vectorSecret)
        let signed = try EddsaJcs2022.sign(
            document: unsigned, key: key,
            verificationMethod: DIDKey(publicKey: key.publicKey).verificationMethod,
            created: "2023-02-24T23:36:38Z")
        #expect(signed == (try TestVectors.json(Self.folder + "signedJCS.json")))
        #expect(signed["proof"]?["proofValue"]?.stringValue == (try vector("sigBTC58JCS.txt")))
        #endif
    }

    @Test("signedJCS.json verifies, passing every check")
    func signedVerifies() throws {
        let signed = try TestVectors.json(Self.folder + "signedJCS.json")
        let result = EddsaJcs2022.verify(document: signed)
        #expect(result.isVerified)
        #expect(result.failure == nil)
        #expect(result.passedChecks == ProofCheck.allCases)
        #expect(result.verificationMethod == "did:key:\(DIDKeyTests.vectorPublic)#\(DIDKeyTests.vectorPublic)")
    }

    @Test("changing any single byte inside any string of signedJCS.json makes verification fail")
    func everyByteMatters() throws {
        let original = try TestVectors.bytes(Self.folder + "signedJCS.json")
        var insideString = false
        var mutated = 0
        for (i, byte) in original.enumerated() {
            if byte == UInt8(ascii: "\"") {
                insideString.toggle()
                continue
            }
            guard insideString else { continue }
            var copy = original
            // Another printable ASCII character that is neither a quote nor a backslash.
            copy[i] = byte == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
            mutated += 1
            guard let document = try? JSONParser.parse(copy) else { continue }
            let result = EddsaJcs2022.verify(document: document)
            #expect(!result.isVerified, "changing byte \(i) ('\(Character(Unicode.Scalar(byte)))') still verifies")
        }
        #expect(mutated > 700)
    }
}
