import Foundation
import Hummingbird
import Platform
import Registry

/// Transfers in the browser: the requests a school receives, approved (into a class, if the
/// school names one) or refused with a note, and the school's own requests and their outcome.
struct TransferPages: Sendable {
    let registry: RegistryService

    var routes: [PageRoute] {
        [
            PageRoute(.get, "/transfers", "Transfers to decide, and the latest decided", list),
            PageRoute(.post, "/transfers/{id}", "Approve or refuse a transfer into one's school", decide),
        ]
    }

    @Sendable func list(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        guard principal.has(.registryRead) else { throw APIError.forbidden("") }
        let strings = page.strings
        let transfers = try await registry.transferList(for: principal)
        var body = "<h1>\(HTML.escape(strings[.transfers]))</h1><p class=\"muted\">\(HTML.escape(strings[.transfersIntro]))</p>"
        if let error = page.query("error") { body += "<p class=\"error\" role=\"alert\">\(HTML.escape(strings.transferError(error)))</p>" }
        guard !transfers.isEmpty else { return page.page(strings[.transfers], body + "<p>\(HTML.escape(strings[.noTransfers]))</p>") }
        for transfer in transfers {
            body += "<section class=\"card\"><h2>\(HTML.escape(transfer.learnerName)) · \(HTML.escape(transfer.learnerCode))</h2>"
            body += "<p>\(HTML.escape(transfer.fromSchoolCode)) → \(HTML.escape(transfer.toSchoolCode)) · "
                + "\(HTML.escape(strings[.effectiveFrom])) \(HTML.escape(RegistryPages.date(transfer.effectiveDate))) · "
                + "<strong>\(HTML.escape(strings.transferStatus(transfer.status.rawValue)))</strong></p>"
            if let reason = transfer.reason, !reason.isEmpty { body += "<p>\(HTML.escape(strings[.reason])): \(HTML.escape(reason))</p>" }
            if let note = transfer.decisionNote, !note.isEmpty { body += "<p>\(HTML.escape(strings[.decisionNote])): \(HTML.escape(note))</p>" }
            if transfer.mayDecide {
                let id = HTML.escape(transfer.id)
                body += """
                    <form method="post" action="/transfers/\(id)"><input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">\
                    <input type="hidden" name="decision" value="approve">\
                    <label for="class-\(id)">\(HTML.escape(strings[.intoClass]))</label><input id="class-\(id)" name="className">\
                    <p><button>\(HTML.escape(strings[.approveTransfer]))</button></p></form>
                    <form method="post" action="/transfers/\(id)"><input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">\
                    <input type="hidden" name="decision" value="refuse">\
                    <label for="note-\(id)">\(HTML.escape(strings[.decisionNote]))</label><input id="note-\(id)" name="note">\
                    <p><button>\(HTML.escape(strings[.refuseTransfer]))</button></p></form>
                    """
            }
            body += "</section>"
        }
        return page.page(strings[.transfers], body)
    }

    @Sendable func decide(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let form = try await page.form()
        guard page.hasFormToken(form) else { return page.refusedForm() }
        guard let decision = form["decision"], ["approve", "refuse"].contains(decision) else { throw APIError.malformed(field: "decision", "") }
        func text(_ name: String) -> String? { form[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        do {
            try await registry.decideTransfer(id: try page.context.parameters.require("id"), approve: decision == "approve",
                                              note: text("note"), className: text("className"), principal: principal)
        } catch let failure as ValidationFailure where failure.errors.contains(where: { $0.field.hasSuffix("className") }) {
            return page.redirect("/transfers?error=class")
        } catch APIError.conflict {
            return page.redirect("/transfers?error=decided")
        }
        return page.redirect("/transfers")
    }
}
