import App
import Foundation

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

    /// Runs it until it exits, against the configuration's database unless there is none (a command
    /// without database options); its exit status and everything it printed. The wait is on a
    /// Dispatch thread, so that tests running beside it keep the cooperative pool's threads.
    static func run(_ executable: URL, _ arguments: [String], _ configuration: AppConfiguration?) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + (configuration.map { configuration in
            ["--log-level", "error"] + (configuration.databaseURL.map { ["--database-url", $0] } ?? ["--sqlite", configuration.sqlitePath])
        } ?? [])
        process.environment = ["PATH": "/usr/bin:/bin"].merging(configuration?.keyEncryptionKey.map { ["NEMIS_KEY_ENCRYPTION_KEY": $0] } ?? [:]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
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
