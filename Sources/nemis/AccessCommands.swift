import App
import ArgumentParser
import Foundation
import Platform

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users who sign in to the web and API.",
                                                    subcommands: [Create.self, Grant.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user. The password is read from NEMIS_PASSWORD or standard input.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username: 3–64 lower-case letters, digits, . _ -") var username: String
        @Option(help: "Name shown in the interface.") var displayName: String?
        @Option(help: "For a member of staff: their sector staff code, which ties them to their teaching assignments.") var staffCode: String?

        func run() async throws {
            let password = try readPassword()
            let configuration = try database.configuration()
            let user = try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
                try await AccessStore(database: db).createUser(username: username, displayName: displayName ?? username, password: password,
                                                           staffCode: staffCode)
            }
            print("created user \(user.username) (\(user.id))")
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Grant a role at a node of the org tree, e.g. `nemis user grant lan school_admin 19TH001`.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username") var username: String
        @Argument(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") var role: String
        @Argument(help: "Org code, e.g. MOET, SGD19 or a school code") var orgCode: String

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("unknown role '\(self.role)'") }
            let configuration = try database.configuration()
            try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
                let access = AccessStore(database: db)
                guard let userID = try await access.userID(username: username) else { throw ValidationError("no user '\(username)'") }
                guard let orgID = try await Bootstrap.orgID(db, code: orgCode) else { throw ValidationError("no org node '\(orgCode)'") }
                try await access.grant(principalID: userID, role: role, orgID: orgID)
            }
            print("granted \(role.rawValue) at \(orgCode.uppercased()) to \(username)")
        }
    }
}

struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "client", abstract: "Manage API clients (OAuth2 client credentials).",
                                                    subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create API credentials for school software, bound to org nodes.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "A name for the client, e.g. the school software") var name: String
        @Option(name: .customLong("org"), help: "Org code the client may act on (repeatable).") var orgCodes: [String] = []
        @Option(name: .customLong("scope"), help: "Scope (repeatable): \(Permission.allCases.map(\.rawValue).joined(separator: ", "))")
        var scopes: [String] = ["registry:read"]

        func run() async throws {
            guard !orgCodes.isEmpty else { throw ValidationError("give at least one --org") }
            let permissions = try Set(scopes.map { text in
                guard let permission = Permission(rawValue: text) else { throw ValidationError("unknown scope '\(text)'") }
                return permission
            })
            let configuration = try database.configuration()
            let credentials = try await Storage.withDatabase(configuration, logger: database.logger(configuration)) { db in
                var orgIDs: [String] = []
                for code in orgCodes {
                    guard let id = try await Bootstrap.orgID(db, code: code) else { throw ValidationError("no org node '\(code)'") }
                    orgIDs.append(id)
                }
                let access = AccessStore(database: db)
                let credentials = try await access.createClient(name: name, scopes: permissions)
                for id in orgIDs { try await access.grant(principalID: credentials.principalID, role: .apiClient, orgID: id) }
                return credentials
            }
            print("client_id:     \(credentials.clientID)")
            print("client_secret: \(credentials.clientSecret)   (shown once; store it now)")
            print("token:         POST /oauth/token with grant_type=client_credentials")
        }
    }
}

func readPassword() throws -> String {
    if let password = ProcessInfo.processInfo.environment["NEMIS_PASSWORD"], !password.isEmpty { return password }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw ValidationError("give the password on standard input or in NEMIS_PASSWORD")
    }
    return line
}
