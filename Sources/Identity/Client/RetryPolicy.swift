import Foundation

/// How long to wait before the next attempt: what the registry asked for (`Retry-After`) when it
/// said, otherwise exponential backoff with jitter, so clients that failed together do not all come
/// back at the same moment.
struct RetryPolicy: Sendable {
    let baseBackoff: Duration
    let maxBackoff: Duration

    /// After failed attempt number `attempt` (1-based): half the capped exponential delay, plus a
    /// random share of the other half.
    func backoff(after attempt: Int, random unit: Double) -> Duration {
        let exponent = min(attempt - 1, 30)
        let ceiling = min(maxBackoff, baseBackoff * (1 << exponent))
        return ceiling / 2 + (ceiling / 2) * unit
    }

    /// The wait a `Retry-After` asked for, plus up to 10% (at most 250 ms) of jitter.
    func honouring(_ retryAfter: Duration, random unit: Double) -> Duration {
        retryAfter + min(.milliseconds(250), retryAfter / 10) * unit
    }

    /// `Retry-After` as seconds or as an HTTP date (RFC 9110 §10.2.3).
    static func retryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(max(0, Int(date.timeIntervalSince(now) * 1000)))
    }
}
