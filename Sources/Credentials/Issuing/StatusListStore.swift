import DataIntegrity
import Foundation
import Platform
import SQLKit

/// One revocation list per school. Indexes are handed out at random, so a list reveals nothing about
/// the order in which credentials were issued; the list is published signed by the ministry's key,
/// which outlives every school key rotation.
struct StatusListStore {
    let publicBaseURL: String

    func url(of listID: String) -> String { "\(publicBaseURL)/api/v1/credentials/status-lists/\(listID)" }

    /// The school's list (created on first use) and a free index in it.
    func allocate(_ db: any SQLDatabase, orgID: String) async throws -> (listID: String, index: Int) {
        let listID: String
        if let row = try await db.raw("SELECT id FROM status_lists WHERE org_id = \(bind: orgID) AND purpose = 'revocation'").first() {
            listID = try row.decode(column: "id", as: String.self)
        } else {
            listID = UUIDv7.make()
            let empty = try StatusBitstring()
            try await db.raw("""
                INSERT INTO status_lists (id, org_id, purpose, bits, updated_at)
                VALUES (\(bind: listID), \(bind: orgID), 'revocation', \(bind: Data(empty.bytes).base64EncodedString()), \(bind: Clock.timestamp()))
                """).run()
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<64 {
            let index = Int.random(in: 0..<StatusBitstring.minimumBitCount, using: &generator)
            let taken = try await db.raw("""
                SELECT 1 AS hit FROM issued_credentials WHERE status_list_id = \(bind: listID) AND status_index = \(bind: index)
                """).first()
            if taken == nil { return (listID, index) }
        }
        throw APIError.conflict(field: nil, code: "statusList.full", "the school's status list has no free index left")
    }

    /// The list's bits are derived from the records' states whenever it is published, so two
    /// revocations committed at once can never overwrite each other's bit. (The `bits` column keeps the
    /// empty list written at creation; it is not read.)
    func bitstring(_ db: any SQLDatabase, listID: String) async throws -> StatusBitstring {
        guard try await db.raw("SELECT 1 AS hit FROM status_lists WHERE id = \(bind: listID)").first() != nil else { throw APIError.notFound }
        var bits = try StatusBitstring()
        for row in try await db.raw("""
            SELECT status_index FROM issued_credentials WHERE status_list_id = \(bind: listID) AND state = 'revoked'
            """).all() {
            try bits.setBit(at: try row.decode(column: "status_index", as: Int.self), to: true)
        }
        return bits
    }

    /// The list as a signed BitstringStatusListCredential.
    func published(_ db: any SQLDatabase, listID: String, ministry: IssuerKey) async throws -> JSONValue {
        let document = StatusListCredential.build(id: url(of: listID), issuer: ministry.did, bitstring: try await bitstring(db, listID: listID),
                                                  validFrom: Date())
        return try CredentialSigner.sign(document, with: ministry, created: Date())
    }

    func entry(listID: String, index: Int) -> BitstringStatusListEntry {
        BitstringStatusListEntry(id: "\(url(of: listID))#\(index)", statusPurpose: "revocation", statusListIndex: index,
                                 statusListCredential: url(of: listID))
    }
}
