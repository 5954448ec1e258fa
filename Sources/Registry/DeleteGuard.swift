import Platform
import SQLKit

/// Deleting a record that others still point at would leave them dangling: refuse with 409 and say
/// what refers to it. Records that end in the normal course of things (an enrolment, a transfer) use
/// their lifecycle instead of a delete.
enum DeleteGuard {
    static func refuseIfReferenced(_ db: any SQLDatabase, _ row: RecordRow, by references: [(table: String, column: String)]) async throws {
        for reference in references {
            let hit = try await db.raw("""
                SELECT 1 AS hit FROM \(ident: reference.table) WHERE \(ident: reference.column) = \(bind: row.id) LIMIT 1
                """).first()
            if hit != nil {
                throw APIError.conflict(field: nil, code: "delete.referenced",
                                        "\(row.naturalKey) is still referred to by \(reference.table.replacingOccurrences(of: "_", with: "-")); end or move those first")
            }
        }
    }
}
