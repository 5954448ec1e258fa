import Grading
import Hummingbird
import Platform
import Records

/// A class's year results as the school computed them: each subject's year result, the learning
/// and conduct results, absences, the promotion decision and the award. For the homeroom teacher and
/// the school to read; computing them stays the school's action in the API.
struct YearResultsPages: Sendable {
    let results: YearResultSheets

    var routes: [PageRoute] {
        [PageRoute(.get, "/classes/{id}/year-results", "A class's year results: subjects, learning, conduct, promotion, awards", show)]
    }

    @Sendable func show(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let sheet = try await results.sheet(classID: try page.context.parameters.require("id"), principal: principal)
        let title = "\(strings[.yearResults]) · \(strings.classTitle(sheet.className))"
        let computed = sheet.rows.compactMap(\.result)
        // Every subject any learner of the class has, in the order the results list them.
        var subjects: [(code: String, name: String)] = []
        for line in computed.flatMap(\.subjects) where !subjects.contains(where: { $0.code == line.code }) {
            let name = SubjectCatalogue.subject(code: line.code, grade: sheet.grade).map(strings.subjectName) ?? line.name
            subjects.append((line.code, name))
        }
        let body: String
        if computed.isEmpty {
            body = "<p>\(HTML.escape(strings[.noYearResultsYet]))</p>"
        } else {
            let headings = ([strings[.number], strings[.fullName]] + subjects.map(\.name)
                + [strings[.learningResult], strings[.conductResult], strings[.sessionsAbsent], strings[.decision], strings[.award]])
                .map { heading -> String in "<th scope=\"col\">\(HTML.escape(heading))</th>" }.joined()
            let rows = sheet.rows.enumerated().map { index, row -> String in
                "<tr><td>\(index + 1)</td><th scope=\"row\">\(HTML.escape(row.fullName))</th>"
                    + (row.result.map { cells($0, subjects: subjects, strings) }
                        ?? "<td colspan=\"\(subjects.count + 5)\" class=\"muted\">\(HTML.escape(strings[.notComputed]))</td>")
                    + "</tr>"
            }.joined()
            body = "<div class=\"scroll\"><table><thead><tr>\(headings)</tr></thead><tbody>\(rows)</tbody></table></div>"
        }
        return page.page(title, """
            <h1>\(HTML.escape(title)) · \(HTML.escape(sheet.schoolYear))</h1>
            <p><a href="/classes/\(HTML.escape(sheet.classID))">\(HTML.escape(strings[.backToClass]))</a></p>
            <p class="muted">\(HTML.escape(strings[.yearResultsNote]))</p>
            \(body)
            """)
    }

    private func cells(_ result: YearResult, subjects: [(code: String, name: String)], _ strings: Strings) -> String {
        let scores = subjects.map { subject -> String in
            let line = result.subjects.first { $0.code == subject.code }
            return "<td>\(HTML.escape(line.map { ScoreText.display($0.year, strings.language) } ?? ""))</td>"
        }.joined()
        func label<Label: GradingLabel>(_ type: Label.Type, _ code: String?) -> String {
            guard let code else { return "" }
            return Label(code: code).map { strings.localized(vi: $0.labelVI, en: $0.labelEN) } ?? code
        }
        return scores + [label(LearningLevel.self, result.levelYear), label(ConductRating.self, result.conduct), "\(result.absentSessions)",
                         label(PromotionOutcome.self, result.decision), label(Award.self, result.award)]
            .map { cell -> String in "<td>\(HTML.escape(cell))</td>" }.joined()
    }
}
