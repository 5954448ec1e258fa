import App
import ArgumentParser
import Fees
import Foundation
import Logging

/// `nemis fees …`: batch work on fee orders.
struct FeesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fees", abstract: "Fee orders and their online payments.",
                                                    subcommands: [Reconcile.self])

    struct Reconcile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask the gateway (querydr) about orders still pending and settle them from its answer.",
            discussion: "The gateway comes from NEMIS_PAYMENT_GATEWAY_URL, NEMIS_PAYMENT_TMN_CODE and NEMIS_PAYMENT_SECRET.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only orders pending for more than this many minutes. Default: NEMIS_PAYMENT_RECONCILE_MINUTES or 15.")
        var olderThan: Int?

        func run() async throws {
            let configuration = try database.configuration()
            let logger = database.logger(configuration)
            guard configuration.fees.gateway != nil else { throw ValidationError(FeeOrderError.gatewayNotConfigured.description) }
            let summary = try await Storage.withDatabase(configuration, logger: logger) { db in
                try await FeeReconciler(database: db, settings: configuration.fees, logger: logger)
                    .run(olderThanMinutes: olderThan ?? configuration.fees.reconcileAfterMinutes)
            }
            print(summary)
            for problem in summary.problems { print("  \(problem)") }
            if !summary.problems.isEmpty { throw ExitCode(2) }
        }
    }
}

/// `nemis gateway serve`: the stand-in payment gateway.
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gateway", abstract: "A stand-in VNPay-style payment gateway for development and tests.",
                                                    subcommands: [Serve.self])

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a checkout page, signed return and IPN with retries, and querydr, speaking VNPay 2.1.0.")

        @Option(help: "Port to listen on.") var port: Int
        @Option(help: "The terminal's hash secret (shared with NEMIS as NEMIS_PAYMENT_SECRET). Default: NEMIS_PAYMENT_SECRET.")
        var secret: String?
        @Option(help: "Address to listen on.") var host = "127.0.0.1"
        @Option(help: "The merchant terminal code (vnp_TmnCode) accepted.") var tmnCode = "NEMIS001"
        @Option(help: "Where to deliver IPNs, e.g. http://127.0.0.1:8080/api/v1/payments/vnpay/ipn. Without it, none are sent.")
        var ipnURL: String?
        @Option(help: "Share of IPN attempts lost on purpose, 0 to 1.") var failureRate = 0.0
        @Option(help: "Share of acknowledged IPNs sent a second time on purpose, 0 to 1.") var duplicateRate = 0.1
        @Option(help: "Milliseconds added before every answer and IPN attempt.") var latency = 0
        @Option(help: "Milliseconds before the first IPN retry; each later retry waits twice as long.") var retryBase = 1000
        @Option(help: "IPN attempts before giving up.") var maxAttempts = 10

        func validate() throws {
            guard (0...1).contains(failureRate), (0...1).contains(duplicateRate) else {
                throw ValidationError("--failure-rate and --duplicate-rate are shares from 0 to 1")
            }
            guard latency >= 0, retryBase >= 0, maxAttempts >= 1 else { throw ValidationError("--latency and --retry-base are ≥ 0, --max-attempts ≥ 1") }
            try checkListenPort(port)
        }

        func run() async throws {
            guard let secret = secret ?? ProcessInfo.processInfo.environment["NEMIS_PAYMENT_SECRET"], !secret.isEmpty else {
                throw ValidationError("give the terminal's secret with --secret or NEMIS_PAYMENT_SECRET")
            }
            let settings = StandInGatewaySettings(host: host, port: port, secret: secret, tmnCode: tmnCode, ipnURL: ipnURL,
                                                  failureRate: failureRate, duplicateRate: duplicateRate, latency: .milliseconds(latency),
                                                  maxAttempts: maxAttempts, retryBase: .milliseconds(retryBase))
            var logger = Logger(label: "nemis-gateway")
            logger.logLevel = .info
            try await StandInGateway(settings: settings, logger: logger).run { channel in
                let port = channel.localAddress?.port ?? settings.port
                let line = "stand-in gateway serving http://\(settings.host):\(port) (\(settings))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
    }
}
