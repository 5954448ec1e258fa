/// The checks a credential goes through, in the order the verifier runs and reports them.
public enum VerificationCheck: String, Sendable, CaseIterable, Hashable {
    /// VC 2.0 shape: contexts, types, issuer, subject, dates with time zones; the OB 3.0 /
    /// CLR 2.0 members a year record needs.
    case shape
    /// The eddsa-jcs-2022 proof, made by the issuer's own key.
    case proof
    /// The credentials inside a `ClrCredential`: same issuer, well formed, own proofs valid.
    case parts
    /// `validFrom` ≤ now ≤ `validUntil`.
    case dates
    /// The ministry's issuer registry: the key belongs to a school and was valid at issuance.
    case registry
    /// The Bitstring Status List: not revoked or suspended.
    case status

    /// Vietnamese name for reports.
    public var titleVI: String {
        switch self {
        case .shape: "Cấu trúc"
        case .proof: "Chữ ký số"
        case .parts: "Thành phần"
        case .dates: "Thời hạn"
        case .registry: "Danh sách khóa của Bộ"
        case .status: "Trạng thái thu hồi"
        }
    }

    /// English name for reports.
    public var titleEN: String {
        switch self {
        case .shape: "Shape"
        case .proof: "Proof"
        case .parts: "Parts"
        case .dates: "Dates"
        case .registry: "Issuer registry"
        case .status: "Status"
        }
    }
}

/// How a check ended.
public enum CheckOutcome: String, Sendable, Hashable {
    /// Established.
    case passed
    /// Failed; the credential is not accepted.
    case failed
    /// Could not be established, and the caller did not require it (e.g. no status list given).
    case warning
    /// Not applicable (e.g. a credential with no parts).
    case skipped
}

/// Why a credential was not accepted; each has its own exit status in the CLI.
public enum VerificationFailure: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// The proof or the document's shape is invalid (exit 1).
    case invalid = 1
    /// The credential is revoked or suspended (exit 2).
    case revoked = 2
    /// Outside its validity period (exit 3).
    case dates = 3
    /// The issuer's key is not trusted: outside its registered validity, compromised, the
    /// registry itself is not valid, or (when trusted issuers are required) unregistered (exit 4).
    case untrusted = 4
    /// Whether it was revoked could not be established: the status list is invalid, or is
    /// missing while status was required (exit 6).
    case statusUnknown = 6

    /// The order in which failures decide the verdict when several checks fail: an invalid
    /// proof makes everything else moot; revocation is the most useful thing to report next.
    var precedence: Int {
        switch self {
        case .invalid: 0
        case .revoked: 1
        case .untrusted: 2
        case .dates: 3
        case .statusUnknown: 4
        }
    }

    /// Orders by precedence: the smaller decides the verdict.
    public static func < (lhs: VerificationFailure, rhs: VerificationFailure) -> Bool { lhs.precedence < rhs.precedence }

    /// The process exit status the CLI uses.
    public var exitCode: Int32 { Int32(rawValue) }

    /// Vietnamese summary.
    public var messageVI: String {
        switch self {
        case .invalid: "KHÔNG HỢP LỆ: chữ ký hoặc cấu trúc văn bằng không đúng."
        case .revoked: "ĐÃ BỊ THU HỒI hoặc tạm đình chỉ."
        case .dates: "NGOÀI THỜI HẠN hiệu lực."
        case .untrusted: "KHÔNG TIN CẬY: khóa ký của đơn vị cấp không hợp lệ theo danh sách của Bộ."
        case .statusUnknown: "CHƯA XÁC ĐỊNH được trạng thái thu hồi."
        }
    }

    /// English summary.
    public var messageEN: String {
        switch self {
        case .invalid: "INVALID: the proof or the document's structure is wrong."
        case .revoked: "REVOKED or suspended."
        case .dates: "OUTSIDE its validity period."
        case .untrusted: "UNTRUSTED: the issuer's key is not valid according to the ministry's registry."
        case .statusUnknown: "Revocation status could NOT be established."
        }
    }
}
