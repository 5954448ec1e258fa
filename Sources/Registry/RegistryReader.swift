import Foundation
import Platform
import SQLKit
import VietnameseText

/// Scoped reads of the registry for other modules (the web pages): the same visibility and audit
/// rules as the API, returning typed models.
public struct RegistryReader: Sendable {
    let registry: RegistryService

    public init(database: any Database) {
        self.registry = RegistryService(database: database)
    }

    public struct Page<Model: Sendable>: Sendable {
        public let items: [(id: String, model: Model)]
        public let nextCursor: String?
    }

    public struct Counts: Sendable {
        public let schools: Int
        public let staff: Int
        public let learners: Int
        public let classes: Int
    }

    /// How many records of each kind the principal can see.
    public func counts(for principal: Principal) async throws -> Counts {
        let roots = principal.nodes(for: .registryRead)
        guard !roots.isEmpty else { return Counts(schools: 0, staff: 0, learners: 0, classes: 0) }
        return try await registry.database.read { db in
            func count(_ resource: ResourceDescriptor) async throws -> Int {
                var sql = SQLQueryString("SELECT COUNT(*) AS n FROM (")
                sql.appendInterpolation(resource.visibleRows("SELECT 1 AS one FROM \(ident: resource.name) t", roots: roots))
                sql.appendInterpolation(unsafeRaw: ") v")
                return try await db.raw(sql).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            return Counts(schools: try await count(School.resource), staff: try await count(Staff.resource),
                          learners: try await count(Learner.resource), classes: try await count(SchoolClass.resource))
        }
    }

    public func schools(for principal: Principal, search: String?, after: String?, limit: Int) async throws -> Page<School> {
        try await list(registry.schools, principal: principal, filters: [:], search: search, after: after, limit: limit, order: .sortKey)
    }

    /// A school's classes in the school year running on `date`, or, if it has none then, in the
    /// latest year before it that has classes.
    public func classes(of schoolID: String, on date: CivilDate,
                        for principal: Principal) async throws -> (year: String, classes: [(id: String, model: SchoolClass)]) {
        let current = SchoolCalendar.schoolYear(containing: date)
        var year = current
        var classes = try await list(registry.classes, principal: principal, filters: ["org_id": schoolID, "school_year": current],
                                     search: nil, after: nil, limit: 500, order: .sortKey).items
        if classes.isEmpty, let latest = try await registry.database.read({ db in
            try await db.raw("""
                SELECT MAX(school_year) AS y FROM classes WHERE org_id = \(bind: schoolID) AND school_year <= \(bind: current)
                """).first()?.decode(column: "y", as: String?.self)
        }) {
            year = latest
            classes = try await list(registry.classes, principal: principal, filters: ["org_id": schoolID, "school_year": latest],
                                     search: nil, after: nil, limit: 500, order: .sortKey).items
        }
        return (year, classes)
    }

    public func staff(of schoolID: String, for principal: Principal) async throws -> [(id: String, model: Staff)] {
        try await list(registry.staff, principal: principal, filters: ["org_id": schoolID], search: nil, after: nil, limit: 500,
                       order: .sortKey).items
    }

    public func learners(for principal: Principal, search: String?, after: String?, limit: Int) async throws -> Page<Learner> {
        try await list(registry.learners, principal: principal, filters: [:], search: search, after: after, limit: limit, order: .id)
    }

    public func school(_ id: String, for principal: Principal) async throws -> School {
        try await one(registry.schools, id: id, principal: principal)
    }

    public func schoolClass(_ id: String, for principal: Principal) async throws -> SchoolClass {
        try await one(registry.classes, id: id, principal: principal)
    }

    /// A learner; the citizen ID only for callers with identity:read there (and then audited).
    public func learner(_ id: String, for principal: Principal) async throws -> Learner {
        try await one(registry.learners, id: id, principal: principal)
    }

    public func enrolments(ofLearner id: String, for principal: Principal) async throws -> [Enrolment] {
        try await list(registry.enrolments, principal: principal, filters: ["learner_id": id], search: nil, after: nil, limit: 100,
                       order: .id).items.map(\.model)
    }

    /// The learners actively enrolled in a class, in Vietnamese class-list order.
    public func roster(_ classID: String, for principal: Principal) async throws -> [(id: String, model: Learner)] {
        _ = try await registry.classes.loadVisible(id: classID, principal: principal, sensitiveAudit: false)
        let rows = try await registry.database.read { db in try await LifecycleController.rosterRows(db, classID: classID) }
        // The roster page shows no identity numbers: it reads the public documents.
        return try rows.map { row in
            (row.id, try JSON.decoder.decode(Learner.self, from: Data(try registry.learners.render(row, showSensitive: false).utf8)))
        }
    }

    private func one<M: StoredModel>(_ controller: ResourceController<M>, id: String, principal: Principal) async throws -> M {
        let (row, sensitive) = try await controller.loadVisible(id: id, principal: principal, sensitiveAudit: true)
        return try JSON.decoder.decode(M.self, from: Data(try controller.render(row, showSensitive: sensitive).utf8))
    }

    private func list<M: StoredModel>(_ controller: ResourceController<M>, principal: Principal, filters: [String: String],
                                      search: String?, after: String?, limit: Int, order: ListQuery.Order) async throws -> Page<M> {
        let roots = principal.nodes(for: .registryRead)
        var query = ListQuery()
        query.equals = filters
        query.searchFolded = search.map(VietnameseText.fold)
        query.afterCursor = after
        query.limit = limit + 1
        query.order = order
        let spec = controller.spec
        let query2 = query
        var rows = try await registry.database.read { db in try await RecordStore.list(db, spec.descriptor, query2, roots: roots) }
        var next: String?
        if rows.count > limit {
            rows.removeLast()
            next = rows.last.map { order == .id ? $0.id : "\($0.sortKey)\u{1}\($0.id)" }
        }
        let items = try rows.map { row in
            (row.id, try JSON.decoder.decode(M.self, from: Data(try controller.render(row, showSensitive: false).utf8)))
        }
        return Page(items: items, nextCursor: next)
    }
}
