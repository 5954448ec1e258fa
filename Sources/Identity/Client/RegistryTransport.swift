import Foundation
import Logging
import Platform
import SplitMix
import Synchronization

/// Sends one registry request the way a good client of a national service must: with a live token
/// (fetched, and fetched again after a 401), below the client's own rate and concurrency limits,
/// and again after a throttle, a server error, a timeout or a broken connection, until the attempts
/// run out. Failures come out as `PopulationRegistryError`, naming the operation.
final class RegistryTransport: Sendable {
    let settings: PopulationClientSettings
    let logger: Logger
    let counters = Mutex(ClientStatistics())
    private let policy: RetryPolicy
    private let concurrency: ConcurrencyLimit
    private let pacer: Mutex<TokenBucket?>
    private let random = Mutex(SplitMix64(seed: UInt64.random(in: 0...UInt64.max)))
    private let tokens: AccessTokenProvider

    /// A failed attempt worth another try, with the wait the registry asked for, if it did.
    struct Retryable: Error {
        let failure: PopulationRegistryError.AttemptFailure
        let retryAfter: Duration?
    }

    init(settings: PopulationClientSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        policy = RetryPolicy(baseBackoff: settings.baseBackoff, maxBackoff: settings.maxBackoff)
        concurrency = ConcurrencyLimit(limit: settings.maxConcurrentRequests)
        // No bursts: a capacity of one spaces requests evenly at the rate.
        pacer = Mutex(settings.requestsPerSecond.map { TokenBucket(rate: $0, capacity: 1) })
        tokens = AccessTokenProvider()
    }

    /// A successful (2xx) answer to `method path`, after as many attempts as it took.
    func call(_ operation: String, _ method: PlainHTTPClient.Method, _ pathAndQuery: String, json body: String? = nil) async throws
        -> PlainHTTPClient.Response {
        let requestID = UUID().uuidString.lowercased()
        var attempt = 0
        var refreshed = false
        while true {
            attempt += 1
            let failure: PopulationRegistryError.AttemptFailure
            let retryAfter: Duration?
            do {
                let token = try await tokens.current { try await self.fetchToken() }
                var headers = [("Authorization", "Bearer " + token), (RegistryWire.agencyCodeHeader, settings.agencyCode),
                               (RegistryWire.requestIDHeader, requestID), ("Accept", "application/json")]
                if let officer = settings.officerCode { headers.append((RegistryWire.officerCodeHeader, officer)) }
                if body != nil { headers.append(("Content-Type", "application/json")) }
                let response = try await send(method, pathAndQuery, headers: headers, body: body)
                switch response.status {
                case 200..<300:
                    return response
                case 401 where !refreshed:
                    // The token expired or was revoked early: fetch another and try at once.
                    refreshed = true
                    await tokens.invalidate(token)
                    counters.withLock { $0.tokenRefreshesAfter401 += 1 }
                    failure = .status(401, code: Self.errorCode(response))
                    retryAfter = .zero
                case 401:
                    throw PopulationRegistryError.unauthorized(operation: operation, code: Self.errorCode(response) ?? "401")
                case 429, 500, 502, 503, 504:
                    failure = .status(response.status, code: Self.errorCode(response))
                    retryAfter = RetryPolicy.retryAfter(response.header("Retry-After"))
                default:
                    throw Self.rejection(operation, response)
                }
            } catch let retryable as Retryable {
                failure = retryable.failure
                retryAfter = retryable.retryAfter
            }
            guard attempt < settings.maxAttempts else {
                throw PopulationRegistryError.gaveUp(operation: operation, attempts: attempt, last: failure)
            }
            let unit = random.withLock { $0.unit() }
            let pause: Duration
            if let retryAfter {
                guard retryAfter <= settings.maxRetryAfter else {
                    throw PopulationRegistryError.retryAfterTooLong(operation: operation, attempts: attempt, wait: retryAfter)
                }
                pause = retryAfter == .zero ? .zero : policy.honouring(retryAfter, random: unit)
            } else {
                pause = policy.backoff(after: attempt, random: unit)
            }
            counters.withLock { statistics in
                statistics.retries += 1
                switch failure {
                case .status: break
                case .timedOut: statistics.timeouts += 1
                case .connection: statistics.connectionFailures += 1
                }
            }
            logger.notice("population registry call retried", metadata: [
                "operation": "\(operation)", "attempt": "\(attempt)", "failure": "\(failure)", "waitMs": "\(pause.seconds * 1000)",
                "requestId": "\(requestID)",
            ])
            if pause > .zero { try await Task.sleep(for: pause) }
        }
    }

    /// One request within the limits; transport failures become `Retryable`.
    func send(_ method: PlainHTTPClient.Method, _ pathAndQuery: String, headers: [(String, String)], body: String?) async throws
        -> PlainHTTPClient.Response {
        try await concurrency.run {
            if let wait = pacer.withLock({ bucket -> Duration? in bucket?.reserve() }), wait > .zero {
                try await Task.sleep(for: wait)
            }
            counters.withLock { $0.requests += 1 }
            do {
                // Its own retries, with backoff and counted, handle a dropped connection.
                return try await PlainHTTPClient.send(method, settings.baseURL + pathAndQuery, headers: headers, body: body,
                                                      timeout: settings.timeout, retryDroppedGET: false)
            } catch let failure as PlainHTTPClient.Failure {
                switch failure {
                case .unsupportedURL: throw PopulationRegistryError.notConfigured(failure.description)
                case .timedOut: throw Retryable(failure: .timedOut(settings.timeout), retryAfter: nil)
                case .connectionClosed: throw Retryable(failure: .connection(failure.description), retryAfter: nil)
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw Retryable(failure: .connection("\(error)"), retryAfter: nil)
            }
        }
    }

    /// One token request (OAuth2 client credentials, the ID and secret in HTTP Basic).
    private func fetchToken() async throws -> (token: String, expiresIn: Int) {
        counters.withLock { $0.tokenFetches += 1 }
        let credentials = Data((Self.formEncoded(settings.clientID) + ":" + Self.formEncoded(settings.clientSecret)).utf8).base64EncodedString()
        let response = try await send(.POST, RegistryWire.tokenPath, headers: [
            ("Authorization", "Basic " + credentials), ("Content-Type", "application/x-www-form-urlencoded"),
            (RegistryWire.agencyCodeHeader, settings.agencyCode), ("Accept", "application/json"),
        ], body: "grant_type=client_credentials")
        switch response.status {
        case 200:
            guard let answer = try? JSONDecoder().decode(RegistryWire.TokenResponse.self, from: Data(response.body.utf8)),
                  !answer.access_token.isEmpty else {
                throw PopulationRegistryError.malformedResponse(operation: "token request", detail: "no access_token in the answer")
            }
            return (answer.access_token, answer.expires_in)
        case 400, 401:
            throw PopulationRegistryError.credentialsRejected(status: response.status, code: Self.errorCode(response) ?? "\(response.status)")
        case 429, 500, 502, 503, 504:
            throw Retryable(failure: .status(response.status, code: Self.errorCode(response)),
                            retryAfter: RetryPolicy.retryAfter(response.header("Retry-After")))
        default:
            throw Self.rejection("token request", response)
        }
    }

    /// RFC 6749 §2.3.1: the ID and secret are form-encoded before they go into Basic.
    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    static func errorCode(_ response: PlainHTTPClient.Response) -> String? {
        (try? JSONDecoder().decode(RegistryWire.ErrorBody.self, from: Data(response.body.utf8)))?.code
    }

    static func rejection(_ operation: String, _ response: PlainHTTPClient.Response) -> PopulationRegistryError {
        let body = try? JSONDecoder().decode(RegistryWire.ErrorBody.self, from: Data(response.body.utf8))
        return .rejected(operation: operation, status: response.status, code: body?.code ?? "\(response.status)",
                         message: body?.message ?? String(response.body.prefix(200)))
    }
}

/// What the client has done so far, for tests and progress reports.
public struct ClientStatistics: Sendable, Equatable {
    public var requests = 0
    public var retries = 0
    /// Of the retried attempts, those that got no answer in time and those whose connection failed;
    /// the rest were answered with a status worth retrying.
    public var timeouts = 0
    public var connectionFailures = 0
    public var tokenFetches = 0
    public var tokenRefreshesAfter401 = 0
}
