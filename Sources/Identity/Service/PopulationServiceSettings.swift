/// How `nemis population serve` behaves. Latency, rate limiting and failures are there on purpose:
/// the national service is slow, throttled and sometimes down, and NEMIS's client must hold up.
public struct PopulationServiceSettings: Sendable, CustomStringConvertible {
    public var host: String
    /// 0 picks a free port (tests); the bound port is reported through `onServerRunning`.
    public var port: Int
    /// The one OAuth2 client the service knows.
    public var clientID: String
    public var clientSecret: String
    /// How long an access token lives.
    public var tokenLifetime: Duration
    /// The most IDs one lookup may carry; more is answered 413.
    public var maxBatchSize: Int
    /// Search results per page when the caller names no `pageSize`, and the most it may ask for.
    public var pageSize: Int
    public var maxPageSize: Int
    /// Added before every answer, plus a uniform random share of `latencyJitter`.
    public var latency: Duration
    public var latencyJitter: Duration
    /// Requests a second across all callers; beyond it, 429 with `Retry-After`. Nil: no limit.
    public var rateLimit: Double?
    /// The share of requests answered 500 or 503 at random (0…1).
    public var errorRate: Double
    /// Seeds the random latency and failures, so a run can be repeated.
    public var seed: UInt64

    public init(host: String = "127.0.0.1", port: Int, clientID: String, clientSecret: String,
                tokenLifetime: Duration = .seconds(3600), maxBatchSize: Int = 1000, pageSize: Int = 50, maxPageSize: Int = 1000,
                latency: Duration = .zero, latencyJitter: Duration = .zero, rateLimit: Double? = nil, errorRate: Double = 0,
                seed: UInt64 = 1) {
        self.host = host
        self.port = port
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenLifetime = max(tokenLifetime, .seconds(1))
        self.maxBatchSize = max(1, maxBatchSize)
        self.maxPageSize = max(1, maxPageSize)
        self.pageSize = min(max(1, pageSize), self.maxPageSize)
        self.latency = max(latency, .zero)
        self.latencyJitter = max(latencyJitter, .zero)
        self.rateLimit = rateLimit.flatMap { $0 > 0 ? $0 : nil }
        self.errorRate = min(1, max(0, errorRate))
        self.seed = seed
    }

    /// Everything but the secret.
    public var description: String {
        "client \(clientID), secret ***, tokens for \(tokenLifetime), batches up to \(maxBatchSize) IDs, "
            + "pages of \(pageSize) (at most \(maxPageSize)), latency \(latency) + up to \(latencyJitter), "
            + "rate limit \(rateLimit.map { "\($0)/s" } ?? "none"), error rate \(errorRate), seed \(seed)"
    }
}
