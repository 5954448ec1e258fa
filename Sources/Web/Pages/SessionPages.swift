import Hummingbird
import Platform
import Registry

/// The home page (the sign-in form, or the caller's overview), signing in and out, and the language
/// switch.
struct SessionPages: Sendable {
    let access: AccessStore
    let cookies: SessionCookies
    let reader: RegistryReader

    var routes: [PageRoute] {
        [
            PageRoute(.get, "/", "Home page: sign-in form, or the caller's overview", home),
            PageRoute(.post, "/sign-in", "Sign in from the home page form", signIn),
            PageRoute(.post, "/sign-out", "Sign out from a page", signOut),
            PageRoute(.get, "/language", "Switch the pages' language (to=vi|en), then go back", switchLanguage),
        ]
    }

    @Sendable func home(_ page: PageRequest) async throws -> Response {
        let strings = page.strings
        guard let principal = page.principal else { return page.page(strings[.signIn], signInForm(strings, message: nil)) }
        // A candidate's account has one thing to show.
        if principal.examRegistrationID != nil && principal.grants.isEmpty { return page.redirect("/my-exam") }
        let counts = try await reader.counts(for: principal)
        let roles = principal.grants.map { strings.role($0.role) }.joined(separator: ", ")
        return page.page(strings[.overview], """
            <h1>\(HTML.escape(strings.greeting(principal.name)))</h1>
            <p class="muted">\(HTML.escape(strings[.roles])): \(HTML.escape(roles))</p>
            <div class="cards">
            <div class="card"><b>\(counts.schools)</b>\(HTML.escape(strings[.countSchools]))</div>
            <div class="card"><b>\(counts.classes)</b>\(HTML.escape(strings[.countClasses]))</div>
            <div class="card"><b>\(counts.learners)</b>\(HTML.escape(strings[.countLearners]))</div>
            <div class="card"><b>\(counts.staff)</b>\(HTML.escape(strings[.countStaff]))</div>
            </div>
            <p class="muted">API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
            """)
    }

    private func signInForm(_ strings: Strings, message: String?) -> String {
        """
        <h1>\(HTML.escape(strings[.signIn]))</h1>
        \(message.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
        <form method="post" action="/sign-in">
        <label for="username">\(HTML.escape(strings[.username]))</label><input id="username" name="username" autocomplete="username" required>
        <label for="password">\(HTML.escape(strings[.password]))</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <p><button>\(HTML.escape(strings[.signIn]))</button></p>
        </form>
        """
    }

    @Sendable func signIn(_ page: PageRequest) async throws -> Response {
        let form = try await page.form()
        let strings = page.strings
        switch try await access.signIn(username: form["username"] ?? "", password: form["password"] ?? "", from: page.context.remoteAddress) {
        case .tooManyAttempts(let wait):
            return page.page(strings[.signIn], signInForm(strings, message: strings.tooManyAttempts(seconds: wait)), status: .tooManyRequests)
        case .refused:
            return page.page(strings[.signIn], signInForm(strings, message: strings[.wrongCredentials]), status: .unauthorized)
        case .signedIn(let session):
            var response = page.redirect("/")
            response.setCookie(cookies.issue(token: session.token, maxAge: session.expiresIn))
            return response
        }
    }

    @Sendable func signOut(_ page: PageRequest) async throws -> Response {
        let form = try await page.form()
        if page.principal != nil {
            guard page.hasFormToken(form) else { return page.refusedForm() }
            if let cookie = page.request.cookies[AuthMiddleware.cookieName]?.value { try await access.signOut(token: cookie) }
        }
        var response = page.redirect("/")
        response.setCookie(cookies.clear())
        return response
    }

    /// Sets the language cookie and goes back to the page the switch was clicked on. Only a path on
    /// this server is followed, so the link cannot send anyone elsewhere.
    @Sendable func switchLanguage(_ page: PageRequest) async throws -> Response {
        let language = page.query("to").flatMap(Language.init(rawValue:)) ?? .vi
        // Read as sent: a "+" in the path being returned to is a plus, not a space.
        let asked = page.request.uri.queryParameters["back"].map(String.init) ?? "/"
        let back = asked.hasPrefix("/") && !asked.hasPrefix("//") && !asked.contains("\\") ? asked : "/"
        var response = page.redirect(back)
        response.setCookie(language.cookie(secure: cookies.secure))
        return response
    }
}
