import Platform
import SQLKit

/// Which records of a kind an export reads: those the principal may read, narrowed to one
/// school's or one province's subtree when asked, and which of them show citizen IDs.
public struct ExportScope: Sendable {
    /// Nodes where the principal holds `registry:read`.
    public let readRoots: [String]
    /// Nodes where it holds `identity:read`: records owned below them keep their citizen IDs.
    public let identityRoots: [String]
    /// The school or department node the caller narrowed the export to; nil for all it may read.
    public let narrowedTo: String?

    public init(principal: Principal, narrowedTo: String? = nil) {
        readRoots = principal.nodes(for: .registryRead)
        identityRoots = principal.nodes(for: .identityRead)
        self.narrowedTo = narrowedTo
    }

    /// The node of `--school CODE` (a school's code) or `--province CODE` (a 2-digit province code,
    /// whose department is the node), with its own code, or nil when the database has no such node.
    public static func node(_ db: any SQLDatabase, schoolCode: String? = nil, provinceCode: String? = nil) async throws -> (id: String, code: String)? {
        let row: (any SQLRow)?
        if let schoolCode {
            row = try await db.raw("SELECT id, code FROM org_units WHERE code = \(bind: schoolCode.trimmingCharacters(in: .whitespaces).uppercased())").first()
        } else if let provinceCode {
            row = try await db.raw("""
                SELECT id, code FROM org_units WHERE kind = 'department' AND province_code = \(bind: provinceCode.trimmingCharacters(in: .whitespaces))
                ORDER BY code LIMIT 1
                """).first()
        } else {
            return nil
        }
        guard let row else { return nil }
        return (try row.decode(column: "id", as: String.self), try row.decode(column: "code", as: String.self))
    }

    /// One export page of `select` (see `ResourceDescriptor.visiblePage`): the records visible to
    /// the principal, under the narrowed node, and meeting `filter` (the page's cursor).
    func page(_ select: SQLQueryString, _ resource: ResourceDescriptor, filter: SQLQueryString?,
              page: ResourceDescriptor.Page, on db: any SQLDatabase) async throws -> SQLQueryString {
        guard let narrowedTo else { return try await resource.visiblePage(select, roots: readRoots, filter: filter, page: page, on: db) }
        // The principal's own scope goes into each paged select too: applied after them, it
        // could leave a page short while later records remain, and short ends the export.
        var readable = resource.visibilityCondition(roots: readRoots)
        if let filter {
            readable.appendInterpolation(unsafeRaw: " AND ")
            readable.appendInterpolation(filter)
        }
        return try await resource.visiblePage(select, roots: [narrowedTo], filter: readable, page: page, on: db)
    }

    /// A select expression giving the full document where identity data may be shown, else the
    /// public one; and a 0/1 column `identity` telling which.
    func documentColumns(_ resource: ResourceDescriptor) -> SQLQueryString {
        guard !identityRoots.isEmpty else {
            return SQLQueryString("COALESCE(t.public_body, t.body) AS doc, 0 AS identity")
        }
        let visible = resource.visibilityCondition(roots: identityRoots)
        var sql = SQLQueryString("CASE WHEN ")
        sql.appendInterpolation(visible)
        sql.appendInterpolation(unsafeRaw: " THEN t.body ELSE COALESCE(t.public_body, t.body) END AS doc, CASE WHEN ")
        sql.appendInterpolation(visible)
        sql.appendInterpolation(unsafeRaw: " THEN 1 ELSE 0 END AS identity")
        return sql
    }
}
