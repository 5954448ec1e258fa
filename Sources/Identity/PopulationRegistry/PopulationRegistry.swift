/// The national population database as NEMIS uses it: confirming claimed identities by ID in bulk,
/// and finding candidates for a person without one. Two implementations: `HTTPPopulationRegistry`
/// speaks the registry protocol (see `PopulationRegistryService`) over the network;
/// `InProcessPopulationRegistry` answers from an in-memory `RegistryIndex`, for local benchmarks
/// of the verification work without the network in the way.
public protocol PopulationRegistry: Sendable {
    /// The people the registry holds among `ids`, keyed by ID. An ID the registry does not know is
    /// absent from the answer; so is a text that is not 12 digits (it cannot be in the registry).
    func lookup(_ ids: [String]) async throws -> [String: RegistryCitizen]

    /// Every person matching the query, in ID order (all pages).
    func search(_ query: CitizenQuery) async throws -> [RegistryCitizen]
}

/// An answer from memory, with the same meaning as the HTTP registry's.
public struct InProcessPopulationRegistry: PopulationRegistry {
    public let index: RegistryIndex

    public init(index: RegistryIndex) { self.index = index }

    public func lookup(_ ids: [String]) async throws -> [String: RegistryCitizen] {
        var found: [String: RegistryCitizen] = [:]
        found.reserveCapacity(ids.count)
        for id in ids {
            if let citizen = index.citizen(id) { found[id] = citizen }
        }
        return found
    }

    public func search(_ query: CitizenQuery) async throws -> [RegistryCitizen] {
        if let problem = query.problem { throw PopulationRegistryError.invalidQuery(problem) }
        return index.search(query, after: nil, limit: Int.max).items
    }
}
