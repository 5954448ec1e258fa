/// Why a call to the population registry failed, saying what was asked and, after retries, how many
/// attempts were made and what the last one met.
public enum PopulationRegistryError: Error, CustomStringConvertible, Equatable {
    /// What went wrong with one attempt (all of these are retried).
    public enum AttemptFailure: Sendable, Equatable, CustomStringConvertible {
        /// The registry answered with this status and error code (429, 500, 502, 503, 504).
        case status(Int, code: String?)
        case timedOut(Duration)
        /// The connection could not be made or broke off.
        case connection(String)

        public var description: String {
            switch self {
            case .status(let status, let code): "the registry answered \(status)" + (code.map { " (\($0))" } ?? "")
            case .timedOut(let limit): "no answer within \(limit)"
            case .connection(let reason): "connection failed: \(reason)"
            }
        }
    }

    case notConfigured(String)
    case invalidQuery(String)
    /// The registry refused the client's ID and secret (no retry helps).
    case credentialsRejected(status: Int, code: String)
    /// The registry refused the request itself (a 4xx other than 401 and 429): retrying would not help.
    case rejected(operation: String, status: Int, code: String, message: String)
    /// A fresh token was refused too.
    case unauthorized(operation: String, code: String)
    /// Every attempt failed.
    case gaveUp(operation: String, attempts: Int, last: AttemptFailure)
    /// The registry asked to wait (`Retry-After`) longer than the client is allowed to.
    case retryAfterTooLong(operation: String, attempts: Int, wait: Duration)
    /// The answer could not be read.
    case malformedResponse(operation: String, detail: String)

    public var description: String {
        switch self {
        case .notConfigured(let message): "the population registry is not configured: \(message)"
        case .invalidQuery(let message): "invalid registry search: \(message)"
        case .credentialsRejected(let status, let code):
            "the population registry refused the client credentials (\(status) \(code)); check NEMIS_POPULATION_CLIENT_ID and _SECRET"
        case .rejected(let operation, let status, let code, let message):
            "population registry \(operation) was refused: \(status) \(code): \(message)"
        case .unauthorized(let operation, let code):
            "population registry \(operation) was refused even with a fresh access token (\(code))"
        case .gaveUp(let operation, let attempts, let last):
            "population registry \(operation) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(last)"
        case .retryAfterTooLong(let operation, let attempts, let wait):
            "population registry \(operation) was throttled after \(attempts) attempt(s) and asked to wait \(wait), longer than allowed"
        case .malformedResponse(let operation, let detail):
            "population registry \(operation) answered something unreadable: \(detail)"
        }
    }
}
