import Platform
import SQLKit

/// The NEMIS registry seen as OneRoster rostering data, for the CSV export and the REST API
/// alike. Large collections (classes, users, enrollments) stream page by page to a callback that
/// returns false to stop; small ones (orgs, sessions, courses) come whole.
public struct RosterReader: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func orgs(_ scope: RosterScope) async throws -> [RosterRecord] {
        try await OrgRoster.records(database, scope: scope)
    }

    public func academicSessions() async throws -> [RosterRecord] {
        try await SessionRoster.records(database)
    }

    public func courses(_ scope: RosterScope) async throws -> [RosterRecord] {
        try await CourseRoster.records(database, scope: scope)
    }

    /// Homeroom classes, then subject classes.
    public func classes(_ scope: RosterScope, _ body: (RosterRecord) throws -> Bool) async throws {
        guard !scope.roots.isEmpty else { return }
        var going = true
        try await KeysetPages.each(database, fetch: { db, after, limit in
            try await HomeroomRow.fetch(db, scope: scope, after: after, limit: limit)
        }, key: \.key) { page in
            for row in page where going { going = try body(row.record) }
            return going
        }
        guard going else { return }
        var index = SubjectClassIndex()
        try await KeysetPages.each(database, fetch: { db, after, limit in
            try await AssignmentRow.fetch(db, scope: scope, after: after, limit: limit)
        }, key: \.key) { page in
            for row in page where going {
                if index.add(row) { going = try body(row.record) }
            }
            return going
        }
    }

    /// Staff, then learners (either may be left out), each with roles and demographics.
    func people(_ scope: RosterScope, staff: Bool = true, learners: Bool = true, _ body: (RosterPerson) throws -> Bool) async throws {
        guard !scope.roots.isEmpty else { return }
        var going = true
        for kind in [PersonRow.Kind.staff, .learner] where going && (kind == .staff ? staff : learners) {
            try await KeysetPages.each(database, fetch: { db, after, limit in
                try await PersonRow.fetch(db, kind: kind, scope: scope, after: after, limit: limit)
            }, key: \.code) { page in
                for row in page where going { going = try body(row.person) }
                return going
            }
        }
    }

    /// Teachers' enrollments (homeroom classes, then subject classes), then learners'.
    public func enrollments(_ scope: RosterScope, _ body: (RosterRecord) throws -> Bool) async throws {
        guard !scope.roots.isEmpty else { return }
        var going = true
        try await KeysetPages.each(database, fetch: { db, after, limit in
            try await HomeroomRow.fetch(db, scope: scope, after: after, limit: limit)
        }, key: \.key) { page in
            for row in page where going {
                if let record = EnrollmentRoster.homeroomTeacher(row) { going = try body(record) }
            }
            return going
        }
        guard going else { return }
        var index = SubjectClassIndex()
        try await KeysetPages.each(database, fetch: { db, after, limit in
            try await AssignmentRow.fetch(db, scope: scope, after: after, limit: limit)
        }, key: \.key) { page in
            for row in page where going {
                index.add(row)
                going = try body(EnrollmentRoster.teacher(row))
            }
            return going
        }
        guard going else { return }
        try await KeysetPages.each(database, fetch: { db, after, limit in
            try await EnrolmentRow.fetch(db, scope: scope, after: after, limit: limit)
        }, key: \.key) { page in
            for row in page where going {
                for record in EnrollmentRoster.learner(row, index: index) where going { going = try body(record) }
            }
            return going
        }
    }
}
