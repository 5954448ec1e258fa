/// The frame around every page: language, title, skip link, the role's navigation, the language
/// switch and the sign-out form. No script, nothing loaded from elsewhere.
enum PageLayout {
    static func render(title: String, body: String, page: PageRequest) -> String {
        let strings = page.strings
        let current = page.request.uri.path
        let items = Navigation.links(for: page.principal, strings).map { link -> String in
            let here = link.href == current ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(HTML.escape(link.href))\"\(here)>\(HTML.escape(link.label))</a></li>"
        }.joined()
        let other = strings.language.other
        let switchLink = "<a href=\"/language?to=\(other.rawValue)&amp;back=\(HTML.query(page.location))\" lang=\"\(other.rawValue)\" "
            + "hreflang=\"\(other.rawValue)\">\(HTML.escape(strings[.otherLanguageName]))</a>"
        var account = ""
        if let principal = page.principal {
            // A form cannot send the X-CSRF-Token header, so the token comes as a hidden field.
            account = """
                <form method="post" action="/sign-out"><input type="hidden" name="csrf" value="\(HTML.escape(page.csrf ?? ""))">\
                <span>\(HTML.escape(strings.signedInAs(principal.name)))</span> <button>\(HTML.escape(strings[.signOut]))</button></form>
                """
        }
        return """
            <!doctype html>
            <html lang="\(strings.language.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · NEMIS</title><style>\(Stylesheet.css)</style></head>
            <body><a class="skip" href="#main">\(HTML.escape(strings[.skipToContent]))</a>
            <header><div class="brand"><strong>NEMIS</strong> <span>\(HTML.escape(strings[.tagline]))</span></div>
            <nav aria-label="\(HTML.escape(strings[.mainNavigation]))"><ul>\(items)</ul></nav>
            <div class="tools">\(switchLink)\(account)</div></header>
            <main id="main" tabindex="-1">\(body)</main></body></html>
            """
    }
}
