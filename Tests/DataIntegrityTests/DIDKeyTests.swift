import Crypto
import Testing
@testable import DataIntegrity

@Suite("did:key and Multikey for Ed25519")
struct DIDKeyTests {
    static let vectorPublic = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    static let vectorSecret = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"

    @Test("the W3C vector key pair: secret multibase → public Multikey, did:key and verification method")
    func vectorKeyPair() throws {
        let pair = try TestVectors.json("w3c-vc-di-eddsa/keyPair.json")
        #expect(pair["publicKeyMultibase"]?.stringValue == Self.vectorPublic)
        #expect(pair["privateKeyMultibase"]?.stringValue == Self.vectorSecret)

        let secret = try Ed25519Multikey.decodePrivateKey(Self.vectorSecret)
        #expect(Ed25519Multikey.encode(secret) == Self.vectorSecret)
        #expect(Ed25519Multikey.encode(secret.publicKey) == Self.vectorPublic)

        let did = DIDKey(publicKey: secret.publicKey)
        #expect(did.multikey == Self.vectorPublic)
        #expect(did.did == "did:key:" + Self.vectorPublic)
        #expect(did.verificationMethod == "did:key:\(Self.vectorPublic)#\(Self.vectorPublic)")
        #expect(try DIDKey(parsing: did.did) == did)

        let resolved = try DIDKey.resolve(verificationMethod: did.verificationMethod)
        #expect(Array(resolved.rawRepresentation) == Array(secret.publicKey.rawRepresentation))
    }

    @Test("multicodec headers: public 0xED01 + 32 bytes, secret 0x8026 + 32-byte seed")
    func headers() throws {
        let publicBytes = try Multibase.base58btc.decode(Self.vectorPublic)
        #expect(publicBytes.count == 34 && Array(publicBytes.prefix(2)) == [0xED, 0x01])
        let secretBytes = try Multibase.base58btc.decode(Self.vectorSecret)
        #expect(secretBytes.count == 34 && Array(secretBytes.prefix(2)) == [0x80, 0x26])
    }

    @Test("every Ed25519 Multikey starts with z6Mk")
    func prefix() {
        for _ in 0..<20 {
            let key = Curve25519.Signing.PrivateKey().publicKey
            #expect(Ed25519Multikey.encode(key).hasPrefix("z6Mk"))
            #expect(DIDKey(publicKey: key).did.hasPrefix("did:key:z6Mk"))
        }
    }

    @Test("clear errors for wrong scheme, prefix, multicodec, length and fragment")
    func errors() throws {
        let key32 = [UInt8](repeating: 7, count: 32)
        let x25519 = Multibase.base58btc.encode([0xEC, 0x01] + key32)
        let short = Multibase.base58btc.encode([0xED, 0x01] + key32.dropLast())
        let other = DIDKey(publicKey: Curve25519.Signing.PrivateKey().publicKey).multikey

        #expect(throws: KeyError.notDIDKey("did:web:school.edu.vn")) {
            try DIDKey(parsing: "did:web:school.edu.vn")
        }
        #expect(throws: KeyError.invalidMultibase(.unexpectedMultibasePrefix(expected: "z", found: "u"))) {
            try DIDKey(parsing: "did:key:uAAAA")
        }
        #expect(throws: KeyError.invalidMultibase(.invalidCharacter("0", offset: 3))) {
            try DIDKey(parsing: "did:key:z6Mk0")
        }
        #expect(throws: KeyError.wrongMulticodec(expected: [0xED, 0x01], found: [0xEC, 0x01])) {
            try DIDKey(parsing: "did:key:" + x25519)
        }
        #expect(throws: KeyError.wrongKeyLength(expected: 32, found: 31)) {
            try DIDKey(parsing: "did:key:" + short)
        }
        #expect(throws: KeyError.wrongMulticodec(expected: [0x80, 0x26], found: [0xED, 0x01])) {
            try Ed25519Multikey.decodePrivateKey(Self.vectorPublic)
        }
        #expect(throws: KeyError.missingFragment("did:key:" + Self.vectorPublic)) {
            try DIDKey.resolve(verificationMethod: "did:key:" + Self.vectorPublic)
        }
        #expect(throws: KeyError.fragmentMismatch(did: "did:key:" + Self.vectorPublic, fragment: other)) {
            try DIDKey.resolve(verificationMethod: "did:key:\(Self.vectorPublic)#\(other)")
        }
        #expect(KeyError.wrongMulticodec(expected: [0xED, 0x01], found: [0xEC, 0x01]).message
            == "Key has multicodec header 0xec01, expected 0xed01 (Ed25519).")
    }
}
