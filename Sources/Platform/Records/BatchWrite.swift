import Foundation
import SQLKit

/// A record that passed its resource's rules and the caller's scope, not yet stored.
struct PreparedRecord {
    let draft: RecordDraft
    /// Changes of attribute keys (a corrected citizen ID) to publish in the change feed.
    let keyChanges: [KeyChange]

    /// A write that would store what is stored already makes no new version and no feed entry.
    func isUnchanged(from row: RecordRow) -> Bool {
        row.body == draft.body && row.orgID == draft.orgID
    }

    var auditDetail: String { keyChanges.map { "changed \($0.field)" }.joined(separator: "; ") }

    func publishKeyChanges(_ db: any SQLDatabase, resource: String) async throws {
        for change in keyChanges {
            try await ChangeFeed.appendKeyChange(db, resource: resource, recordID: draft.id, orgID: draft.orgID,
                                                 naturalKey: draft.naturalKey, change: change)
        }
    }
}

/// What became of one record of a batch write.
public enum BatchWriteOutcome: Sendable {
    case written(created: Bool, changed: Bool)
    /// The record broke a rule: nothing of it is stored, and the error says why (see `WriteFailureDetails`).
    case refused(any Error)
    /// The caller must write this record on its own with `write(body:principal:db:)`: it has no key
    /// yet (one is issued as it is written), its key came earlier in the same batch, its resource's
    /// rules write (`ResourceSpec.rulesWrite`), or the batch's statements failed (a key taken by
    /// another record) and each record must find out why.
    case writeAlone
}

/// A body for a batch write, decoded as the API decodes it (unknown fields refused). Decoding needs no
/// database, so an import does it on its reader's thread while the writer stores the batch before.
public struct BatchBody: Sendable {
    fileprivate let decoded: Result<any StoredModel, any Error>
}

extension ResourceController {
    public func batchBody(_ body: Data) -> BatchBody {
        BatchBody(decoded: Result {
            var model = try JSON.decodeStrict(Model.self, from: body, allowedFields: spec.allowedFields)
            model.id = nil
            return model
        })
    }

    /// Writes many records, each decoded as the API decodes it and checked by the same rules as
    /// `write`, with a few statements for the whole batch instead of ten for each record: the stored
    /// records, change-feed entries and audit entries are those `write` makes one at a time.
    ///
    /// It runs inside the caller's transaction and leaves nothing behind when it throws. A record's
    /// own refusal does not stop the others. Bind a `ReferenceReadCache` around it so the references
    /// the rules look up are read once per import rather than once per record; those that differ on
    /// every row (an enrolment's learner) the resource's `prefetch` reads once per batch.
    public func writeBatch(_ bodies: [BatchBody], principal: Principal, db: any SQLDatabase) async throws -> [BatchWriteOutcome] {
        var outcomes = [BatchWriteOutcome](repeating: .writeAlone, count: bodies.count)
        if spec.rulesWrite { return outcomes }
        var keyed: [(index: Int, model: Model, key: String)] = []
        var keys = Set<String>()
        for (index, body) in bodies.enumerated() {
            do {
                // A body decoded as another resource is left to `write`, which decodes it as this one.
                guard let model = try body.decoded.get() as? Model,
                      let key = try? spec.naturalKey(model), keys.insert(key).inserted else { continue }
                keyed.append((index, model, key))
            } catch {
                outcomes[index] = .refused(error)
            }
        }
        let existing = try await RecordStore.find(db, spec.descriptor, naturalKeys: keyed.map(\.key))
        let reads = BatchReads()
        try await spec.prefetch?(keyed.map(\.model), db, principal, reads)
        let ruled = try await BatchReads.$current.withValue(reads) {
            try await prepareAll(keyed, existing: existing, principal: principal, db: db)
        }
        var inserts: [PreparedRecord] = [], insertIndices: [Int] = []
        var updates: [(record: PreparedRecord, previous: RecordRow, index: Int)] = []
        for (index, result) in ruled {
            switch result {
            case .unchanged: outcomes[index] = .written(created: false, changed: false)
            case .refused(let error): outcomes[index] = .refused(error)
            case .insert(let record):
                inserts.append(record)
                insertIndices.append(index)
            case .update(let record, let previous): updates.append((record, previous, index))
            }
        }
        guard !inserts.isEmpty || !updates.isEmpty else { return outcomes }
        if try await store(inserts: inserts, updates: updates, principal: principal, db: db) {
            for index in insertIndices { outcomes[index] = .written(created: true, changed: true) }
            for update in updates { outcomes[update.index] = .written(created: false, changed: true) }
        }
        return outcomes
    }

    private enum Ruled {
        case unchanged, insert(PreparedRecord), update(PreparedRecord, previous: RecordRow), refused(any Error)
    }

    /// Each record through the caller's scope and the resource's rules, in the batch's order.
    private func prepareAll(_ keyed: [(index: Int, model: Model, key: String)], existing: [String: RecordRow],
                            principal: Principal, db: any SQLDatabase) async throws -> [(index: Int, result: Ruled)] {
        var ruled: [(index: Int, result: Ruled)] = []
        ruled.reserveCapacity(keyed.count)
        for item in keyed {
            let previous = existing[item.key]
            do {
                let record = try await prepareRecord(item.model, key: item.key, existingRow: previous, principal: principal,
                                                     ifMatch: nil, db: db)
                if let previous {
                    ruled.append((item.index, record.isUnchanged(from: previous) ? .unchanged : .update(record, previous: previous)))
                } else {
                    ruled.append((item.index, .insert(record)))
                }
            } catch {
                // The rules only read: a refused record has written nothing. Anything but a refusal
                // (a lost connection) stops the caller's transaction.
                guard WriteFailureDetails.fieldErrors(error) != nil else { throw error }
                ruled.append((item.index, .refused(error)))
            }
        }
        return ruled
    }

    /// Stores a batch's new and changed records inside a savepoint; false, with nothing stored, when
    /// a statement was refused (on PostgreSQL a refused statement spoils the transaction until the
    /// savepoint is rolled back).
    private func store(inserts: [PreparedRecord], updates: [(record: PreparedRecord, previous: RecordRow, index: Int)],
                       principal: Principal, db: any SQLDatabase) async throws -> Bool {
        let resource = spec.descriptor
        try await db.raw("SAVEPOINT batch_write").run()
        do {
            let inserted = try await RecordStore.insertAll(db, resource, inserts.map(\.draft))
            var audit = zip(inserts, inserted).map { record, row in
                AuditLog.NewEntry(principal: principal, action: .create, resource: resource.name, recordID: row.id,
                                  orgID: row.orgID, detail: record.auditDetail)
            }
            for (record, previous, _) in updates {
                let row = try await RecordStore.update(db, resource, record.draft, previous: previous)
                audit.append(AuditLog.NewEntry(principal: principal, action: .update, resource: resource.name, recordID: row.id,
                                               orgID: row.orgID, detail: record.auditDetail))
            }
            for record in inserts + updates.map(\.record) { try await record.publishKeyChanges(db, resource: resource.name) }
            for chunk in audit.batches(of: RecordStore.rowsPerStatement) {
                try await AuditLog.insert(db, Array(chunk))
            }
            try await db.raw("RELEASE SAVEPOINT batch_write").run()
            return true
        } catch {
            guard WriteFailureDetails.fieldErrors(error) != nil else { throw error }
            try await db.raw("ROLLBACK TO SAVEPOINT batch_write").run()
            try await db.raw("RELEASE SAVEPOINT batch_write").run()
            return false
        }
    }
}
