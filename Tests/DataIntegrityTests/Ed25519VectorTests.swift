import Crypto
import Testing
@testable import DataIntegrity

/// RFC 8032 and Wycheproof through swift-crypto: proves that keys, messages and
/// signatures reach the library as the right bytes.
@Suite("Ed25519 vectors")
struct Ed25519VectorTests {
    @Test("RFC 8032 §7.1: seed → public key, and the exact signature")
    func rfc8032() throws {
        let vectors = try #require(TestVectors.json("rfc8032-ed25519/rfc8032-section7.1.json")["vectors"]?.arrayValue)
        #expect(vectors.count == 5)
        for vector in vectors {
            let name = vector["name"]?.stringValue ?? "?"
            let seed = Hex.bytes(try #require(vector["secretKeySeedHex"]?.stringValue))
            let message = Hex.bytes(try #require(vector["messageHex"]?.stringValue))
            let expectedPublic = try #require(vector["publicKeyHex"]?.stringValue)
            let expectedSignature = try #require(vector["signatureHex"]?.stringValue)

            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
            #expect(Hex.string(key.publicKey.rawRepresentation) == expectedPublic, "\(name)")
            #expect(key.publicKey.isValidSignature(Hex.bytes(expectedSignature), for: message), "\(name)")
            #if os(Linux)
            // BoringSSL signs deterministically as RFC 8032 specifies; Apple's CryptoKit
            // randomises, so the byte comparison is only meaningful here.
            #expect(Hex.string(try key.signature(for: message)) == expectedSignature, "\(name)")
            #endif
        }
    }

    @Test("Wycheproof: every valid signature verifies and every invalid one does not")
    func wycheproof() throws {
        let file = try TestVectors.json("rfc8032-ed25519/wycheproof-ed25519_test.json")
        let groups = try #require(file["testGroups"]?.arrayValue)
        var valid = 0
        var invalid = 0
        for group in groups {
            let publicKeyHex = try #require(group["publicKey"]?["pk"]?.stringValue)
            let key = try Curve25519.Signing.PublicKey(rawRepresentation: Hex.bytes(publicKeyHex))
            for test in try #require(group["tests"]?.arrayValue) {
                let id = test["tcId"]?.numberValue ?? -1
                let message = Hex.bytes(try #require(test["msg"]?.stringValue))
                let signature = Hex.bytes(try #require(test["sig"]?.stringValue))
                let ok = key.isValidSignature(signature, for: message)
                switch test["result"]?.stringValue {
                case "valid":
                    valid += 1
                    #expect(ok, "tcId \(id) should verify")
                case "invalid":
                    invalid += 1
                    #expect(!ok, "tcId \(id) should not verify")
                default:
                    Issue.record("tcId \(id) has an unexpected result")
                }
            }
        }
        #expect(valid + invalid == file["numberOfTests"]?.numberValue.map { Int($0) })
        #expect(valid > 0 && invalid > 0)
    }
}
