import Foundation
import NIOConcurrencyHelpers

/// Slows password guessing. Each attempt is counted the moment it starts (so a burst of concurrent
/// guesses cannot all slip past the check): at most `perUsername` attempts for one username and
/// `perAddress` for one address within the window; a successful sign-in clears its username's count.
/// The address limit is higher because a whole school may sign in from behind one address.
public final class SignInLimiter: Sendable {
    private let attempts = NIOLockedValueBox<[String: [Date]]>([:])
    let perUsername: Int
    let perAddress: Int
    let window: TimeInterval

    public init(perUsername: Int = 5, perAddress: Int = 50, window: TimeInterval = 300) {
        self.perUsername = perUsername
        self.perAddress = perAddress
        self.window = window
    }

    /// Records an attempt and returns nil, or returns the seconds to wait when over a limit.
    public func begin(username: String, address: String, now: Date = Date()) -> Int? {
        attempts.withLockedValue { attempts in
            var wait: TimeInterval = 0
            let keys = [("u:" + username.lowercased(), perUsername), ("a:" + address, perAddress)]
            for (key, limit) in keys {
                let recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
                attempts[key] = recent
                if recent.count >= limit, let oldest = recent.first {
                    wait = max(wait, window - now.timeIntervalSince(oldest))
                }
            }
            if wait > 0 { return Int(wait.rounded(.up)) }
            for (key, _) in keys { attempts[key, default: []].append(now) }
            if attempts.count > 100_000 { attempts = attempts.filter { !$0.value.isEmpty } }
            return nil
        }
    }

    /// A successful sign-in clears its username's count and gives its attempt back to the address.
    public func succeeded(username: String, address: String) {
        attempts.withLockedValue { attempts in
            attempts.removeValue(forKey: "u:" + username.lowercased())
            if attempts["a:" + address]?.isEmpty == false { attempts["a:" + address]?.removeLast() }
        }
    }
}
