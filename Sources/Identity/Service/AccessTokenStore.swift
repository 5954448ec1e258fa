import Foundation
import Synchronization

/// The service's access tokens: random, opaque, kept in memory with their expiry. The clock is
/// injected so a test can move it past a token's life and see the 401 a client must recover from.
final class AccessTokenStore: Sendable {
    enum Verdict: Equatable { case valid, unknown, expired }

    private let tokens = Mutex<[String: Date]>([:])
    private let issued = Atomic<Int>(0)
    private let lifetime: Duration
    private let now: @Sendable () -> Date

    init(lifetime: Duration, now: @escaping @Sendable () -> Date) {
        self.lifetime = lifetime
        self.now = now
    }

    var issuedCount: Int { issued.load(ordering: .relaxed) }

    /// A new token and its lifetime in whole seconds.
    func issue() -> (token: String, expiresIn: Int) {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: ".")
        let seconds = max(1, Int(lifetime.components.seconds))
        let current = now()
        tokens.withLock { tokens in
            // Forget expired tokens once in a while, so a long run does not grow without bound.
            if tokens.count > 10_000 { tokens = tokens.filter { $0.value > current } }
            tokens[token] = current.addingTimeInterval(lifetime.seconds)
        }
        issued.add(1, ordering: .relaxed)
        return (token, seconds)
    }

    func check(_ token: String) -> Verdict {
        guard let expiry = tokens.withLock({ $0[token] }) else { return .unknown }
        return expiry > now() ? .valid : .expired
    }
}

/// The client's credentials from an OAuth2 token request (RFC 6749 §2.3.1): HTTP Basic, or
/// `client_id` and `client_secret` in the form body.
enum ClientCredentials {
    static func from(authorization: String?, form: [String: String]) -> (id: String, secret: String)? {
        if let authorization, authorization.lowercased().hasPrefix("basic ") {
            let encoded = authorization.dropFirst(6).trimmingCharacters(in: .whitespaces)
            guard let data = Data(base64Encoded: encoded), let pair = String(data: data, encoding: .utf8),
                  let colon = pair.firstIndex(of: ":") else { return nil }
            let id = String(pair[..<colon]), secret = String(pair[pair.index(after: colon)...])
            return (id.removingPercentEncoding ?? id, secret.removingPercentEncoding ?? secret)
        }
        guard let id = form["client_id"], let secret = form["client_secret"] else { return nil }
        return (id, secret)
    }

    /// Compares in time independent of where the texts differ, so the secret cannot be guessed
    /// byte by byte from response times.
    static func same(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}
