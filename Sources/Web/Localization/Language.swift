import Hummingbird

/// The language of the pages: Vietnamese unless the browser holds the `lang` cookie set by the switch
/// in the page header. A cookie rather than Accept-Language, because a shared school computer's
/// browser settings say nothing about who is using it.
enum Language: String, Sendable, CaseIterable {
    case vi, en

    static let cookieName = "lang"

    init(_ request: Request) {
        self = request.cookies[Self.cookieName].flatMap { Language(rawValue: $0.value) } ?? .vi
    }

    var other: Language { self == .vi ? .en : .vi }

    /// Remembered for a year; readable by nothing but the server, sent on same-site navigation.
    func cookie(secure: Bool) -> Cookie {
        Cookie(name: Self.cookieName, value: rawValue, maxAge: 365 * 24 * 3600, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
