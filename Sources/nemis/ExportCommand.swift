import App
import ArgumentParser
import BulkData
import Foundation
import Platform

extension ExportFileFormat: ExpressibleByArgument {}

/// `nemis export <kind>`: the records of one kind a principal may read, as a file `nemis import` reads back.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the records of one kind to CSV or XLSX, in the import format, scoped like the API.",
        discussion: """
        Kinds: \(BulkKind.allCases.map(\.rawValue).joined(separator: ", ")). Rows come in natural-key order with the \
        Vietnamese headers, dd/mm/yyyy dates and vocabulary labels of `nemis template`, so importing the file again changes \
        nothing. Citizen IDs are written only where the principal holds identity:read, and such an export is audited.
        """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "What to export.")
    var kind: BulkKind

    @Option(name: .long, help: "csv or xlsx.")
    var format: ExportFileFormat = .csv

    @Option(name: .long, help: ArgumentHelp("The file to write (replaced when complete).", valueName: "file"))
    var out: String

    @OptionGroup var scope: NodeScopeOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("Export with this user's roles and scope. Default: the operator, with the ministry's.",
                                                        valueName: "username"))
    var username: String?

    func run() async throws {
        let configuration = try database.configuration()
        let summary = try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
            let principal = try await CommandPrincipal.load(db, username: username, command: "nemis export")
            return try await BulkExporter(database: db).run(
                .init(kind: kind, path: out, fileFormat: format, narrowedTo: try await scope.node(db)?.id), principal: principal)
        }
        print(String(format: "%@: %d rows (%d with citizen IDs) in %.1f s to %@", kind.rawValue, summary.rows, summary.withIdentity,
                     summary.seconds, out))
    }
}

/// The principal a batch command acts as: a named user with their grants, or the operator.
enum CommandPrincipal {
    static func load(_ database: any Database, username: String?, command: String) async throws -> Principal {
        guard let username else { return try await OperatorPrincipal.load(database, command: command) }
        let access = AccessStore(database: database)
        guard let id = try await access.userID(username: username), let principal = try await access.loadPrincipal(id: id) else {
            throw ValidationError("no user '\(username)'")
        }
        return principal
    }
}
