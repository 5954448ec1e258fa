import Foundation
import Identity

/// Where a process finds the population registry: `NEMIS_POPULATION_URL` (with its client ID and
/// secret, see `PopulationClientSettings`) for the registry service, or `NEMIS_POPULATION_FILE`
/// for a registry file held locally (development, demos and benchmarks).
public enum RegistryConnection {
    /// The checker the environment describes; nil when neither is set.
    public static func checker(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (any RecordChecker)? {
        if let settings = try PopulationClientSettings.fromEnvironment(environment) {
            return RemoteRegistryChecker(registry: HTTPPopulationRegistry(settings: settings), source: "population registry \(settings.baseURL)")
        }
        if let path = environment["NEMIS_POPULATION_FILE"], !path.isEmpty {
            return try LocalRegistryChecker(registryFile: path)
        }
        return nil
    }

    public static let notConfigured = "the population registry is not configured: set NEMIS_POPULATION_URL, NEMIS_POPULATION_CLIENT_ID "
        + "and NEMIS_POPULATION_CLIENT_SECRET (or NEMIS_POPULATION_FILE for a local registry file)"
}
