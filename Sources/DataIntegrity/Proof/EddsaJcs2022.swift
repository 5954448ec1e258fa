import Crypto

/// The `eddsa-jcs-2022` Data Integrity cryptosuite (W3C "Data Integrity EdDSA
/// Cryptosuites v1.0" §3.3): Ed25519 over SHA-256 of RFC 8785 canonical JSON.
///
/// It needs no JSON-LD processing, so credentials verify offline (DOMAIN.md §4.2–4.3).
public enum EddsaJcs2022 {
    /// The `type` of every Data Integrity proof.
    public static let proofType = "DataIntegrityProof"
    /// The `cryptosuite` value this type signs and verifies.
    public static let cryptosuite = "eddsa-jcs-2022"
    /// The purpose of issuing credentials.
    public static let defaultProofPurpose = "assertionMethod"
    /// Ed25519 signatures are 64 bytes.
    public static let signatureLength = 64

    /// The proof options (proof configuration) for signing `document`.
    ///
    /// The document's `@context` is copied in: since 2024 the proof is bound to the
    /// vocabulary it was made for, and verifiers check the document still starts with it.
    /// Member order follows the W3C test vector; JCS sorts anyway before hashing.
    public static func proofOptions(
        for document: JSONValue,
        verificationMethod: String,
        created: String?,
        proofPurpose: String = defaultProofPurpose
    ) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            (key: "type", value: .string(proofType)),
            (key: "cryptosuite", value: .string(cryptosuite)),
        ]
        if let created {
            members.append((key: "created", value: .string(created)))
        }
        members.append((key: "verificationMethod", value: .string(verificationMethod)))
        members.append((key: "proofPurpose", value: .string(proofPurpose)))
        if let context = document["@context"] {
            members.append((key: "@context", value: context))
        }
        return .object(members)
    }

    /// `SHA-256(JCS(proofOptions)) ‖ SHA-256(JCS(unsecuredDocument))`: 64 bytes, the proof
    /// options hash first (swapping them is a known interoperability bug).
    ///
    /// `unsecuredDocument` must already be without `proof`; `proofOptions` without
    /// `proofValue`.
    public static func hashData(proofOptions: JSONValue, unsecuredDocument: JSONValue) throws(JSONError) -> [UInt8] {
        let optionsHash = SHA256.hash(data: try JCS.canonicalize(proofOptions))
        let documentHash = SHA256.hash(data: try JCS.canonicalize(unsecuredDocument))
        return Array(optionsHash) + Array(documentHash)
    }

    /// Signs `document` and returns it with a `proof` member appended.
    ///
    /// - Parameters:
    ///   - verificationMethod: e.g. `DIDKey(publicKey:).verificationMethod`.
    ///   - created: an XML Schema dateTimeStamp such as `2025-06-01T08:00:00Z`, or `nil`
    ///     to omit it (this kernel has no clock).
    public static func sign(
        document: JSONValue,
        key: Curve25519.Signing.PrivateKey,
        verificationMethod: String,
        created: String?,
        proofPurpose: String = defaultProofPurpose
    ) throws(ProofSigningError) -> JSONValue {
        guard case .object = document else { throw .documentNotObject }
        guard document["proof"] == nil else { throw .documentAlreadyHasProof }
        let options = proofOptions(
            for: document, verificationMethod: verificationMethod,
            created: created, proofPurpose: proofPurpose)
        let data: [UInt8]
        do {
            data = try hashData(proofOptions: options, unsecuredDocument: document)
        } catch {
            throw .canonicalizationFailed(error)
        }
        let signature: [UInt8]
        do {
            signature = Array(try key.signature(for: data))
        } catch {
            throw .signingFailed
        }
        let proof = options.settingMember("proofValue", to: .string(Multibase.base58btc.encode(signature)))
        return document.settingMember("proof", to: proof)
    }
}

/// Why a document could not be signed.
public enum ProofSigningError: Error, Equatable, Sendable {
    /// Only JSON objects can carry a proof.
    case documentNotObject
    /// Adding a second proof would make a proof set, which this signer does not build;
    /// re-signing must start from the unsigned document.
    case documentAlreadyHasProof
    /// The document or options cannot be canonicalised (NaN, duplicate keys).
    case canonicalizationFailed(JSONError)
    /// The Ed25519 implementation refused to sign.
    case signingFailed

    /// A readable explanation for logs and error pages.
    public var message: String {
        switch self {
        case .documentNotObject: "Only a JSON object can be signed."
        case .documentAlreadyHasProof: "The document already has a proof; sign the unsigned document."
        case .canonicalizationFailed(let error): "The document cannot be canonicalised: \(error.message)"
        case .signingFailed: "The Ed25519 signature could not be computed."
        }
    }
}
