import Foundation
import Platform
import SQLKit

/// Writes a citizen ID confirmed by a person (the identity review queue) onto a learner's or staff
/// member's record, through the same rules, scope checks, change feed and audit log as the API:
/// the ID must agree with the record's sex and birth year, and the caller must be allowed to
/// change the record's identity.
public struct CitizenIDWriter: Sendable {
    public enum Table: String, Sendable {
        case learners, staff
    }

    let registry: RegistryService

    public init(database: any Database) {
        registry = RegistryService(database: database)
    }

    /// Sets the record's citizen ID, inside the caller's transaction. Nil when there is no such record.
    public func write(_ table: Table, recordID: String, citizenID: String, principal: Principal, db: any SQLDatabase) async throws -> RecordRow? {
        guard let row = try await db.raw("SELECT body FROM \(unsafeRaw: table.rawValue) WHERE id = \(bind: recordID)").first(),
              var document = try JSONSerialization.jsonObject(with: Data(try row.decode(column: "body", as: String.self).utf8)) as? [String: Any]
        else { return nil }
        document["citizenId"] = citizenID
        let body = try JSONSerialization.data(withJSONObject: document)
        switch table {
        case .learners: return try await registry.learners.write(body: body, principal: principal, db: db).row
        case .staff: return try await registry.staff.write(body: body, principal: principal, db: db).row
        }
    }
}
