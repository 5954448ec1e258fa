import Foundation
import Platform
import Registry
import SQLKit

/// `nemis export <kind>`: writes the records of one kind that a principal may read to a bulk file,
/// in the very format `nemis import` reads, so exporting and importing again changes nothing.
///
/// - Scoped like the API: only records under the principal's `registry:read` nodes (and under
///   `--school`/`--province` when given); citizen IDs only where it holds `identity:read` at the
///   record's node, and such an export is written to the audit log.
/// - Streams: records are read in natural-key order a page at a time (keyset paging, never
///   `OFFSET`), so memory stays flat and the order is the same in every export.
public struct BulkExporter: Sendable {
    public struct Options: Sendable {
        public var kind: BulkKind
        public var path: String
        public var fileFormat: ExportFileFormat
        /// The school or department node to narrow the export to (see `ExportScope.node`).
        public var narrowedTo: String?

        public init(kind: BulkKind, path: String, fileFormat: ExportFileFormat, narrowedTo: String? = nil) {
            self.kind = kind
            self.path = path
            self.fileFormat = fileFormat
            self.narrowedTo = narrowedTo
        }
    }

    public struct Summary: Sendable {
        public var rows = 0
        /// Rows written with their citizen IDs (the principal holds identity:read there).
        public var withIdentity = 0
        public var seconds = 0.0
    }

    /// Rows per query: large enough that PostgreSQL's round trips do not dominate, small enough
    /// that a page of documents stays a few megabytes.
    static let pageSize = 5_000

    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func run(_ options: Options, principal: Principal,
                    progress: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> Summary {
        let started = ContinuousClock.now
        let scope = ExportScope(principal: principal, narrowedTo: options.narrowedTo)
        let resource = Self.resource(options.kind)
        let format = options.kind.format
        let sink: any ExportSink = switch options.fileFormat {
        case .csv: try CSVExportSink(path: options.path, format: format)
        case .xlsx: try XLSXExportSink(path: options.path, format: format)
        }
        var summary = Summary()
        var after: String?
        while !scope.readRoots.isEmpty {
            let page = try await database.read { [after] db in try await Self.page(db, resource, scope: scope, after: after, limit: Self.pageSize) }
            for row in page {
                let object = try JSONSerialization.jsonObject(with: Data(row.document.utf8)) as? [String: Any] ?? [:]
                for line in ExportCells.rows(of: object, format: format) {
                    try sink.write(line)
                    summary.rows += 1
                }
                if row.identity { summary.withIdentity += 1 }
            }
            progress(summary.rows)
            guard page.count == Self.pageSize, let last = page.last else { break }
            after = last.naturalKey
        }
        try sink.finish()
        if summary.withIdentity > 0 {
            try await database.audit.record(principal: principal, action: .readSensitive, resource: resource.name, recordID: nil,
                                            orgID: options.narrowedTo ?? scope.identityRoots.first,
                                            detail: "export of \(summary.withIdentity) records with identity data to \(options.path)")
        }
        summary.seconds = (ContinuousClock.now - started) / .seconds(1)
        return summary
    }

    struct PageRow: Sendable {
        let naturalKey: String
        let document: String
        let identity: Bool
    }

    /// One page in natural-key order, byte order on both engines (PostgreSQL needs `COLLATE "C"`).
    static func page(_ db: any SQLDatabase, _ resource: ResourceDescriptor, scope: ExportScope, after: String?,
                     limit: Int) async throws -> [PageRow] {
        let key = db.dialect.name == "postgresql" ? "t.natural_key COLLATE \"C\"" : "t.natural_key"
        var select = SQLQueryString("SELECT t.natural_key, ")
        select.appendInterpolation(scope.documentColumns(resource))
        select.appendInterpolation(unsafeRaw: " FROM ")
        select.appendInterpolation(ident: resource.name)
        select.appendInterpolation(unsafeRaw: " t")
        let sql = try await scope.page(select, resource, filter: after.map { "\(unsafeRaw: key) > \(bind: $0)" },
                                       page: .init(orderBy: key, limit: limit), on: db)
        return try await db.raw(sql).all().map { row in
            PageRow(naturalKey: try row.decode(column: "natural_key", as: String.self),
                    document: try row.decode(column: "doc", as: String.self),
                    identity: try row.decode(column: "identity", as: Int.self) == 1)
        }
    }

    /// The Registry table each kind of file carries.
    static func resource(_ kind: BulkKind) -> ResourceDescriptor {
        switch kind {
        case .schools: School.resource
        case .staff: Staff.resource
        case .learners: Learner.resource
        case .guardians: Guardian.resource
        case .classes: SchoolClass.resource
        case .enrolments: Enrolment.resource
        case .teachingAssignments: TeachingAssignment.resource
        }
    }
}
