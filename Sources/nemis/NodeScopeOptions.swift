import ArgumentParser
import BulkData
import Platform

/// `--school CODE` or `--province CODE`: the one node of the education-management tree a command
/// narrows to (`nemis export`, `nemis oneroster export`, `nemis identity …`). Neither: no narrowing.
struct NodeScopeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only this school (its code).", valueName: "code"))
    var school: String?

    @Option(name: .long, help: ArgumentHelp("Only this province (2-digit code).", valueName: "code"))
    var province: String?

    func validate() throws {
        if school != nil && province != nil { throw ValidationError("give --school or --province, not both") }
    }

    /// The node the options name (`ExportScope.node`), nil for neither; a code that names nothing is refused.
    func node(_ database: any Database) async throws -> (id: String, code: String)? {
        guard school != nil || province != nil else { return nil }
        guard let node = try await database.read({ db in try await ExportScope.node(db, schoolCode: school, provinceCode: province) }) else {
            throw ValidationError(school.map { "no school with code '\($0)'" } ?? "no province with code '\(province ?? "")'")
        }
        return node
    }
}
