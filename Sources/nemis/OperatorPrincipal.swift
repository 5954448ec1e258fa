import App
import ArgumentParser
import Platform

/// Who a command acts as when no user is named: the operator, who holds the database file or its
/// URL and therefore the ministry's reach. The audit log records the command's name.
enum OperatorPrincipal {
    static func load(_ database: any Database, command: String) async throws -> Principal {
        guard let ministry = try await Bootstrap.orgID(database, code: Bootstrap.ministryCode) else {
            throw ValidationError("the database has no ministry node; run `nemis migrate` first")
        }
        return Principal(id: "cli", name: command, kind: .user, grants: [Grant(role: .ministryAdmin, orgID: ministry)])
    }
}
