import Hummingbird

/// The session cookie, made in one place: HttpOnly, SameSite=Lax, and Secure whenever the server is
/// reached over the network (behind TLS), so the token never travels in clear text.
public struct SessionCookies: Sendable {
    public let secure: Bool

    public init(secure: Bool) { self.secure = secure }

    public func issue(token: String, maxAge: Int) -> Cookie {
        Cookie(name: AuthMiddleware.cookieName, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    public func clear() -> Cookie {
        Cookie(name: AuthMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
