import App
import ArgumentParser
import BulkData
import Foundation
import OneRoster
import Platform

/// `nemis oneroster export`: the registry as a OneRoster 1.2 bulk CSV set, for LMS and other
/// rostering consumers; `nemis oneroster import`: such a set from a school's software into the registry.
struct OneRosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oneroster", abstract: "OneRoster 1.2 rostering files.", subcommands: [Export.self, Import.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a OneRoster 1.2 bulk CSV set: manifest.csv, orgs, academicSessions, courses, classes, users, roles, enrollments.",
            discussion: """
            sourcedIds are name-based UUIDs of the records' natural keys, the same in every export. demographics.csv (birth \
            date and sex) is written only with --with-demographics and only for records where the principal holds identity:read; \
            that export is audited.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("The directory to write into (created if needed).", valueName: "dir"))
        var out: String

        @OptionGroup var scope: NodeScopeOptions

        @Flag(name: .long, help: "Also write demographics.csv (needs identity:read).")
        var withDemographics = false

        @Option(name: .customLong("as"), help: ArgumentHelp("Export with this user's scope. Default: the operator, with the ministry's.",
                                                            valueName: "username"))
        var username: String?

        func run() async throws {
            let configuration = try database.configuration()
            let summary = try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
                let principal = try await CommandPrincipal.load(db, username: username, command: "nemis oneroster export")
                var roots = principal.nodes(for: .registryRead)
                let identityRoots = principal.nodes(for: .identityRead)
                if let node = try await scope.node(db)?.id {
                    let access = AccessStore(database: db)
                    let held = try await access.permissions(of: principal, at: node)
                    guard held.contains(.registryRead) else { throw ValidationError("\(principal.name) may not read that node's records") }
                    roots = [node]
                }
                if withDemographics && identityRoots.isEmpty { throw ValidationError("--with-demographics needs identity:read") }
                let rosterScope = RosterScope(roots: roots, identityRoots: identityRoots, withDemographics: withDemographics)
                return try await OneRosterCSVExporter(database: db).export(to: out, scope: rosterScope, principal: principal) { file, rows in
                    FileHandle.standardError.write(Data("\(file.rawValue): \(rows) rows…\n".utf8))
                }
            }
            for file in OneRosterFile.allCases {
                if let rows = summary.rows[file] { print("\(file.fileName): \(rows) rows") }
            }
            print(String(format: "%d rows in %.1f s to %@", summary.totalRows, summary.seconds, out))
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a OneRoster 1.2 bulk CSV set: its people, homeroom classes, enrolments and teaching assignments.",
            discussion: """
            orgs name the schools by identifier (the school code); the schools must exist. Users with a student role become \
            learners and users with a school staff role become staff (identifier is the MoET code); demographics.csv must give \
            each one's birth date and sex. Homeroom classes become classes, students' enrollments in them enrolments, and a \
            teacher's enrollment in a subject class a teaching assignment for each homeroom class its students come from. \
            Everything is checked with the API's rules and stored in one transaction: nothing is stored if any line is refused, \
            unless --skip-invalid. What OneRoster does not carry (citizen IDs, ethnicity, qualifications, employments at other \
            schools) is kept from the stored records. Records marked tobedeleted are not deleted. Exit status 1 when lines were \
            refused.
            """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The directory holding manifest.csv and the other files.", valueName: "dir"))
        var directory: String

        @Flag(help: "Store the good lines even when others are refused (default: store nothing if any line is refused).")
        var skipInvalid = false

        @Option(help: ArgumentHelp("Where to write the reports. Default: <dir>-errors beside it.", valueName: "dir"))
        var report: String?

        @Option(name: .customLong("as"), help: ArgumentHelp("Import with this user's roles and scope. Default: the operator, with the ministry's.",
                                                            valueName: "username"))
        var username: String?

        func run() async throws {
            let configuration = try database.configuration()
            let reportDirectory = report ?? ((directory as NSString).standardizingPath + "-errors")
            let bar = ProgressLine(label: "oneroster import")
            let summary: OneRosterImporter.Summary
            do {
                summary = try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
                    let principal = try await CommandPrincipal.load(db, username: username, command: "nemis oneroster import")
                    return try await OneRosterImporter(database: db).run(
                        .init(directory: directory, reportDirectory: reportDirectory, skipInvalid: skipInvalid), principal: principal
                    ) { _, progress in bar.show(progress) }
                }
            } catch let error as OneRosterImportError {
                bar.finish()
                throw ValidationError(error.description)
            } catch let error as ImportError {
                bar.finish()
                throw ValidationError(error.description)
            }
            bar.finish()
            print(Self.describe(summary))
            if summary.refused > 0 { throw ExitCode(1) }
        }

        static func describe(_ summary: OneRosterImporter.Summary) -> String {
            var lines = summary.imports.map { ImportCommand.describe($0, stored: summary.committed) }
            for (why, count) in summary.skipped { lines.append("left out: \(count) \(why)") }
            if summary.conversionErrors > 0 {
                lines.append("\(summary.conversionErrors) lines refused before import (report: \(summary.conversionReportPath ?? "")):")
                lines += summary.conversionExamples.prefix(5).map { "  " + $0 }
            }
            lines.append(summary.committed
                ? String(format: "stored in one transaction, %.1f s", summary.seconds)
                : "NOTHING WAS STORED (không ghi dữ liệu nào): fix the refused lines and import again, or use --skip-invalid")
            return lines.joined(separator: "\n")
        }
    }
}
