import Platform

/// The CSV export's paths through the two large collections: the same objects as `people` and
/// `enrollments`, written page by page as CSV bytes (learners through `RosterCSVLines`).
extension RosterReader {
    struct PeopleCounts {
        var users = 0, roles = 0, demographics = 0
    }

    /// Staff, then learners: each page's users, roles and demographics lines handed to `write`.
    func peopleCSV(_ scope: RosterScope,
                   _ write: (_ users: [UInt8], _ roles: [UInt8], _ demographics: [UInt8]?) throws -> Void) async throws -> PeopleCounts {
        var counts = PeopleCounts()
        guard !scope.roots.isEmpty else { return counts }
        var lines = RosterCSVLines()
        for kind in [PersonRow.Kind.staff, .learner] {
            try await KeysetPages.each(database, fetch: { db, after, limit in
                try await PersonRow.fetch(db, kind: kind, scope: scope, after: after, limit: limit)
            }, key: \.code) { page in
                var users: [UInt8] = [], roles: [UInt8] = []
                var demographics: [UInt8]? = scope.withDemographics ? [] : nil
                users.reserveCapacity(page.count * 240)
                roles.reserveCapacity(page.count * 170)
                for row in page {
                    counts.users += 1
                    counts.roles += 1
                    if row.identity && scope.withDemographics { counts.demographics += 1 }
                    if kind == .learner {
                        lines.learner(row, users: &users, roles: &roles, demographics: &demographics)
                        continue
                    }
                    let person = row.person
                    counts.roles += person.roles.count - 1
                    CSVEncoding.appendRow(person.user.csvRow(OneRosterFile.users.columns), to: &users)
                    for role in person.roles { CSVEncoding.appendRow(role.csvRow(OneRosterFile.roles.columns), to: &roles) }
                    if let record = person.demographics, demographics != nil {
                        CSVEncoding.appendRow(record.csvRow(OneRosterFile.demographics.columns), to: &demographics!)
                    }
                }
                try write(users, roles, demographics)
                return true
            }
        }
        return counts
    }

    /// Teachers' enrollments, then learners': each page's lines handed to `write`; returns the count.
    func enrollmentsCSV(_ scope: RosterScope, _ write: ([UInt8]) throws -> Void) async throws -> Int {
        guard !scope.roots.isEmpty else { return 0 }
        var count = 0
        var index = SubjectClassIndex()
        var out: [UInt8] = []
        try await KeysetPages.each(database, fetch: { db, after, limit in
            try await AssignmentRow.fetch(db, scope: scope, after: after, limit: limit)
        }, key: \.key) { page in
            for row in page {
                index.add(row)
                CSVEncoding.appendRow(EnrollmentRoster.teacher(row).csvRow(OneRosterFile.enrollments.columns), to: &out)
                count += 1
            }
            return true
        }
        try await KeysetPages.each(database, fetch: { db, after, limit in
            try await HomeroomRow.fetch(db, scope: scope, after: after, limit: limit)
        }, key: \.key) { page in
            for row in page {
                guard let record = EnrollmentRoster.homeroomTeacher(row) else { continue }
                CSVEncoding.appendRow(record.csvRow(OneRosterFile.enrollments.columns), to: &out)
                count += 1
            }
            return true
        }
        try write(out)
        var lines = RosterCSVLines()
        try await KeysetPages.each(database, fetch: { db, after, limit in
            try await EnrolmentRow.fetch(db, scope: scope, after: after, limit: limit)
        }, key: \.key) { page in
            var out: [UInt8] = []
            out.reserveCapacity(page.count * 2_600)
            for row in page {
                lines.learnerEnrollments(row, index: index, into: &out)
                count += 1 + (index.byClass[row.classKey]?.count ?? 0)
            }
            try write(out)
            return true
        }
        return count
    }
}
