/// A token bucket: `rate` tokens a second, holding at most `capacity`. The service uses it to answer
/// 429 when a client goes too fast; the client uses it to pace itself below the service's limit.
struct TokenBucket: Sendable {
    let rate: Double
    let capacity: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant

    init(rate: Double, capacity: Double, now: ContinuousClock.Instant = .now) {
        self.rate = max(rate, 0.001)
        self.capacity = max(capacity, 1)
        tokens = self.capacity
        last = now
    }

    private mutating func refill(_ now: ContinuousClock.Instant) {
        let elapsed = last.duration(to: now)
        if elapsed > .zero {
            tokens = min(capacity, tokens + elapsed.seconds * rate)
            last = now
        }
    }

    /// Takes a token if one is there (nil), or says how long until one will be (nothing taken).
    mutating func tryTake(now: ContinuousClock.Instant = .now) -> Duration? {
        refill(now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return .seconds((1 - tokens) / rate)
    }

    /// Takes a token now or in advance, and says how long to wait before using it. Reservations
    /// queue up, so callers waiting together leave one `1/rate` apart.
    mutating func reserve(now: ContinuousClock.Instant = .now) -> Duration {
        refill(now)
        tokens -= 1
        return tokens >= 0 ? .zero : .seconds(-tokens / rate)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
