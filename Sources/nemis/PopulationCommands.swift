import ArgumentParser
import BulkData
import Foundation
import Identity
import Logging

/// `nemis population …`: the stand-in population registry, its data, and calls to a registry.
struct PopulationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population", abstract: "The population registry: a stand-in service, its data file, and lookups against a registry.",
        subcommands: [Serve.self, Generate.self, Lookup.self])

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a registry file over the population registry protocol (OAuth2 token, lookup by ID, search by name and birth year).",
            discussion: "The client's secret comes from --client-secret or NEMIS_POPULATION_CLIENT_SECRET, its ID from --client-id, "
                + "NEMIS_POPULATION_CLIENT_ID or 'nemis'. Latency, throttling and failures can be added on purpose.")

        @Option(help: ArgumentHelp("The registry file (nemis population generate writes one).", valueName: "file")) var data: String
        @Option(help: "Port to listen on.") var port = 8090
        @Option(help: "Address to listen on.") var host = "127.0.0.1"
        @Option(help: "Milliseconds added before every answer.") var latencyMs = 0
        @Option(help: "Up to this many more milliseconds, at random.") var latencyJitterMs = 0
        @Option(help: "Requests a second across all clients; more are answered 429 with Retry-After. 0: no limit.") var rateLimit = 0.0
        @Option(help: "Share of requests answered 500 or 503 at random, 0 to 1.") var errorRate = 0.0
        @Option(help: "Search results per page when the caller names no pageSize.") var pageSize = 50
        @Option(help: "The most IDs one lookup may carry.") var maxBatch = 1000
        @Option(help: "Seconds an access token lives.") var tokenTtl = 3600
        @Option(help: "The OAuth2 client ID accepted.") var clientId: String?
        @Option(help: "The OAuth2 client secret accepted. Default: NEMIS_POPULATION_CLIENT_SECRET.") var clientSecret: String?
        @Option(help: "Seed of the random latency and failures.") var seed: UInt64 = 1

        func validate() throws {
            guard (0...1).contains(errorRate) else { throw ValidationError("--error-rate is a share from 0 to 1") }
            guard latencyMs >= 0, latencyJitterMs >= 0, rateLimit >= 0 else { throw ValidationError("latencies and --rate-limit are ≥ 0") }
            guard pageSize >= 1, maxBatch >= 1, tokenTtl >= 1 else { throw ValidationError("--page-size, --max-batch and --token-ttl are ≥ 1") }
            try checkListenPort(port)
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            guard let secret = clientSecret ?? environment["NEMIS_POPULATION_CLIENT_SECRET"], !secret.isEmpty else {
                throw ValidationError("give the client secret with --client-secret or NEMIS_POPULATION_CLIENT_SECRET")
            }
            let clientID = clientId ?? environment["NEMIS_POPULATION_CLIENT_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? "nemis"
            let started = Date()
            let index = try RegistryFile.load(path: data)
            let loadSeconds = Date().timeIntervalSince(started)
            let settings = PopulationServiceSettings(
                host: host, port: port, clientID: clientID, clientSecret: secret, tokenLifetime: .seconds(tokenTtl), maxBatchSize: maxBatch,
                pageSize: pageSize, maxPageSize: max(pageSize, 1000), latency: .milliseconds(latencyMs), latencyJitter: .milliseconds(latencyJitterMs),
                rateLimit: rateLimit, errorRate: errorRate, seed: seed)
            var logger = Logger(label: "nemis-population")
            logger.logLevel = .info
            try await PopulationRegistryService(index: index, settings: settings, logger: logger).run { channel in
                let port = channel.localAddress?.port ?? settings.port
                let line = "population registry serving http://\(settings.host):\(port): \(index.count) people loaded in "
                    + String(format: "%.1f", loadSeconds) + " s (\(settings))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a registry file of synthetic people: realistic Vietnamese names, citizen IDs consistent with sex and birth year.",
            discussion: "The same seed gives the same bytes whatever --threads is.")

        @Option(help: "How many people.") var people: Int
        @Option(help: "The random seed.") var seed: UInt64
        @Option(help: ArgumentHelp("The file to write.", valueName: "file")) var out: String
        @Option(help: "Worker threads. Default: the number of processors.") var threads = ProcessInfo.processInfo.activeProcessorCount

        func run() throws {
            guard people >= 0 else { throw ValidationError("--people is ≥ 0") }
            let summary = try PopulationFile.write(people: people, seed: seed, to: out, threads: threads)
            print("wrote \(out): \(summary.people) people, \(summary.bytes) bytes in " + String(format: "%.1f", summary.seconds) + " s")
        }
    }

    struct Lookup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Look citizen IDs up in the registry named by NEMIS_POPULATION_URL, _CLIENT_ID and _CLIENT_SECRET.",
            discussion: "IDs come as arguments or, with --from, from the first column of a CSV file (its header skipped). "
                + "A few IDs are printed one by one; many are summed up with the time taken. With --in-process FILE the "
                + "answers come from that registry file loaded in memory, without the network (a local benchmark).")

        @Argument(help: "12-digit citizen IDs.") var ids: [String] = []
        @Option(help: ArgumentHelp("A CSV file whose first column holds IDs (a registry file will do).", valueName: "file"))
        var from: String?
        @Option(help: "Only the first this many IDs of the file.") var limit: Int?
        @Option(help: ArgumentHelp("Answer from this registry file in memory instead of over HTTP.", valueName: "file"))
        var inProcess: String?

        func run() async throws {
            var wanted = ids
            if let from { wanted += try RegistryFile.firstColumn(path: from, limit: limit) }
            let registry: any PopulationRegistry
            if let inProcess {
                registry = InProcessPopulationRegistry(index: try RegistryFile.load(path: inProcess))
            } else {
                guard let settings = try PopulationClientSettings.fromEnvironment() else {
                    throw ValidationError("set NEMIS_POPULATION_URL, NEMIS_POPULATION_CLIENT_ID and NEMIS_POPULATION_CLIENT_SECRET")
                }
                registry = HTTPPopulationRegistry(settings: settings)
            }
            let started = Date()
            let found = try await registry.lookup(wanted)
            let seconds = Date().timeIntervalSince(started)
            if wanted.count <= 20 {
                for id in wanted {
                    if let citizen = found[id] {
                        print("\(id)  \(citizen.hoVaTen)  \(citizen.ngayThangNamSinh)  \(citizen.gioiTinh.rawValue)  \(citizen.noiDangKyKhaiSinh)")
                    } else {
                        print("\(id)  not found")
                    }
                }
            }
            let traffic = (registry as? HTTPPopulationRegistry).map { "; \($0.statistics.requests) requests, \($0.statistics.retries) retries" } ?? ""
            print("\(found.count) of \(wanted.count) found in " + String(format: "%.2f", seconds) + " s ("
                  + String(format: "%.0f", Double(wanted.count) / max(seconds, 0.001)) + " IDs/s\(traffic))")
        }
    }
}
