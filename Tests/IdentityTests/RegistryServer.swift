import Foundation
import Hummingbird
@testable import Identity
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// The stand-in registry started for real on a free loopback port, for the length of one test: the
/// tests reach it only over TCP, through the real HTTP client or raw requests.
struct RegistryServer: Sendable {
    let url: String
    let service: PopulationRegistryService
    let clock: Clock

    static let clientID = "nemis-test"
    static let clientSecret = "s3cret-ĐÀO:&=+"

    /// How far the service's clock runs ahead of the real one (tokens expire by it).
    final class Clock: Sendable {
        private let offset = Mutex<TimeInterval>(0)
        func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
        func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }
    }

    static let logger: Logger = {
        var logger = Logger(label: "identity-test")
        logger.logLevel = .critical
        return logger
    }()

    /// Runs `body` with a service over `index` configured by `configure`, then stops it gracefully.
    static func with(index: RegistryIndex? = nil, _ configure: (inout PopulationServiceSettings) -> Void = { _ in },
                     _ body: @Sendable (RegistryServer) async throws -> Void) async throws {
        var settings = PopulationServiceSettings(port: 0, clientID: clientID, clientSecret: clientSecret)
        configure(&settings)
        let clock = Clock()
        let service = PopulationRegistryService(index: try index ?? RegistryFixtures.index(), settings: settings, logger: logger,
                                                now: { clock.now() })
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let group = ServiceGroup(configuration: .init(
            services: [service.application { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let server = RegistryServer(url: "http://127.0.0.1:\(port)", service: service, clock: clock)
            do {
                try await body(server)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// A client of this server; `configure` changes its settings (fast retries by default, so tests
    /// do not wait for production backoffs).
    func client(_ configure: (inout PopulationClientSettings) -> Void = { _ in }) -> HTTPPopulationRegistry {
        var settings = PopulationClientSettings(baseURL: url, clientID: Self.clientID, clientSecret: Self.clientSecret,
                                                agencyCode: "BGDDT-TEST", timeout: .seconds(5), maxAttempts: 5,
                                                baseBackoff: .milliseconds(5), maxBackoff: .milliseconds(50))
        configure(&settings)
        return HTTPPopulationRegistry(settings: settings, logger: Self.logger)
    }
}
