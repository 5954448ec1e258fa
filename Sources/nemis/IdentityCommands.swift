import App
import ArgumentParser
import Foundation
import IdentityVerification
import PersonMatching
import Platform

/// `nemis identity …`: verification of learners and staff against the population registry.
struct IdentityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Verify learners and staff against the population registry; correction lists, rates and the history of runs.",
        discussion: """
        The registry is reached through NEMIS_POPULATION_URL, NEMIS_POPULATION_CLIENT_ID and NEMIS_POPULATION_CLIENT_SECRET, \
        or read from a local registry file with --registry-file (or NEMIS_POPULATION_FILE). The thresholds of \
        `verify` and `verify-file` (and of runs the server starts) are set with:
        \(PolicySettings.variables.map { "  \($0.name): \($0.meaning)" }.joined(separator: "\n"))
        """,
        subcommands: [Verify.self, VerifyFile.self, Corrections.self, Rates.self, Runs.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify every learner and staff member of a school, a province or the country.",
            discussion: """
            A run stores each batch's outcomes with its position, so a run stopped by an error, a crash or Ctrl-C resumes \
            where it stopped when the same command is given again: no one whose outcome was stored is checked again. The model's weights are estimated \
            from the run's own records and saved with the run. Proposed matches wait in the review queue; nothing is written \
            onto a record without a person's decision.
            """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var scope: NodeScopeOptions
        @Option(help: ArgumentHelp("A registry file to verify against instead of the registry service.", valueName: "file"))
        var registryFile: String?
        @Option(help: "People per batch: stored together, and the unit of resumption. Default: 4000 against a registry file, 1000 against the registry service.")
        var batch: Int?

        func run() async throws {
            let configuration = try database.configuration()
            let policy = try PolicySettings.policy(configuration.identityPolicy)
            let checker: any RecordChecker
            if let registryFile {
                checker = try LocalRegistryChecker(registryFile: registryFile)
            } else {
                guard let configured = try RegistryConnection.checker(configuration.populationRegistry) else {
                    throw ValidationError(RegistryConnection.notConfigured + ", or give --registry-file")
                }
                checker = configured
            }
            let bar = ProgressLine(label: "verify")
            let started = Date()
            let finished = try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
                let principal = try await OperatorPrincipal.load(db, command: "nemis identity verify")
                let service = IdentityVerificationService(database: db)
                let (run, resumed) = try await service.prepareRun(scopeCode: try await scope.node(db)?.code, principal: principal)
                guard try await service.claim(run) else {
                    throw ValidationError("run \(run.id) of \(run.scopeCode) is being worked on by another process (last stored \(run.updatedAt)); "
                                          + "try again once it has finished, or after \(Int(VerificationRun.staleAfter)) s without progress")
                }
                if resumed { print("resuming run \(run.id) of \(run.scopeCode) after \(run.done) of \(run.total) people") }
                return try await VerificationJob(database: db, checker: checker, batchSize: batch, policy: policy).run(run.id) { progress in
                    bar.show(count: progress.done, unit: "people", fraction: Double(progress.done) / Double(max(progress.total, 1)),
                             seconds: progress.seconds)
                }
            }
            bar.finish()
            let seconds = Date().timeIntervalSince(started)
            print(Self.describe(finished))
            print(String(format: "%.1f s: %.0f people/s (the registry's loading before it not counted)", seconds, Double(finished.done) / max(seconds, 0.001)))
        }

        static func describe(_ run: VerificationRun) -> String {
            var lines = ["run \(run.id) of \(run.scopeCode): \(run.done) of \(run.total) people checked against \(run.source ?? "the registry")"]
            for (status, count) in run.counts.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                lines.append(String(format: "  %9d  %@", count, status))
            }
            return lines.joined(separator: "\n")
        }
    }

    struct VerifyFile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-file",
            abstract: "Verify a CSV file of records against a registry file, without a database (benchmarks, checks before an import).",
            discussion: """
            Input columns: record_id, citizen_id, full_name, date_of_birth, sex and optionally birth_province; output: \
            record_id, status, linked_id, candidate_id, weight, link_weight, namesakes. The model is estimated from the file's first records, as a \
            verification run estimates its own; with --shipped-model the model shipped in the code decides.
            """)

        @Option(help: ArgumentHelp("The registry file.", valueName: "file")) var registry: String
        @Option(help: ArgumentHelp("The records to verify (CSV).", valueName: "file")) var records: String
        @Option(help: ArgumentHelp("Where to write the decisions (CSV).", valueName: "file")) var out: String
        @Flag(help: "Decide with the model shipped in the code instead of one estimated from the records.") var shippedModel = false
        @Option(help: ArgumentHelp("Also write the model decided with (JSON), as a run saves it.", valueName: "file"))
        var modelOut: String?

        func run() async throws {
            let policy = try PolicySettings.policy(ProcessInfo.processInfo.environment)
            let loadStart = Date()
            let checker = try LocalRegistryChecker(registryFile: registry)
            print(String(format: "registry: %d people indexed in %.1f s", checker.index.count, Date().timeIntervalSince(loadStart)))
            let readStart = Date()
            let input = try RecordsFile.read(records)
            print(String(format: "records: %d read in %.1f s", input.count, Date().timeIntervalSince(readStart)))
            var model = MatchModel.shippedDefault
            if !shippedModel {
                let started = Date()
                model = try await RecordsFile.estimateModel(input, checker: checker)
                print(String(format: "model estimated in %.1f s (λ %.4f)", Date().timeIntervalSince(started), model.lambda))
            }
            if let modelOut {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(model).write(to: URL(fileURLWithPath: modelOut))
            }
            let bar = ProgressLine(label: "verify-file")
            let summary = try await RecordsFile.verify(input, output: out, checker: checker, model: model, policy: policy) { done, seconds in
                bar.show(count: done, unit: "records", fraction: Double(done) / Double(max(input.count, 1)), seconds: seconds)
            }
            bar.finish()
            print(String(format: "%d records decided in %.2f s: %.0f records/s", summary.records, summary.seconds,
                         Double(summary.records) / max(summary.seconds, 0.001)))
            for (status, count) in summary.counts.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                print(String(format: "  %9d  %@", count, status))
            }
        }
    }

    struct Corrections: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the correction list of a school or of every school under a province: what to fix or check, and why.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var scope: NodeScopeOptions
        @Option(help: "csv or xlsx.") var format = "csv"
        @Option(help: ArgumentHelp("The file to write.", valueName: "file")) var out: String

        func run() async throws {
            guard ["csv", "xlsx"].contains(format) else { throw ValidationError("--format is csv or xlsx") }
            let configuration = try database.configuration()
            let lines = try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
                let principal = try await OperatorPrincipal.load(db, command: "nemis identity corrections")
                return try await IdentityVerificationService(database: db).corrections(scopeCode: try await scope.node(db)?.code, for: principal)
            }
            let bytes: [UInt8]
            if format == "xlsx" {
                bytes = try CorrectionLine.workbook(lines)
            } else {
                var csv = CSVEncoding.byteOrderMark
                CSVEncoding.appendRow(CorrectionLine.csvHeader, to: &csv)
                for line in lines { CSVEncoding.appendRow(line.csvFields, to: &csv) }
                bytes = csv
            }
            try Data(bytes).write(to: URL(fileURLWithPath: out))
            print("wrote \(out): \(lines.count) lines for \(Set(lines.map(\.code)).count) people")
        }
    }

    struct Rates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verification rates by school, province or for the nation.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "school, province or nation.") var level = "province"
        @OptionGroup var scope: NodeScopeOptions

        func run() async throws {
            guard let level = VerificationRate.Level(rawValue: level) else { throw ValidationError("--level is school, province or nation") }
            let configuration = try database.configuration()
            let rates = try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
                let principal = try await OperatorPrincipal.load(db, command: "nemis identity rates")
                return try await IdentityVerificationService(database: db).rates(level: level, scopeCode: try await scope.node(db)?.code, for: principal)
            }
            print("code        people   verified    rate  unchecked  name")
            for rate in rates {
                print(String(format: "%-10@ %8d %10d %6.2f%% %10d  %@", rate.code, rate.people, rate.verified, rate.rate * 100, rate.unchecked, rate.name))
            }
        }
    }

    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The history of verification runs, newest first.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let configuration = try database.configuration()
            let runs = try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
                let principal = try await OperatorPrincipal.load(db, command: "nemis identity runs")
                return try await IdentityVerificationService(database: db).runs(for: principal)
            }
            for run in runs {
                print("\(run.createdAt)  \(run.id)  \(run.scopeCode)  \(run.status.rawValue)  \(run.done)/\(run.total)"
                      + (run.message.map { "  \($0)" } ?? ""))
            }
        }
    }
}
