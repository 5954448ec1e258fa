import App
import ArgumentParser
import BulkData
import Foundation
import Platform

/// `nemis import <kind> <file>`: a school's or a province's file into the registry.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV or XLSX file of one kind of record, checked with the API's rules; all or nothing unless --skip-invalid.",
        discussion: """
        Kinds: \(BulkKind.allCases.map(\.rawValue).joined(separator: ", ")). The file's header names the columns (see \
        `nemis template`); CSV may be comma- or semicolon-separated, with or without a byte order mark. Rows upsert by their \
        natural key, so importing the same file again changes nothing. Every refused row, and every value repaired on the way \
        in, is listed in the report (row, column, value, reason in Vietnamese and English). Exit status: 0 when every row was \
        stored, 1 when rows were refused.
        """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "What the file holds.")
    var kind: BulkKind

    @Argument(help: ArgumentHelp("The CSV or XLSX file.", valueName: "file"))
    var file: String

    @Flag(help: "Store the good rows even when others are refused (default: store nothing if any row is refused).")
    var skipInvalid = false

    @Option(help: ArgumentHelp("Where to write the report of errors and repairs. Default: <file>-errors.csv beside it.", valueName: "file"))
    var report: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Import with this user's roles and scope. Default: the operator, with the ministry's.",
                                                        valueName: "username"))
    var username: String?

    func run() async throws {
        let configuration = try database.configuration()
        let reportPath = report ?? Self.defaultReportPath(for: file)
        let bar = ProgressLine(label: "import \(kind.rawValue)")
        let summary: ImportSummary
        do {
            summary = try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
                let principal = try await CommandPrincipal.load(db, username: username, command: "nemis import")
                return try await BulkImporter(database: db).run(
                    .init(kind: kind, path: file, skipInvalid: skipInvalid, reportPath: reportPath), principal: principal
                ) { bar.show($0) }
            }
        } catch let error as ImportError {
            bar.finish()
            throw ValidationError(error.description)
        }
        bar.finish()
        print(Self.describe(summary))
        if summary.refused > 0 { throw ExitCode(1) }
    }

    static func defaultReportPath(for file: String) -> String {
        let url = URL(fileURLWithPath: file)
        return url.deletingPathExtension().path + "-errors.csv"
    }

    /// The terminal's account of one file. `stored` is false when nothing was stored, also because of
    /// another file of the same all-or-nothing import; the good rows are then not called created.
    static func describe(_ summary: ImportSummary, stored: Bool? = nil) -> String {
        var lines: [String] = []
        let good = (stored ?? summary.committed)
            ? String(format: "%d created, %d updated, %d unchanged", summary.created, summary.updated, summary.unchanged)
            : String(format: "%d good rows not stored (%d new, %d changed, %d unchanged)",
                     summary.created + summary.updated + summary.unchanged, summary.created, summary.updated, summary.unchanged)
        lines.append(String(format: "%@: %d rows in %.1f s (%.0f rows/s): %@, %d repeated, %d refused",
                            summary.kind.rawValue, summary.rows, summary.seconds, summary.rowsPerSecond, good,
                            summary.repeated, summary.refused)
                     + (summary.joined > 0 ? "; \(summary.joined) rows added an employment to the row above" : ""))
        if summary.refused > 0 {
            lines.append(summary.committed
                ? "stored the \(summary.created + summary.updated + summary.unchanged) good rows (--skip-invalid); refused rows were left out"
                : "NOTHING WAS STORED (không ghi dữ liệu nào): fix the refused rows and import again, or use --skip-invalid")
        }
        for reason in summary.reasons.prefix(12) {
            lines.append(String(format: "  %7d %@ %@: %@ / %@", reason.count, reason.severity.rawValue, reason.code, reason.reason.vi, reason.reason.en))
        }
        for example in summary.examples.prefix(5) {
            lines.append("  row \(summary.place(ofRow: example.row))\(example.column.isEmpty ? "" : ", \(example.column)")\(example.value.isEmpty ? "" : " '\(example.value)'"): \(example.reason.en)")
        }
        if let path = summary.reportPath, summary.errors + summary.warnings > 0 {
            lines.append("report: \(path) (\(summary.errors) errors, \(summary.warnings) warnings)")
        }
        return lines.joined(separator: "\n")
    }
}

/// A progress bar on a terminal (count, rate, ETA), redrawn in place at most 4 times a second;
/// plain lines every 10 seconds when standard error is a file or a pipe.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastDrawn = -1.0
    private var drewBar = false

    init(label: String) { self.label = label }

    func show(_ progress: ImportProgress) {
        show(count: progress.rows, unit: "rows", refused: progress.refused, fraction: progress.fraction, seconds: progress.seconds)
    }

    func show(count: Int, unit: String, refused: Int = 0, fraction: Double?, seconds: Double) {
        lock.withLock {
            let interval = isTerminal ? 0.25 : 10
            guard seconds - lastDrawn >= interval else { return }
            lastDrawn = seconds
            let rate = Double(count) / max(seconds, 0.001)
            var text = "\(label): \(count) \(unit), \(Int(rate)) \(unit)/s"
            if refused > 0 { text += ", \(refused) refused" }
            if let fraction, fraction > 0 {
                let remaining = seconds / fraction * (1 - fraction)
                text = String(format: "%@ %3.0f%% ", bar(fraction), fraction * 100) + text + String(format: ", ETA %d:%02d", Int(remaining) / 60, Int(remaining) % 60)
            }
            if isTerminal {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
                drewBar = true
            } else {
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
        }
    }

    func finish() {
        lock.withLock { if drewBar { FileHandle.standardError.write(Data("\n".utf8)) } }
    }

    private func bar(_ fraction: Double) -> String {
        let filled = Int((fraction * 24).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 24 - filled) + "]"
    }
}
