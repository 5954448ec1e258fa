import Grading
import Hummingbird
import Platform
import Records

/// Conduct and attendance in the browser: the homeroom teacher rates each learner's conduct for
/// each semester and the year (Circular 22/2021 Art. 8) and counts the sessions missed. Rights,
/// checks and storage are the Records module's, the path of `PUT /api/v1/classes/{id}/conduct`.
struct ConductPages: Sendable {
    let sheets: ConductSheets

    var routes: [PageRoute] {
        [
            PageRoute(.get, "/classes/{id}/conduct", "Conduct and attendance form for the class's homeroom teacher or the school", show),
            PageRoute(.post, "/classes/{id}/conduct", "Save the conduct and attendance form", save),
        ]
    }

    /// The form's columns: a rating per semester and for the year.
    private enum Column: String, CaseIterable {
        case semester1 = "s1", semester2 = "s2", year = "year"

        func stored(_ row: ConductSheets.Row) -> ConductRating? {
            switch self {
            case .semester1: row.semester1
            case .semester2: row.semester2
            case .year: row.year
            }
        }

        var field: String {
            switch self {
            case .semester1: "conductSemester1"
            case .semester2: "conductSemester2"
            case .year: "conductYear"
            }
        }
    }

    private static let absentField = "absentSessions"

    /// A field error placed on its learner's row.
    private struct RowError {
        let learnerCode: String
        /// The API's field name (`conductYear`, `absentSessions`); empty for the row as a whole.
        let field: String
        let message: String
    }

    @Sendable func show(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let sheet = try await sheets.sheet(classID: try page.context.parameters.require("id"), principal: principal)
        return render(page, sheet)
    }

    @Sendable func save(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let form = try await page.form()
        guard page.hasFormToken(form) else { return page.refusedForm() }
        let classID = try page.context.parameters.require("id")
        let sheet = try await sheets.sheet(classID: classID, principal: principal)
        var entries: [ConductSheets.Entry] = []
        var errors: [RowError] = []
        for row in sheet.rows {
            func value(_ name: String) -> String? {
                let text = (form[Self.fieldName(name, row.learnerCode)] ?? "").trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            var absences: Int?
            if let text = value(Self.absentField) {
                absences = Int(text)
                if absences == nil { errors.append(RowError(learnerCode: row.learnerCode, field: Self.absentField, message: page.strings[.absencesRule])) }
            }
            entries.append(ConductSheets.Entry(learnerCode: row.learnerCode, semester1: value(Column.semester1.rawValue),
                                               semester2: value(Column.semester2.rawValue), year: value(Column.year.rawValue),
                                               absentSessions: absences))
        }
        guard errors.isEmpty else { return render(page, sheet, posted: form, errors: errors, status: .unprocessableContent) }
        do {
            let saved = try await sheets.enter(entries, classID: classID, principal: principal)
            return render(page, saved, notice: page.strings[.conductSaved])
        } catch let failure as ValidationFailure {
            let placed = failure.errors.map { error -> RowError in
                // `items/N/field`: N is the learner's position in the form, which follows the sheet.
                let parts = error.field.split(separator: "/").map(String.init).filter { !$0.isEmpty }
                let index = parts.count >= 2 ? Int(parts[1]) : nil
                let learner = index.flatMap { sheet.rows.indices.contains($0) ? sheet.rows[$0].learnerCode : nil } ?? ""
                let message = error.code == "conduct.absences" ? page.strings[.absencesRule] : error.message
                return RowError(learnerCode: learner, field: parts.count >= 3 ? parts[2] : "", message: message)
            }
            return render(page, sheet, posted: form, errors: placed, status: .unprocessableContent)
        }
    }

    private static func fieldName(_ column: String, _ learnerCode: String) -> String { "\(column)-\(learnerCode)" }

    private func render(_ page: PageRequest, _ sheet: ConductSheets.Sheet, notice: String? = nil, posted: [String: String] = [:],
                        errors: [RowError] = [], status: HTTPResponse.Status = .ok) -> Response {
        let strings = page.strings
        let title = strings.conductTitle(className: sheet.className)
        let names = Dictionary(sheet.rows.map { ($0.learnerCode, $0.fullName) }, uniquingKeysWith: { first, _ in first })
        let columnNames: [Column: String] = [.semester1: strings.semester("I"), .semester2: strings.semester("II"), .year: strings[.wholeYear]]
        var messages = ""
        if !errors.isEmpty {
            let lines = errors.map { error -> String in
                let column = error.field == Self.absentField ? strings[.sessionsAbsent]
                    : Column.allCases.first { $0.field == error.field }.flatMap { columnNames[$0] } ?? ""
                return "<li>\(HTML.escape(strings.fieldError(learner: names[error.learnerCode] ?? error.learnerCode, column: column, message: error.message)))</li>"
            }
            messages = "<div class=\"error\" role=\"alert\"><p>\(HTML.escape(strings.conductErrorSummary(errors.count)))</p><ul>\(lines.joined())</ul></div>"
        }
        if let notice { messages += "<p class=\"ok\" role=\"status\">\(HTML.escape(notice))</p>" }
        let ratings = [ConductRating.tot, .kha, .dat, .chuaDat]
        let rows = sheet.rows.enumerated().map { index, row -> String in
            let selects = Column.allCases.map { column -> String in
                let name = Self.fieldName(column.rawValue, row.learnerCode)
                let chosen = posted[name] ?? column.stored(row)?.code ?? ""
                let wrong = errors.contains { $0.learnerCode == row.learnerCode && $0.field == column.field }
                let options = "<option value=\"\"></option>" + ratings.map { rating in
                    "<option value=\"\(rating.code)\"\(rating.code == chosen ? " selected" : "")>\(HTML.escape(strings.localized(vi: rating.labelVI, en: rating.labelEN)))</option>"
                }.joined()
                return "<td><label class=\"sr\" for=\"\(HTML.escape(name))\">\(HTML.escape(strings.inputLabel(columnNames[column] ?? "", learner: row.fullName)))</label>"
                    + "<select id=\"\(HTML.escape(name))\" name=\"\(HTML.escape(name))\"\(wrong ? " class=\"bad\" aria-invalid=\"true\"" : "")>\(options)</select></td>"
            }.joined()
            let absentName = Self.fieldName(Self.absentField, row.learnerCode)
            let absent = posted[absentName] ?? String(row.absentSessions)
            let wrong = errors.contains { $0.learnerCode == row.learnerCode && $0.field == Self.absentField }
            return "<tr><td>\(index + 1)</td><th scope=\"row\">\(HTML.escape(row.fullName))</th>\(selects)"
                + "<td><label class=\"sr\" for=\"\(HTML.escape(absentName))\">\(HTML.escape(strings.inputLabel(strings[.sessionsAbsent], learner: row.fullName)))</label>"
                + "<input id=\"\(HTML.escape(absentName))\" name=\"\(HTML.escape(absentName))\" value=\"\(HTML.escape(absent))\" inputmode=\"numeric\" maxlength=\"3\" size=\"3\""
                + "\(wrong ? " class=\"bad\" aria-invalid=\"true\"" : "")></td></tr>"
        }.joined()
        let headings = [strings[.number], strings[.fullName], strings.semester("I"), strings.semester("II"), strings[.wholeYear], strings[.sessionsAbsent]]
            .map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
        let form = sheet.rows.isEmpty ? "<p>\(HTML.escape(strings[.noLearnersInClass]))</p>" : """
            <form method="post" action="/classes/\(HTML.escape(sheet.classID))/conduct"><input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">
            <div class="scroll"><table class="grid"><thead><tr>\(headings)</tr></thead><tbody>\(rows)</tbody></table></div>
            <p><button>\(HTML.escape(strings[.saveConduct]))</button></p></form>
            """
        return page.page(title, """
            <h1>\(HTML.escape(title))</h1>
            <p><a href="/classes/\(HTML.escape(sheet.classID))">\(HTML.escape(strings[.backToClass]))</a> · \(HTML.escape(sheet.schoolYear))</p>
            <p class="muted">\(HTML.escape(strings[.conductNote]))</p>
            \(messages)
            \(form)
            """, status: status)
    }
}
