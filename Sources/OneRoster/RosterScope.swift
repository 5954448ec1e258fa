import Platform
import SQLKit

/// Whose roster a reader produces: the records owned under `roots` (an API client's nodes, or the
/// department of `--province`), and where birth dates and sex may be shown (demographics).
public struct RosterScope: Sendable {
    public let roots: [String]
    /// Nodes where the caller holds `identity:read`; demographics come only from records below them.
    public let identityRoots: [String]
    public let withDemographics: Bool

    public init(roots: [String], identityRoots: [String] = [], withDemographics: Bool = false) {
        self.roots = roots
        self.identityRoots = identityRoots
        self.withDemographics = withDemographics && !identityRoots.isEmpty
    }

    /// The rows of `select` for every record of the scope, for reads that aggregate them (see
    /// `ResourceDescriptor.visibleRows`).
    func rows(_ select: SQLQueryString, _ resource: ResourceDescriptor) -> SQLQueryString {
        resource.visibleRows(select, roots: roots)
    }

    /// One keyset page of `select` (see `ResourceDescriptor.visiblePage`, whose columns must include
    /// `t.natural_key`): the first `limit` records of the scope after `after` in natural-key order.
    func page(_ select: SQLQueryString, _ resource: ResourceDescriptor, after: String?, limit: Int,
              on db: any SQLDatabase) async throws -> SQLQueryString {
        let key = "t.natural_key"
        let cursor: SQLQueryString? = after.map { "\(unsafeRaw: key) > \(bind: $0)" }
        return try await resource.visiblePage(select, roots: roots, filter: cursor, page: .init(orderBy: key, limit: limit), on: db)
    }

    /// A 0/1 column `identity`: may this row's demographics be shown.
    func identityColumn(_ resource: ResourceDescriptor) -> SQLQueryString {
        guard withDemographics else { return SQLQueryString("0 AS identity") }
        var sql = SQLQueryString("CASE WHEN ")
        sql.appendInterpolation(resource.visibilityCondition(roots: identityRoots))
        sql.appendInterpolation(unsafeRaw: " THEN 1 ELSE 0 END AS identity")
        return sql
    }
}
