import App
import ArgumentParser
import Foundation
import Logging

/// The `nemis` command line. Each subcommand parses its options and calls one library function.
@main
struct NEMISCommand: AsyncParsableCommand {
    static func main() async {
        Server.useEventLoopsForTasks()
        JSONLogHandler.bootstrap()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ValidationError {
            // Thrown by a command's run, after its arguments parsed: the message says what to change.
            // ArgumentParser would add the root command's usage line, which says nothing about the
            // subcommand, so only the message is printed (with the same exit status).
            FileHandle.standardError.write(Data("Error: \(error.message)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "nemis",
        abstract: "NEMIS: the national education data platform.",
        version: NEMIS.version,
        subcommands: [Serve.self, Migrate.self, UserCommand.self, ClientCommand.self, AdmissionsCommand.self, CredentialsCommand.self, TemplateCommand.self, GenerateCommand.self, SetupCommand.self, ImportCommand.self, ExportCommand.self, OneRosterCommand.self, FeesCommand.self, GatewayCommand.self, PopulationCommand.self, IdentityCommand.self])
}

/// Options every command that touches the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "PostgreSQL URL (postgres://user:password@host:5432/db). Default: NEMIS_DATABASE_URL, else SQLite.")
    var databaseURL: String?

    @Option(name: .long, help: "SQLite file when no PostgreSQL URL is given. Default: NEMIS_SQLITE_PATH or ./nemis.sqlite.")
    var sqlite: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    func configuration(host: String? = nil, port: Int? = nil) throws -> AppConfiguration {
        var level: Logger.Level?
        if let logLevel {
            guard let parsed = Logger.Level(rawValue: logLevel) else { throw ValidationError("unknown log level '\(logLevel)'") }
            level = parsed
        } else if let text = ProcessInfo.processInfo.environment["NEMIS_LOG_LEVEL"], Logger.Level(rawValue: text) == nil {
            // Taken silently, a mistyped level would log at the default one.
            throw ValidationError("NEMIS_LOG_LEVEL is trace, debug, info, notice, warning, error or critical, not '\(text)'")
        }
        return AppConfiguration(host: host, port: port, databaseURL: databaseURL, sqlitePath: sqlite, logLevel: level)
    }

    func logger(_ configuration: AppConfiguration) -> Logger {
        var logger = Logger(label: "nemis")
        logger.logLevel = configuration.logLevel
        return logger
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the API server (creates and migrates the database first).")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "Address to listen on. Default: NEMIS_HOST or 127.0.0.1.")
    var host: String?

    @Option(name: .long, help: "Port to listen on. Default: NEMIS_PORT or 8080.")
    var port: Int?

    @Flag(name: .long, help: "Load the demo province (Thái Nguyên) with its schools, staff, classes and learners, and demo sign-ins.")
    var demo = false

    func run() async throws {
        // Taken silently, a port that is not a number would leave the server on the default one.
        if port == nil, let text = ProcessInfo.processInfo.environment["NEMIS_PORT"], Int(text) == nil {
            throw ValidationError("NEMIS_PORT is a port number from 0 to 65535, not '\(text)'")
        }
        let configuration = try database.configuration(host: host, port: port)
        try checkListenPort(configuration.port, "--port (or NEMIS_PORT)")
        try await Server.run(configuration: configuration, demo: demo)
    }
}

/// A port to listen on: 1 to 65535, or 0 for any free one. The socket layer would take a larger
/// number modulo 65,536 and listen on a port nobody asked for.
func checkListenPort(_ port: Int, _ option: String = "--port") throws {
    guard (0...65_535).contains(port) else { throw ValidationError("\(option) is a port number from 0 to 65535, not \(port)") }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema, then exit.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = try database.configuration()
        let logger = database.logger(configuration)
        try await Storage.withDatabase(configuration, logger: logger) { _ in }
        print("\(configuration.databaseDescription) is migrated to version \(Storage.migrations.count).")
    }
}
