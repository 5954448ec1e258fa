import Foundation
import Platform
import SQLKit

/// Lookups of referenced records inside a write. A reference to a record that does not exist is a
/// validation error on the referencing field: nothing is written.
enum References {
    static func load<M: StoredModel>(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ type: M.Type,
                                     key: String) async throws -> (row: RecordRow, model: M)? {
        let read = { () async throws -> (row: RecordRow, model: M)? in
            guard let row = try await RecordStore.find(db, resource, naturalKey: key) else { return nil }
            return (row, try JSON.decoder.decode(M.self, from: Data(row.body.utf8)))
        }
        // In an import the same school is named by thousands of rows: decode it once.
        guard let cache = ReferenceReadCache.current else { return try await read() }
        return try await cache.remember(resource.name, key: "model\u{1}" + key, read: read)
    }

    /// A referenced record the caller may see; one it cannot see is reported exactly like one that
    /// does not exist, so a reference never reveals another school's data.
    static func visible<M: StoredModel>(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ type: M.Type, key: String,
                                        principal: Principal, permission: Permission = .registryRead) async throws -> (row: RecordRow, model: M)? {
        guard let found = try await load(db, resource, type, key: key),
              try await RecordStore.isVisible(db, resource, id: found.row.id, roots: principal.nodes(for: permission))
        else { return nil }
        return found
    }

    /// The school a new record will belong to, which the caller must be allowed to write at: 404
    /// otherwise, before any other rule can say something about that school's data.
    static func writableSchool(_ db: any SQLDatabase, code: String, principal: Principal,
                               field: String) async throws -> (row: RecordRow, model: School) {
        guard let school = try await load(db, School.resource, School.self, key: code) else {
            throw ValidationFailure(field: field, code: "school.unknown", message: "no school with code '\(code)'")
        }
        guard try await OrgTree.isWithin(db, nodeID: school.row.id, roots: principal.nodes(for: .registryWrite)) else {
            throw APIError.notFound
        }
        return school
    }

    static func model<M: StoredModel>(_ row: RecordRow, as type: M.Type) throws -> M {
        try JSON.decoder.decode(M.self, from: Data(row.body.utf8))
    }
}
