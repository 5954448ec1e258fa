import App
import Foundation
import Testing

/// The `nemis` executable of the same build as the tests, run as a user runs it.
enum NemisExecutable {
    static var url: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("nemis")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// A process of it, against the configuration's database unless there is none (a command without
    /// database options), its output and errors into one pipe; not started.
    static func process(_ executable: URL, _ arguments: [String], _ configuration: AppConfiguration?,
                        environment: [String: String] = [:]) -> (Process, output: Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + (configuration.map { configuration in
            ["--log-level", "error"] + (configuration.databaseURL.map { ["--database-url", $0] } ?? ["--sqlite", configuration.sqlitePath])
        } ?? [])
        process.environment = ["PATH": "/usr/bin:/bin"].merging(configuration?.keyEncryptionKey.map { ["NEMIS_KEY_ENCRYPTION_KEY": $0] } ?? [:]) { $1 }
            .merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        return (process, output)
    }

    /// Runs it until it exits; its exit status and everything it printed. The wait is on a Dispatch
    /// thread, so that tests running beside it keep the cooperative pool's threads.
    static func run(_ executable: URL, _ arguments: [String], _ configuration: AppConfiguration?,
                    environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        let (process, output) = self.process(executable, arguments, configuration, environment: environment)
        try process.run()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, text))
            }
        }
    }
}

/// One test's fresh SQLite database and empty folder, and the executable to run against them.
struct CommandLineScratch {
    let executable: URL
    let configuration: AppConfiguration
    let folder: URL

    /// Runs `body` with a new scratch; the database and the folder are removed after, whatever happens.
    static func with(_ body: (CommandLineScratch) async throws -> Void) async throws {
        let executable = try #require(NemisExecutable.url, "the nemis executable is built next to the tests")
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.sqlite)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try await body(CommandLineScratch(executable: executable, configuration: configuration, folder: folder))
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }

    /// `nemis ARGUMENTS` against the scratch database, with `environment`'s variables set.
    func nemis(environment: [String: String] = [:], _ arguments: String...) async throws -> (status: Int32, output: String) {
        try await NemisExecutable.run(executable, arguments, configuration, environment: environment)
    }

    /// The path of `name` in the scratch folder, holding `text` when given.
    func file(_ name: String, _ text: String? = nil) throws -> String {
        let path = folder.appendingPathComponent(name).path
        if let text { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        return path
    }
}
