import Hummingbird
import Platform
import Records
import Registry

/// A class list, with the gradebooks the caller may open from it; and a teacher's own classes.
struct ClassPages: Sendable {
    let database: any Database
    let registry: RegistryService
    let reader: RegistryReader
    let load: TeachingLoad

    var routes: [PageRoute] {
        [
            PageRoute(.get, "/classes/{id}", "A class list in Vietnamese order, with the gradebooks the caller may open", schoolClass),
            PageRoute(.get, "/my-classes", "A teacher's classes this school year: homeroom and subjects taught", myClasses),
        ]
    }

    @Sendable func schoolClass(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let id = try page.context.parameters.require("id")
        let schoolClass = try await ClassMembership.visibleClass(registry, id: id, principal: principal)
        let roster = try await reader.roster(id, for: principal)
        let rows = roster.enumerated().map { index, item -> String in
            "<tr><td>\(index + 1)</td><td><a href=\"/learners/\(item.id)\">\(HTML.escape(item.model.fullName))</a></td>"
                + "<td>\(HTML.escape(item.model.dateOfBirth.map(RegistryPages.date) ?? ""))</td><td>\(HTML.escape(strings.sex(item.model.sex)))</td></tr>"
        }.joined()
        let manages = try await database.read { db in
            try await OrgTree.isWithin(db, nodeID: schoolClass.orgID, roots: principal.nodes(for: .recordsManage))
        }
        // The school opens every subject's gradebook; a teacher those assigned to them.
        let subjects = manages ? SubjectCatalogue.subjects(grade: schoolClass.grade).map { ($0.code, nil) }
            : try await load.subjects(of: principal, in: schoolClass)
        var recordLinks = Self.gradebookLinks(classID: id, grade: schoolClass.grade, subjects: subjects, strings)
        let isHomeroom = principal.staffCode.map { $0.uppercased() == schoolClass.homeroomStaffCode?.uppercased() } ?? false
        if manages || isHomeroom { recordLinks += Self.homeroomLinks(classID: id, strings) }
        let recordsSection = recordLinks.isEmpty ? "" : """
            <h2>\(HTML.escape(strings[.gradebooks]))</h2>
            \(recordLinks)
            """
        return page.page(strings.classTitle(schoolClass.name), """
            <h1>\(HTML.escape(strings.classTitle(schoolClass.name))) · \(HTML.escape(schoolClass.schoolYear))</h1>
            <p class="muted">\(HTML.escape(strings.rosterNote(roster.count)))</p>
            \(recordsSection)
            <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.number]))</th><th scope="col">\(HTML.escape(strings[.fullName]))</th>\
            <th scope="col">\(HTML.escape(strings[.dateOfBirth]))</th><th scope="col">\(HTML.escape(strings[.sex]))</th></tr></thead>\
            <tbody>\(rows)</tbody></table></div>
            """)
    }

    @Sendable func myClasses(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let body: String
        if let classes = try await load.classes(of: principal) {
            let rows = classes.map { item -> String in
                let role = item.isHomeroom ? "<p>\(HTML.escape(strings[.homeroom]))</p>\(Self.homeroomLinks(classID: item.id, strings))" : ""
                return "<tr><td><a href=\"/classes/\(item.id)\">\(HTML.escape(strings.classTitle(item.schoolClass.name)))</a>"
                    + "<br><span class=\"muted\">\(HTML.escape(item.schoolClass.schoolYear))</span></td>"
                    + "<td>\(role)\(Self.gradebookLinks(classID: item.id, grade: item.schoolClass.grade, subjects: item.subjects, strings))</td></tr>"
            }.joined()
            body = classes.isEmpty ? "<p>\(HTML.escape(strings[.noClassesThisYear]))</p>" : """
                <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.className]))</th>\
                <th scope="col">\(HTML.escape(strings[.subjectsTaught]))</th></tr></thead><tbody>\(rows)</tbody></table></div>
                """
        } else {
            body = "<p>\(HTML.escape(strings[.notLinkedToStaff]))</p>"
        }
        return page.page(strings[.myClasses], """
            <h1>\(HTML.escape(strings[.myClasses]))</h1>
            <p class="muted">\(HTML.escape(strings[.myClassesIntro]))</p>
            \(body)
            """)
    }

    static let semesters = ["I", "II"]

    /// What the homeroom teacher (and the school) keeps for the whole class: conduct and attendance,
    /// and the year results.
    static func homeroomLinks(classID: String, _ strings: Strings) -> String {
        "<p><a href=\"/classes/\(HTML.escape(classID))/conduct\">\(HTML.escape(strings[.conductLink]))</a> · "
            + "<a href=\"/classes/\(HTML.escape(classID))/year-results\">\(HTML.escape(strings[.yearResults]))</a></p>"
    }

    /// One line per subject, with a link to each semester's gradebook the subject is taught in.
    static func gradebookLinks(classID: String, grade: String, subjects: [(code: String, semester: String?)], _ strings: Strings) -> String {
        let catalogue = SubjectCatalogue.subjects(grade: grade)
        var lines: [String] = []
        for subject in catalogue {
            let semesters = Self.semesters.filter { semester in
                subjects.contains { $0.code.uppercased() == subject.code && ($0.semester == nil || $0.semester == semester) }
            }
            guard !semesters.isEmpty else { continue }
            let links = semesters.map { semester -> String in
                "<a href=\"/classes/\(HTML.escape(classID))/gradebook?subject=\(subject.code)&amp;semester=\(semester)\">"
                    + "\(HTML.escape(strings.semester(semester)))</a>"
            }.joined(separator: " · ")
            lines.append("<li>\(HTML.escape(strings.subjectName(subject))): \(links)</li>")
        }
        return lines.isEmpty ? "" : "<ul>\(lines.joined())</ul>"
    }
}
