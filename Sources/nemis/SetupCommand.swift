import App
import ArgumentParser
import Foundation
import Platform
import Registry

/// `nemis setup`: the national reference records a new database needs before files are imported.
struct SetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Create the reference records imports rely on: a department (SGD<code>) for each province, and a school year.",
        discussion: "Both are idempotent: what exists is left as it is.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Also define this school year with the ministry's usual calendar.", valueName: "yyyy-yyyy"))
    var schoolYear: String?

    func run() async throws {
        let startYear = try schoolYear.map { text in
            let years = text.split(separator: "-").compactMap { Int($0) }
            guard years.count == 2, years[1] == years[0] + 1 else { throw ValidationError("a school year is written like 2026-2027") }
            return years[0]
        }
        let configuration = try database.configuration()
        try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
            let created = try await ReferenceSetup.ensureProvinceDepartments(db)
            print(created.isEmpty ? "every province has its department" : "created \(created.count) departments: \(created.joined(separator: ", "))")
            guard let startYear else { return }
            let principal = try await OperatorPrincipal.load(db, command: "nemis setup")
            let added = try await ReferenceSetup.ensureSchoolYear(db, startYear: startYear, principal: principal)
            print(added ? "defined school year \(startYear)-\(startYear + 1)" : "school year \(startYear)-\(startYear + 1) was already defined")
        }
    }
}
