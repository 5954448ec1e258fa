import DataIntegrity
import Foundation

/// What one check found, with a stable code and a sentence in Vietnamese and English.
public indirect enum VerificationFinding: Sendable, Hashable {
    // MARK: Shape
    case shapeValid(types: [String])
    case notAnObject
    case contextMissing
    case firstContextNotVC2(found: String?)
    case contextNotAllowed(String)
    case notVerifiableCredential
    case memberMissing(String)
    case memberWrongType(String, expected: String)
    case dateWithoutTimeZone(field: String, value: String)
    case legacyDateMember(String)

    // MARK: Proof
    case proofVerified(verificationMethod: String)
    case proofFailed(ProofFailure)
    case proofKeyNotIssuer(verificationMethod: String, issuer: String)

    // MARK: Parts
    case partsConsistent(count: Int)
    case noParts
    case partIssuerMismatch(index: Int, found: String?)
    case partProblem(index: Int, VerificationFinding)

    // MARK: Dates
    case datesHold(validFrom: Date, validUntil: Date?)
    case notYetValid(validFrom: Date)
    case expired(validUntil: Date)

    // MARK: Registry
    case registryNotProvided
    case registryNotAnchored(signer: String)
    case registryProofInvalid(ProofFailure)
    case registrySignerNotTrusted(signer: String, trusted: String)
    case registryNotCurrent(validFrom: Date, validUntil: Date?)
    case keyRegistered(sectorCode: String, name: String, key: RegisteredKey, anchored: Bool)
    case keyUnregistered(did: String)
    case keyNotYetValid(sectorCode: String, validFrom: Date)
    case keyExpired(sectorCode: String, validUntil: Date)
    case keyCompromised(sectorCode: String, revokedAt: Date)
    case schoolCodeMismatch(claimed: String, registered: String)
    case issuanceTimeUnknown

    // MARK: Status
    case noStatusEntry
    case statusEntryMalformed(StatusListError)
    case statusListMissing(url: String)
    case statusListUnreadable(url: String, reason: String)
    case statusListProofInvalid(url: String, ProofFailure)
    case statusListSignerNotAccepted(url: String, signer: String)
    case statusListKeyNotValid(url: String, signer: String)
    case statusListNotCurrent(url: String)
    case statusClear(url: String, purpose: String, listValidFrom: Date?, ageSeconds: Double?)
    case statusSet(url: String, purpose: String, index: Int, value: UInt64)

    /// Stable machine-readable code, `check.reason`.
    public var code: String {
        switch self {
        case .shapeValid: "shape.valid"
        case .notAnObject: "shape.notObject"
        case .contextMissing: "shape.contextMissing"
        case .firstContextNotVC2: "shape.firstContextNotVC2"
        case .contextNotAllowed: "shape.contextNotAllowed"
        case .notVerifiableCredential: "shape.notVerifiableCredential"
        case .memberMissing: "shape.memberMissing"
        case .memberWrongType: "shape.memberWrongType"
        case .dateWithoutTimeZone: "shape.dateWithoutTimeZone"
        case .legacyDateMember: "shape.legacyDateMember"
        case .proofVerified: "proof.verified"
        case .proofFailed(let failure): failure.code
        case .proofKeyNotIssuer: "proof.keyNotIssuer"
        case .partsConsistent: "parts.consistent"
        case .noParts: "parts.none"
        case .partIssuerMismatch: "parts.issuerMismatch"
        case .partProblem(_, let inner): "parts." + inner.code
        case .datesHold: "dates.hold"
        case .notYetValid: "dates.notYetValid"
        case .expired: "dates.expired"
        case .registryNotProvided: "registry.notProvided"
        case .registryNotAnchored: "registry.notAnchored"
        case .registryProofInvalid: "registry.proofInvalid"
        case .registrySignerNotTrusted: "registry.signerNotTrusted"
        case .registryNotCurrent: "registry.notCurrent"
        case .keyRegistered: "registry.keyRegistered"
        case .keyUnregistered: "registry.keyUnregistered"
        case .keyNotYetValid: "registry.keyNotYetValid"
        case .keyExpired: "registry.keyExpired"
        case .keyCompromised: "registry.keyCompromised"
        case .schoolCodeMismatch: "registry.schoolCodeMismatch"
        case .issuanceTimeUnknown: "registry.issuanceTimeUnknown"
        case .noStatusEntry: "status.noEntry"
        case .statusEntryMalformed: "status.entryMalformed"
        case .statusListMissing: "status.notChecked"
        case .statusListUnreadable: "status.listUnreadable"
        case .statusListProofInvalid: "status.listProofInvalid"
        case .statusListSignerNotAccepted: "status.listSignerNotAccepted"
        case .statusListKeyNotValid: "status.listKeyNotValid"
        case .statusListNotCurrent: "status.listNotCurrent"
        case .statusClear: "status.clear"
        case .statusSet(_, let purpose, _, _): purpose == "suspension" ? "status.suspended" : (purpose == "revocation" ? "status.revoked" : "status.set")
        }
    }

    /// A Vietnamese sentence for people.
    public var messageVI: String {
        switch self {
        case .shapeValid(let types):
            return "Cấu trúc đúng mô hình VC 2.0 (\(types.joined(separator: ", ")))."
        case .notAnObject:
            return "Tài liệu không phải là một đối tượng JSON."
        case .contextMissing:
            return "Thiếu @context."
        case .firstContextNotVC2(let found):
            return "@context đầu tiên phải là \(CredentialVocabulary.vc2Context), nhưng là \(found ?? "(không có)")."
        case .contextNotAllowed(let context):
            return "@context \"\(context)\" không nằm trong danh sách được chấp nhận."
        case .notVerifiableCredential:
            return "type không có \"VerifiableCredential\"."
        case .memberMissing(let path):
            return "Thiếu trường bắt buộc \(path)."
        case .memberWrongType(let path, let expected):
            return "Trường \(path) phải là \(expected)."
        case .dateWithoutTimeZone(let field, let value):
            return "\(field) \"\(value)\" không phải ngày giờ có múi giờ."
        case .legacyDateMember(let member):
            return "Trường \(member) của VC 1.1 không dùng trong VC 2.0 (dùng validFrom/validUntil)."
        case .proofVerified(let method):
            return "Chữ ký số hợp lệ, ký bằng khóa \(method)."
        case .proofFailed(let failure):
            return failure.messageVI
        case .proofKeyNotIssuer(let method, let issuer):
            return "Khóa ký \(method) không thuộc đơn vị cấp \(issuer)."
        case .partsConsistent(let count):
            return "\(count) thành phần cùng đơn vị cấp, có cấu trúc đúng và được chữ ký của văn bằng bao phủ."
        case .noParts:
            return "Văn bằng không có thành phần lồng bên trong."
        case .partIssuerMismatch(let index, let found):
            return "Thành phần #\(index + 1) có đơn vị cấp khác (\(found ?? "không có"))."
        case .partProblem(let index, let inner):
            return "Thành phần #\(index + 1): \(inner.messageVI)"
        case .datesHold(let from, let until):
            return "Có hiệu lực từ \(Self.stamp(from))" + (until.map { " đến \(Self.stamp($0))" } ?? "") + "."
        case .notYetValid(let from):
            return "Chưa đến ngày hiệu lực (\(Self.stamp(from)))."
        case .expired(let until):
            return "Đã hết hiệu lực từ \(Self.stamp(until))."
        case .registryNotProvided:
            return "Không có danh sách khóa của Bộ; không xác định được đơn vị cấp có được đăng ký hay không."
        case .registryNotAnchored(let signer):
            return "Danh sách khóa do \(signer) ký, nhưng chưa được đối chiếu với khóa của Bộ (dùng --ministry-key)."
        case .registryProofInvalid(let failure):
            return "Chữ ký của danh sách khóa không hợp lệ: \(failure.messageVI)"
        case .registrySignerNotTrusted(let signer, let trusted):
            return "Danh sách khóa do \(signer) ký, không phải khóa của Bộ \(trusted)."
        case .registryNotCurrent(let from, let until):
            return "Danh sách khóa (ban hành \(Self.stamp(from))) đã hết hạn" + (until.map { " từ \(Self.stamp($0))" } ?? "") + "; cần bản mới."
        case .keyRegistered(let code, let name, let key, let anchored):
            let source = anchored ? "danh sách của Bộ" : "danh sách khóa (chưa đối chiếu với khóa của Bộ)"
            return "Khóa ký đã đăng ký cho \(name) (\(code)) trong \(source), hiệu lực từ \(Self.stamp(key.validFrom))"
                + (key.validUntil.map { " đến \(Self.stamp($0))" } ?? "") + "."
        case .keyUnregistered(let did):
            return "Khóa ký \(did) không có trong danh sách khóa của Bộ."
        case .keyNotYetValid(let code, let from):
            return "Khóa ký của \(code) chỉ có hiệu lực từ \(Self.stamp(from)), sau ngày cấp văn bằng."
        case .keyExpired(let code, let until):
            return "Khóa ký của \(code) đã hết hiệu lực từ \(Self.stamp(until)), trước ngày cấp văn bằng."
        case .keyCompromised(let code, let revokedAt):
            return "Khóa ký của \(code) đã bị thu hồi (lộ khóa) từ \(Self.stamp(revokedAt)), trước ngày cấp văn bằng."
        case .schoolCodeMismatch(let claimed, let registered):
            return "Văn bằng ghi mã trường \(claimed), nhưng khóa ký được đăng ký cho \(registered)."
        case .issuanceTimeUnknown:
            return "Không có ngày cấp hợp lệ để đối chiếu thời hạn của khóa."
        case .noStatusEntry:
            return "Văn bằng không có mục trạng thái (credentialStatus); không kiểm tra được việc thu hồi."
        case .statusEntryMalformed(let error):
            return "Mục trạng thái không hợp lệ: \(error.message)"
        case .statusListMissing(let url):
            return "Chưa kiểm tra trạng thái: không có danh sách trạng thái \(url)."
        case .statusListUnreadable(let url, let reason):
            return "Không đọc được danh sách trạng thái \(url): \(reason)"
        case .statusListProofInvalid(let url, let failure):
            return "Chữ ký của danh sách trạng thái \(url) không hợp lệ: \(failure.messageVI)"
        case .statusListSignerNotAccepted(let url, let signer):
            return "Danh sách trạng thái \(url) do \(signer) ký, không phải đơn vị cấp hay Bộ."
        case .statusListKeyNotValid(let url, let signer):
            return "Khóa \(signer) ký danh sách trạng thái \(url) không còn hiệu lực theo danh sách của Bộ."
        case .statusListNotCurrent(let url):
            return "Danh sách trạng thái \(url) đã hết hạn hoặc chưa có hiệu lực; cần bản mới."
        case .statusClear(let url, let purpose, let from, let age):
            return "Không bị \(Self.purposeVI(purpose)) theo danh sách \(url)" + Self.listAgeVI(from, age) + "."
        case .statusSet(let url, let purpose, let index, _):
            return "Văn bằng đã bị \(Self.purposeVI(purpose)) (mục \(index) của \(url))."
        }
    }

    /// An English sentence for people.
    public var messageEN: String {
        switch self {
        case .shapeValid(let types):
            return "Well-formed VC 2.0 credential (\(types.joined(separator: ", ")))."
        case .notAnObject:
            return "The document is not a JSON object."
        case .contextMissing:
            return "@context is missing."
        case .firstContextNotVC2(let found):
            return "The first @context must be \(CredentialVocabulary.vc2Context), found \(found ?? "nothing")."
        case .contextNotAllowed(let context):
            return "@context \"\(context)\" is not on the accepted list."
        case .notVerifiableCredential:
            return "type does not include \"VerifiableCredential\"."
        case .memberMissing(let path):
            return "The required member \(path) is missing."
        case .memberWrongType(let path, let expected):
            return "\(path) must be \(expected)."
        case .dateWithoutTimeZone(let field, let value):
            return "\(field) \"\(value)\" is not a date-time with a time zone."
        case .legacyDateMember(let member):
            return "\(member) is a VC 1.1 member, not used in VC 2.0 (use validFrom/validUntil)."
        case .proofVerified(let method):
            return "The proof is valid, made with key \(method)."
        case .proofFailed(let failure):
            return failure.messageEN
        case .proofKeyNotIssuer(let method, let issuer):
            return "The signing key \(method) does not belong to the issuer \(issuer)."
        case .partsConsistent(let count):
            return "\(count) parts have the record's issuer, are well formed, and are covered by the record's proof."
        case .noParts:
            return "The credential has no embedded credentials."
        case .partIssuerMismatch(let index, let found):
            return "Part #\(index + 1) has another issuer (\(found ?? "none"))."
        case .partProblem(let index, let inner):
            return "Part #\(index + 1): \(inner.messageEN)"
        case .datesHold(let from, let until):
            return "Valid from \(Self.stamp(from))" + (until.map { " until \(Self.stamp($0))" } ?? "") + "."
        case .notYetValid(let from):
            return "Not valid yet (valid from \(Self.stamp(from)))."
        case .expired(let until):
            return "Expired at \(Self.stamp(until))."
        case .registryNotProvided:
            return "No issuer registry was given; whether the issuer is registered is unknown."
        case .registryNotAnchored(let signer):
            return "The registry is signed by \(signer) but was not checked against the ministry's key (use --ministry-key)."
        case .registryProofInvalid(let failure):
            return "The registry's proof is invalid: \(failure.messageEN)"
        case .registrySignerNotTrusted(let signer, let trusted):
            return "The registry is signed by \(signer), not by the ministry key \(trusted)."
        case .registryNotCurrent(let from, let until):
            return "The registry (issued \(Self.stamp(from))) is not current" + (until.map { "; it expired at \(Self.stamp($0))" } ?? "") + "."
        case .keyRegistered(let code, let name, let key, let anchored):
            let source = anchored ? "the ministry's registry" : "a registry not checked against the ministry's key"
            return "The signing key is registered to \(name) (\(code)) in \(source), valid from \(Self.stamp(key.validFrom))"
                + (key.validUntil.map { " until \(Self.stamp($0))" } ?? "") + "."
        case .keyUnregistered(let did):
            return "The signing key \(did) is not in the ministry's registry."
        case .keyNotYetValid(let code, let from):
            return "\(code)'s key is valid only from \(Self.stamp(from)), after the credential's issuance."
        case .keyExpired(let code, let until):
            return "\(code)'s key expired at \(Self.stamp(until)), before the credential's issuance."
        case .keyCompromised(let code, let revokedAt):
            return "\(code)'s key was revoked as compromised at \(Self.stamp(revokedAt)), before the credential's issuance."
        case .schoolCodeMismatch(let claimed, let registered):
            return "The credential claims school code \(claimed), but the key is registered to \(registered)."
        case .issuanceTimeUnknown:
            return "There is no valid issuance time to check the key's validity against."
        case .noStatusEntry:
            return "The credential has no credentialStatus; revocation cannot be checked."
        case .statusEntryMalformed(let error):
            return "The status entry is invalid: \(error.message)"
        case .statusListMissing(let url):
            return "Status not checked: the status list \(url) was not given."
        case .statusListUnreadable(let url, let reason):
            return "The status list \(url) could not be read: \(reason)"
        case .statusListProofInvalid(let url, let failure):
            return "The status list \(url) has an invalid proof: \(failure.messageEN)"
        case .statusListSignerNotAccepted(let url, let signer):
            return "The status list \(url) is signed by \(signer), neither the issuer nor the ministry."
        case .statusListKeyNotValid(let url, let signer):
            return "The key \(signer) that signed the status list \(url) is not valid according to the registry."
        case .statusListNotCurrent(let url):
            return "The status list \(url) has expired or is not valid yet; fetch a newer one."
        case .statusClear(let url, let purpose, let from, let age):
            return "Not marked for \(purpose) in \(url)" + Self.listAgeEN(from, age) + "."
        case .statusSet(let url, let purpose, let index, let value):
            return "Marked for \(purpose) (entry \(index) of \(url), value \(value))."
        }
    }

    // MARK: Formatting

    static func stamp(_ date: Date) -> String { DateTimeStamp.format(date) }

    private static func purposeVI(_ purpose: String) -> String {
        switch purpose {
        case "revocation": "thu hồi"
        case "suspension": "tạm đình chỉ"
        default: "đánh dấu (\(purpose))"
        }
    }

    private static func listAgeVI(_ from: Date?, _ age: Double?) -> String {
        guard let from else { return "" }
        return " (danh sách lập lúc \(stamp(from))" + (age.map { ", cách đây \(ageText($0, vietnamese: true))" } ?? "") + ")"
    }

    private static func listAgeEN(_ from: Date?, _ age: Double?) -> String {
        guard let from else { return "" }
        return " (list issued \(stamp(from))" + (age.map { ", \(ageText($0, vietnamese: false)) old" } ?? "") + ")"
    }

    private static func ageText(_ seconds: Double, vietnamese: Bool) -> String {
        let hours = Int(max(0, seconds) / 3600)
        if hours < 48 { return vietnamese ? "\(hours) giờ" : "\(hours) h" }
        return vietnamese ? "\(hours / 24) ngày" : "\(hours / 24) days"
    }
}
