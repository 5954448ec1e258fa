import Exams
import Foundation
import Hummingbird
import Platform

/// The exam candidate's own page: their registration and its fee, the exam result, the admission
/// wishes and their fee, and the admission to confirm. What can be done shows only while the
/// season's timeline allows it, and the Exams module checks it again.
struct CandidatePages: Sendable {
    let desk: CandidateDesk
    /// The gateway URL where the signed-in payer pays a fee order.
    let checkout: @Sendable (_ orderID: String, _ payer: Principal, _ remoteAddress: String) async throws -> String

    var routes: [PageRoute] {
        [
            PageRoute(.get, "/my-exam", "A candidate's own exam: registration, fees, result, wishes, admission", show),
            PageRoute(.post, "/my-exam/registration", "Change the two electives (and the language) while registration is open", chooseElectives),
            PageRoute(.post, "/my-exam/fees/{kind}", "Pay a fee online (registration or wishes): on to the gateway", pay),
            PageRoute(.post, "/my-exam/wishes", "Save the candidate's ordered wishes", saveWishes),
            PageRoute(.post, "/my-exam/admission", "Confirm the admission", confirm),
        ]
    }

    /// Rows of the wishes form beyond the wishes already placed.
    static let blankWishRows = 3

    @Sendable func show(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        return render(page, try await desk.overview(principal: principal))
    }

    @Sendable func chooseElectives(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let form = try await page.form()
        guard page.hasFormToken(form) else { return page.refusedForm() }
        let electives = ["elective-1", "elective-2"].compactMap { form[$0].flatMap { $0.isEmpty ? nil : $0 } }
        let language = form["language"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            try await desk.chooseElectives(electives, foreignLanguage: language, principal: principal)
            return render(page, try await desk.overview(principal: principal), notice: page.strings[.registrationChanged])
        } catch let failure as ValidationFailure {
            return render(page, try await desk.overview(principal: principal), problems: failure.errors.map(\.message), status: .unprocessableContent)
        } catch let error as APIError {
            guard let message = Self.message(error) else { throw error }
            return render(page, try await desk.overview(principal: principal), problems: [message], status: .conflict)
        }
    }

    @Sendable func pay(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let form = try await page.form()
        guard page.hasFormToken(form) else { return page.refusedForm() }
        guard let kind = CandidateDesk.FeeKind(rawValue: try page.context.parameters.require("kind")) else { throw APIError.notFound }
        do {
            let orderID = try await desk.openFeeOrder(kind, principal: principal)
            return page.redirect(try await checkout(orderID, principal, page.context.remoteAddress))
        } catch let error as APIError {
            // Already paid, the window closed, no gateway configured: said on the page.
            guard let message = Self.message(error) else { throw error }
            return render(page, try await desk.overview(principal: principal), problems: [message], status: .conflict)
        }
    }

    @Sendable func saveWishes(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let form = try await page.form()
        guard page.hasFormToken(form) else { return page.refusedForm() }
        let rows = form.keys.compactMap { $0.hasPrefix("wish-") ? Int($0.dropFirst(5)) : nil }.sorted()
        let codes = rows.compactMap { row in form["wish-\(row)"].flatMap { $0.isEmpty ? nil : $0 } }
        do {
            try await desk.placeWishes(codes, principal: principal)
            return render(page, try await desk.overview(principal: principal), notice: page.strings[.wishesSaved])
        } catch let failure as ValidationFailure {
            let lines = failure.errors.map { error -> String in
                // `programs/N` is the N-th wish given, counted from 0.
                let index = error.field.split(separator: "/").last.flatMap { Int($0) }
                return index.map { page.strings.wishError(rank: $0 + 1, message: error.message) } ?? error.message
            }
            return render(page, try await desk.overview(principal: principal), problems: lines, status: .unprocessableContent)
        } catch let error as APIError {
            guard let message = Self.message(error) else { throw error }
            return render(page, try await desk.overview(principal: principal), problems: [message], status: .conflict)
        }
    }

    @Sendable func confirm(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let form = try await page.form()
        guard page.hasFormToken(form) else { return page.refusedForm() }
        do {
            try await desk.confirmAdmission(principal: principal)
            return render(page, try await desk.overview(principal: principal), notice: page.strings[.admissionConfirmedNotice])
        } catch let error as APIError {
            guard let message = Self.message(error) else { throw error }
            return render(page, try await desk.overview(principal: principal), problems: [message], status: .conflict)
        }
    }

    /// The refusals a candidate can meet by the season's rules, in the API's words; others go to
    /// the error pages.
    private static func message(_ error: APIError) -> String? {
        switch error {
        case .conflict(_, _, let message), .unavailable(let message): message
        default: nil
        }
    }

    private func render(_ page: PageRequest, _ exam: CandidateDesk.Overview, notice: String? = nil, problems: [String] = [],
                        status: HTTPResponse.Status = .ok) -> Response {
        let strings = page.strings
        let title = strings.myExamTitle(exam.examYear)
        var messages = ""
        if !problems.isEmpty {
            messages = "<div class=\"error\" role=\"alert\"><ul>\(problems.map { "<li>\(HTML.escape($0))</li>" }.joined())</ul></div>"
        }
        if let notice { messages += "<p class=\"ok\" role=\"status\">\(HTML.escape(notice))</p>" }
        let place = [exam.schoolCode, exam.className.map { strings.classTitle($0) }].compactMap { $0 }.joined(separator: " · ")
        return page.page(title, """
            <h1>\(HTML.escape(title))</h1>
            <p>\(HTML.escape(exam.fullName)) · \(HTML.escape(strings[.citizenID])) \(HTML.escape(exam.citizenID)) · \
            \(HTML.escape(strings[.dateOfBirth])) \(HTML.escape(RegistryPages.date(exam.dateOfBirth)))\(place.isEmpty ? "" : " · " + HTML.escape(place))</p>
            \(messages)
            \(registrationSection(page, exam))
            \(resultSection(page, exam))
            \(exam.forAdmission ? wishesSection(page, exam) + admissionSection(page, exam) : "")
            """, status: status)
    }

    private func form(_ page: PageRequest, action: String, _ body: String) -> String {
        "<form method=\"post\" action=\"\(action)\"><input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(page.csrf ?? ""))\">\(body)</form>"
    }

    private func feeLine(_ page: PageRequest, _ fee: CandidateDesk.Fee?, kind: CandidateDesk.FeeKind, payable: Bool) -> String {
        guard let fee else { return "" }
        let strings = page.strings
        let amount = HTML.escape(strings.vnd(fee.amountVND))
        if fee.paid { return "<p>\(HTML.escape(strings[.feeLabel])): \(amount) · <strong>\(HTML.escape(strings[.feePaid]))</strong></p>" }
        guard payable else { return "<p>\(HTML.escape(strings[.feeLabel])): \(amount) · \(HTML.escape(strings[.feeUnpaid]))</p>" }
        return "<p>\(HTML.escape(strings[.feeLabel])): \(amount) · \(HTML.escape(strings[.feeUnpaid]))</p>"
            + form(page, action: "/my-exam/fees/\(kind.rawValue)", "<p><button>\(HTML.escape(strings[.payOnline]))</button></p>")
    }

    private func registrationSection(_ page: PageRequest, _ exam: CandidateDesk.Overview) -> String {
        let strings = page.strings
        let subjects = exam.subjects.map { HTML.escape(strings.examSubject($0)) }.joined(separator: ", ")
        let state = strings[exam.confirmed ? .registrationConfirmed : .registrationAwaiting]
        let window = exam.registrationOpen ? strings.changesUntil(strings.instant(exam.registrationCloses)) : strings[.registrationClosed]
        return """
            <h2>\(HTML.escape(strings[.examRegistration]))</h2>
            <p>\(HTML.escape(exam.seasonName))</p>
            <dl><dt>\(HTML.escape(strings[.examSubjects]))</dt><dd>\(subjects)</dd>\
            <dt>\(HTML.escape(strings[.status]))</dt><dd>\(HTML.escape(state))</dd></dl>
            <p class="muted">\(HTML.escape(window))</p>
            \(exam.registrationOpen && exam.choosesElectives ? electivesForm(page, exam) : "")
            \(feeLine(page, exam.registrationFee, kind: .registration, payable: exam.registrationOpen))
            """
    }

    /// Mathematics and Literature are compulsory; the candidate picks the other two, and the
    /// language when one of them is the foreign language.
    private func electivesForm(_ page: PageRequest, _ exam: CandidateDesk.Overview) -> String {
        let strings = page.strings
        let chosen = exam.subjects.filter { CandidateDesk.electives.contains($0) }
        func select(_ name: String, label: String, options: [(value: String, text: String)], selected: String?) -> String {
            let choices = "<option value=\"\"></option>" + options.map {
                "<option value=\"\(HTML.escape($0.value))\"\($0.value == selected ? " selected" : "")>\(HTML.escape($0.text))</option>"
            }.joined()
            return "<p><label for=\"\(name)\">\(HTML.escape(label))</label> <select id=\"\(name)\" name=\"\(name)\">\(choices)</select></p>"
        }
        let electives = CandidateDesk.electives.map { (value: $0, text: strings.examSubject($0)) }
        let languages = CandidateDesk.languages.map { (value: $0, text: strings.examLanguage($0)) }
        let fields = select("elective-1", label: strings.electiveLabel(1), options: electives, selected: chosen.first)
            + select("elective-2", label: strings.electiveLabel(2), options: electives, selected: chosen.dropFirst().first)
            + select("language", label: strings[.languageSat], options: languages, selected: exam.foreignLanguage)
            + "<p><button>\(HTML.escape(strings[.changeElectives]))</button></p>"
        return "<h3>\(HTML.escape(strings[.electivesHeading]))</h3>" + form(page, action: "/my-exam/registration", fields)
    }

    private func resultSection(_ page: PageRequest, _ exam: CandidateDesk.Overview) -> String {
        let strings = page.strings
        guard let result = exam.result else {
            return "<h2>\(HTML.escape(strings[.examResult]))</h2><p>\(HTML.escape(strings[.resultNotPublished]))</p>"
        }
        let rows = result.scores.map {
            "<tr><th scope=\"row\">\(HTML.escape(strings.examSubject($0.subject)))</th><td>\(HTML.escape(strings.decimal($0.score.description)))</td></tr>"
        }.joined()
        return """
            <h2>\(HTML.escape(strings[.examResult]))</h2>
            <table><tbody>\(rows)</tbody></table>
            <p>\(HTML.escape(strings[.graduationScore])): <strong>\(HTML.escape(strings.decimal(result.graduationScore.description)))</strong> · \
            <strong>\(HTML.escape(strings[result.passed ? .graduated : .notGraduated]))</strong></p>
            """
    }

    private func wishesSection(_ page: PageRequest, _ exam: CandidateDesk.Overview) -> String {
        let strings = page.strings
        let placed = exam.wishes.isEmpty ? "<p>\(HTML.escape(strings[.noWishesYet]))</p>" : "<ol>" + exam.wishes.map {
            "<li>\(HTML.escape($0.programCode)) · \(HTML.escape($0.programName))</li>"
        }.joined() + "</ol>"
        var editor = ""
        if exam.wishesOpen {
            let rows = (0..<(exam.wishes.count + Self.blankWishRows)).map { index -> String in
                let chosen = index < exam.wishes.count ? exam.wishes[index].programCode : ""
                let options = "<option value=\"\"></option>" + exam.programs.map {
                    "<option value=\"\(HTML.escape($0.code))\"\($0.code == chosen ? " selected" : "")>\(HTML.escape($0.code)) · \(HTML.escape($0.name))</option>"
                }.joined()
                return "<p><label for=\"wish-\(index)\">\(HTML.escape(strings.wishLabel(index + 1)))</label> "
                    + "<select id=\"wish-\(index)\" name=\"wish-\(index)\">\(options)</select></p>"
            }.joined()
            editor = "<p class=\"muted\">\(HTML.escape(strings.wishesUntil(strings.instant(exam.wishesClose ?? ""))))</p>"
                + form(page, action: "/my-exam/wishes", rows + "<p><button>\(HTML.escape(strings[.saveWishes]))</button></p>")
        }
        return """
            <h2>\(HTML.escape(strings[.admissionWishes]))</h2>
            \(placed)
            \(editor)
            \(feeLine(page, exam.wishFee, kind: .wishes, payable: exam.wishFeePayable))
            """
    }

    private func admissionSection(_ page: PageRequest, _ exam: CandidateDesk.Overview) -> String {
        let strings = page.strings
        guard let admission = exam.admission else { return "" }
        guard let code = admission.programCode else {
            return "<h2>\(HTML.escape(strings[.admissionResult]))</h2><p>\(HTML.escape(strings[.notAdmittedText]))</p>"
        }
        let program = "\(code) · \(admission.programName ?? "")"
        var action = ""
        if admission.confirmed {
            action = "<p><strong>\(HTML.escape(strings[.admissionConfirmedNotice]))</strong></p>"
        } else if exam.confirmationOpen {
            action = "<p class=\"muted\">\(HTML.escape(strings.confirmUntil(strings.instant(exam.confirmationCloses ?? ""))))</p>"
                + form(page, action: "/my-exam/admission", "<p><button>\(HTML.escape(strings[.confirmAdmission]))</button></p>")
        }
        return """
            <h2>\(HTML.escape(strings[.admissionResult]))</h2>
            <p>\(HTML.escape(strings[.admittedTo])): <strong>\(HTML.escape(program))</strong>\
            \(admission.score.map { " · " + HTML.escape(strings.decimal($0.description)) } ?? "")\
            \(admission.method.map { " (" + HTML.escape(strings.admissionMethod($0)) + ")" } ?? "")</p>
            \(action)
            """
    }
}
