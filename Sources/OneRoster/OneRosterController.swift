import Foundation
import HTTPTypes
import Hummingbird
import Platform

/// The OneRoster 1.2 rostering REST service under `/ims/oneroster/rostering/v1p2/`: read-only,
/// for API clients holding the `roster-core.readonly` scope, each seeing the records under the
/// org nodes it is bound to (a record outside them answers 404, as elsewhere in the API).
///
/// Objects are built from the registry on every request and streamed through the filter, so
/// memory holds one page (or, with `sort`, the matching objects). Reading one object by its
/// sourcedId scans the client's collection, because sourcedIds are hashes of natural keys.
public struct OneRosterController: Sendable {
    public static let basePath = "/ims/oneroster/rostering/v1p2"
    let reader: RosterReader

    public init(database: any Database) {
        reader = RosterReader(database: database)
    }

    public func register(in catalog: APICatalog) {
        let parameters: [APIRoute.Parameter] = [
            .init("limit", "page size (default 100, at most 10000)"), .init("offset", "objects to skip"),
            .init("filter", "e.g. status='active' AND familyName~'Nguyễn'"), .init("sort", "a simple field"),
            .init("orderBy", "asc or desc"), .init("fields", "members to return, comma-separated"),
        ]
        for collection in RosterCollection.allCases {
            let path = "\(Self.basePath)/\(collection.rawValue)"
            catalog.add(APIRoute(.get, path, summary: "OneRoster 1.2: all \(collection.rawValue)", tag: "OneRoster",
                                 parameters: parameters)) { request, context in
                try await list(collection, request, context)
            }
            catalog.add(APIRoute(.get, path + "/{sourcedId}", summary: "OneRoster 1.2: one of \(collection.rawValue)", tag: "OneRoster",
                                 parameters: [.init("fields", "members to return, comma-separated")])) { request, context in
                try await single(collection, request, context)
            }
        }
    }

    /// The client's scope, or the OneRoster error to answer: 401 without a token, 403 without the scope.
    func scope(_ context: NEMISContext) -> Result<RosterScope, RosterError> {
        guard let principal = context.principal else { return .failure(.unauthorized) }
        let roots = principal.nodes(for: .rosterCoreReadonly)
        guard !roots.isEmpty else { return .failure(.forbidden) }
        return .success(RosterScope(roots: roots))
    }

    func list(_ collection: RosterCollection, _ request: Request, _ context: NEMISContext) async throws -> Response {
        let scope: RosterScope
        switch self.scope(context) {
        case .failure(let error): return error.response
        case .success(let found): scope = found
        }
        let query: RosterQuery
        do {
            query = try RosterQuery(Self.parameters(request), known: collection.knownFields)
        } catch RosterQuery.Failure.invalid(let code, let message) {
            return RosterError.badRequest(code, message).response
        }
        var page = RosterPage(query: query)
        try await collection.each(reader, scope) { record in page.take(record) }
        let objects = page.finish().map { Self.select(query.fields, from: $0.json(base: Self.basePath)) }
        let body = try JSONSerialization.data(withJSONObject: [collection.listKey: objects], options: [.sortedKeys, .withoutEscapingSlashes])
        var headers = HTTPFields()
        headers[HTTPField.Name("X-Total-Count")!] = String(page.total)
        if query.offset + query.limit < page.total {
            let next = "\(Self.basePath)/\(collection.rawValue)?limit=\(query.limit)&offset=\(query.offset + query.limit)"
            headers[HTTPField.Name("Link")!] = "<\(next)>; rel=\"next\""
        }
        return JSONResponse.raw(String(decoding: body, as: UTF8.self), extraHeaders: headers)
    }

    func single(_ collection: RosterCollection, _ request: Request, _ context: NEMISContext) async throws -> Response {
        let scope: RosterScope
        switch self.scope(context) {
        case .failure(let error): return error.response
        case .success(let found): scope = found
        }
        let sourcedId = try context.parameters.require("sourcedId")
        var found: RosterRecord?
        try await collection.each(reader, scope) { record in
            if record.sourcedId == sourcedId { found = record }
            return found == nil
        }
        guard let found else { return RosterError.notFound(sourcedId).response }
        let fields = Self.parameters(request)["fields"].map { $0.split(separator: ",").map(String.init) }
        let object = Self.select(fields, from: found.json(base: Self.basePath))
        let body = try JSONSerialization.data(withJSONObject: [collection.singleKey: object], options: [.sortedKeys, .withoutEscapingSlashes])
        return JSONResponse.raw(String(decoding: body, as: UTF8.self))
    }

    static func parameters(_ request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            parameters[String(name)] = String(value).replacingOccurrences(of: "+", with: " ")
        }
        return parameters
    }

    static func select(_ fields: [String]?, from object: [String: Any]) -> [String: Any] {
        guard let fields else { return object }
        return object.filter { fields.contains($0.key) }
    }
}

/// One page of a listing: the objects from `offset` on, at most `limit`, and how many matched.
struct RosterPage {
    let query: RosterQuery
    private(set) var total = 0
    private var kept: [RosterRecord] = []

    init(query: RosterQuery) { self.query = query }

    /// Always true: the total needs every object.
    mutating func take(_ record: RosterRecord) -> Bool {
        guard query.matches(record) else { return true }
        if query.sort != nil {
            kept.append(record)
        } else if total >= query.offset && kept.count < query.limit {
            kept.append(record)
        }
        total += 1
        return true
    }

    func finish() -> [RosterRecord] {
        guard let sort = query.sort else { return kept }
        let sorted = kept.sorted { a, b in
            let (x, y) = (a.simpleValue(sort) ?? "", b.simpleValue(sort) ?? "")
            return query.descending ? x > y : x < y
        }
        return Array(sorted.dropFirst(query.offset).prefix(query.limit))
    }
}
