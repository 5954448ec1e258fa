/// Why an issuer registry document could not be read.
public enum IssuerRegistryError: Error, Equatable, Sendable {
    /// The document is not an `IssuerRegistryCredential`.
    case notRegistryCredential
    /// A required member is missing (path such as `credentialSubject.schools[2].keys`).
    case missingField(String)
    /// A member has the wrong JSON type.
    case wrongType(String, expected: String)
    /// A date is not a date-time with a time zone.
    case invalidDate(String)
    /// A key id is not an Ed25519 did:key or its verification method.
    case invalidKey(String, String)
    /// `validUntil` is not after `validFrom`.
    case invalidValidity(String)
    /// The same key is listed twice, possibly for two schools: a key must name one school.
    case duplicateKey(String)
    /// The same sector code is listed twice.
    case duplicateSchool(String)

    /// A readable explanation.
    public var message: String {
        switch self {
        case .notRegistryCredential: "The document is not an IssuerRegistryCredential."
        case .missingField(let path): "The registry has no \(path)."
        case .wrongType(let path, let expected): "\(path) must be a \(expected)."
        case .invalidDate(let path): "\(path) is not a date-time with a time zone."
        case .invalidKey(let path, let reason): "\(path) is not an Ed25519 did:key: \(reason)"
        case .invalidValidity(let path): "\(path): validUntil must be after validFrom."
        case .duplicateKey(let did): "Key \(did) is listed more than once."
        case .duplicateSchool(let code): "School \(code) is listed more than once."
        }
    }
}

extension IssuerRegistryError: CustomStringConvertible {
    public var description: String { message }
}
