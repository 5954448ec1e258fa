import Foundation
import Platform
import SQLKit

/// Identity verification as the command line, the API and the web pages use it: runs over a node
/// of the tree, their history, the correction lists, the review queue and the rates. Every read
/// is limited to the caller's identity:read scope; starting runs and deciding proposals needs
/// identity:verify.
public struct IdentityVerificationService: Sendable {
    let database: any Database
    let store: VerificationStore
    let queue: ReviewQueue

    public init(database: any Database) {
        self.database = database
        store = VerificationStore(database: database)
        queue = ReviewQueue(database: database)
    }

    /// A node of the tree by its code: a school, a department (`SGD01`, or the province code `01`),
    /// or the ministry; nil code means the whole country.
    public func scope(code: String?) async throws -> (orgID: String, code: String) {
        try await database.read { db in
            let wanted = code?.trimmingCharacters(in: .whitespaces).uppercased()
            let candidates: [String] = if let wanted { [wanted, "SGD" + wanted] } else { [] }
            for candidate in candidates {
                if let row = try await db.raw("SELECT id, code FROM org_units WHERE code = \(bind: candidate)").first() {
                    return (try row.decode(column: "id", as: String.self), try row.decode(column: "code", as: String.self))
                }
            }
            if wanted == nil, let row = try await db.raw("SELECT id, code FROM org_units WHERE kind = 'ministry' LIMIT 1").first() {
                return (try row.decode(column: "id", as: String.self), try row.decode(column: "code", as: String.self))
            }
            throw APIError.malformed(field: "scope", "no school, department or province with code '\(code ?? "")'")
        }
    }

    /// The nodes where the principal may start a run, by code and name (the widest first).
    public func verifiableScopes(for principal: Principal) async throws -> [(code: String, name: String)] {
        let nodes = principal.nodes(for: .identityVerify)
        guard !nodes.isEmpty else { return [] }
        return try await database.read { db in
            try await db.raw("""
                SELECT code, name, kind FROM org_units WHERE id IN (\(binds: nodes))
                ORDER BY CASE kind WHEN 'ministry' THEN 0 WHEN 'department' THEN 1 ELSE 2 END, code
                """).all().map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "name", as: String.self)) }
        }
    }

    /// A run over the people under `scopeCode` for `principal`: the scope's unfinished run when
    /// there is one (queued again to resume, unless a live process is working on it), otherwise a
    /// new queued run.
    public func prepareRun(scopeCode: String?, principal: Principal) async throws -> (run: VerificationRun, resumed: Bool) {
        let scope = try await self.scope(code: scopeCode)
        guard try await database.read({ db in
            try await OrgTree.isWithin(db, nodeID: scope.orgID, roots: principal.nodes(for: .identityVerify))
        }) else {
            throw APIError.forbidden("verifying \(scope.code) needs the identity:verify permission there")
        }
        if let unfinished = try await store.unfinished(scopeOrgID: scope.orgID) {
            if unfinished.status == .failed { try await store.requeue(unfinished.id) }
            if unfinished.status == .running { try await store.requeueStale() }
            return (try await store.find(unfinished.id)!.run, true)
        }
        let now = Clock.timestamp()
        let run = VerificationRun(id: UUIDv7.make(), scopeCode: scope.code, status: .queued, source: nil, total: 0, done: 0,
                                  counts: [:], message: nil, settings: nil, createdAt: now, updatedAt: now)
        try await store.insert(run, scopeOrgID: scope.orgID, principalID: principal.id)
        return (run, false)
    }

    /// Takes a queued run for this process (see `VerificationStore.claim`); false when another
    /// process is working on it.
    public func claim(_ run: VerificationRun) async throws -> Bool {
        try await store.claim(run.id)
    }

    /// A run the principal may see: its scope lies within the principal's identity:read nodes.
    public func run(_ id: String, for principal: Principal) async throws -> VerificationRun? {
        guard let (run, scopeOrgID, _) = try await store.find(id) else { return nil }
        let visible = try await database.read { db in
            try await OrgTree.isWithin(db, nodeID: scopeOrgID, roots: principal.nodes(for: .identityRead))
        }
        return visible ? run : nil
    }

    /// The history of runs within the principal's scope, newest first.
    public func runs(for principal: Principal, limit: Int = 100) async throws -> [VerificationRun] {
        let roots = principal.nodes(for: .identityRead)
        guard !roots.isEmpty else { return [] }
        return try await store.list(visibleFrom: roots, limit: limit)
    }

    /// The correction list of the schools under `scopeCode` (a school's own list when it is a
    /// school), within the principal's identity:read scope.
    /// Every list of citizen IDs read is written to the audit log, like any read of identity data.
    public func corrections(scopeCode: String?, for principal: Principal) async throws -> [CorrectionLine] {
        let roots = try await readableRoots(scopeCode: scopeCode, principal: principal)
        return try await database.transaction { db in
            let lines = try await CheckRows.corrections(db, within: roots)
            try await AuditLog.record(db, principal: principal, action: .readSensitive, resource: "identity_checks", recordID: nil,
                                      orgID: roots.first, detail: "correction list of \(scopeCode ?? "the caller's scope"): \(lines.count) lines")
            return lines
        }
    }

    public func reviewQueue(scopeCode: String? = nil, for principal: Principal, limit: Int = 50, offset: Int = 0) async throws -> [IdentityReviewItem] {
        let roots = try await readableRoots(scopeCode: scopeCode, principal: principal)
        let items = try await queue.pending(within: roots, limit: limit, offset: offset)
        try await database.transaction { db in
            try await AuditLog.record(db, principal: principal, action: .readSensitive, resource: "identity_checks", recordID: nil,
                                      orgID: roots.first, detail: "review queue of \(scopeCode ?? "the caller's scope"): \(items.count) proposals")
        }
        return items
    }

    /// How many proposals wait within the principal's scope (no identity data: not audited).
    public func pendingReviewCount(for principal: Principal) async throws -> Int {
        try await queue.pendingCount(within: try await readableRoots(scopeCode: nil, principal: principal))
    }

    public func decide(kind: PersonKind, personID: String, _ decision: IdentityReviewDecision, principal: Principal) async throws -> IdentityReviewItem {
        try await queue.decide(kind: kind, personID: personID, decision, principal: principal)
    }

    public func rates(level: VerificationRate.Level, scopeCode: String? = nil, for principal: Principal) async throws -> [VerificationRate] {
        let roots = try await readableRoots(scopeCode: scopeCode, principal: principal)
        return try await database.read { db in try await VerificationRate.load(db, level: level, within: roots) }
    }

    /// The nodes to read under: the named scope if the principal may read identities there, else
    /// all the principal's identity:read nodes. 403 when it has none, 404 for a scope outside them.
    private func readableRoots(scopeCode: String?, principal: Principal) async throws -> [String] {
        let roots = principal.nodes(for: .identityRead)
        guard !roots.isEmpty else { throw APIError.forbidden("verification results need the identity:read permission") }
        guard let scopeCode, !scopeCode.isEmpty else { return roots }
        let scope = try await self.scope(code: scopeCode)
        guard try await database.read({ db in try await OrgTree.isWithin(db, nodeID: scope.orgID, roots: roots) }) else {
            throw APIError.notFound
        }
        return [scope.orgID]
    }
}
