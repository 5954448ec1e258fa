import Crypto
import DataIntegrity
import Foundation

/// Signs credentials with an eddsa-jcs-2022 Data Integrity proof.
public enum CredentialSigner {
    /// Signs `document` and returns it with its `proof`.
    ///
    /// The document's `issuer` must be the DID of the verification method: a verifier
    /// rejects a proof made by any other key, so signing one is refused here, early.
    ///
    /// - Parameters:
    ///   - key: the Ed25519 private key.
    ///   - verificationMethod: `did:key:z6Mk…#z6Mk…` of `key`.
    ///   - created: the proof's `created` time (written with +07:00), or `nil` to omit it.
    public static func sign(
        _ document: JSONValue, key: Curve25519.Signing.PrivateKey, verificationMethod: String, created: Date?
    ) throws(CredentialSigningError) -> JSONValue {
        try signWithCanonicalText(document, key: key, verificationMethod: verificationMethod, created: created).document
    }

    /// Signs `document` with `key`.
    public static func sign(_ document: JSONValue, with key: IssuerKey, created: Date?) throws(CredentialSigningError) -> JSONValue {
        try signWithCanonicalText(document, with: key, created: created).document
    }

    /// Signs `document` with `key` and also returns the signed credential's canonical text.
    public static func signWithCanonicalText(
        _ document: JSONValue, with key: IssuerKey, created: Date?
    ) throws(CredentialSigningError) -> SignedCredential {
        try signed(document, key: key.privateKey, did: key.did, verificationMethod: key.verificationMethod, created: created)
    }

    /// Signs a credential given as canonical text (`YearRecordCredentialBuilder.canonicalText`)
    /// and returns the signed credential's canonical text: the batch path, which never
    /// builds the document as `JSONValue`. The proof is the one `sign` would make for the
    /// same credential; tests check the two agree byte for byte.
    public static func sign(canonical credential: CanonicalCredential, with key: IssuerKey, created: Date?) throws(CredentialSigningError) -> [UInt8] {
        guard credential.issuer == key.did else { throw .issuerNotKeyHolder(issuer: credential.issuer, key: key.did) }
        guard !credential.document.hasMember("proof") else { throw .proof(.documentAlreadyHasProof) }
        let options = EddsaJcs2022.proofOptions(
            for: ["@context": credential.context], verificationMethod: key.verificationMethod,
            created: created.map { DateTimeStamp.format($0) })
        return try proofSpliced(into: credential.document, options: options, key: key.privateKey).text
    }

    /// Signs the canonical text, then splices the proof into it.
    private static func proofSpliced(
        into canonical: CanonicalDocument, options: JSONValue,
        key: Curve25519.Signing.PrivateKey
    ) throws(CredentialSigningError) -> (proof: JSONValue, text: [UInt8]) {
        var hashData: [UInt8]
        do {
            hashData = Array(SHA256.hash(data: try JCS.canonicalize(options, capacity: 1024)))
        } catch {
            throw .proof(.canonicalizationFailed(error))
        }
        hashData += SHA256.hash(data: canonical.bytes)
        let signature: Data
        do {
            signature = try key.signature(for: hashData)
        } catch {
            throw .proof(.signingFailed)
        }
        let proof = options.settingMember("proofValue", to: .string(Multibase.base58btc.encode(signature)))
        let proofText: [UInt8]
        do {
            proofText = try JCS.canonicalize(proof, capacity: 1024)
        } catch {
            throw .proof(.canonicalizationFailed(error))
        }
        return (proof, canonical.inserting(key: "proof", valueBytes: proofText))
    }

    /// Signs `document` and also returns the signed credential's canonical (JCS) text, made
    /// by splicing the proof into the text already canonicalised for the signature instead
    /// of serialising the document a second time. That text is the form to store: compact,
    /// stable, and exactly what verifiers hash.
    ///
    /// The steps are those of `EddsaJcs2022.sign` (the kernel builds the proof options; the
    /// options hash comes first; the same signature and `proofValue`); tests check the two
    /// agree byte for byte.
    public static func signWithCanonicalText(
        _ document: JSONValue, key: Curve25519.Signing.PrivateKey, verificationMethod: String, created: Date?
    ) throws(CredentialSigningError) -> SignedCredential {
        let expected = DIDKey(publicKey: key.publicKey)
        guard verificationMethod == expected.verificationMethod else { throw .verificationMethodNotOfKey(verificationMethod) }
        return try signed(document, key: key, did: expected.did, verificationMethod: verificationMethod, created: created)
    }

    /// The signing steps, for a verification method already known to be `key`'s.
    private static func signed(
        _ document: JSONValue, key: Curve25519.Signing.PrivateKey, did: String, verificationMethod: String, created: Date?
    ) throws(CredentialSigningError) -> SignedCredential {
        guard case .object = document else { throw .proof(.documentNotObject) }
        guard document["proof"] == nil else { throw .proof(.documentAlreadyHasProof) }
        guard let issuer = CredentialVocabulary.issuerID(document) else { throw .missingIssuer }
        guard issuer == did else { throw .issuerNotKeyHolder(issuer: issuer, key: did) }

        let options = EddsaJcs2022.proofOptions(
            for: document, verificationMethod: verificationMethod, created: created.map { DateTimeStamp.format($0) })
        let canonical: CanonicalDocument
        do {
            canonical = try CanonicalDocument(canonicalizing: document)
        } catch {
            throw .proof(.canonicalizationFailed(error))
        }
        let (proof, text) = try proofSpliced(into: canonical, options: options, key: key)
        return SignedCredential(document: document.settingMember("proof", to: proof), canonicalText: text)
    }
}

/// A signed credential with its canonical text.
public struct SignedCredential: Sendable {
    /// The credential with its `proof`.
    public let document: JSONValue
    /// `JCS.canonicalize(document)`: UTF-8 JSON to store and serve.
    public let canonicalText: [UInt8]
}

/// Why a credential could not be signed.
public enum CredentialSigningError: Error, Equatable, Sendable {
    /// The document has no `issuer` id.
    case missingIssuer
    /// The document's issuer is another DID than the signing key's.
    case issuerNotKeyHolder(issuer: String, key: String)
    /// The verification method is not the did:key method of the signing key.
    case verificationMethodNotOfKey(String)
    /// The proof could not be made (already signed, not an object, not canonicalisable).
    case proof(ProofSigningError)

    /// A readable explanation.
    public var message: String {
        switch self {
        case .missingIssuer: "The credential has no issuer."
        case .issuerNotKeyHolder(let issuer, let key):
            "The credential's issuer is \(issuer), but the key belongs to \(key); set issuer to the key's DID."
        case .verificationMethodNotOfKey(let method): "\(method) is not the verification method of the signing key."
        case .proof(let error): error.message
        }
    }
}

extension CredentialSigningError: CustomStringConvertible {
    public var description: String { message }
}
