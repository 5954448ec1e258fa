import Platform

/// The CSV export's paths through the two large collections: the same objects as `people` and
/// `enrollments`, written page by page as CSV bytes (learners through `RosterCSVLines`).
extension RosterReader {
    struct PeopleCounts {
        var users = 0, roles = 0, demographics = 0
    }

    /// Staff, then learners: each page's users, roles and demographics lines handed to `write`, in chunks.
    func peopleCSV(_ scope: RosterScope,
                   _ write: (_ users: [[UInt8]], _ roles: [[UInt8]], _ demographics: [[UInt8]]?) throws -> Void) async throws -> PeopleCounts {
        var counts = PeopleCounts()
        guard !scope.roots.isEmpty else { return counts }
        for kind in [PersonRow.Kind.staff, .learner] {
            try await KeysetPages.each(database, fetch: { db, after, limit in
                try await PersonRow.fetch(db, kind: kind, scope: scope, after: after, limit: limit)
            }, key: \.code) { page in
                counts.users += page.count
                counts.roles += page.count
                if scope.withDemographics { counts.demographics += page.reduce(0) { $0 + ($1.identity ? 1 : 0) } }
                if kind == .learner {
                    let chunks = try await Self.learnerLines(page, withDemographics: scope.withDemographics)
                    try write(chunks.map(\.users), chunks.map(\.roles), scope.withDemographics ? chunks.map { $0.demographics ?? [] } : nil)
                    return true
                }
                var users: [UInt8] = [], roles: [UInt8] = []
                var demographics: [UInt8]? = scope.withDemographics ? [] : nil
                for row in page {
                    let person = row.person
                    counts.roles += person.roles.count - 1
                    CSVEncoding.appendRow(person.user.csvRow(OneRosterFile.users.columns), to: &users)
                    for role in person.roles { CSVEncoding.appendRow(role.csvRow(OneRosterFile.roles.columns), to: &roles) }
                    if let record = person.demographics, demographics != nil {
                        CSVEncoding.appendRow(record.csvRow(OneRosterFile.demographics.columns), to: &demographics!)
                    }
                }
                try write([users], [roles], demographics.map { [$0] })
                return true
            }
        }
        return counts
    }

    /// A page of learners' users, roles and demographics lines, built on the cores beside the event
    /// loop, which meanwhile reads the next page: in chunks, returned in page order.
    private static func learnerLines(_ page: [PersonRow], withDemographics: Bool) async throws
        -> [(users: [UInt8], roles: [UInt8], demographics: [UInt8]?)] {
        try await ParallelChunks.runWithoutBlocking(count: page.count) { range in
            var lines = RosterCSVLines()
            var users: [UInt8] = [], roles: [UInt8] = []
            var demographics: [UInt8]? = withDemographics ? [] : nil
            users.reserveCapacity(range.count * 240)
            roles.reserveCapacity(range.count * 170)
            for row in page[range] { lines.learner(row, users: &users, roles: &roles, demographics: &demographics) }
            return (users, roles, demographics)
        }
    }

    /// What one read of the homeroom classes and the teaching assignments gave: classes.csv's rows,
    /// the teachers' lines of enrollments.csv, and the subject classes the learners' lines need.
    struct ClassesRead {
        var classes = 0
        var teacherEnrollments = 0
        var subjectClasses = SubjectClassIndex()
    }

    /// Homeroom classes, then subject classes, each page's classes.csv lines handed to `classes`;
    /// beside them, the page's homeroom and subject teachers' enrollment lines handed to
    /// `enrollments`. The export reads the two tables once for both files (`RosterReader.classes`
    /// serves the API).
    func classesCSV(_ scope: RosterScope, classes: ([[UInt8]]) throws -> Void,
                    enrollments: ([[UInt8]]) throws -> Void) async throws -> ClassesRead {
        var read = ClassesRead()
        guard !scope.roots.isEmpty else { return read }
        try await KeysetPages.each(database, fetch: { db, after, limit in
            try await HomeroomRow.fetch(db, scope: scope, after: after, limit: limit)
        }, key: \.key) { page in
            let lines = try await Self.classLines(page, isNew: nil, record: { $0.record }) {
                EnrollmentRoster.homeroomTeacher($0)
            }
            try classes(lines.map(\.classes))
            try enrollments(lines.map(\.enrollments))
            read.classes += page.count
            read.teacherEnrollments += lines.reduce(0) { $0 + $1.enrollmentCount }
            return true
        }
        try await KeysetPages.each(database, fetch: { db, after, limit in
            try await AssignmentRow.fetch(db, scope: scope, after: after, limit: limit)
        }, key: \.key) { page in
            // Which subject classes are new is decided in the file's order; their lines are then built
            // in chunks, as the learners' are.
            let isNew = page.map { read.subjectClasses.add($0) }
            let lines = try await Self.classLines(page, isNew: isNew, record: { $0.record }) {
                EnrollmentRoster.teacher($0)
            }
            try classes(lines.map(\.classes))
            try enrollments(lines.map(\.enrollments))
            read.classes += isNew.reduce(0) { $0 + ($1 ? 1 : 0) }
            read.teacherEnrollments += lines.reduce(0) { $0 + $1.enrollmentCount }
            return true
        }
        return read
    }

    /// A page's classes.csv lines (of the rows `isNew` marks, all when nil) and teachers' enrollment
    /// lines, built in chunks on the cores beside the event loop, in page order.
    private static func classLines<Row: Sendable>(
        _ page: [Row], isNew: [Bool]?, record: @escaping @Sendable (Row) -> RosterRecord,
        enrollment: @escaping @Sendable (Row) -> RosterRecord?
    ) async throws -> [(classes: [UInt8], enrollments: [UInt8], enrollmentCount: Int)] {
        try await ParallelChunks.runWithoutBlocking(count: page.count) { range in
            var classes: [UInt8] = [], enrollments: [UInt8] = [], enrollmentCount = 0
            for index in range {
                if isNew?[index] ?? true { CSVEncoding.appendRow(record(page[index]).csvRow(OneRosterFile.classes.columns), to: &classes) }
                if let line = enrollment(page[index]) {
                    CSVEncoding.appendRow(line.csvRow(OneRosterFile.enrollments.columns), to: &enrollments)
                    enrollmentCount += 1
                }
            }
            return (classes, enrollments, enrollmentCount)
        }
    }

    /// The learners' enrollments, each page's lines handed to `write` in chunks; returns their count.
    func learnerEnrollmentsCSV(_ scope: RosterScope, subjectClasses: SubjectClassIndex,
                               _ write: ([[UInt8]]) throws -> Void) async throws -> Int {
        guard !scope.roots.isEmpty else { return 0 }
        var count = 0
        try await KeysetPages.each(database, fetch: { db, after, limit in
            try await EnrolmentRow.fetch(db, scope: scope, after: after, limit: limit)
        }, key: \.key) { page in
            // Tens of millions of lines, each with a SHA-1 of its own: built on the cores beside the
            // event loop, which meanwhile reads the next page.
            let chunks = try await ParallelChunks.runWithoutBlocking(count: page.count) { range in
                var lines = RosterCSVLines()
                var out: [UInt8] = []
                out.reserveCapacity(range.count * 2_600)
                for row in page[range] { lines.learnerEnrollments(row, index: subjectClasses, into: &out) }
                return out
            }
            try write(chunks)
            for row in page { count += 1 + (subjectClasses.byClass[row.classKey]?.count ?? 0) }
            return true
        }
        return count
    }
}
