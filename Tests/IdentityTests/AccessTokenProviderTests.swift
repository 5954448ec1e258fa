import Foundation
import Synchronization
import Testing

@testable import Identity

/// The client's token is renewed a tenth of its life early, so it never dies in flight; tested on a
/// clock the test moves, since waiting for real seconds fails on a busy machine.
@Suite("Population registry client: access token renewal")
struct AccessTokenProviderTests {
    final class ManualClock: Sendable {
        private let offset = Mutex(Duration.zero)
        private let start = ContinuousClock.now
        var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
        func advance(by duration: Duration) { offset.withLock { $0 += duration } }
    }

    final class Fetches: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func fetch() -> (token: String, expiresIn: Int) { count.withLock { $0 += 1; return ("token-\($0)", 100) } }
    }

    @Test func aTokenIsRenewedATenthOfItsLifeBeforeItExpires() async throws {
        let clock = ManualClock()
        let fetches = Fetches()
        let provider = AccessTokenProvider(now: { clock.now })
        #expect(try await provider.current { fetches.fetch() } == "token-1")
        clock.advance(by: .seconds(89))
        #expect(try await provider.current { fetches.fetch() } == "token-1", "still nine tenths of its life to go")
        clock.advance(by: .seconds(2))
        #expect(try await provider.current { fetches.fetch() } == "token-2", "renewed before the registry would refuse it")
        #expect(fetches.value == 2)
    }

    @Test func aRefusedTokenIsFetchedAgainAtOnce() async throws {
        let fetches = Fetches()
        let provider = AccessTokenProvider()
        let first = try await provider.current { fetches.fetch() }
        await provider.invalidate(first)
        #expect(try await provider.current { fetches.fetch() } == "token-2")
        // Forgetting a token that was already replaced keeps the newer one.
        await provider.invalidate(first)
        #expect(try await provider.current { fetches.fetch() } == "token-2")
    }
}
