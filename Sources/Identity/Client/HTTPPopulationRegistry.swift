import Foundation
import Logging
import Platform

/// The population registry over HTTP (the protocol on `PopulationRegistryService`): lookups split
/// into batches the registry accepts and sent side by side within the client's limits, searches
/// followed to their last page, every request retried as `RegistryTransport` describes.
public final class HTTPPopulationRegistry: PopulationRegistry {
    public let settings: PopulationClientSettings
    let transport: RegistryTransport

    public init(settings: PopulationClientSettings, logger: Logger = Logger(label: "nemis.population")) {
        self.settings = settings
        transport = RegistryTransport(settings: settings, logger: logger)
    }

    /// Requests, retries and token fetches so far.
    public var statistics: ClientStatistics { transport.counters.withLock { $0 } }

    public func lookup(_ ids: [String]) async throws -> [String: RegistryCitizen] {
        var seen = Set<String>()
        let asked = ids.filter { RegistryDigits.isDigits($0, count: 12) && seen.insert($0).inserted }
        guard !asked.isEmpty else { return [:] }
        let batches = asked.batches(of: settings.batchSize).map(Array.init)
        return try await withThrowingTaskGroup(of: [RegistryCitizen].self) { group in
            for (number, batch) in batches.enumerated() {
                let operation = batches.count == 1 ? "lookup of \(batch.count) IDs"
                    : "lookup of \(batch.count) IDs (batch \(number + 1) of \(batches.count))"
                group.addTask { try await self.lookupBatch(batch, operation: operation) }
            }
            var found: [String: RegistryCitizen] = [:]
            found.reserveCapacity(asked.count)
            for try await citizens in group {
                for citizen in citizens { found[citizen.soDinhDanh] = citizen }
            }
            return found
        }
    }

    private func lookupBatch(_ ids: [String], operation: String) async throws -> [RegistryCitizen] {
        let body = try JSON.string(RegistryWire.LookupRequest(soDinhDanh: ids))
        let response = try await transport.call(operation, .POST, RegistryWire.lookupPath, json: body)
        guard let answer = try? JSONDecoder().decode(RegistryWire.LookupResponse.self, from: Data(response.body.utf8)) else {
            throw PopulationRegistryError.malformedResponse(operation: operation, detail: "not a lookup answer")
        }
        let asked = Set(ids)
        return try answer.results.compactMap { result in
            guard asked.contains(result.soDinhDanh) else {
                throw PopulationRegistryError.malformedResponse(operation: operation, detail: "an answer for \(result.soDinhDanh), which was not asked")
            }
            return result.found ? result.citizen : nil
        }
    }

    public func search(_ query: CitizenQuery) async throws -> [RegistryCitizen] {
        var items: [RegistryCitizen] = []
        var token: String?
        var page = 0
        repeat {
            page += 1
            guard page <= settings.maxPages else {
                throw PopulationRegistryError.malformedResponse(operation: "search", detail: "more than \(settings.maxPages) pages")
            }
            let answer = try await searchPage(query, pageToken: token, page: page)
            items += answer.items
            token = answer.nextPageToken
        } while token != nil
        return items
    }

    /// One page of a search; `pageToken` is the previous page's `nextPageToken`.
    public func searchPage(_ query: CitizenQuery, pageToken: String? = nil) async throws
        -> (items: [RegistryCitizen], nextPageToken: String?) {
        try await searchPage(query, pageToken: pageToken, page: nil)
    }

    private func searchPage(_ query: CitizenQuery, pageToken: String?, page: Int?) async throws
        -> (items: [RegistryCitizen], nextPageToken: String?) {
        if let problem = query.problem { throw PopulationRegistryError.invalidQuery(problem) }
        var components = URLComponents()
        var items = [URLQueryItem(name: "hoVaTen", value: query.hoVaTen), URLQueryItem(name: "namSinh", value: String(query.namSinh))]
        if let sex = query.gioiTinh { items.append(URLQueryItem(name: "gioiTinh", value: sex.rawValue)) }
        if let province = query.noiDangKyKhaiSinh { items.append(URLQueryItem(name: "noiDangKyKhaiSinh", value: province)) }
        if let size = settings.pageSize { items.append(URLQueryItem(name: "pageSize", value: String(size))) }
        if let pageToken { items.append(URLQueryItem(name: "pageToken", value: pageToken)) }
        components.queryItems = items
        // A name is personal data: the operation names the page, never the person.
        let operation = page.map { "search (page \($0))" } ?? "search"
        let response = try await transport.call(operation, .GET, RegistryWire.searchPath + "?" + queryString(components))
        guard let answer = try? JSONDecoder().decode(RegistryWire.SearchResponse.self, from: Data(response.body.utf8)) else {
            throw PopulationRegistryError.malformedResponse(operation: operation, detail: "not a search answer")
        }
        return (answer.items, answer.nextPageToken)
    }

    /// The query string, with `+` escaped too: the registry reads a bare `+` as a space.
    private func queryString(_ components: URLComponents) -> String {
        (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }
}
