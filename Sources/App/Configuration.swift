import Credentials
import Fees
import Foundation
import Logging

/// Settings of a NEMIS process: flags first, then `NEMIS_*` environment variables, then defaults.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// `postgres://…` for PostgreSQL; nil for the embedded SQLite file.
    public var databaseURL: String?
    public var sqlitePath: String
    public var logLevel: Logger.Level
    /// Mark the session cookie Secure. On by default unless the server listens on loopback only, since
    /// anything reachable from the network is expected to sit behind TLS.
    public var secureCookies: Bool
    /// Where verifiers reach this server (status lists are published under it).
    public var publicURL: String
    /// The key that seals signing keys at rest (32 bytes, base64); see `credentialsVault`.
    public var keyEncryptionKey: String?
    /// The payment gateway for fee orders (`NEMIS_PAYMENT_*`; see `FeesSettings`).
    public var fees: FeesSettings
    /// Where files uploaded for import wait and their reports stay (`NEMIS_IMPORT_DIR`): beside the
    /// SQLite file, or in the temporary directory with PostgreSQL.
    public var importFolder: String
    /// The `NEMIS_POPULATION_*` settings: where identity verification reaches the population
    /// registry (see `RegistryConnection`).
    public var populationRegistry: [String: String]
    /// The `NEMIS_IDENTITY_*` settings: the thresholds of verification runs (see `PolicySettings`).
    public var identityPolicy: [String: String]

    public init(host: String? = nil, port: Int? = nil, databaseURL: String? = nil, sqlitePath: String? = nil,
                logLevel: Logger.Level? = nil, keyEncryptionKey: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.host = host ?? environment["NEMIS_HOST"] ?? "127.0.0.1"
        self.port = port ?? environment["NEMIS_PORT"].flatMap(Int.init) ?? 8080
        let url = databaseURL ?? environment["NEMIS_DATABASE_URL"]
        self.databaseURL = url?.isEmpty == true ? nil : url
        self.sqlitePath = sqlitePath ?? environment["NEMIS_SQLITE_PATH"] ?? "nemis.sqlite"
        self.logLevel = logLevel ?? environment["NEMIS_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(self.host)
        self.secureCookies = environment["NEMIS_SECURE_COOKIES"].map { ["1", "true", "yes"].contains($0.lowercased()) } ?? !loopback
        self.publicURL = environment["NEMIS_PUBLIC_URL"] ?? "http://\(self.host):\(self.port)"
        self.keyEncryptionKey = keyEncryptionKey ?? environment["NEMIS_KEY_ENCRYPTION_KEY"]
        self.fees = FeesSettings(environment: environment, publicURL: self.publicURL)
        self.populationRegistry = environment.filter { $0.key.hasPrefix("NEMIS_POPULATION_") }
        self.identityPolicy = environment.filter { $0.key.hasPrefix("NEMIS_IDENTITY_") }
        self.importFolder = environment["NEMIS_IMPORT_DIR"]
            ?? (self.databaseURL == nil ? self.sqlitePath + "-imports" : FileManager.default.temporaryDirectory.appendingPathComponent("nemis-imports").path)
    }

    /// Where the data lives, for messages; never prints a password.
    public var databaseDescription: String {
        guard let url = databaseURL, var components = URLComponents(string: url) else { return "SQLite file \(sqlitePath)" }
        if components.password != nil { components.password = "***" }
        return "PostgreSQL \(components.string ?? "")"
    }
}

/// What the credentials module needs from the configuration.
public struct CredentialsSetup: Sendable {
    public let vault: KeyVault?
    public let publicURL: String
}

extension AppConfiguration {
    /// The key-encryption key: `NEMIS_KEY_ENCRYPTION_KEY`; else, on SQLite, a key file beside the
    /// database (created with owner-only permissions); else none, and signing answers how to set one.
    public func credentialsSetup() throws -> CredentialsSetup {
        let vault: KeyVault? = if let keyEncryptionKey {
            try KeyVault(base64: keyEncryptionKey)
        } else if databaseURL == nil {
            try KeyVault.file(at: sqlitePath + ".key")
        } else {
            nil
        }
        return CredentialsSetup(vault: vault, publicURL: publicURL)
    }
}
