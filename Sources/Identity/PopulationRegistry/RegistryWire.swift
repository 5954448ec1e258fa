/// The bodies and headers of the registry protocol, shared by the service and the HTTP client so the
/// two cannot drift apart. The protocol itself is described on `PopulationRegistryService`.
enum RegistryWire {
    static let requestIDHeader = "X-Request-Id"
    static let agencyCodeHeader = "X-Agency-Code"
    static let officerCodeHeader = "X-Officer-Code"

    static let tokenPath = "/oauth/token"
    static let lookupPath = "/v1/citizens/lookup"
    static let searchPath = "/v1/citizens/search"

    struct LookupRequest: Codable, Sendable {
        let soDinhDanh: [String]
    }

    struct LookupResult: Codable, Sendable {
        let soDinhDanh: String
        let found: Bool
        let citizen: RegistryCitizen?
    }

    struct LookupResponse: Codable, Sendable {
        let results: [LookupResult]
    }

    struct SearchResponse: Codable, Sendable {
        let items: [RegistryCitizen]
        let nextPageToken: String?
    }

    /// RFC 6749 §5.1.
    struct TokenResponse: Codable, Sendable {
        let access_token: String
        let token_type: String
        let expires_in: Int
    }

    /// Every error answer. `error` and `error_description` repeat `code` and `message` on the token
    /// endpoint, where OAuth clients look for them (RFC 6749 §5.2).
    struct ErrorBody: Codable, Sendable {
        let code: String
        let message: String
        let requestId: String
        var error: String?
        var error_description: String?
    }
}
