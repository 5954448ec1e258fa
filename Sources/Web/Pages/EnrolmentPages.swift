import Foundation
import Hummingbird
import Platform
import Registry

/// A school's learner movements this school year: enrolments withdrawn, dropped out, transferred out
/// or completed. The enrolled learners themselves are on the class lists.
struct EnrolmentPages: Sendable {
    let database: any Database
    let reader: RegistryReader

    var routes: [PageRoute] {
        [PageRoute(.get, "/schools/{id}/enrolments", "A school's enrolments that ended this school year, and why", movements)]
    }

    /// The statuses that end an enrolment, in the order the page lists them.
    static let endings: [Enrolment.Status] = [.transferredOut, .withdrawn, .droppedOut, .completed]

    @Sendable func movements(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let id = try page.context.parameters.require("id")
        let school = try await reader.school(id, for: principal)
        let year = SchoolCalendar.schoolYear(containing: Clock.today())
        let ended = try await endedEnrolments(schoolID: id, year: year, principal: principal)
        let rows = ended.map { item -> String in
            let learner = item.learnerID.map { "<a href=\"/learners/\(HTML.escape($0))\">\(HTML.escape(item.name))</a>" } ?? HTML.escape(item.name)
            let enrolment = item.enrolment
            return "<tr><td>\(learner)</td><td>\(HTML.escape(enrolment.learnerCode))</td><td>\(HTML.escape(enrolment.className ?? ""))</td>"
                + "<td>\(HTML.escape(strings.enrolmentStatus(enrolment.status)))</td>"
                + "<td>\(HTML.escape(enrolment.exitDate.map(RegistryPages.date) ?? ""))</td><td>\(HTML.escape(enrolment.exitReason ?? ""))</td></tr>"
        }.joined()
        let title = strings.movementsInYear(year)
        let table = ended.isEmpty ? "<p>\(HTML.escape(strings[.noMovements]))</p>" : """
            <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.fullName]))</th>\
            <th scope="col">\(HTML.escape(strings[.learnerCode]))</th><th scope="col">\(HTML.escape(strings[.className]))</th>\
            <th scope="col">\(HTML.escape(strings[.status]))</th><th scope="col">\(HTML.escape(strings[.exitDate]))</th>\
            <th scope="col">\(HTML.escape(strings[.exitReason]))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        return page.page("\(title) · \(school.name)", """
            <h1>\(HTML.escape(title))</h1>
            <p><a href="/schools/\(HTML.escape(id))">\(HTML.escape(school.name))</a></p>
            \(table)
            """)
    }

    /// Read through the platform's scoped record listing, by the indexed status column; each
    /// learner's name from their public document (no identity data).
    private func endedEnrolments(schoolID: String, year: String,
                                 principal: Principal) async throws -> [(enrolment: Enrolment, learnerID: String?, name: String)] {
        let roots = principal.nodes(for: .registryRead)
        return try await database.read { db in
            var found: [(enrolment: Enrolment, learnerID: String?, name: String)] = []
            for status in Self.endings {
                var query = ListQuery()
                query.equals = ["org_id": schoolID, "school_year": year, "status": status.rawValue]
                query.limit = 1000
                for row in try await RecordStore.list(db, Enrolment.resource, query, roots: roots) {
                    let enrolment = try JSON.decoder.decode(Enrolment.self, from: Data(row.body.utf8))
                    // A learner who moved on may now be another school's record: named only while still visible.
                    var learner = try await RecordStore.find(db, Learner.resource, naturalKey: enrolment.learnerCode)
                    if let row = learner, try await !RecordStore.isVisible(db, Learner.resource, id: row.id, roots: roots) { learner = nil }
                    let name = try learner.map { try JSON.decoder.decode(Learner.self, from: Data(($0.publicBody ?? $0.body).utf8)).fullName }
                    found.append((enrolment, learner?.id, name ?? enrolment.learnerCode))
                }
            }
            return found
        }
    }
}
