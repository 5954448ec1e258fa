import Hummingbird
import NIOCore

/// The request context of every NEMIS route: the authenticated principal (if any) and how it signed in.
public struct NEMISContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// Set when the principal came from a browser session cookie: unsafe methods then need the CSRF token.
    public var sessionCSRFToken: String?
    public let remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// 10 MB: large enough for a class gradebook, small enough to refuse abuse.
    public var maxUploadSize: Int { 10 * 1024 * 1024 }

    /// The principal, or 401.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw APIError.unauthenticated }
        return principal
    }
}
