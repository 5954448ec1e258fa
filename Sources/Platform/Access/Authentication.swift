import Foundation
import HummingbirdBcrypt
import Logging
import NIOConcurrencyHelpers
import SQLKit

/// Users, API clients, sessions and bearer tokens.
public struct AccessStore: Sendable {
    public let database: any Database
    /// Browser sessions last a working day; OAuth bearer tokens 1800 s, as Ed-Fi does.
    public static let sessionLifetime: TimeInterval = 8 * 3600
    public static let bearerLifetime: TimeInterval = 1800
    /// bcrypt cost: ~50 ms a sign-in on this hardware.
    static let bcryptCost: UInt8 = 10
    private let cache = PrincipalCache()
    /// Shared by every way of signing in (API, web form, OAuth token).
    let limiter: SignInLimiter

    public init(database: any Database, limiter: SignInLimiter = SignInLimiter()) {
        self.database = database
        self.limiter = limiter
    }

    public enum SignInOutcome: Sendable {
        case signedIn(Session)
        case refused
        case tooManyAttempts(retryAfter: Int)
    }

    /// Signs a user in, counting the attempt against the limits of the username and the address.
    public func signIn(username: String, password: String, from address: String) async throws -> SignInOutcome {
        try await limited(username, address) { try await signIn(username: username, password: password) }
    }

    /// OAuth2 client credentials, limited like a sign-in.
    public func issueToken(clientID: String, clientSecret: String, from address: String) async throws -> SignInOutcome {
        try await limited(clientID, address) { try await issueToken(clientID: clientID, clientSecret: clientSecret) }
    }

    private func limited(_ name: String, _ address: String, _ attempt: () async throws -> Session?) async throws -> SignInOutcome {
        if let wait = limiter.begin(username: name, address: address) { return .tooManyAttempts(retryAfter: wait) }
        guard let session = try await attempt() else { return .refused }
        limiter.succeeded(username: name, address: address)
        return .signedIn(session)
    }

    // MARK: users and clients

    public struct UserSummary: Sendable, Codable {
        public let id: String
        public let username: String
        public let displayName: String
    }

    public func createUser(username: String, displayName: String, password: String, staffCode: String? = nil,
                           by creator: Principal? = nil, auditOrgID: String? = nil) async throws -> UserSummary {
        let staffCode = staffCode?.trimmingCharacters(in: .whitespaces).uppercased()
        if let staffCode, staffCode.range(of: "^[A-Z0-9._-]{1,40}$", options: .regularExpression) == nil {
            throw ValidationFailure(field: "staffCode", code: "staffCode.invalid", message: "a sector staff code: letters, digits, . _ -")
        }
        let trimmed = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard trimmed.range(of: "^[a-z0-9._-]{3,64}$", options: .regularExpression) != nil else {
            throw ValidationFailure(field: "username", code: "username.invalid",
                                    message: "3–64 characters: lower-case letters, digits, dot, dash or underscore")
        }
        guard password.count >= 10 else {
            throw ValidationFailure(field: "password", code: "password.tooShort", message: "at least 10 characters")
        }
        let hash = try await ParallelChunks.offloaded { Bcrypt.hash(password, cost: Self.bcryptCost) }
        let id = UUIDv7.make()
        try await database.transaction { db in
            if try await db.raw("SELECT id FROM users WHERE username = \(bind: trimmed)").first() != nil {
                throw APIError.conflict(field: "/username", code: "username.taken", "the username '\(trimmed)' is taken")
            }
            // One account per member of staff: a second account under someone's staff code could
            // approve in their name (a homeroom teacher's approval of year records, for one).
            if let staffCode, try await db.raw("SELECT id FROM users WHERE staff_code = \(bind: staffCode)").first() != nil {
                throw APIError.conflict(field: "/staffCode", code: "staffCode.taken", "the staff code \(staffCode) already has an account")
            }
            try await db.raw("""
                INSERT INTO users (id, username, display_name, password_hash, disabled, created_at, staff_code)
                VALUES (\(bind: id), \(bind: trimmed), \(bind: displayName), \(bind: hash), 0, \(bind: Clock.timestamp()), \(bind: staffCode))
                """).run()
            try await AuditLog.record(db, principal: creator, action: .create, resource: "users", recordID: id,
                                      orgID: auditOrgID, detail: "user \(trimmed)")
        }
        return UserSummary(id: id, username: trimmed, displayName: displayName)
    }

    /// A password made for someone to be handed on paper: 12 letters and digits without the ones
    /// easily confused (0/o, 1/l/i), about 58 bits; bcrypt-hashed off the event loop.
    public struct IssuedPassword: Sendable {
        public let text: String
        let hash: String
    }

    public static func issuePassword() async throws -> IssuedPassword {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return try await password(String((0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }))
    }

    /// A password chosen elsewhere (the demo's published one), hashed.
    public static func password(_ text: String) async throws -> IssuedPassword {
        IssuedPassword(text: text, hash: try await ParallelChunks.offloaded { Bcrypt.hash(text, cost: bcryptCost) })
    }

    /// Sets up the account of a graduation-exam candidate inside the caller's transaction: the
    /// username is the citizen ID, the password `password`, and the account stands for
    /// `registrationID`. Issuing again (a later season, a forgotten password) sets the new password,
    /// points the account at the new registration and ends its open sessions. A username taken by
    /// an account that is not a candidate's is refused.
    public static func setCandidateAccount(_ db: any SQLDatabase, citizenID: String, displayName: String, registrationID: String,
                                           password: IssuedPassword, by issuer: Principal, auditOrgID: String?) async throws {
        let existing = try await db.raw("SELECT id, exam_registration_id FROM users WHERE username = \(bind: citizenID)").first()
        if let existing {
            let id = try existing.decode(column: "id", as: String.self)
            guard try existing.decode(column: "exam_registration_id", as: String?.self) != nil else {
                throw APIError.conflict(field: nil, code: "candidateAccount.usernameTaken",
                                        "the username \(citizenID) belongs to an account that is not a candidate's")
            }
            try await db.raw("""
                UPDATE users SET password_hash = \(bind: password.hash), display_name = \(bind: displayName),
                    exam_registration_id = \(bind: registrationID), disabled = 0
                WHERE id = \(bind: id)
                """).run()
            try await db.raw("DELETE FROM sessions WHERE principal_id = \(bind: id)").run()
            try await AuditLog.record(db, principal: issuer, action: .update, resource: "users", recordID: id, orgID: auditOrgID,
                                      detail: "candidate account reissued for registration \(registrationID)")
        } else {
            let id = UUIDv7.make()
            try await db.raw("""
                INSERT INTO users (id, username, display_name, password_hash, disabled, created_at, exam_registration_id)
                VALUES (\(bind: id), \(bind: citizenID), \(bind: displayName), \(bind: password.hash), 0, \(bind: Clock.timestamp()),
                        \(bind: registrationID))
                """).run()
            try await AuditLog.record(db, principal: issuer, action: .create, resource: "users", recordID: id, orgID: auditOrgID,
                                      detail: "candidate account for registration \(registrationID)")
        }
    }

    /// Grants `role` at the node `orgID`, and writes the audit entry in the same transaction.
    public func grant(principalID: String, role: Role, orgID: String, by granter: Principal? = nil, detail: String = "") async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO grants (principal_id, role, org_id, created_at)
                VALUES (\(bind: principalID), \(bind: role.rawValue), \(bind: orgID), \(bind: Clock.timestamp()))
                ON CONFLICT (principal_id, role, org_id) DO NOTHING
                """).run()
            try await AuditLog.record(db, principal: granter, action: .grant, resource: "users", recordID: principalID,
                                      orgID: orgID, detail: detail.isEmpty ? role.rawValue : detail)
        }
        cache.clear()
    }

    /// The permissions `principal` holds at `orgID`: those of its grants at that node or above it.
    public func permissions(of principal: Principal, at orgID: String) async throws -> Set<Permission> {
        var held = Set<Permission>()
        for permission in Permission.allCases {
            let roots = principal.nodes(for: permission)
            if try await database.read({ db in try await OrgTree.isWithin(db, nodeID: orgID, roots: roots) }) {
                held.insert(permission)
            }
        }
        return held
    }

    public func userID(username: String) async throws -> String? {
        try await database.read { db in
            try await db.raw("SELECT id FROM users WHERE username = \(bind: username.lowercased())").first()?
                .decode(column: "id", as: String.self)
        }
    }

    public struct ClientCredentials: Sendable, Codable {
        public let clientID: String
        public let clientSecret: String
        public let principalID: String
    }

    /// Creates API credentials for school software. The secret is shown once and stored hashed.
    public func createClient(name: String, scopes: Set<Permission>) async throws -> ClientCredentials {
        let principalID = UUIDv7.make()
        let clientID = "nemis-" + Tokens.random(bytes: 9).lowercased()
        let secret = Tokens.random()
        let scopeText = scopes.map(\.rawValue).sorted().joined(separator: " ")
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO api_clients (id, client_id, name, secret_hash, scopes, disabled, created_at)
                VALUES (\(bind: principalID), \(bind: clientID), \(bind: name), \(bind: Tokens.digest(secret)),
                        \(bind: scopeText), 0, \(bind: Clock.timestamp()))
                """).run()
        }
        return ClientCredentials(clientID: clientID, clientSecret: secret, principalID: principalID)
    }

    // MARK: signing in

    public struct Session: Sendable {
        public let token: String
        public let csrfToken: String
        public let expiresIn: Int
        public let principal: Principal
    }

    /// Checks a password and opens a browser session. Returns nil for a wrong username or password
    /// (the caller cannot tell which).
    func signIn(username: String, password: String) async throws -> Session? {
        let row = try await database.read { db in
            try await db.raw("""
                SELECT id, password_hash, disabled FROM users WHERE username = \(bind: username.lowercased())
                """).first()
        }
        guard let row else {
            _ = try await ParallelChunks.offloaded { Bcrypt.verify(password, hash: Self.timingDummyHash) }  // same work as a real check
            return nil
        }
        let hash = try row.decode(column: "password_hash", as: String.self)
        let disabled = try row.decode(column: "disabled", as: Int.self)
        // bcrypt takes tens of milliseconds of CPU by design: off the event loops.
        guard try await ParallelChunks.offloaded({ Bcrypt.verify(password, hash: hash) }), disabled == 0 else { return nil }
        let id = try row.decode(column: "id", as: String.self)
        return try await openSession(principalID: id, kind: "session", lifetime: Self.sessionLifetime)
    }

    /// OAuth2 client credentials: returns a bearer token, or nil when the client is unknown or the secret wrong.
    func issueToken(clientID: String, clientSecret: String) async throws -> Session? {
        let row = try await database.read { db in
            try await db.raw("SELECT id, secret_hash, disabled FROM api_clients WHERE client_id = \(bind: clientID)").first()
        }
        guard let row,
              try row.decode(column: "secret_hash", as: String.self) == Tokens.digest(clientSecret),
              try row.decode(column: "disabled", as: Int.self) == 0
        else { return nil }
        let id = try row.decode(column: "id", as: String.self)
        return try await openSession(principalID: id, kind: "bearer", lifetime: Self.bearerLifetime)
    }

    private func openSession(principalID: String, kind: String, lifetime: TimeInterval) async throws -> Session? {
        let token = Tokens.random()
        let csrf = Tokens.random(bytes: 18)
        let expires = Clock.timestamp(Date().addingTimeInterval(lifetime))
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO sessions (token_hash, principal_id, kind, csrf_token, expires_at, created_at)
                VALUES (\(bind: Tokens.digest(token)), \(bind: principalID), \(bind: kind), \(bind: csrf),
                        \(bind: expires), \(bind: Clock.timestamp()))
                """).run()
        }
        guard let principal = try await loadPrincipal(id: principalID) else { return nil }
        return Session(token: token, csrfToken: csrf, expiresIn: Int(lifetime), principal: principal)
    }

    public func signOut(token: String) async throws {
        try await database.transaction { db in
            try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: Tokens.digest(token))").run()
        }
        cache.remove(Tokens.digest(token))
    }

    /// Resolves a session cookie or bearer token. `kind` is "session" or "bearer".
    public func principal(token: String, kind: String) async throws -> (Principal, csrf: String)? {
        let digest = Tokens.digest(token)
        if let cached = cache.get(digest, kind: kind) { return cached }
        // Read before the principal is loaded, so a move that happens meanwhile invalidates the entry.
        let treeGeneration = OrgTree.generation.load(ordering: .relaxed)
        let row = try await database.read { db in
            try await db.raw("""
                SELECT principal_id, csrf_token, expires_at FROM sessions
                WHERE token_hash = \(bind: digest) AND kind = \(bind: kind)
                """).first()
        }
        guard let row, try row.decode(column: "expires_at", as: String.self) > Clock.timestamp() else { return nil }
        guard let principal = try await loadPrincipal(id: try row.decode(column: "principal_id", as: String.self)) else {
            return nil
        }
        let csrf = try row.decode(column: "csrf_token", as: String.self)
        cache.put(digest, kind: kind, principal: principal, csrf: csrf, treeGeneration: treeGeneration)
        return (principal, csrf)
    }

    /// The principal with its reach expanded, for request handling.
    public func loadPrincipal(id: String) async throws -> Principal? {
        guard var principal = try await loadGrants(id: id) else { return nil }
        let readRoots = principal.nodes(for: .registryRead)
        let identityRoots = principal.nodes(for: .identityRead)
        // A root holder's reach is the whole tree: SQL short-circuits that case already.
        guard !OrgTree.includesRoot(readRoots) else { return principal }
        let (read, identity) = try await database.read { db in
            (try await OrgTree.descendants(db, of: readRoots), try await OrgTree.descendants(db, of: identityRoots))
        }
        // Very large reaches (a department of a big city) stay in SQL rather than in memory.
        if read.count <= Self.maximumReach {
            principal.readReach = read
            principal.identityReach = identity
        }
        return principal
    }

    static let maximumReach = 20_000

    private func loadGrants(id: String) async throws -> Principal? {
        try await database.read { db in
            let grants = try await db.raw("SELECT role, org_id FROM grants WHERE principal_id = \(bind: id)").all().compactMap { row -> Grant? in
                guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
                return Grant(role: role, orgID: try row.decode(column: "org_id", as: String.self))
            }
            if let user = try await db.raw("SELECT username, disabled, staff_code, exam_registration_id FROM users WHERE id = \(bind: id)").first() {
                guard try user.decode(column: "disabled", as: Int.self) == 0 else { return nil }
                var principal = Principal(id: id, name: try user.decode(column: "username", as: String.self), kind: .user, grants: grants)
                principal.staffCode = try user.decode(column: "staff_code", as: String?.self)
                principal.examRegistrationID = try user.decode(column: "exam_registration_id", as: String?.self)
                return principal
            }
            if let client = try await db.raw("SELECT client_id, scopes, disabled FROM api_clients WHERE id = \(bind: id)").first() {
                guard try client.decode(column: "disabled", as: Int.self) == 0 else { return nil }
                let scopes = Set(try client.decode(column: "scopes", as: String.self).split(separator: " ")
                    .compactMap { Permission(rawValue: String($0)) })
                return Principal(id: id, name: try client.decode(column: "client_id", as: String.self), kind: .client,
                                 grants: grants, clientScopes: scopes)
            }
            return nil
        }
    }

    static let timingDummyHash = Bcrypt.hash("timing-equaliser", cost: bcryptCost)

}

/// Resolved principals for a few seconds, so a busy API client does not pay three queries per request.
/// Grants change rarely; the short lifetime bounds how long a revoked grant lingers.
final class PrincipalCache: Sendable {
    private struct Entry { let principal: Principal; let csrf: String; let kind: String; let until: Date; let treeGeneration: Int }
    private let entries = NIOLockedValueBox<(cached: [String: Entry], revoked: [String: Date])>(([:], [:]))
    private let lifetime: TimeInterval = 5

    func get(_ digest: String, kind: String) -> (Principal, csrf: String)? {
        entries.withLockedValue { state in
            guard let entry = state.cached[digest], entry.kind == kind, entry.until > Date(),
                  entry.treeGeneration == OrgTree.generation.load(ordering: .relaxed) else { return nil }
            return (entry.principal, entry.csrf)
        }
    }

    func put(_ digest: String, kind: String, principal: Principal, csrf: String, treeGeneration: Int) {
        let now = Date()
        entries.withLockedValue { state in
            // A token signed out while it was being resolved must not come back from the cache.
            if let revokedAt = state.revoked[digest], now.timeIntervalSince(revokedAt) < lifetime { return }
            if state.cached.count > 1_000 {
                state.cached = state.cached.filter { $0.value.until > now }
                state.revoked = state.revoked.filter { now.timeIntervalSince($0.value) < lifetime }
            }
            state.cached[digest] = Entry(principal: principal, csrf: csrf, kind: kind, until: now.addingTimeInterval(lifetime),
                                         treeGeneration: treeGeneration)
        }
    }

    func remove(_ digest: String) {
        entries.withLockedValue { state in
            state.cached.removeValue(forKey: digest)
            state.revoked[digest] = Date()
        }
    }

    func clear() { entries.withLockedValue { $0.cached.removeAll() } }
}
