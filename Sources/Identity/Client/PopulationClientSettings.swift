import Foundation

/// How NEMIS reaches the population registry: where, as whom, and how patiently. From the
/// environment (`fromEnvironment`) or set in code (tests).
public struct PopulationClientSettings: Sendable, CustomStringConvertible {
    /// `http://host:port` of the registry (a real one sits behind a TLS-terminating egress proxy).
    public var baseURL: String
    public var clientID: String
    public var clientSecret: String
    /// Sent as `X-Agency-Code` on every call, as the envelope requires.
    public var agencyCode: String
    public var officerCode: String?
    /// The longest one request may take before it counts as failed (and is retried).
    public var timeout: Duration
    /// Attempts per request, the first included, before giving up.
    public var maxAttempts: Int
    /// Backoff after failed attempt n is random between half and all of min(maxBackoff, baseBackoff × 2ⁿ⁻¹).
    public var baseBackoff: Duration
    public var maxBackoff: Duration
    /// A `Retry-After` longer than this is not waited for: the call fails instead.
    public var maxRetryAfter: Duration
    /// Requests a second this client sends at most; nil for no limit.
    public var requestsPerSecond: Double?
    /// Requests in flight at once, at most.
    public var maxConcurrentRequests: Int
    /// IDs per lookup request (the registry refuses more than its own maximum, 1000 by default).
    public var batchSize: Int
    /// Results per search page; nil lets the registry choose.
    public var pageSize: Int?
    /// A search that runs to more pages than this fails, rather than loop on a misbehaving service.
    public var maxPages: Int

    public init(baseURL: String, clientID: String, clientSecret: String, agencyCode: String = "BGDDT", officerCode: String? = nil,
                timeout: Duration = .seconds(10), maxAttempts: Int = 5, baseBackoff: Duration = .milliseconds(200),
                maxBackoff: Duration = .seconds(10), maxRetryAfter: Duration = .seconds(60), requestsPerSecond: Double? = nil,
                maxConcurrentRequests: Int = 4, batchSize: Int = 1000, pageSize: Int? = nil, maxPages: Int = 10_000) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.agencyCode = agencyCode
        self.officerCode = officerCode
        self.timeout = timeout
        self.maxAttempts = max(1, maxAttempts)
        self.baseBackoff = max(.zero, baseBackoff)
        self.maxBackoff = max(self.baseBackoff, maxBackoff)
        self.maxRetryAfter = maxRetryAfter
        self.requestsPerSecond = requestsPerSecond.flatMap { $0 > 0 ? $0 : nil }
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
        self.batchSize = max(1, batchSize)
        self.pageSize = pageSize
        self.maxPages = max(1, maxPages)
    }

    /// Reads `NEMIS_POPULATION_URL`, `NEMIS_POPULATION_CLIENT_ID` and `NEMIS_POPULATION_CLIENT_SECRET`,
    /// and the optional knobs `NEMIS_POPULATION_AGENCY_CODE`, `NEMIS_POPULATION_TIMEOUT_MS`,
    /// `NEMIS_POPULATION_MAX_ATTEMPTS`, `NEMIS_POPULATION_RATE_LIMIT` (requests/s),
    /// `NEMIS_POPULATION_MAX_CONCURRENT` and `NEMIS_POPULATION_BATCH_SIZE`. Nil when no URL is set
    /// (the registry is not configured); an error when it is set but the rest is missing or wrong.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(PopulationRegistryError) -> PopulationClientSettings? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let url = value("NEMIS_POPULATION_URL") else { return nil }
        guard let id = value("NEMIS_POPULATION_CLIENT_ID"), let secret = value("NEMIS_POPULATION_CLIENT_SECRET") else {
            throw .notConfigured("NEMIS_POPULATION_URL is set, so NEMIS_POPULATION_CLIENT_ID and NEMIS_POPULATION_CLIENT_SECRET are needed too")
        }
        func number(_ name: String, _ range: ClosedRange<Double>) throws(PopulationRegistryError) -> Double? {
            guard let text = value(name) else { return nil }
            guard let number = Double(text), range.contains(number) else {
                throw .notConfigured("\(name) must be a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
            }
            return number
        }
        var settings = PopulationClientSettings(baseURL: url, clientID: id, clientSecret: secret)
        if let agency = value("NEMIS_POPULATION_AGENCY_CODE") { settings.agencyCode = agency }
        if let timeout = try number("NEMIS_POPULATION_TIMEOUT_MS", 1...600_000) { settings.timeout = .milliseconds(Int(timeout)) }
        if let attempts = try number("NEMIS_POPULATION_MAX_ATTEMPTS", 1...100) { settings.maxAttempts = Int(attempts) }
        if let rate = try number("NEMIS_POPULATION_RATE_LIMIT", 0...100_000) { settings.requestsPerSecond = rate > 0 ? rate : nil }
        if let concurrent = try number("NEMIS_POPULATION_MAX_CONCURRENT", 1...256) { settings.maxConcurrentRequests = Int(concurrent) }
        if let batch = try number("NEMIS_POPULATION_BATCH_SIZE", 1...100_000) { settings.batchSize = Int(batch) }
        return settings
    }

    /// Everything but the secret.
    public var description: String {
        "\(baseURL) as client \(clientID) (secret ***), agency \(agencyCode), timeout \(timeout), \(maxAttempts) attempts, "
            + "rate \(requestsPerSecond.map { "\($0)/s" } ?? "unlimited"), \(maxConcurrentRequests) at once, batches of \(batchSize)"
    }
}
