import Foundation
import Platform
import SQLKit

/// Lookups of referenced records inside a write. A reference to a record that does not exist is a
/// validation error on the referencing field: nothing is written.
enum References {
    static func load<M: StoredModel>(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ type: M.Type,
                                     key: String) async throws -> (row: RecordRow, model: M)? {
        if let known = BatchReads.current?.answer(for: batchKey(resource, key), as: ((row: RecordRow, model: M)?).self) {
            return known
        }
        let read = { () async throws -> (row: RecordRow, model: M)? in
            guard let row = try await RecordStore.find(db, resource, naturalKey: key) else { return nil }
            return (row, try JSON.decoder.decode(M.self, from: Data(row.body.utf8)))
        }
        // In an import the same school is named by thousands of rows: decode it once.
        return try await ReferenceReadCache.remember(resource.name, key: cacheKey(key), read: read)
    }

    /// Reads with one statement those of `keys` that the import's `ReferenceReadCache` does not hold,
    /// into it, for `load` to find: for references that repeat over a file but are too many for one
    /// statement each (a province's teachers and classes, named by its teaching assignments).
    static func warm<M: StoredModel>(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ type: M.Type,
                                     keys: [String]) async throws {
        guard let cache = ReferenceReadCache.current else { return }
        let missing = Array(Set(keys.filter { !cache.knows(resource.name, key: cacheKey($0)) }))
        guard !missing.isEmpty else { return }
        let rows = try await RecordStore.find(db, resource, naturalKeys: missing)
        for key in missing {
            let answer: (row: RecordRow, model: M)? = try rows[key].map { ($0, try model($0, as: M.self)) }
            cache.store(resource.name, key: cacheKey(key), answer: answer)
        }
    }

    private static func cacheKey(_ key: String) -> String { "model\u{1}" + key }

    /// A referenced record the caller may see; one it cannot see is reported exactly like one that
    /// does not exist, so a reference never reveals another school's data.
    static func visible<M: StoredModel>(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ type: M.Type, key: String,
                                        principal: Principal, permission: Permission = .registryRead) async throws -> (row: RecordRow, model: M)? {
        guard let found = try await load(db, resource, type, key: key) else { return nil }
        let visible = if let known = BatchReads.current?.answer(for: visibilityKey(resource, found.row.id, permission), as: Bool.self) {
            known
        } else {
            try await RecordStore.isVisible(db, resource, id: found.row.id, roots: principal.nodes(for: permission))
        }
        return visible ? found : nil
    }

    /// Reads the records of `resource` under `keys`, and whether `principal` (when given) may see
    /// each, with a few statements for a whole batch (`ResourceSpec.prefetch`): `load` and `visible`
    /// then answer from `reads`. Returns the records found, by key.
    @discardableResult
    static func preload<M: StoredModel>(_ db: any SQLDatabase, _ resource: ResourceDescriptor, _ type: M.Type, keys: [String],
                                        visibleTo principal: Principal? = nil, permission: Permission = .registryRead,
                                        into reads: BatchReads) async throws -> [String: (row: RecordRow, model: M)] {
        let rows = try await RecordStore.find(db, resource, naturalKeys: Array(Set(keys)))
        var found: [String: (row: RecordRow, model: M)] = [:]
        for (key, row) in rows { found[key] = (row, try model(row, as: M.self)) }
        for key in keys { reads.set(found[key], for: batchKey(resource, key)) }
        guard let principal else { return found }
        let visible = try await RecordStore.visibleIDs(db, resource, ids: rows.values.map(\.id), roots: principal.nodes(for: permission))
        for row in rows.values { reads.set(visible.contains(row.id), for: visibilityKey(resource, row.id, permission)) }
        return found
    }

    private static func batchKey(_ resource: ResourceDescriptor, _ key: String) -> String {
        "record\u{1}" + resource.name + "\u{1}" + key
    }

    private static func visibilityKey(_ resource: ResourceDescriptor, _ id: String, _ permission: Permission) -> String {
        "visible\u{1}" + resource.name + "\u{1}" + permission.rawValue + "\u{1}" + id
    }

    /// The school a new record will belong to, which the caller must be allowed to write at: 404
    /// otherwise, before any other rule can say something about that school's data.
    static func writableSchool(_ db: any SQLDatabase, code: String, principal: Principal,
                               field: String) async throws -> (row: RecordRow, model: School) {
        var errors = ValidationCollector()
        let school = try await writableSchool(db, code: code, principal: principal, field: field, into: &errors)
        try errors.check()
        return school!
    }

    /// The school, or nil with an unknown school added to `errors` beside the record's other
    /// problems, so that one answer (one line of an import's report) names all of them. A school
    /// outside the caller's scope stops the write at once, answered as not found whatever else is wrong.
    static func writableSchool(_ db: any SQLDatabase, code: String, principal: Principal, field: String,
                               into errors: inout ValidationCollector) async throws -> (row: RecordRow, model: School)? {
        guard let school = try await load(db, School.resource, School.self, key: code) else {
            errors.add(field, "school.unknown", "no school with code '\(code)'")
            return nil
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
