import Crypto
import DataIntegrity
import Foundation
import Platform
import SQLKit

/// Schools' and the ministry's signing keys: created sealed, rotated by dating the old key out, and
/// listed for the issuer registry.
struct SigningKeyStore {
    /// Nil when the server has no key-encryption key (PostgreSQL without NEMIS_KEY_ENCRYPTION_KEY):
    /// then no key can be created or opened, and the answer says how to configure one.
    let configuredVault: KeyVault?

    var vault: KeyVault {
        get throws {
            guard let configuredVault else {
                throw APIError.conflict(field: nil, code: "credentials.noKeyEncryptionKey",
                                        "this server has no key-encryption key: set NEMIS_KEY_ENCRYPTION_KEY (32 bytes, base64)")
            }
            return configuredVault
        }
    }

    struct StoredKey: Sendable {
        let id: String
        let orgID: String
        let did: String
        let validFrom: Date
        let validUntil: Date?
        let revokedAt: Date?
        let revocationReason: String?
    }

    /// A new key for `orgID`; the key in use until now stays valid for what it signed before.
    func create(_ db: any SQLDatabase, orgID: String, role: IssuerKey.Role, at now: Date = Date()) async throws -> StoredKey {
        let key = IssuerKey.generate(role: role)
        let id = UUIDv7.make()
        let stamp = DateTimeStamp.format(now)
        try await db.raw("""
            UPDATE signing_keys SET valid_until = \(bind: stamp)
            WHERE org_id = \(bind: orgID) AND valid_until IS NULL AND revoked_at IS NULL
            """).run()
        try await db.raw("""
            INSERT INTO signing_keys (id, org_id, role, did, sealed_secret, valid_from, created_at)
            VALUES (\(bind: id), \(bind: orgID), \(bind: role.rawValue), \(bind: key.did),
                    \(bind: try vault.seal(key.privateKey.rawRepresentation, boundTo: id)), \(bind: stamp), \(bind: Clock.timestamp()))
            """).run()
        return StoredKey(id: id, orgID: orgID, did: key.did, validFrom: now, validUntil: nil, revokedAt: nil, revocationReason: nil)
    }

    /// The key `orgID` signs with now, opened.
    func activeKey(_ db: any SQLDatabase, orgID: String, role: IssuerKey.Role) async throws -> IssuerKey? {
        guard let row = try await db.raw("""
            SELECT id, sealed_secret FROM signing_keys
            WHERE org_id = \(bind: orgID) AND role = \(bind: role.rawValue) AND valid_until IS NULL AND revoked_at IS NULL
            ORDER BY valid_from DESC LIMIT 1
            """).first() else { return nil }
        let secret = try vault.unseal(try row.decode(column: "sealed_secret", as: String.self), boundTo: try row.decode(column: "id", as: String.self))
        return IssuerKey(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: secret), role: role)
    }

    /// The opened key whose DID is `did` (for re-signing a status list with the key that owns it).
    func key(_ db: any SQLDatabase, did: String, role: IssuerKey.Role) async throws -> IssuerKey? {
        guard let row = try await db.raw("SELECT id, sealed_secret FROM signing_keys WHERE did = \(bind: did)").first() else { return nil }
        let secret = try vault.unseal(try row.decode(column: "sealed_secret", as: String.self), boundTo: try row.decode(column: "id", as: String.self))
        return IssuerKey(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: secret), role: role)
    }

    /// Creates the ministry's key if there is none; run once at start-up (one process, before any
    /// request), so requests only ever read it.
    func ensureMinistryKey(_ db: any SQLDatabase) async throws {
        guard configuredVault != nil else { return }
        let ministry = try await ministryID(db)
        if try await activeKey(db, orgID: ministry, role: .ministry) == nil {
            _ = try await create(db, orgID: ministry, role: .ministry)
        }
    }

    /// The ministry's key, which signs the issuer registry and the status lists.
    func ministryKey(_ db: any SQLDatabase) async throws -> IssuerKey {
        guard let key = try await activeKey(db, orgID: try await ministryID(db), role: .ministry) else {
            _ = try vault  // says how to configure one when there is no key-encryption key
            throw APIError.conflict(field: nil, code: "credentials.noMinistryKey", "the ministry's signing key has not been created")
        }
        return key
    }

    private func ministryID(_ db: any SQLDatabase) async throws -> String {
        try await db.raw("SELECT id FROM org_units WHERE kind = 'ministry'").first()!.decode(column: "id", as: String.self)
    }

    func keys(_ db: any SQLDatabase, orgID: String) async throws -> [StoredKey] {
        try await db.raw("""
            SELECT id, org_id, did, valid_from, valid_until, revoked_at, revocation_reason FROM signing_keys
            WHERE org_id = \(bind: orgID) ORDER BY valid_from
            """).all().map(Self.stored)
    }

    /// Every school with its keys, for the registry the ministry signs.
    func registrySchools(_ db: any SQLDatabase) async throws -> [RegisteredSchool] {
        var bySchool: [String: (code: String, name: String, keys: [RegisteredKey])] = [:]
        for row in try await db.raw("""
            SELECT k.id, k.org_id, k.did, k.valid_from, k.valid_until, k.revoked_at, k.revocation_reason, o.code, o.name
            FROM signing_keys k JOIN org_units o ON o.id = k.org_id WHERE k.role = 'school' ORDER BY o.code, k.valid_from
            """).all() {
            let key = try Self.stored(row)
            let code = try row.decode(column: "code", as: String.self)
            let name = try row.decode(column: "name", as: String.self)
            bySchool[code, default: (code, name, [])].keys.append(
                RegisteredKey(did: key.did, validFrom: key.validFrom, validUntil: key.validUntil, revokedAt: key.revokedAt,
                              revocationReason: key.revocationReason))
        }
        return bySchool.values.sorted { $0.code < $1.code }.map { RegisteredSchool(sectorCode: $0.code, name: $0.name, keys: $0.keys) }
    }

    private static func stored(_ row: any SQLRow) throws -> StoredKey {
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: String?.self).flatMap(DateTimeStamp.parse) }
        return StoredKey(id: try row.decode(column: "id", as: String.self), orgID: try row.decode(column: "org_id", as: String.self),
                         did: try row.decode(column: "did", as: String.self), validFrom: try date("valid_from") ?? Date.distantPast,
                         validUntil: try date("valid_until"), revokedAt: try date("revoked_at"),
                         revocationReason: try row.decode(column: "revocation_reason", as: String?.self))
    }
}
