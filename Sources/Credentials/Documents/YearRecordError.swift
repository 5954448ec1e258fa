/// Why a year record could not be turned into a credential.
public enum YearRecordError: Error, Equatable, Sendable {
    /// A required text field is empty.
    case emptyField(String)
    /// The grade is not 1–12.
    case gradeOutOfRange(Int)
    /// The version is below 1.
    case invalidVersion(Int)
    /// The school's DID is not a did:key for an Ed25519 key.
    case issuerNotDIDKey(String)
    /// A rating's code is not one of its scale's levels.
    case unknownLevel(scale: String, code: String)
    /// A subject code appears twice, which would give two results the same description.
    case duplicateSubject(String)
    /// A subject or rule-set code has characters other than ASCII letters, digits, `_` and
    /// `-`; codes become part of the result descriptions' URNs.
    case invalidCode(String)
    /// `validUntil` is not after `validFrom`.
    case validUntilNotAfterValidFrom
    /// The status entry's index is negative.
    case invalidStatusIndex(Int)

    /// A readable explanation.
    public var message: String {
        switch self {
        case .emptyField(let field): "The record's \(field) is empty."
        case .gradeOutOfRange(let grade): "Grade \(grade) is not between 1 and 12."
        case .invalidVersion(let version): "Version \(version) must be 1 or more."
        case .issuerNotDIDKey(let did): "The school's identifier \"\(did)\" is not an Ed25519 did:key."
        case .unknownLevel(let scale, let code): "\"\(code)\" is not a level of the scale \"\(scale)\"."
        case .duplicateSubject(let code): "Subject \"\(code)\" appears more than once."
        case .invalidCode(let code): "\"\(code)\" may hold only ASCII letters, digits, _ and -."
        case .validUntilNotAfterValidFrom: "validUntil must be after validFrom."
        case .invalidStatusIndex(let index): "Status list index \(index) is negative."
        }
    }
}

extension YearRecordError: CustomStringConvertible {
    public var description: String { message }
}
