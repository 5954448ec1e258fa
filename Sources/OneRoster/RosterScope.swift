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

    /// `WHERE` text for alias `t` of `resource`.
    func condition(_ resource: ResourceDescriptor) -> SQLQueryString {
        resource.visibilityCondition(roots: roots)
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
