import Foundation
import Hummingbird
import Platform
import Records

/// The school health officer's page for one learner: the periodic checks recorded so far, with
/// BMI-for-age, and a form to record a new one. Rights, checks and audit are the Records module's,
/// the path of `/api/v1/learners/{id}/health-checks`.
struct HealthPages: Sendable {
    let sheets: HealthSheets

    var routes: [PageRoute] {
        [
            PageRoute(.get, "/learners/{id}/health", "A learner's health checks (health:read; every read is audited)", show),
            PageRoute(.post, "/learners/{id}/health", "Record a health check (health:write)", record),
        ]
    }

    /// The form's boxes, by the API field each fills.
    private static let fields = ["checkedOn", "heightCm", "weightKg", "visionLeft", "visionRight", "dental", "conditions", "notes"]

    @Sendable func show(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        return render(page, try await sheets.sheet(learnerID: try page.context.parameters.require("id"), principal: principal))
    }

    @Sendable func record(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let form = try await page.form()
        guard page.hasFormToken(form) else { return page.refusedForm() }
        let id = try page.context.parameters.require("id")
        func text(_ name: String) -> String? {
            let value = (form[name] ?? "").trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        // Numbers typed with a decimal comma, as Vietnamese write them.
        func number(_ name: String, into problems: inout [(field: String, message: String)]) -> Double? {
            guard let value = text(name) else { return nil }
            guard let parsed = Double(value.replacingOccurrences(of: ",", with: ".")) else {
                problems.append((name, page.strings[.notANumber]))
                return nil
            }
            return parsed
        }
        var problems: [(field: String, message: String)] = []
        let checkedOn = text("checkedOn").flatMap { CivilDate(iso: $0) }
        if checkedOn == nil { problems.append(("checkedOn", page.strings[.dateRequired])) }
        let height = number("heightCm", into: &problems), weight = number("weightKg", into: &problems)
        guard problems.isEmpty, let checkedOn else {
            return render(page, try await sheets.sheet(learnerID: id, principal: principal), posted: form, problems: problems,
                          status: .unprocessableContent)
        }
        let entry = HealthSheets.Entry(checkedOn: checkedOn, heightCm: height, weightKg: weight, visionLeft: text("visionLeft"),
                                       visionRight: text("visionRight"), dental: text("dental"),
                                       conditions: (text("conditions") ?? "").split(separator: ";").map { String($0) }, notes: text("notes"))
        do {
            return render(page, try await sheets.record(entry, learnerID: id, principal: principal), notice: page.strings[.healthCheckSaved])
        } catch let failure as ValidationFailure {
            let placed = failure.errors.map { (field: $0.field.split(separator: "/").first.map(String.init) ?? "", message: $0.message) }
            return render(page, try await sheets.sheet(learnerID: id, principal: principal), posted: form, problems: placed,
                          status: .unprocessableContent)
        }
    }

    private func render(_ page: PageRequest, _ sheet: HealthSheets.Sheet, notice: String? = nil, posted: [String: String] = [:],
                        problems: [(field: String, message: String)] = [], status: HTTPResponse.Status = .ok) -> Response {
        let strings = page.strings
        let title = strings.healthTitle(sheet.fullName)
        var messages = ""
        if !problems.isEmpty {
            let lines = problems.map { "<li><a href=\"#\($0.field)\">\(HTML.escape(strings.healthField($0.field)))</a>: \(HTML.escape($0.message))</li>" }
            messages = "<div class=\"error\" role=\"alert\"><p>\(HTML.escape(strings[.healthNotSaved]))</p><ul>\(lines.joined())</ul></div>"
        }
        if let notice { messages += "<p class=\"ok\" role=\"status\">\(HTML.escape(notice))</p>" }
        func decimal(_ value: Double?) -> String { value.map { strings.decimal(String(format: "%.1f", $0)) } ?? "" }
        let rows = sheet.checks.map { check -> String in
            let category = check.bmiCategory.flatMap(GrowthReference.Category.init(rawValue:)).map { strings.bmiCategory($0) } ?? ""
            let vision = [check.visionLeft, check.visionRight].map { $0 ?? "–" }.joined(separator: " · ")
            return "<tr><td>\(HTML.escape(RegistryPages.date(check.checkedOn)))</td><td>\(decimal(check.heightCm))</td><td>\(decimal(check.weightKg))</td>"
                + "<td>\(decimal(check.bmi))</td><td>\(HTML.escape(category))</td><td>\(HTML.escape(vision))</td>"
                + "<td>\(HTML.escape(check.dental.map { strings.dental($0) } ?? ""))</td><td>\(HTML.escape(check.conditions.joined(separator: "; ")))</td></tr>"
        }.joined()
        let headings = [strings[.checkedOn], strings.healthField("heightCm"), strings.healthField("weightKg"), "BMI", strings[.bmiForAge],
                        strings[.vision], strings.healthField("dental"), strings.healthField("conditions")]
            .map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
        let table = sheet.checks.isEmpty ? "<p>\(HTML.escape(strings[.noHealthChecks]))</p>"
            : "<div class=\"scroll\"><table><thead><tr>\(headings)</tr></thead><tbody>\(rows)</tbody></table></div>"
        func box(_ field: String, type: String = "text", mode: String? = nil) -> String {
            let wrong = problems.contains { $0.field == field }
            return "<p><label for=\"\(field)\">\(HTML.escape(strings.healthField(field)))</label>"
                + "<input id=\"\(field)\" name=\"\(field)\" type=\"\(type)\" value=\"\(HTML.escape(posted[field] ?? ""))\""
                + (mode.map { " inputmode=\"\($0)\"" } ?? "") + (wrong ? " class=\"bad\" aria-invalid=\"true\"" : "") + "></p>"
        }
        let dental = "<p><label for=\"dental\">\(HTML.escape(strings.healthField("dental")))</label><select id=\"dental\" name=\"dental\">"
            + "<option value=\"\"></option>" + HealthSheets.dentalStates.map {
                "<option value=\"\($0)\"\(posted["dental"] == $0 ? " selected" : "")>\(HTML.escape(strings.dental($0)))</option>"
            }.joined() + "</select></p>"
        let formBody = box("checkedOn", type: "date") + box("heightCm", mode: "decimal") + box("weightKg", mode: "decimal")
            + box("visionLeft") + box("visionRight") + dental + box("conditions") + box("notes")
            + "<p><button>\(HTML.escape(strings[.saveHealthCheck]))</button></p>"
        return page.page(title, """
            <h1>\(HTML.escape(title))</h1>
            <p><a href="/learners/\(HTML.escape(sheet.learnerID))">\(HTML.escape(sheet.learnerCode))</a> · \
            \(HTML.escape(sheet.dateOfBirth.map(RegistryPages.date) ?? ""))</p>
            \(messages)
            \(table)
            <h2>\(HTML.escape(strings[.newHealthCheck]))</h2>
            <form method="post" action="/learners/\(HTML.escape(sheet.learnerID))/health"><input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">
            \(formBody)</form>
            """, status: status)
    }
}
