import Hummingbird
import Platform
import Records

/// Score entry in the browser: the gradebook of one subject, class and semester as a plain form.
/// Reading, rights, validation and storage are the Records module's, through the same path as
/// `PUT /api/v1/classes/{id}/gradebook`; this page only lays the form out and maps errors back
/// to the boxes.
struct GradebookPages: Sendable {
    let gradebooks: GradebookSheets

    var routes: [PageRoute] {
        [
            PageRoute(.get, "/classes/{id}/gradebook", "Score entry form for a subject and semester (?subject=&semester=)", show),
            PageRoute(.post, "/classes/{id}/gradebook", "Save the score entry form", save),
            PageRoute(.post, "/classes/{id}/gradebook/term", "Close the semester, or reopen it with a reason (the school)", changeTerm),
        ]
    }

    private struct Target {
        let classID: String
        let subject: String
        let semester: String
    }

    private func target(_ page: PageRequest) throws -> Target {
        Target(classID: try page.context.parameters.require("id"), subject: page.query("subject") ?? "", semester: page.query("semester") ?? "")
    }

    @Sendable func show(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let target = try target(page)
        let sheet = try await gradebooks.sheet(classID: target.classID, subjectCode: target.subject, semester: target.semester, principal: principal)
        return render(page, sheet)
    }

    @Sendable func save(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let form = try await page.form()
        guard page.hasFormToken(form) else { return page.refusedForm() }
        let target = try target(page)
        let sheet = try await gradebooks.sheet(classID: target.classID, subjectCode: target.subject, semester: target.semester, principal: principal)
        if sheet.closed { return render(page, sheet, status: .conflict) }
        let rows = GradebookForm.rows(form, sheet: sheet, regularBoxes: GradebookGrid.regularBoxes(sheet))
        do {
            let saved = try await gradebooks.enter(rows.map(\.input), classID: target.classID, subjectCode: target.subject,
                                                   semester: target.semester, principal: principal)
            return render(page, saved, notice: page.strings[.saved])
        } catch let failure as ValidationFailure {
            let (placed, unplaced) = GradebookForm.place(failure.errors, rows: rows)
            return render(page, sheet, posted: form, errors: placed, unplaced: unplaced, status: .unprocessableContent)
        } catch APIError.conflict(_, _, let message) {
            // The term was closed, or a learner's scores sit in a closed class, since the form was shown.
            return render(page, sheet, posted: form, unplaced: [message], status: .conflict)
        }
    }

    @Sendable func changeTerm(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let form = try await page.form()
        guard page.hasFormToken(form) else { return page.refusedForm() }
        let target = try target(page)
        let close = form["action"] == "close"
        do {
            let sheet = try await gradebooks.setTerm(closed: close, reason: form["reason"], classID: target.classID, subjectCode: target.subject,
                                                     semester: target.semester, principal: principal)
            return render(page, sheet, notice: page.strings[close ? .termClosed : .termReopened])
        } catch let failure as ValidationFailure where failure.errors.contains(where: { $0.field == "reason" || $0.field == "/reason" }) {
            let sheet = try await gradebooks.sheet(classID: target.classID, subjectCode: target.subject, semester: target.semester, principal: principal)
            return render(page, sheet, unplaced: [page.strings[.reopenReason]], status: .unprocessableContent)
        } catch APIError.conflict(_, _, let message) {
            // Closed or reopened by someone else since the page was shown.
            let sheet = try await gradebooks.sheet(classID: target.classID, subjectCode: target.subject, semester: target.semester, principal: principal)
            return render(page, sheet, unplaced: [message], status: .conflict)
        }
    }

    /// The school's form to close the semester, or to reopen it with a reason; nothing for a teacher.
    private func termForm(_ page: PageRequest, _ sheet: GradebookSheets.Sheet) -> String {
        guard sheet.mayCloseTerm else { return "" }
        let strings = page.strings
        let action = "/classes/\(HTML.escape(sheet.classID))/gradebook/term?subject=\(sheet.subject.code)&amp;semester=\(sheet.semester)"
        let fields = sheet.closed
            ? """
              <input type="hidden" name="action" value="reopen"><p><label for="reason">\(HTML.escape(strings[.reopenReason]))</label>
              <input id="reason" name="reason" required maxlength="500"></p><p><button>\(HTML.escape(strings[.reopenTerm]))</button></p>
              """
            : "<input type=\"hidden\" name=\"action\" value=\"close\"><p><button>\(HTML.escape(strings[.closeTerm]))</button></p>"
        return """
            <h2>\(HTML.escape(strings[.termSection]))</h2>
            <form method="post" action="\(action)"><input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">\(fields)</form>
            """
    }

    private func render(_ page: PageRequest, _ sheet: GradebookSheets.Sheet, notice: String? = nil, posted: [String: String] = [:],
                        errors: [GradebookForm.PlacedError] = [], unplaced: [String] = [], status: HTTPResponse.Status = .ok) -> Response {
        let strings = page.strings
        let title = strings.gradebookTitle(subject: sheet.subject, className: sheet.className, semester: sheet.semester)
        let grid = GradebookGrid(sheet: sheet, strings: strings, posted: posted, errors: errors, editable: !sheet.closed)
        let names = Dictionary(sheet.rows.map { ($0.learnerCode, $0.fullName) }, uniquingKeysWith: { first, _ in first })
        var messages = ""
        if !errors.isEmpty || !unplaced.isEmpty {
            // A summary first, each line a link to the box at fault, so a keyboard user reaches it directly.
            let lines = errors.map { error -> String in
                let text = HTML.escape(grid.message(error, learner: names[error.learnerCode] ?? error.learnerCode))
                guard let box = error.box else { return "<li>\(text)</li>" }
                return "<li><a href=\"#\(HTML.escape(GradebookForm.elementID(error.learnerCode, box)))\">\(text)</a></li>"
            } + unplaced.map { "<li>\(HTML.escape($0))</li>" }
            messages = "<div class=\"error\" role=\"alert\"><p>\(HTML.escape(strings.errorSummary(lines.count)))</p><ul>\(lines.joined())</ul></div>"
        }
        if let notice { messages += "<p class=\"ok\" role=\"status\">\(HTML.escape(notice))</p>" }
        let hint = strings[sheet.subject.commentOnly ? .commentHint : .scoreHint]
        let action = "/classes/\(HTML.escape(sheet.classID))/gradebook?subject=\(sheet.subject.code)&amp;semester=\(sheet.semester)"
        let table: String
        if sheet.rows.isEmpty {
            table = "<p>\(HTML.escape(strings[.noLearnersInClass]))</p>"
        } else if sheet.closed {
            table = "<p class=\"notice\">\(HTML.escape(strings[.closedTerm]))</p>\(grid.render())"
        } else {
            table = """
                <form method="post" action="\(action)"><input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">
                \(grid.render())
                <p><button>\(HTML.escape(strings[.saveScores]))</button></p></form>
                """
        }
        return page.page(title, """
            <h1>\(HTML.escape(title))</h1>
            <p><a href="/classes/\(HTML.escape(sheet.classID))">\(HTML.escape(strings[.backToClass]))</a> · \(HTML.escape(sheet.schoolYear))</p>
            <p class="muted">\(HTML.escape(strings.regularRule(count: sheet.regularCount, exact: sheet.regularCountIsExact))) \(HTML.escape(hint))</p>
            \(messages)
            \(table)
            \(termForm(page, sheet))
            """, status: status)
    }
}
