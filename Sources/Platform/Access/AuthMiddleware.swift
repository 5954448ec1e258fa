import HTTPTypes
import Hummingbird

/// Resolves the caller from a bearer token or a session cookie. It never rejects by itself: each route
/// asks for the principal it needs, so public routes (`/health`, sign-in) stay public.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = NEMISContext
    public static let cookieName = "nemis_session"
    let access: AccessStore
    /// Routes whose handlers verify the CSRF token posted as a form field, because an HTML form cannot
    /// send a header. The web pages own this list; `*` stands for one path segment ("/classes/*/gradebook").
    let formRoutes: [[Substring]]

    public init(access: AccessStore, formRoutes: [String]) {
        self.access = access
        self.formRoutes = formRoutes.map { $0.split(separator: "/") }
    }

    func isFormRoute(_ segments: [Substring]) -> Bool {
        formRoutes.contains { pattern in
            pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0 == "*" || $0 == $1 }
        }
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer "),
                  let (principal, _) = try await access.principal(token: String(header.dropFirst(7)), kind: "bearer")
            else { throw APIError.unauthenticated }
            context.principal = principal
        } else if let cookie = request.cookies[Self.cookieName]?.value,
                  let (principal, csrf) = try await access.principal(token: cookie, kind: "session") {
            // A browser sends cookies on cross-site requests too; an unsafe request must also carry the
            // token only our own pages know.
            // The web forms carry the token as a hidden field, which their handlers check; every
            // other unsafe request with a session cookie needs the header. The path is compared with
            // empty segments removed, as the router reads it, so "//api/…" cannot slip past.
            let segments = request.uri.path.split(separator: "/")
            if ![.get, .head, .options].contains(request.method) && !isFormRoute(segments) {
                guard request.headers[.csrfToken] == csrf else {
                    throw APIError.forbidden("missing or wrong X-CSRF-Token for a session-authenticated request")
                }
            }
            context.principal = principal
            context.sessionCSRFToken = csrf
        }
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    public static let csrfToken = HTTPField.Name("X-CSRF-Token")!
    public static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    public static let nextPageToken = HTTPField.Name("Next-Page-Token")!
}
