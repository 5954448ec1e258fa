import Foundation
import Hummingbird
import SQLKit

/// Signing in and out, OAuth2 client credentials, the caller's own profile, and user administration.
public struct AccessController: Sendable {
    let access: AccessStore
    let cookies: SessionCookies

    public init(access: AccessStore, cookies: SessionCookies) {
        self.access = access
        self.cookies = cookies
    }

    struct SignInRequest: Codable { let username: String; let password: String }
    struct SignInResponse: Codable { let username: String; let csrfToken: String; let expiresIn: Int; let grants: [Grant] }
    struct Me: Codable {
        let id: String
        let name: String
        let kind: String
        let grants: [Grant]
        let permissions: [String]
        /// For a candidate's account: the exam registration it stands for.
        let examRegistrationId: String?
    }
    struct NewUser: Codable { let username: String; let displayName: String; let password: String; let staffCode: String? }
    struct NewGrant: Codable { let role: Role; let orgCode: String }
    struct TokenResponse: Codable {
        let access_token: String
        let token_type: String
        let expires_in: Int
        let scope: String
    }

    public func register(in catalog: APICatalog) {
        catalog.schema("SignIn", [FieldSpec("username", .string, required: true, "Username"),
                                  FieldSpec("password", .string, required: true, "Password")])
        catalog.schema("Session", [FieldSpec("username", .string, readOnly: true, "Who signed in"),
                                   FieldSpec("csrfToken", .string, readOnly: true, "Send as X-CSRF-Token on unsafe requests"),
                                   FieldSpec("expiresIn", .integer, readOnly: true, "Seconds"),
                                   FieldSpec("grants", .array(.object([FieldSpec("role", .string, "Role"), FieldSpec("orgID", .string, "Node")])), readOnly: true, "Roles")])
        catalog.schema("TokenRequest", [FieldSpec("grant_type", .enumeration(["client_credentials"]), required: true, "Always client_credentials"),
                                        FieldSpec("client_id", .string, "Client ID (or HTTP Basic)"),
                                        FieldSpec("client_secret", .string, "Client secret (or HTTP Basic)"),
                                        FieldSpec("scope", .string, "Scopes asked for, space-separated (e.g. the OneRoster roster-core.readonly URI); each must be registered for the client, and the token carries the client's registered scopes")])
        catalog.schema("Token", [FieldSpec("access_token", .string, readOnly: true, "Bearer token"),
                                 FieldSpec("token_type", .string, readOnly: true, "Bearer"),
                                 FieldSpec("expires_in", .integer, readOnly: true, "1800"),
                                 FieldSpec("scope", .string, readOnly: true, "Granted scopes")])
        catalog.schema("Me", [FieldSpec("id", .string, readOnly: true, "Principal ID"), FieldSpec("name", .string, readOnly: true, "Name"),
                              FieldSpec("kind", .string, readOnly: true, "user or client"),
                              FieldSpec("grants", .array(.object([FieldSpec("role", .string, "Role"), FieldSpec("orgID", .string, "Node")])), readOnly: true, "Roles"),
                              FieldSpec("permissions", .array(.string), readOnly: true, "Permissions held somewhere"),
                              FieldSpec("examRegistrationId", .string, readOnly: true, "For a candidate's account: their exam registration")])
        catalog.schema("NewUser", [FieldSpec("username", .string, required: true, "3–64 lower-case letters, digits, . _ -"),
                                   FieldSpec("displayName", .string, required: true, "Name shown"),
                                   FieldSpec("password", .string, required: true, "At least 10 characters"),
                                   FieldSpec("staffCode", .string, "For a member of staff: their sector staff code (ties them to their teaching assignments)")])
        catalog.schema("NewGrant", [FieldSpec("role", .enumeration(Role.allCases.map(\.rawValue)), required: true, "Role"),
                                    FieldSpec("orgCode", .string, required: true, "Node code")])
        catalog.add(APIRoute(.post, "/api/v1/session", summary: "Sign in (sets the session cookie)", tag: "Access", isPublic: true,
                             request: "SignIn", response: "Session"), signIn)
        catalog.add(APIRoute(.delete, "/api/v1/session", summary: "Sign out", tag: "Access"), signOut)
        catalog.add(APIRoute(.get, "/api/v1/me", summary: "The caller and its roles", tag: "Access", response: "Me"), me)
        catalog.add(APIRoute(.post, "/oauth/token", summary: "OAuth2 client-credentials token", tag: "Access", isPublic: true,
                             request: "TokenRequest", response: "Token", consumes: "application/x-www-form-urlencoded"), token)
        catalog.add(APIRoute(.post, "/api/v1/users", summary: "Create a user", tag: "Access", request: "NewUser", response: "Me"), createUser)
        catalog.add(APIRoute(.post, "/api/v1/users/{id}/grants", summary: "Grant a role at a node", tag: "Access",
                             request: "NewGrant", response: "Me"), grant)
    }

    @Sendable func signIn(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let data = Data(buffer: try await request.body.collect(upTo: 64 * 1024))
        let form = try JSON.decodeStrict(SignInRequest.self, from: data, allowedFields: ["username", "password"])
        let session: AccessStore.Session
        switch try await access.signIn(username: form.username, password: form.password, from: context.remoteAddress) {
        case .tooManyAttempts(let wait): throw APIError.tooManyRequests(retryAfter: wait)
        case .refused: return ProblemMiddleware<NEMISContext>.problem(.unauthorized, "sign-in-failed", "Wrong username or password.", detail: nil)
        case .signedIn(let opened): session = opened
        }
        var response = try JSONResponse.encode(SignInResponse(username: session.principal.name, csrfToken: session.csrfToken,
                                                              expiresIn: session.expiresIn, grants: session.principal.grants))
        response.setCookie(cookies.issue(token: session.token, maxAge: session.expiresIn))
        return response
    }

    @Sendable func signOut(_ request: Request, _ context: NEMISContext) async throws -> Response {
        _ = try context.requirePrincipal()
        if let cookie = request.cookies[AuthMiddleware.cookieName]?.value { try await access.signOut(token: cookie) }
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            try await access.signOut(token: String(header.dropFirst(7)))
        }
        var response = Response(status: .noContent)
        response.setCookie(cookies.clear())
        return response
    }

    @Sendable func me(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let permissions = Permission.allCases.filter { principal.has($0) }.map(\.rawValue)
        return try JSONResponse.encode(Me(id: principal.id, name: principal.name, kind: principal.kind.rawValue,
                                          grants: principal.grants, permissions: permissions, examRegistrationId: principal.examRegistrationID))
    }

    /// RFC 6749 §4.4: `grant_type=client_credentials`, the client authenticated by HTTP Basic or by
    /// `client_id`/`client_secret` in the form.
    @Sendable func token(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let data = Data(buffer: try await request.body.collect(upTo: 64 * 1024))
        let form = FormBody.parse(String(decoding: data, as: UTF8.self))
        guard form["grant_type"] == "client_credentials" else {
            return oauthError(.badRequest, "unsupported_grant_type", "grant_type must be client_credentials")
        }
        var clientID = form["client_id"], secret = form["client_secret"]
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
           let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
           let colon = decoded.firstIndex(of: ":") {
            clientID = String(decoded[..<colon]).removingPercentEncoding
            secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding
        }
        guard let clientID, let secret else { return oauthError(.unauthorized, "invalid_client", "client credentials are missing") }
        let session: AccessStore.Session
        switch try await access.issueToken(clientID: clientID, clientSecret: secret, from: context.remoteAddress) {
        case .tooManyAttempts(let wait): throw APIError.tooManyRequests(retryAfter: wait)
        case .refused: return oauthError(.unauthorized, "invalid_client", "unknown client or wrong secret")
        case .signedIn(let opened): session = opened
        }
        // RFC 6749 §3.3: a scope asked for that the client was not registered with is refused.
        let asked = (form["scope"] ?? "").split(separator: " ").map(String.init)
        if let missing = asked.first(where: { Permission(rawValue: $0).map { !session.principal.clientScopes.contains($0) } ?? true }) {
            try await access.signOut(token: session.token)
            return oauthError(.badRequest, "invalid_scope", "the client is not registered for the scope \(missing)")
        }
        var response = try JSONResponse.encode(TokenResponse(
            access_token: session.token, token_type: "Bearer", expires_in: session.expiresIn,
            scope: session.principal.clientScopes.map(\.rawValue).sorted().joined(separator: " ")))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func oauthError(_ status: HTTPResponse.Status, _ code: String, _ description: String) -> Response {
        let json = "{\"error\":\"\(code)\",\"error_description\":\"\(description)\"}"
        return JSONResponse.raw(json, status: status)
    }

    @Sendable func createUser(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.has(.userAdmin) else { throw APIError.forbidden("creating users needs users:admin") }
        let data = Data(buffer: try await request.body.collect(upTo: 64 * 1024))
        let form = try JSON.decodeStrict(NewUser.self, from: data, allowedFields: ["username", "displayName", "password", "staffCode"])
        let user = try await access.createUser(username: form.username, displayName: form.displayName, password: form.password,
                                               staffCode: form.staffCode, by: principal, auditOrgID: principal.nodes(for: .userAdmin).first)
        return try JSONResponse.encode(Me(id: user.id, name: user.username, kind: "user", grants: [], permissions: [], examRegistrationId: nil), status: .created)
    }

    /// A role may be granted only at or below a node where the granting user administers users, and
    /// never a role stronger than the granter's own there.
    @Sendable func grant(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let userID = try context.parameters.require("id")
        let data = Data(buffer: try await request.body.collect(upTo: 64 * 1024))
        let form = try JSON.decodeStrict(NewGrant.self, from: data, allowedFields: ["role", "orgCode"])
        let database = access.database
        let orgID = try await database.read { db in
            try await db.raw("SELECT id FROM org_units WHERE code = \(bind: form.orgCode.uppercased())").first()?.decode(column: "id", as: String.self)
        }
        guard let orgID else {
            throw ValidationFailure(field: "orgCode", code: "org.unknown", message: "no node with code '\(form.orgCode)'")
        }
        let adminRoots = principal.nodes(for: .userAdmin)
        guard try await database.read({ db in try await OrgTree.isWithin(db, nodeID: orgID, roots: adminRoots) }) else {
            throw APIError.notFound
        }
        guard let target = try await access.loadPrincipal(id: userID) else { throw APIError.notFound }
        // What the role would let the grantee do there: an API client acts with its own scopes.
        let conferred = form.role == .apiClient ? target.clientScopes : form.role.permissions
        guard (form.role == .apiClient) == (target.kind == .client) else {
            throw ValidationFailure(field: "role", code: "role.wrongKind", message: "api_client is for API clients, the other roles for users")
        }
        guard conferred.isSubset(of: try await access.permissions(of: principal, at: orgID)) else {
            throw APIError.forbidden("you cannot grant, at that node, permissions you do not hold there")
        }
        try await access.grant(principalID: userID, role: form.role, orgID: orgID, by: principal,
                               detail: "\(form.role.rawValue) at \(form.orgCode.uppercased()) to \(target.name)")
        let updated = try await access.loadPrincipal(id: userID)!
        return try JSONResponse.encode(Me(id: updated.id, name: updated.name, kind: updated.kind.rawValue, grants: updated.grants,
                                          permissions: Permission.allCases.filter { updated.has($0) }.map(\.rawValue),
                                          examRegistrationId: updated.examRegistrationID))
    }
}
