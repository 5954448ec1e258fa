import App
import Fees
import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import Payments
import Platform
import ServiceLifecycle
import Synchronization
import Testing

/// Both servers of a payment, started for real on loopback: the stand-in gateway, then NEMIS on a
/// fresh database of the engine, each knowing the other's address. Every request in these tests goes
/// over TCP, as a browser's and a gateway's would.
struct PaymentServers: Sendable {
    let nemisURL: String
    let gatewayURL: String
    let gateway: StandInGateway
    let database: any Database
    /// The gateway's side of the shared secret, for tests that act as the gateway themselves.
    let signer: VNPaySigner
    let settings: FeesSettings
    /// How far the gateway's clock runs ahead of the real one.
    let gatewayClock: GatewayClock

    final class GatewayClock: Sendable {
        private let offset = Mutex<TimeInterval>(0)
        func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
        func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }
    }

    static let secret = "TESTSECRET-7d0c61f6a1b24d39"
    static let tmnCode = "NEMIS001"

    struct GatewayBehaviour: Sendable {
        var failureRate = 0.0
        var duplicateRate = 0.0
        var sendsIPN = true
    }

    /// Runs `body` with both servers up, and stops them and drops the database afterwards.
    static func with(_ engine: Engine, gateway behaviour: GatewayBehaviour = .init(),
                     _ body: @escaping @Sendable (PaymentServers) async throws -> Void) async throws {
        let nemisPort = try await freePort()
        let ipnURL = "http://127.0.0.1:\(nemisPort)\(FeesSettings.ipnPath)"
        let clock = GatewayClock()
        let gateway = StandInGateway(settings: StandInGatewaySettings(
            port: 0, secret: secret, tmnCode: tmnCode, ipnURL: behaviour.sendsIPN ? ipnURL : nil, failureRate: behaviour.failureRate,
            duplicateRate: behaviour.duplicateRate, maxAttempts: 4, retryBase: .milliseconds(50)), logger: TestDatabases.logger,
            now: { clock.now() })

        let (fresh, cleanup) = try await TestDatabases.freshConfiguration(engine)
        var configuration = fresh
        let database = try await Storage.open(configuration, logger: TestDatabases.logger)
        // Each server runs in its own service group, stopped gracefully at the end (cancelling a
        // Hummingbird server mid-connection logs errors that would hide real ones).
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                let (gatewayPorts, gatewayPort) = AsyncStream.makeStream(of: Int.self)
                let gatewayServices = ServiceGroup(configuration: .init(
                    services: [gateway.application { channel in gatewayPort.yield(channel.localAddress?.port ?? 0) }],
                    logger: TestDatabases.logger))
                group.addTask { try await gatewayServices.run() }
                var ports = gatewayPorts.makeAsyncIterator()
                let boundPort = await ports.next()
                let gatewayURL = "http://127.0.0.1:\(try #require(boundPort))"

                configuration.host = "127.0.0.1"
                configuration.port = nemisPort
                configuration.fees = FeesSettings(gatewayURL: gatewayURL, tmnCode: tmnCode, secret: secret,
                                                  returnURL: "http://127.0.0.1:\(nemisPort)\(FeesSettings.returnPath)",
                                                  reconcileIntervalSeconds: 0)
                let (nemisReady, nemisStarted) = AsyncStream.makeStream(of: Void.self)
                let app = try NEMIS.buildApplication(configuration: configuration, database: database, logger: TestDatabases.logger,
                                                     onServerRunning: { _ in nemisStarted.yield() })
                let nemisServices = ServiceGroup(configuration: .init(services: [app], logger: TestDatabases.logger))
                group.addTask { try await nemisServices.run() }
                var ready = nemisReady.makeAsyncIterator()
                _ = await ready.next()

                let servers = PaymentServers(nemisURL: "http://127.0.0.1:\(nemisPort)", gatewayURL: gatewayURL, gateway: gateway,
                                             database: database, signer: VNPaySigner(secret: secret), settings: configuration.fees,
                                             gatewayClock: clock)
                do {
                    try await body(servers)
                } catch {
                    await nemisServices.triggerGracefulShutdown()
                    await gatewayServices.triggerGracefulShutdown()
                    throw error
                }
                await nemisServices.triggerGracefulShutdown()
                await gatewayServices.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        } catch {
            await database.shutdown()
            await cleanup()
            throw error
        }
        await database.shutdown()
        await cleanup()
    }

    /// A port nobody listens on right now: bound and released, so NEMIS can be told its own address
    /// (for the gateway's IPN URL) before it starts.
    /// A port for NEMIS to listen on, picked below the kernel's ephemeral range (32768 and up on
    /// Linux): servers of other tests bound to port 0, and every outgoing connection, take theirs
    /// from that range, so a port picked there could be taken between this check and NEMIS binding
    /// it, and another test's requests would then reach this server (or this test's reach theirs).
    static func freePort() async throws -> Int {
        for _ in 0..<100 {
            let port = Int.random(in: 20_000..<32_000)
            guard let channel = try? await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .bind(host: "127.0.0.1", port: port).get() else { continue }
            try await channel.close()
            return port
        }
        throw NoFreePort()
    }

    struct NoFreePort: Error {}

    // MARK: - Talking to NEMIS as a browser

    struct Session: Sendable {
        let cookie: String
        let csrf: String
        let userID: String
    }

    /// How long a test waits for an answer: sign-in runs bcrypt, and the whole suite runs in parallel
    /// on two cores, so an answer can take far longer than in production without anything being wrong.
    static let patience: Duration = .seconds(60)

    /// A payer with no role anywhere (a candidate), signed in over HTTP.
    func payer(_ username: String) async throws -> Session {
        let user = try await AccessStore(database: database).createUser(username: username, displayName: username,
                                                                        password: "correct-horse-battery")
        let response = try await PlainHTTPClient.send(.POST, nemisURL + "/api/v1/session", headers: [("Content-Type", "application/json")],
                                                      body: #"{"username":"\#(username)","password":"correct-horse-battery"}"#,
                                                      timeout: Self.patience)
        #expect(response.status == 200, "sign-in: \(response.body)")
        let setCookie = try #require(response.header("Set-Cookie"))
        let cookie = String(setCookie.split(separator: ";")[0])
        let csrf = try #require(Self.object(response.body)["csrfToken"] as? String)
        return Session(cookie: cookie, csrf: csrf, userID: user.id)
    }

    func call(_ method: PlainHTTPClient.Method, _ path: String, as session: Session?, json: String? = nil,
              headers extra: [(String, String)] = []) async throws -> PlainHTTPClient.Response {
        var headers = extra
        if let session { headers += [("Cookie", session.cookie), ("X-CSRF-Token", session.csrf)] }
        if json != nil { headers.append(("Content-Type", "application/json")) }
        return try await PlainHTTPClient.send(method, path.hasPrefix("http") ? path : nemisURL + path, headers: headers, body: json,
                                              timeout: Self.patience)
    }

    /// Creates an order as `session` and returns its JSON.
    func createOrder(_ session: Session, reference: String, amount: Int = 20_000) async throws -> [String: Any] {
        let response = try await call(.POST, "/api/v1/fee-orders", as: session,
                                      json: #"{"purpose":"admission-wish","referenceId":"\#(reference)","amountVnd":\#(amount)}"#)
        #expect(response.status == 201, "create: \(response.body)")
        return Self.object(response.body)
    }

    func order(_ id: String, as session: Session) async throws -> [String: Any] {
        Self.object(try await call(.GET, "/api/v1/fee-orders/\(id)", as: session).body)
    }

    /// Waits (up to `seconds`) for the order to leave `pending`, and returns its status.
    func settledStatus(_ id: String, as session: Session, seconds: Double = 10) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let status = try await order(id, as: session)["status"] as? String ?? "?"
            if status != "pending" || Date() > deadline { return status }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    // MARK: - Talking to the gateway as the payer's browser

    /// Opens the checkout URL NEMIS gave, and presses `action` ("pay" or "cancel") on the hosted page.
    /// Returns where the gateway redirects the browser.
    func payAtGateway(_ checkoutURL: String, action: String) async throws -> String {
        let page = try await PlainHTTPClient.send(.GET, checkoutURL, timeout: Self.patience)
        #expect(page.status == 200, "checkout page: \(page.body)")
        #expect(page.body.contains(">Pay</button>") && page.body.contains(">Cancel</button>"))
        #expect(!page.body.lowercased().contains("<script"), "the hosted page has no JavaScript")
        let ticket = try #require(Self.hiddenValue("ticket", in: page.body))
        let confirm = try await PlainHTTPClient.send(.POST, gatewayURL + "/paymentv2/confirm",
                                                     headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                                     body: "ticket=\(ticket)&action=\(action)", timeout: Self.patience)
        #expect(confirm.status == 302, "confirm: \(confirm.body)")
        return try #require(confirm.header("Location"))
    }

    /// Sends an IPN to NEMIS as the gateway would (GET with the parameters in the query), and returns the reply.
    func sendIPN(_ parameters: [String: String], post: Bool = false) async throws -> [String: Any] {
        let query = VNPayFormEncoding.query(parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        let response = post
            ? try await PlainHTTPClient.send(.POST, nemisURL + FeesSettings.ipnPath,
                                             headers: [("Content-Type", "application/x-www-form-urlencoded")], body: query, timeout: Self.patience)
            : try await PlainHTTPClient.send(.GET, nemisURL + FeesSettings.ipnPath + "?" + query, timeout: Self.patience)
        #expect(response.status == 200)
        return Self.object(response.body)
    }

    func count(_ table: String, where condition: String = "1 = 1") async throws -> Int {
        try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)").first()!.decode(column: "n", as: Int.self)
        }
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    static func hiddenValue(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
