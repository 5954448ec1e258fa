/// The client's access token: fetched on first use, shared by every request, fetched again a little
/// before it expires or when the registry says it is no longer good. Callers arriving while a fetch
/// is under way wait for that one instead of starting their own.
actor AccessTokenProvider {
    private struct Token {
        let value: String
        let refreshAt: ContinuousClock.Instant
    }

    private var token: Token?
    private var pending: Task<Token, any Error>?
    /// The time, replaceable so that renewal can be tested without waiting for a token to age.
    private let now: @Sendable () -> ContinuousClock.Instant

    init(now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.now = now
    }

    /// The live token, from `fetch` when there is none.
    func current(fetch: @escaping @Sendable () async throws -> (token: String, expiresIn: Int)) async throws -> String {
        if let token, now() < token.refreshAt { return token.value }
        if let pending { return try await pending.value.value }
        let now = self.now
        let task = Task {
            let started = now()
            let (value, expiresIn) = try await fetch()
            // Renew a tenth of the lifetime early (at most 30 s), so a token never dies in flight.
            let lifetime = Duration.seconds(max(1, expiresIn))
            return Token(value: value, refreshAt: started + lifetime - min(.seconds(30), lifetime / 10))
        }
        pending = task
        do {
            let fresh = try await task.value
            token = fresh
            pending = nil
            return fresh.value
        } catch {
            pending = nil
            throw error
        }
    }

    /// Forgets `value` after the registry refused it, unless a newer token has replaced it already.
    func invalidate(_ value: String) {
        if token?.value == value { token = nil }
    }
}
