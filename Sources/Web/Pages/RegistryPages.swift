import Foundation
import Hummingbird
import Platform
import Registry

/// Browsing the registry within the caller's reach: schools, a school with its classes, its staff,
/// and learners with their school history.
struct RegistryPages: Sendable {
    let reader: RegistryReader

    var routes: [PageRoute] {
        [
            PageRoute(.get, "/schools", "Schools the caller can see", schools),
            PageRoute(.get, "/schools/{id}", "A school's profile with its classes", school),
            PageRoute(.get, "/schools/{id}/staff", "A school's staff", staff),
            PageRoute(.get, "/learners", "Learner search", learners),
            PageRoute(.get, "/learners/{id}", "A learner with enrolments", learner),
        ]
    }

    @Sendable func schools(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let search = page.query("q")
        let found = try await reader.schools(for: principal, search: search, after: try Self.cursor(page), limit: 50)
        let rows = found.items.map { item -> String in
            "<tr><td><a href=\"/schools/\(item.id)\">\(HTML.escape(item.model.name))</a></td><td>\(HTML.escape(item.model.schoolCode))</td>"
                + "<td>\(HTML.escape(strings.level(item.model.type)))</td></tr>"
        }
        return page.page(strings[.schools], Self.searchPage(page, heading: strings[.schools], path: "/schools", label: strings[.searchSchools],
                                                            search: search, columns: [strings[.schoolName], strings[.code], strings[.level]],
                                                            rows: rows, next: found.nextCursor))
    }

    @Sendable func school(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let id = try page.context.parameters.require("id")
        let school = try await reader.school(id, for: principal)
        let (year, classes) = try await reader.classes(of: id, on: Clock.today(), for: principal)
        let classRows = classes.map { item -> String in
            "<tr><td><a href=\"/classes/\(item.id)\">\(HTML.escape(item.model.name))</a></td><td>\(HTML.escape(item.model.grade))</td>"
                + "<td>\(HTML.escape(item.model.homeroomStaffCode ?? ""))</td></tr>"
        }.joined()
        return page.page(school.name, """
            <h1>\(HTML.escape(school.name))</h1>
            <p>\(HTML.escape(strings[.schoolCode])) <b>\(HTML.escape(school.schoolCode))</b> · \(HTML.escape(strings[.commune])) \
            \(HTML.escape(school.communeCode)) · \(HTML.escape(strings.level(school.type))) · \(HTML.escape(strings.schoolStatus(school.status)))</p>
            <p><a href="/schools/\(HTML.escape(id))/staff">\(HTML.escape(strings[.staff]))</a> · \
            <a href="/schools/\(HTML.escape(id))/enrolments">\(HTML.escape(strings[.movements]))</a></p>
            <h2 id="classes">\(HTML.escape(strings.classesInYear(year)))</h2>
            <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.className]))</th><th scope="col">\(HTML.escape(strings[.grade]))</th>\
            <th scope="col">\(HTML.escape(strings[.homeroomTeacher]))</th></tr></thead><tbody>\(classRows)</tbody></table></div>
            """)
    }

    @Sendable func staff(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let id = try page.context.parameters.require("id")
        let school = try await reader.school(id, for: principal)
        let staff = try await reader.staff(of: id, for: principal)
        let rows = staff.map { item -> String in
            // Someone may work at several schools: the position is the one held here.
            let here = item.model.employments.first { $0.schoolCode == school.schoolCode && $0.endDate == nil }?.position
            return "<tr><td>\(HTML.escape(item.model.fullName))</td><td>\(HTML.escape(item.model.staffCode))</td>"
                + "<td>\(HTML.escape(strings.position(here ?? item.model.position)))</td></tr>"
        }.joined()
        return page.page("\(strings[.staff]) · \(school.name)", """
            <h1>\(HTML.escape(strings[.staff]))</h1>
            <p><a href="/schools/\(HTML.escape(id))">\(HTML.escape(school.name))</a></p>
            <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.fullName]))</th><th scope="col">\(HTML.escape(strings[.code]))</th>\
            <th scope="col">\(HTML.escape(strings[.position]))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """)
    }

    @Sendable func learners(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let search = page.query("q")
        let found = try await reader.learners(for: principal, search: search, after: try Self.cursor(page), limit: 50)
        let rows = found.items.map { item -> String in
            "<tr><td><a href=\"/learners/\(item.id)\">\(HTML.escape(item.model.fullName))</a></td><td>\(HTML.escape(item.model.learnerCode ?? ""))</td>"
                + "<td>\(HTML.escape(item.model.schoolCode))</td></tr>"
        }
        return page.page(strings[.learners], Self.searchPage(page, heading: strings[.learners], path: "/learners", label: strings[.searchLearners],
                                                             search: search, columns: [strings[.fullName], strings[.learnerCode], strings[.school]],
                                                             rows: rows, next: found.nextCursor))
    }

    @Sendable func learner(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let id = try page.context.parameters.require("id")
        let learner = try await reader.learner(id, for: principal)
        let enrolments = try await reader.enrolments(ofLearner: id, for: principal)
        let rows = enrolments.map { enrolment -> String in
            "<tr><td>\(HTML.escape(enrolment.schoolYear))</td><td>\(HTML.escape(enrolment.schoolCode))</td><td>\(HTML.escape(enrolment.className ?? ""))</td>"
                + "<td>\(HTML.escape(strings.enrolmentStatus(enrolment.status)))</td></tr>"
        }.joined()
        let identity = learner.citizenId.map { "<tr><th scope=\"row\">\(HTML.escape(strings[.citizenID]))</th><td>\(HTML.escape($0))</td></tr>" } ?? ""
        return page.page(learner.fullName, """
            <h1>\(HTML.escape(learner.fullName))</h1>
            <table><tbody>
            <tr><th scope="row">\(HTML.escape(strings[.learnerCode]))</th><td>\(HTML.escape(learner.learnerCode ?? ""))</td></tr>
            <tr><th scope="row">\(HTML.escape(strings[.dateOfBirth]))</th><td>\(HTML.escape(learner.dateOfBirth.map(Self.date) ?? ""))</td></tr>
            <tr><th scope="row">\(HTML.escape(strings[.sex]))</th><td>\(HTML.escape(strings.sex(learner.sex)))</td></tr>
            <tr><th scope="row">\(HTML.escape(strings[.ethnicity]))</th><td>\(HTML.escape(learner.ethnicity ?? ""))</td></tr>
            \(identity)
            <tr><th scope="row">\(HTML.escape(strings[.school]))</th><td>\(HTML.escape(learner.schoolCode))</td></tr>
            </tbody></table>
            \(principal.has(.healthRead) ? "<p><a href=\"/learners/\(HTML.escape(id))/health\">\(HTML.escape(strings[.healthLink]))</a></p>" : "")
            <h2>\(HTML.escape(strings[.studyHistory]))</h2>
            <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.schoolYear]))</th><th scope="col">\(HTML.escape(strings[.school]))</th>\
            <th scope="col">\(HTML.escape(strings[.className]))</th><th scope="col">\(HTML.escape(strings[.status]))</th></tr></thead>\
            <tbody>\(rows)</tbody></table></div>
            """)
    }

    /// A search box over a table, with a link to the next page.
    static func searchPage(_ page: PageRequest, heading: String, path: String, label: String, search: String?, columns: [String],
                           rows: [String], next: String?) -> String {
        let header = columns.map { column -> String in "<th scope=\"col\">\(HTML.escape(column))</th>" }.joined()
        let more = next.map {
            "<p><a href=\"\(path)?after=\(PageToken.encode($0))\(search.map { "&amp;q=" + HTML.query($0) } ?? "")\">\(HTML.escape(page.strings[.nextPage]))</a></p>"
        } ?? ""
        return """
            <h1>\(HTML.escape(heading))</h1>
            <form method="get" action="\(path)"><label for="q">\(HTML.escape(label))</label>
            <input id="q" name="q" type="search" value="\(HTML.escape(search ?? ""))"> <button>\(HTML.escape(page.strings[.search]))</button></form>
            <div class="scroll"><table><thead><tr>\(header)</tr></thead><tbody>\(rows.joined())</tbody></table></div>\(more)
            """
    }

    static func cursor(_ page: PageRequest) throws -> String? {
        try page.request.uri.queryParameters["after"].map { try PageToken.decode(String($0)) }
    }

    /// Dates as Vietnam writes them, in both languages: 15/03/2020.
    static func date(_ date: CivilDate) -> String {
        String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }
}
