import App
import ArgumentParser
import BulkData
import Foundation
import OneRoster
import Platform

/// `nemis oneroster export`: the registry as a OneRoster 1.2 bulk CSV set, for LMS and other
/// rostering consumers.
struct OneRosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oneroster", abstract: "OneRoster 1.2 rostering files.", subcommands: [Export.self])

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

        @Option(name: .long, help: ArgumentHelp("Only this province (2-digit code).", valueName: "code"))
        var province: String?

        @Option(name: .long, help: ArgumentHelp("Only this school.", valueName: "code"))
        var school: String?

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
                if school != nil || province != nil {
                    guard let node = try await db.read({ sql in try await ExportScope.node(sql, schoolCode: school, provinceCode: province) }) else {
                        throw ValidationError("no node for \(school.map { "school \($0)" } ?? "province \(province ?? "")")")
                    }
                    let access = AccessStore(database: db)
                    let held = try await access.permissions(of: principal, at: node)
                    guard held.contains(.registryRead) else { throw ValidationError("\(principal.name) may not read that node's records") }
                    roots = [node]
                }
                if withDemographics && identityRoots.isEmpty { throw ValidationError("--with-demographics needs identity:read") }
                let scope = RosterScope(roots: roots, identityRoots: identityRoots, withDemographics: withDemographics)
                return try await OneRosterCSVExporter(database: db).export(to: out, scope: scope, principal: principal) { file, rows in
                    FileHandle.standardError.write(Data("\(file.rawValue): \(rows) rows…\n".utf8))
                }
            }
            for file in OneRosterFile.allCases {
                if let rows = summary.rows[file] { print("\(file.fileName): \(rows) rows") }
            }
            print(String(format: "%d rows in %.1f s to %@", summary.totalRows, summary.seconds, out))
        }
    }
}
