import Exams
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import Platform
import Registry
import Synchronization

/// `nemis serve`: open the database, migrate, optionally load the demo, and serve until SIGTERM.
public enum Server {
    /// Runs Swift concurrency's tasks on NIO's event loops instead of a separate thread pool, so a
    /// request handler resumes on the thread that serves its connection rather than being handed
    /// between pools (each hand-off costs a thread wake-up). Call once, from the main thread,
    /// before the server starts.
    public static func useEventLoopsForTasks() {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    public static func run(configuration given: AppConfiguration, demo: Bool) async throws {
        // With the demo and no registry configured, identity verification runs against the demo's own.
        let demoPopulation = demo && given.populationRegistry.isEmpty ? DemoPopulation.path(for: given) : nil
        var withRegistry = given
        if let demoPopulation { withRegistry.populationRegistry = ["NEMIS_POPULATION_FILE": demoPopulation] }
        let configuration = withRegistry
        var configuredLogger = Logger(label: "nemis")
        configuredLogger.logLevel = configuration.logLevel
        let logger = configuredLogger
        let database = try await Storage.open(configuration, logger: logger)
        let started = Date()
        let demoLogins = DemoData.logins
        // The demo's exam candidate is known once the demo is loaded, before the sign-ins are printed.
        let demoCandidate = Mutex<DemoExam.Candidate?>(nil)
        var loadDemo: (@Sendable (any Database) async throws -> Void)?
        if demo {
            loadDemo = { @Sendable database in
                _ = try await DemoData.load(into: database, logger: logger)
                if let demoPopulation { try await DemoPopulation.write(from: database, to: demoPopulation) }
                let candidate = try await DemoExam.load(into: database, password: DemoData.password, principal: try await DemoData.loader(database))
                demoCandidate.withLock { $0 = candidate }
            }
        }
        let app = try NEMIS.buildApplication(
            configuration: configuration, database: database, logger: logger,
            afterPrepare: loadDemo,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let url = "http://\(configuration.host):\(port)"
                var lines = ["NEMIS \(NEMIS.version) is serving \(url) on \(configuration.databaseDescription)",
                             "  started in \(String(format: "%.1f", Date().timeIntervalSince(started))) s",
                             "  API: \(url)/api/v1/openapi.json   health: \(url)/health"]
                if let demoPopulation {
                    lines.append("  identity verification: against the demo's population registry \(demoPopulation)")
                }
                if demo {
                    lines.append("  demo sign-ins (POST \(url)/api/v1/session, or the page at \(url)/):")
                    var logins = demoLogins
                    if let candidate = demoCandidate.withLock({ $0 }) {
                        logins.append(DemoData.Login(username: candidate.username, password: DemoData.password,
                                                     description: "exam candidate \(candidate.fullName): registration, fee, result, wishes"))
                    }
                    for login in logins {
                        lines.append("    \(login.username.padding(toLength: 22, withPad: " ", startingAt: 0)) \(login.password)   \(login.description)")
                    }
                }
                // Written unbuffered, so a supervisor or a pipe sees it at once.
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            })
        do {
            try await app.runService()
        } catch {
            await database.shutdown()
            throw listenFailure(error, configuration) ?? error
        }
        await database.shutdown()
    }

    /// The server's address refused by the system (taken, not this machine's, or a privileged port),
    /// said with the address and what to change instead of the socket call's own words.
    static func listenFailure(_ error: any Error, _ configuration: AppConfiguration) -> ConfigurationError? {
        guard let error = error as? IOError, [EADDRINUSE, EADDRNOTAVAIL, EACCES].contains(error.errnoCode) else { return nil }
        return ConfigurationError("cannot listen on \(configuration.host):\(configuration.port): \(String(cString: strerror(error.errnoCode))); "
            + "choose another address with --host and --port (or NEMIS_HOST and NEMIS_PORT)")
    }
}
