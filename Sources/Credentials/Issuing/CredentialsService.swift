import DataIntegrity
import Platform
import Registry

/// The credential routes: school keys, the signing chain, revocation, and the public registry,
/// status lists and verification.
public struct CredentialsService: Sendable {
    let database: any Database
    let registry: RegistryService
    let keys: SigningKeyStore
    let statusLists: StatusListStore

    /// `publicBaseURL` is where verifiers fetch status lists (the server's public address).
    public init(database: any Database, registry: RegistryService, vault: KeyVault?, publicBaseURL: String) {
        self.database = database
        self.registry = registry
        keys = SigningKeyStore(configuredVault: vault)
        statusLists = StatusListStore(publicBaseURL: publicBaseURL)
    }

    /// Creates the ministry's signing key when there is none. Call once at start-up, after migrating.
    public func prepare() async throws {
        try await database.transaction { db in try await keys.ensureMinistryKey(db) }
    }

    /// Verifies a credential against this server's registry and status lists (for the web page).
    public func verify(_ credential: JSONValue) async throws -> VerificationReport {
        try await PublicCredentialsController(database: database, keys: keys, statusLists: statusLists).report(credential)
    }

    public func register(in catalog: APICatalog) {
        IssuanceController(database: database, registry: registry, keys: keys, statusLists: statusLists).register(in: catalog)
        PublicCredentialsController(database: database, keys: keys, statusLists: statusLists).register(in: catalog)
    }
}
