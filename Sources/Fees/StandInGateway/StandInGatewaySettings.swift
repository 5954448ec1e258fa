import Foundation

/// How `nemis gateway serve` behaves. Failures, duplicates and latency are there on purpose: the
/// merchant's code must hold up against a gateway that loses, repeats and delays its notifications.
public struct StandInGatewaySettings: Sendable, CustomStringConvertible {
    public var host: String
    /// 0 picks a free port (tests); the bound port is reported through `onServerRunning`.
    public var port: Int
    /// The terminal's hash secret, shared with the merchant.
    public var secret: String
    /// The terminal the gateway serves; requests naming another are refused.
    public var tmnCode: String
    /// Where IPNs go; nil sends none (only the return redirect and querydr then tell the merchant).
    public var ipnURL: String?
    /// The share of IPN delivery attempts that are lost on the way (0…1).
    public var failureRate: Double
    /// The share of acknowledged IPNs that are delivered once more anyway (0…1).
    public var duplicateRate: Double
    /// Added before every answer and every IPN attempt.
    public var latency: Duration
    /// IPN attempts before giving up; the first retry waits `retryBase`, each later one twice as long.
    public var maxAttempts: Int
    public var retryBase: Duration

    public init(host: String = "127.0.0.1", port: Int, secret: String, tmnCode: String = "NEMIS001", ipnURL: String? = nil,
                failureRate: Double = 0, duplicateRate: Double = 0.1, latency: Duration = .zero, maxAttempts: Int = 10,
                retryBase: Duration = .seconds(1)) {
        self.host = host
        self.port = port
        self.secret = secret
        self.tmnCode = tmnCode
        self.ipnURL = ipnURL
        self.failureRate = min(1, max(0, failureRate))
        self.duplicateRate = min(1, max(0, duplicateRate))
        self.latency = latency
        self.maxAttempts = max(1, maxAttempts)
        self.retryBase = retryBase
    }

    public var description: String {
        "terminal \(tmnCode), secret ***, IPN to \(ipnURL ?? "(none)"), failure rate \(failureRate), "
            + "duplicate rate \(duplicateRate), latency \(latency)"
    }
}
