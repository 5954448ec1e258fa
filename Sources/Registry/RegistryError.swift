import Foundation
import Platform
import SQLKit

/// Lookups of referenced records inside a write. A reference to a record that does not exist is a
/// validation error on the referencing field: nothing is written.
enum References {
    static func load<M: StoredModel>(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ type: M.Type,
                                     key: String) async throws -> (row: RecordRow, model: M)? {
        guard let row = try await RecordStore.find(db, resource, naturalKey: key) else { return nil }
        return (row, try JSON.decoder.decode(M.self, from: Data(row.body.utf8)))
    }

    static func require<M: StoredModel>(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ type: M.Type, key: String,
                                        field: String, what: String) async throws -> (row: RecordRow, model: M) {
        guard let found = try await load(db, resource, type, key: key) else {
            throw ValidationFailure(field: field, code: "\(what).unknown", message: "no \(what) with code '\(key)'")
        }
        return found
    }

    static func model<M: StoredModel>(_ row: RecordRow, as type: M.Type) throws -> M {
        try JSON.decoder.decode(M.self, from: Data(row.body.utf8))
    }
}
