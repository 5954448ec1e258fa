import Foundation
import HTTPTypes
import Hummingbird
import IdentityVerification
import PersonMatching
import Platform

/// Identity verification in the browser: the rates with their chart, the runs and a button to start
/// one, the correction list with its downloads, and the review queue where a person confirms or
/// rejects each proposed match. The same service as `/api/v1/identity`.
struct IdentityPages: Sendable {
    let runner: VerificationRunner
    let service: IdentityVerificationService

    var routes: [PageRoute] {
        [
            PageRoute(.get, "/identity", "Verification rates, runs, and starting a run", overview),
            PageRoute(.post, "/identity/runs", "Start (or resume) a verification run", start),
            PageRoute(.get, "/identity/corrections", "The correction list of the user's schools", corrections),
            PageRoute(.get, "/identity/corrections.csv", "The correction list as CSV", correctionsFile),
            PageRoute(.get, "/identity/corrections.xlsx", "The correction list as an Excel workbook", correctionsFile),
            PageRoute(.get, "/identity/review", "Proposed matches waiting for a decision", review),
            PageRoute(.post, "/identity/review/{kind}/{id}", "Confirm or reject a proposed match", decide),
        ]
    }

    static let colors = (verified: "#009e73", notVerified: "#e69f00", unchecked: "#999999")

    @Sendable func overview(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        guard principal.has(.identityRead) else { throw APIError.forbidden("") }
        let strings = page.strings
        let level: VerificationRate.Level = OrgTree.includesRoot(principal.nodes(for: .identityRead)) ? .province : .school
        let rates = try await service.rates(level: level, for: principal)
        let runs = try await service.runs(for: principal, limit: 10)
        let scopes = try await service.verifiableScopes(for: principal)
        let pending = try await service.pendingReviewCount(for: principal)
        var body = "<h1>\(HTML.escape(strings[.identity]))</h1><p class=\"muted\">\(HTML.escape(strings[.identityIntro]))</p>"
        if page.query("error") == "registry" {
            body += "<p class=\"error\" role=\"alert\">\(HTML.escape(strings[.registryNotConfigured]))</p>"
        }
        if !scopes.isEmpty {
            let options = scopes.map { "<option value=\"\(HTML.escape($0.code))\">\(HTML.escape($0.name)) (\(HTML.escape($0.code)))</option>" }.joined()
            body += """
                <form method="post" action="/identity/runs">
                <input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">
                <label for="scope">\(HTML.escape(strings[.verifyScope]))</label>
                <select id="scope" name="scope">\(options)</select>
                <p><button>\(HTML.escape(strings[.verifyNow]))</button></p>
                </form>
                """
        }
        body += "<p><a href=\"/identity/review\">\(HTML.escape(strings[.reviewQueue]))</a>: \(HTML.escape(strings.pendingReviews(pending)))"
            + " · <a href=\"/identity/corrections\">\(HTML.escape(strings[.corrections]))</a></p>"
        if !rates.isEmpty {
            let chart = BarChart(
                title: strings.verificationRateChart(level.rawValue),
                series: [BarChart.Series(label: strings[.verifiedPeople], color: Self.colors.verified),
                         BarChart.Series(label: strings[.notVerifiedPeople], color: Self.colors.notVerified),
                         BarChart.Series(label: strings[.uncheckedPeople], color: Self.colors.unchecked)],
                bars: rates.map { rate in
                    BarChart.Bar(label: StatisticsPages.shortName(rate.name),
                                 values: [rate.verified, rate.people - rate.verified - rate.unchecked, rate.unchecked])
                })
            let rows = rates.map { rate in
                "<tr><th scope=\"row\">\(HTML.escape(rate.name))</th><td>\(BarChart.grouped(rate.people))</td>"
                    + "<td>\(BarChart.grouped(rate.verified))</td><td>\(String(format: "%.1f%%", rate.rate * 100))</td>"
                    + "<td>\(BarChart.grouped(rate.unchecked))</td></tr>"
            }.joined()
            body += """
                <figure>\(chart.svg(id: "verification-rates"))</figure>
                <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[level == .school ? .school : .department]))</th>\
                <th scope="col">\(HTML.escape(strings[.people]))</th><th scope="col">\(HTML.escape(strings[.verifiedPeople]))</th>\
                <th scope="col">\(HTML.escape(strings[.verificationRate]))</th><th scope="col">\(HTML.escape(strings[.uncheckedPeople]))</th></tr></thead>\
                <tbody>\(rows)</tbody></table></div>
                """
        }
        body += "<h2>\(HTML.escape(strings[.verificationRuns]))</h2>"
        if runs.isEmpty {
            body += "<p>\(HTML.escape(strings[.noRunsYet]))</p>"
        } else {
            if runs.contains(where: { !$0.isFinished }) { body = "<meta http-equiv=\"refresh\" content=\"3\">" + body }
            let rows = runs.map { run in
                let counts = run.counts.sorted { $0.value > $1.value }.map { "\(strings.identityStatus($0.key)): \($0.value)" }.joined(separator: "; ")
                return "<tr><td>\(HTML.escape(String(run.createdAt.prefix(16)).replacingOccurrences(of: "T", with: " ")))</td>"
                    + "<td>\(HTML.escape(run.scopeCode))</td><td>\(HTML.escape(strings.runStatus(run.status.rawValue)))</td>"
                    + "<td>\(run.done)/\(run.total)</td><td>\(HTML.escape(counts))</td></tr>"
            }.joined()
            body += """
                <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.started]))</th>\
                <th scope="col">\(HTML.escape(strings[.verifyScope]))</th><th scope="col">\(HTML.escape(strings[.status]))</th>\
                <th scope="col">\(HTML.escape(strings[.runProgress]))</th><th scope="col">\(HTML.escape(strings[.outcome]))</th></tr></thead>\
                <tbody>\(rows)</tbody></table></div>
                """
        }
        return page.page(strings[.identity], body)
    }

    @Sendable func start(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let form = try await page.form()
        guard page.hasFormToken(form) else { return page.refusedForm() }
        do {
            _ = try await runner.start(scopeCode: form["scope"], principal: principal)
        } catch APIError.unavailable {
            return page.redirect("/identity?error=registry")
        }
        return page.redirect("/identity")
    }

    @Sendable func corrections(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let lines = try await service.corrections(scopeCode: page.query("scope"), for: principal)
        var body = "<h1>\(HTML.escape(strings[.corrections]))</h1><p class=\"muted\">\(HTML.escape(strings[.correctionsIntro]))</p>"
        guard !lines.isEmpty else { return page.page(strings[.corrections], body + "<p>\(HTML.escape(strings[.noCorrections]))</p>") }
        let scope = page.query("scope").map { "?scope=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
        body += "<p><a href=\"/identity/corrections.csv\(scope)\">\(HTML.escape(strings[.downloadCSV]))</a> · "
            + "<a href=\"/identity/corrections.xlsx\(scope)\">\(HTML.escape(strings[.downloadXLSX]))</a></p>"
        // A page stays light on a slow connection: the first 300 lines here, the whole list in the files.
        let rows = lines.prefix(300).map { line in
            "<tr><td>\(HTML.escape(line.schoolCode))</td><td>\(HTML.escape(line.code))</td><td>\(HTML.escape(line.fullName))</td>"
                + "<td>\(HTML.escape(strings.identityStatus(line.status)))</td><td>\(HTML.escape(line.field))</td>"
                + "<td>\(HTML.escape(line.current))</td><td><strong>\(HTML.escape(line.suggested))</strong></td>"
                + "<td>\(HTML.escape(strings.localized(vi: line.reasonVI, en: line.reasonEN)))</td></tr>"
        }.joined()
        body += """
            <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.schoolCode]))</th>\
            <th scope="col">\(HTML.escape(strings[.code]))</th><th scope="col">\(HTML.escape(strings[.fullName]))</th>\
            <th scope="col">\(HTML.escape(strings[.status]))</th><th scope="col">\(HTML.escape(strings[.field]))</th>\
            <th scope="col">\(HTML.escape(strings[.currentValue]))</th><th scope="col">\(HTML.escape(strings[.suggestedValue]))</th>\
            <th scope="col">\(HTML.escape(strings[.reason]))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        return page.page(strings[.corrections], body)
    }

    @Sendable func correctionsFile(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let lines = try await service.corrections(scopeCode: page.query("scope"), for: principal)
        var headers = HTTPFields()
        let bytes: [UInt8]
        if page.request.uri.path.hasSuffix(".xlsx") {
            bytes = try CorrectionLine.workbook(lines)
            headers[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            headers[.contentDisposition] = "attachment; filename=\"danh-sach-can-sua.xlsx\""
        } else {
            var csv = CSVEncoding.byteOrderMark
            CSVEncoding.appendRow(CorrectionLine.csvHeader, to: &csv)
            for line in lines { CSVEncoding.appendRow(line.csvFields, to: &csv) }
            bytes = csv
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"danh-sach-can-sua.csv\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    @Sendable func review(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let items = try await service.reviewQueue(scopeCode: page.query("scope"), for: principal, limit: 50)
        var body = "<h1>\(HTML.escape(strings[.reviewQueue]))</h1><p class=\"muted\">\(HTML.escape(strings[.reviewIntro]))</p>"
        guard !items.isEmpty else { return page.page(strings[.reviewQueue], body + "<p>\(HTML.escape(strings[.noReviewPending]))</p>") }
        let mayDecide = principal.has(.identityVerify)
        for item in items {
            let action = "/identity/review/\(item.kind.rawValue)/\(HTML.escape(item.personId))"
            body += "<section class=\"card\"><h2>\(HTML.escape(item.record.fullName)) · \(HTML.escape(item.code))</h2>"
            body += "<p>\(HTML.escape(strings[.asTyped])): \(HTML.escape(item.record.fullName)), "
                + "\(HTML.escape(item.record.dateOfBirth.flatMap(PersonMatching.CivilDate.parse)?.vietnameseFormat ?? "")), "
                + "\(HTML.escape(strings.sex(item.record.sex)))"
                + ", \(HTML.escape(strings[.citizenID])): \(HTML.escape(item.record.citizenID ?? "—")) · \(HTML.escape(item.schoolCode))"
                + " · <strong>\(HTML.escape(strings.identityStatus(item.outcome.status)))</strong></p>"
            var choices = ""
            for (index, candidate) in item.outcome.candidates.enumerated() {
                let evidence = candidate.fields.map { field in
                    "<li>\(HTML.escape(strings.localized(vi: field.field.labelVI, en: field.field.labelEN))): "
                        + "\(HTML.escape(strings.localized(vi: field.labelVI, en: field.labelEN))), \(HTML.escape(field.evidence))"
                        + " (\(String(format: "%+.1f", field.weight)))</li>"
                }.joined()
                choices += """
                    <p><input type="radio" id="c-\(HTML.escape(item.personId))-\(index)" name="citizenId" value="\(HTML.escape(candidate.citizenID))"\
                    \(candidate.citizenID == (item.outcome.candidateID ?? item.outcome.candidates.first?.citizenID) ? " checked" : "")> <label for="c-\(HTML.escape(item.personId))-\(index)" style="display:inline">\
                    \(HTML.escape(candidate.fullName)), \(HTML.escape(candidate.dateOfBirth)), \(HTML.escape(strings.sex(candidate.sex))), \
                    \(HTML.escape(strings[.citizenID])) \(HTML.escape(candidate.citizenID))\
                    \(candidate.weight.map { " · \(HTML.escape(strings[.matchWeight])) " + String(format: "%.1f", $0) } ?? "")</label></p>\
                    \(evidence.isEmpty ? "" : "<ul aria-label=\"\(HTML.escape(strings[.evidence]))\">\(evidence)</ul>")
                    """
            }
            if mayDecide {
                body += """
                    <form method="post" action="\(action)"><input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">\
                    <input type="hidden" name="decision" value="confirm">\(choices)<p><button>\(HTML.escape(strings[.confirmMatch]))</button></p></form>
                    <form method="post" action="\(action)"><input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">\
                    <input type="hidden" name="decision" value="reject"><p><button>\(HTML.escape(strings[.rejectMatch]))</button></p></form>
                    """
            } else {
                body += choices.replacingOccurrences(of: "<input type=\"radio\"", with: "<input disabled type=\"radio\"")
            }
            body += "</section>"
        }
        return page.page(strings[.reviewQueue], body)
    }

    @Sendable func decide(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let form = try await page.form()
        guard page.hasFormToken(form) else { return page.refusedForm() }
        guard let kind = PersonKind(rawValue: try page.context.parameters.require("kind")) else { throw APIError.notFound }
        let decision: IdentityReviewDecision
        switch form["decision"] {
        case "confirm":
            guard let id = form["citizenId"], !id.isEmpty else { throw APIError.malformed(field: "citizenId", "") }
            decision = .confirm(citizenID: id)
        case "reject":
            decision = .reject
        default:
            throw APIError.malformed(field: "decision", "")
        }
        _ = try await service.decide(kind: kind, personID: try page.context.parameters.require("id"), decision, principal: principal)
        return page.redirect("/identity/review")
    }

}
