/// One step of verifying an eddsa-jcs-2022 proof, in the order the verifier runs them.
///
/// A verification result lists the steps that passed, so a CLI or web page can show
/// what was actually established even when a later step failed.
public enum ProofCheck: String, Sendable, Equatable, Hashable, CaseIterable {
    /// The document is an object with a single `proof` object.
    case proofPresent
    /// `proof.type` is `DataIntegrityProof`.
    case proofType
    /// `proof.cryptosuite` is `eddsa-jcs-2022`.
    case cryptosuite
    /// `proof.proofPurpose` is the purpose the caller requires.
    case proofPurpose
    /// The document's `@context` starts with the proof's `@context`.
    case contextPrefix
    /// `proofValue` is base58btc multibase of 64 bytes.
    case proofValue
    /// `verificationMethod` resolves to an Ed25519 public key.
    case verificationMethod
    /// The Ed25519 signature matches the recomputed hash data.
    case signature

    /// An English sentence for people.
    public var messageEN: String {
        switch self {
        case .proofPresent: "The document carries a proof."
        case .proofType: "The proof type is DataIntegrityProof."
        case .cryptosuite: "The cryptosuite is eddsa-jcs-2022."
        case .proofPurpose: "The proof purpose is the one required."
        case .contextPrefix: "The document @context starts with the proof @context."
        case .proofValue: "The proof value is a well-formed Ed25519 signature encoding."
        case .verificationMethod: "The signing key was resolved from the verification method."
        case .signature: "The signature matches the document and proof options."
        }
    }

    /// A Vietnamese sentence for people.
    public var messageVI: String {
        switch self {
        case .proofPresent: "Tài liệu có chữ ký số (proof)."
        case .proofType: "Loại chữ ký là DataIntegrityProof."
        case .cryptosuite: "Bộ mật mã là eddsa-jcs-2022."
        case .proofPurpose: "Mục đích chữ ký đúng như yêu cầu."
        case .contextPrefix: "@context của tài liệu bắt đầu bằng @context của chữ ký."
        case .proofValue: "Giá trị chữ ký có định dạng Ed25519 hợp lệ."
        case .verificationMethod: "Đã xác định được khóa ký từ phương thức xác minh."
        case .signature: "Chữ ký khớp với tài liệu và các tùy chọn chữ ký."
        }
    }
}

/// Why an eddsa-jcs-2022 proof did not verify. Each case names the check that failed
/// and carries what was found, so callers can print a precise reason.
public enum ProofFailure: Error, Equatable, Hashable, Sendable {
    /// The secured document is not a JSON object.
    case documentNotObject
    /// There is no `proof` member.
    case noProof
    /// `proof` is an array (a proof set or chain), which this verifier does not handle.
    case proofSetNotSupported(count: Int)
    /// `proof` is neither an object nor an array.
    case proofNotObject(found: String)
    /// `proof.type` is missing or not `DataIntegrityProof`.
    case wrongProofType(found: String?)
    /// `proof.cryptosuite` is missing or not `eddsa-jcs-2022`.
    case wrongCryptosuite(found: String?)
    /// `proof.proofPurpose` is missing or not the purpose required by the caller.
    case wrongProofPurpose(expected: String, found: String?)
    /// The document's `@context` does not begin with the proof's `@context` entries, in
    /// order. Without this check a proof made for one vocabulary could be replayed under
    /// another.
    case contextMismatch
    /// `proofValue` is missing, not base58btc multibase, or not 64 bytes.
    case malformedProofValue(reason: String)
    /// `verificationMethod` is missing or not a string.
    case missingVerificationMethod
    /// The verification method did not resolve to an Ed25519 key.
    case keyNotResolvable(verificationMethod: String, reason: String)
    /// The document or proof options could not be canonicalised (e.g. duplicate keys
    /// in a value built in code).
    case canonicalizationFailed(reason: String)
    /// The signature does not match: the content, the proof options or the key differ
    /// from what was signed.
    case signatureMismatch

    /// The check this failure belongs to.
    public var check: ProofCheck {
        switch self {
        case .documentNotObject, .noProof, .proofSetNotSupported, .proofNotObject: .proofPresent
        case .wrongProofType: .proofType
        case .wrongCryptosuite: .cryptosuite
        case .wrongProofPurpose: .proofPurpose
        case .contextMismatch: .contextPrefix
        case .malformedProofValue: .proofValue
        case .missingVerificationMethod, .keyNotResolvable: .verificationMethod
        case .canonicalizationFailed, .signatureMismatch: .signature
        }
    }

    /// Stable machine-readable code for APIs and logs.
    public var code: String {
        switch self {
        case .documentNotObject: "proof.documentNotObject"
        case .noProof: "proof.missing"
        case .proofSetNotSupported: "proof.proofSetNotSupported"
        case .proofNotObject: "proof.notObject"
        case .wrongProofType: "proof.wrongType"
        case .wrongCryptosuite: "proof.wrongCryptosuite"
        case .wrongProofPurpose: "proof.wrongPurpose"
        case .contextMismatch: "proof.contextMismatch"
        case .malformedProofValue: "proof.malformedProofValue"
        case .missingVerificationMethod: "proof.missingVerificationMethod"
        case .keyNotResolvable: "proof.keyNotResolvable"
        case .canonicalizationFailed: "proof.canonicalizationFailed"
        case .signatureMismatch: "proof.signatureMismatch"
        }
    }

    /// An English sentence for people.
    public var messageEN: String {
        switch self {
        case .documentNotObject:
            return "The document is not a JSON object."
        case .noProof:
            return "The document has no proof."
        case .proofSetNotSupported(let count):
            return "The document has a set of \(count) proofs; only a single proof can be verified."
        case .proofNotObject(let found):
            return "The proof is a \(found), not an object."
        case .wrongProofType(let found):
            return "The proof type is \(Self.quoted(found)), expected \"DataIntegrityProof\"."
        case .wrongCryptosuite(let found):
            return "The cryptosuite is \(Self.quoted(found)), expected \"eddsa-jcs-2022\"."
        case .wrongProofPurpose(let expected, let found):
            return "The proof purpose is \(Self.quoted(found)), expected \"\(expected)\"."
        case .contextMismatch:
            return "The document @context does not start with the proof @context."
        case .malformedProofValue(let reason):
            return "The proof value is malformed: \(reason)"
        case .missingVerificationMethod:
            return "The proof has no verification method."
        case .keyNotResolvable(let method, let reason):
            return "The key for \"\(method)\" could not be resolved: \(reason)"
        case .canonicalizationFailed(let reason):
            return "The document could not be canonicalised: \(reason)"
        case .signatureMismatch:
            return "The signature does not match: the document was changed or signed by another key."
        }
    }

    /// A Vietnamese sentence for people.
    public var messageVI: String {
        switch self {
        case .documentNotObject:
            return "Tài liệu không phải là một đối tượng JSON."
        case .noProof:
            return "Tài liệu không có chữ ký số (proof)."
        case .proofSetNotSupported(let count):
            return "Tài liệu có \(count) chữ ký; chỉ hỗ trợ xác minh một chữ ký."
        case .proofNotObject:
            return "Trường proof không phải là một đối tượng."
        case .wrongProofType(let found):
            return "Loại chữ ký là \(Self.quoted(found, missing: "(không có)")), cần \"DataIntegrityProof\"."
        case .wrongCryptosuite(let found):
            return "Bộ mật mã là \(Self.quoted(found, missing: "(không có)")), cần \"eddsa-jcs-2022\"."
        case .wrongProofPurpose(let expected, let found):
            return "Mục đích chữ ký là \(Self.quoted(found, missing: "(không có)")), cần \"\(expected)\"."
        case .contextMismatch:
            return "@context của tài liệu không bắt đầu bằng @context của chữ ký."
        case .malformedProofValue(let reason):
            return "Giá trị chữ ký không hợp lệ: \(reason)"
        case .missingVerificationMethod:
            return "Chữ ký không có phương thức xác minh (verificationMethod)."
        case .keyNotResolvable(let method, let reason):
            return "Không xác định được khóa của \"\(method)\": \(reason)"
        case .canonicalizationFailed(let reason):
            return "Không chuẩn hóa được tài liệu: \(reason)"
        case .signatureMismatch:
            return "Chữ ký không khớp: tài liệu đã bị thay đổi hoặc được ký bằng khóa khác."
        }
    }

    private static func quoted(_ text: String?, missing: String = "missing") -> String {
        text.map { "\"\($0)\"" } ?? missing
    }
}

extension ProofFailure: CustomStringConvertible {
    public var description: String { messageEN }
}

/// The outcome of verifying a proof: which checks passed, and the first failure if any.
public struct ProofVerification: Sendable, Equatable {
    /// Checks that passed, in the order they ran.
    public let passedChecks: [ProofCheck]
    /// The first failed check, or `nil` when the proof verified.
    public let failure: ProofFailure?
    /// The verification method named in the proof, when one was present.
    public let verificationMethod: String?

    /// A result; normally produced by `EddsaJcs2022.verify`.
    public init(passedChecks: [ProofCheck], failure: ProofFailure?, verificationMethod: String?) {
        self.passedChecks = passedChecks
        self.failure = failure
        self.verificationMethod = verificationMethod
    }

    /// True only when every check passed, including the signature.
    public var isVerified: Bool { failure == nil && passedChecks.contains(.signature) }
}
