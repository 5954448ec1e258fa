import Foundation
import NIOConcurrencyHelpers

/// Slows password guessing: after `limit` failed sign-ins for one username or one address within the
/// window, further attempts are refused with 429 until the window passes.
public final class SignInLimiter: Sendable {
    private let failures = NIOLockedValueBox<[String: [Date]]>([:])
    let limit: Int
    let window: TimeInterval

    public init(limit: Int = 5, window: TimeInterval = 300) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait, or nil when an attempt is allowed.
    public func retryAfter(username: String, address: String, now: Date = Date()) -> Int? {
        failures.withLockedValue { failures in
            var wait: TimeInterval = 0
            for key in ["u:" + username.lowercased(), "a:" + address] {
                let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
                failures[key] = recent
                if recent.count >= limit, let oldest = recent.first {
                    wait = max(wait, window - now.timeIntervalSince(oldest))
                }
            }
            return wait > 0 ? Int(wait.rounded(.up)) : nil
        }
    }

    public func recordFailure(username: String, address: String, now: Date = Date()) {
        failures.withLockedValue { failures in
            for key in ["u:" + username.lowercased(), "a:" + address] {
                failures[key, default: []].append(now)
            }
        }
    }

    public func recordSuccess(username: String) {
        _ = failures.withLockedValue { $0.removeValue(forKey: "u:" + username.lowercased()) }
    }
}
