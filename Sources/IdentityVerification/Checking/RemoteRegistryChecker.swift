import CitizenID
import Identity
import PersonMatching
import Platform
import VietnameseText

/// Verification over the population registry's protocol: one batch lookup by ID for the records'
/// IDs, then name-and-birth-year searches for the records whose ID did not bring back the person
/// typed. The people returned form a small index per batch, and the `PersonMatching` verifier
/// decides on it exactly as on a full copy.
///
/// The registry's search is exact on the folded name (DOMAIN.md §1.6: the national service checks
/// claimed identities rather than searching), so a name typed with a wrong letter finds nobody here
/// where a local copy's typo-tolerant blocking would: such records end `not_found` and go back to
/// the school. Given-name frequencies come from the batch's people, which under-weights rare names:
/// the error goes towards review, never towards a link.
public struct RemoteRegistryChecker: RecordChecker {
    let registry: any PopulationRegistry
    public let source: String
    /// Searches in flight at once; the client's own rate limit still applies.
    let concurrentSearches: Int

    public init(registry: any PopulationRegistry, source: String, concurrentSearches: Int = 8) {
        self.registry = registry
        self.source = source
        self.concurrentSearches = max(1, concurrentSearches)
    }

    public func check(_ records: [PersonRecord], model: MatchModel, policy: VerificationPolicy) async throws -> [VerificationDecision] {
        let verifier = Verifier(index: try await trainingIndex(for: records), model: model, policy: policy)
        return try await ParallelChunks.runWithoutBlocking(count: records.count) { range in
            verifier.verify(records[range])
        }.flatMap { $0 }
    }

    /// The registry people the records may be: those their IDs name, and those a search by name
    /// (as typed, and with the given name moved back to the end) and birth year finds.
    public func trainingIndex(for records: [PersonRecord]) async throws -> PersonMatching.RegistryIndex {
        let ids = records.map { $0.citizenID.flatMap { CitizenID.repair($0).citizenID?.digits } }
        let wanted = Array(Set(ids.compactMap { $0 }))
        let found = wanted.isEmpty ? [:] : try await registry.lookup(wanted)
        var queries = Set<CitizenQuery>()
        for (record, id) in zip(records, ids) {
            let typedName = Self.readable(record.fullName)
            if let id, let person = found[id], VietnameseText.fold(person.hoVaTen) == VietnameseText.fold(typedName) { continue }
            guard let year = record.dateOfBirth?.year, (1800...2999).contains(year) else { continue }
            for name in Self.nameOrders(typedName) { queries.insert(CitizenQuery(hoVaTen: name, namSinh: year)) }
        }
        var people = found.values.compactMap(RegistryPeople.person)
        var seen = Set(found.keys)
        for citizen in try await search(Array(queries)) where seen.insert(citizen.soDinhDanh).inserted {
            if let person = RegistryPeople.person(citizen) { people.append(person) }
        }
        return PersonMatching.RegistryIndex(people)
    }

    /// Runs the searches, at most `concurrentSearches` at a time.
    private func search(_ queries: [CitizenQuery]) async throws -> [RegistryCitizen] {
        try await withThrowingTaskGroup(of: [RegistryCitizen].self) { group in
            var results: [RegistryCitizen] = []
            var next = 0
            while next < min(concurrentSearches, queries.count) {
                let query = queries[next]
                group.addTask { try await registry.search(query) }
                next += 1
            }
            while let batch = try await group.next() {
                results += batch
                if next < queries.count {
                    let query = queries[next]
                    group.addTask { try await registry.search(query) }
                    next += 1
                }
            }
            return results
        }
    }

    /// A name decoded from a legacy encoding when it is in one, so that the search's folding works.
    static func readable(_ name: String) -> String {
        LegacyVietnamese.repairIfLegacy(VietnameseText.clean(name)).text
    }

    /// The name as typed, and the orders a school may have typed it in: given name first (moved
    /// back to the end), or family name last (moved back to the front).
    static func nameOrders(_ name: String) -> [String] {
        let words = name.split(separator: " ").map(String.init)
        guard words.count >= 2 else { return words.isEmpty ? [] : [name] }
        let givenFirst = (words.dropFirst() + [words[0]]).joined(separator: " ")
        let familyLast = ([words[words.count - 1]] + words.dropLast()).joined(separator: " ")
        var orders: [String] = []
        for order in [words.joined(separator: " "), givenFirst, familyLast] where !orders.contains(order) { orders.append(order) }
        return orders
    }
}
