import Foundation
import Hummingbird
import Logging
import NIOCore
import SplitMix
import Synchronization

/// `nemis population serve`: a stand-in for the national population database (Ministry of Public
/// Security), which cannot be reached from development or test machines. It speaks the protocol
/// below over plain HTTP, answers from a `RegistryIndex` loaded from a CSV file, and can be made
/// slow, throttled and unreliable on purpose (`PopulationServiceSettings`).
///
/// ## Protocol
/// Modelled on the NDXP envelope (DOMAIN.md §1.6). A person is a JSON object with the fields
/// `soDinhDanh` (12 digits), `hoVaTen`, `ho`, `chuDem`, `ten`, `ngayThangNamSinh` (`yyyy-mm-dd` or
/// `yyyy`), `gioiTinh` (`male`/`female`) and `noiDangKyKhaiSinh` (3-digit province code).
///
/// - `POST /oauth/token`: OAuth2 client credentials (RFC 6749 §4.4). Form body
///   `grant_type=client_credentials`, the client's ID and secret in HTTP Basic or as `client_id`
///   and `client_secret` in the form. Answers `{"access_token","token_type":"Bearer","expires_in"}`.
///   Every other call (but `GET /health`) needs `Authorization: Bearer <token>`.
/// - `POST /v1/citizens/lookup`: body `{"soDinhDanh":["…", …]}` with 1 to `maxBatchSize` IDs.
///   Answers `{"results":[{"soDinhDanh","found":true,"citizen":{…}} | {"soDinhDanh","found":false}]}`,
///   one result per ID in request order.
/// - `GET /v1/citizens/search?hoVaTen=&namSinh=&gioiTinh=&noiDangKyKhaiSinh=&pageSize=&pageToken=`:
///   people whose folded full name (diacritics, case and spacing ignored) and birth year match,
///   narrowed by sex and birth province when given, in ID order. Answers
///   `{"items":[…],"nextPageToken":"…"}`; the token is opaque and absent on the last page.
///
/// Headers, as in the envelope: `X-Agency-Code` (the calling agency, required on `/v1`),
/// `X-Officer-Code` (optional), `X-Request-Id` (echoed back; one is made up when missing).
///
/// Errors are JSON `{"code","message","requestId"}`:
/// `400 invalid_request | invalid_citizen_id | invalid_page_token | agency_code_missing |
/// unsupported_grant_type`, `401 invalid_client | missing_token | invalid_token | token_expired`
/// (with `WWW-Authenticate`), `404 not_found`, `413 batch_too_large`, `429 rate_limited` (with
/// `Retry-After` in seconds), `500 internal_error`, `503 unavailable`.
public final class PopulationRegistryService: Sendable {
    public let settings: PopulationServiceSettings
    public let index: RegistryIndex
    let logger: Logger
    let tokens: AccessTokenStore
    /// Nil inside when there is no rate limit.
    let rateLimiter: Mutex<TokenBucket?>
    let random: Mutex<SplitMix64>
    let counters = ServiceCounters()

    /// `now` is the clock tokens expire by; a test moves it forward.
    public init(index: RegistryIndex, settings: PopulationServiceSettings, logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.index = index
        self.settings = settings
        self.logger = logger
        tokens = AccessTokenStore(lifetime: settings.tokenLifetime, now: now)
        rateLimiter = Mutex(settings.rateLimit.map { TokenBucket(rate: $0, capacity: $0) })
        random = Mutex(SplitMix64(seed: settings.seed))
    }

    /// What the service has seen so far, for tests and the operator.
    public var statistics: ServiceStatistics { counters.snapshot(tokensIssued: tokens.issuedCount) }

    /// The HTTP service. `onServerRunning` learns the bound port (useful with port 0).
    public func application(onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        router.middlewares.add(ServiceEnvelopeMiddleware(service: self))
        router.get("/health") { _, _ in "ok" }
        router.post(RouterPath(RegistryWire.tokenPath)) { request, _ in try await self.issueToken(request) }
        router.post(RouterPath(RegistryWire.lookupPath)) { request, _ in try await self.lookup(request) }
        router.get(RouterPath(RegistryWire.searchPath)) { request, _ in try await self.search(request) }
        return Application(router: router,
                           configuration: .init(address: .hostname(settings.host, port: settings.port),
                                                serverName: "nemis-stand-in-population-registry"),
                           onServerRunning: onServerRunning, logger: logger)
    }

    /// Serves until SIGTERM or Ctrl-C.
    public func run(onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) async throws {
        try await application(onServerRunning: onServerRunning).runService()
    }
}

/// Counts of what the service answered.
public struct ServiceStatistics: Sendable, Equatable {
    public var requests = 0
    public var rateLimited = 0
    public var injectedFailures = 0
    public var unauthorized = 0
    public var tokensIssued = 0
    /// The most requests that were being answered at the same moment.
    public var peakConcurrency = 0
}

final class ServiceCounters: Sendable {
    private let state = Mutex<(stats: ServiceStatistics, inFlight: Int)>((ServiceStatistics(), 0))

    func update(_ change: (inout ServiceStatistics) -> Void) {
        state.withLock { change(&$0.stats) }
    }

    func enter() {
        state.withLock {
            $0.inFlight += 1
            $0.stats.requests += 1
            $0.stats.peakConcurrency = max($0.stats.peakConcurrency, $0.inFlight)
        }
    }

    func leave() { state.withLock { $0.inFlight -= 1 } }

    func snapshot(tokensIssued: Int) -> ServiceStatistics {
        var stats = state.withLock { $0.stats }
        stats.tokensIssued = tokensIssued
        return stats
    }
}
