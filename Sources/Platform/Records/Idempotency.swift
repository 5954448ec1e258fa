import Crypto
import Foundation
import SQLKit

/// `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): a client on a poor connection may send
/// the same POST again; the first response is replayed instead of writing twice. The key is stored in
/// the same transaction as the write, so either both exist or neither does.
public enum Idempotency {
    public struct Stored: Sendable {
        public let status: Int
        public let body: String
        public let etag: String?

        public init(status: Int, body: String, etag: String?) {
            self.status = status
            self.body = body
            self.etag = etag
        }
    }

    public static func requestHash(method: String, path: String, body: Data) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(method) \(path)\n".utf8))
        hasher.update(data: body)
        return Tokens.hex(hasher.finalize())
    }

    /// The stored response for this key, nil if unseen; throws when the key was used for another request.
    public static func lookup(_ db: any SQLDatabase, principalID: String, key: String, hash: String) async throws -> Stored? {
        guard let row = try await db.raw("""
            SELECT request_hash, status, body, etag FROM idempotency_keys
            WHERE principal_id = \(bind: principalID) AND idem_key = \(bind: key)
            """).first() else { return nil }
        guard try row.decode(column: "request_hash", as: String.self) == hash else { throw APIError.idempotencyKeyReused }
        return Stored(status: try row.decode(column: "status", as: Int.self),
                      body: try row.decode(column: "body", as: String.self),
                      etag: try row.decode(column: "etag", as: String?.self))
    }

    public static func save(_ db: any SQLDatabase, principalID: String, key: String, hash: String, response: Stored) async throws {
        try await db.raw("""
            INSERT INTO idempotency_keys (principal_id, idem_key, request_hash, status, body, etag, created_at)
            VALUES (\(bind: principalID), \(bind: key), \(bind: hash), \(bind: response.status), \(bind: response.body),
                    \(bind: response.etag), \(bind: Clock.timestamp()))
            """).run()
    }
}
