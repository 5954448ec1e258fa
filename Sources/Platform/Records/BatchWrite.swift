import Foundation
import SQLKit

/// A record that passed its resource's rules and the caller's scope, not yet stored.
struct PreparedRecord: Sendable {
    let draft: RecordDraft
    /// Changes of attribute keys (a corrected citizen ID) to publish in the change feed.
    let keyChanges: [KeyChange]
    /// The node of the organisation tree the record adds (`PreparedWrite.newNode`).
    let newNode: OrgTree.NewNode?

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
    /// yet (one is issued as it is written), its key came earlier in the same batch, it is stored
    /// and its resource's rules write when they change a record (`ResourceSpec.rulesWriteOnUpdate`),
    /// or the batch's statements failed (a key taken by another record) and each record must find
    /// out why.
    case writeAlone
}

/// A batch whose records were read and passed (or failed) their rules, not yet stored:
/// `ResourceController.prepareBatch` makes it, `store` writes it.
public struct PreparedBatch: Sendable {
    let resource: ResourceDescriptor
    /// What became of each record so far; those to store are `.writeAlone` until `store` succeeds.
    public fileprivate(set) var outcomes: [BatchWriteOutcome]
    fileprivate(set) var inserts: [PreparedRecord] = []
    fileprivate(set) var insertIndices: [Int] = []
    fileprivate(set) var updates: [(record: PreparedRecord, previous: RecordRow, index: Int)] = []
    /// The batch after this one may be prepared while this one is stored: the rules of its resource
    /// read no records of their own kind but those of the batch's own keys (`ResourceSpec.rulesReadOwnKind`).
    /// The caller must still prepare that batch again when this one names one of its keys
    /// (`naturalKeys`), or when a record this one hands back is written alone under one of them:
    /// such a record's key is known only once it is written (issued, or found by another field).
    public let nextMayBePreparedAhead: Bool
    /// The natural keys of the batch's records, stored or not: those its reads looked up.
    public fileprivate(set) var naturalKeys: Set<String> = []

    /// The positions of the records the caller must write alone (`BatchWriteOutcome.writeAlone`) rather
    /// than those `store` writes, which are `.writeAlone` only until it has.
    public var handedBack: [Int] {
        let stored = Set(insertIndices + updates.map(\.index))
        return outcomes.indices.filter { index in
            if case .writeAlone = outcomes[index] { !stored.contains(index) } else { false }
        }
    }

    fileprivate init(resource: ResourceDescriptor, count: Int, nextMayBePreparedAhead: Bool) {
        self.resource = resource
        outcomes = Array(repeating: .writeAlone, count: count)
        self.nextMayBePreparedAhead = nextMayBePreparedAhead
    }

    /// Stores the batch's new and changed records inside a savepoint, with their change-feed and
    /// audit entries, and says what became of each record. When a statement is refused (a key
    /// taken by another record; on PostgreSQL a refused statement spoils the transaction until the
    /// savepoint is rolled back) nothing is stored and each record is handed back to be written alone.
    /// A batch is stored once.
    public func store(principal: Principal, db: any SQLDatabase) async throws -> [BatchWriteOutcome] {
        var outcomes = self.outcomes
        guard !inserts.isEmpty || !updates.isEmpty else { return outcomes }
        try await db.raw("SAVEPOINT batch_write").run()
        do {
            try await OrgTree.insert(db, inserts.compactMap(\.newNode))
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
            try await AuditLog.insert(db, audit)
            try await db.raw("RELEASE SAVEPOINT batch_write").run()
        } catch {
            guard WriteFailureDetails.fieldErrors(error) != nil else { throw error }
            try await db.raw("ROLLBACK TO SAVEPOINT batch_write").run()
            try await db.raw("RELEASE SAVEPOINT batch_write").run()
            return outcomes
        }
        for index in insertIndices { outcomes[index] = .written(created: true, changed: true) }
        for update in updates { outcomes[update.index] = .written(created: false, changed: true) }
        return outcomes
    }
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

    /// `body` with `change` made to its decoded record: what decoding the body so changed would give,
    /// without decoding it again (a new learner given its code). A body that did not decode stays so.
    public func batchBody(_ body: BatchBody, changing change: (inout Model) -> Void) -> BatchBody {
        guard case .success(let decoded) = body.decoded, var model = decoded as? Model else { return body }
        change(&model)
        return BatchBody(decoded: .success(model))
    }

    /// Reads, decodes and rules on many records for `PreparedBatch.store`, which writes them with a
    /// few statements for the whole batch instead of ten for each record: the stored records,
    /// change-feed entries and audit entries are those `write` makes one at a time. Each record is
    /// decoded as the API decodes it and checked by the same rules as `write`; a record's own refusal
    /// does not stop the others.
    ///
    /// Both run inside the caller's transaction, and nothing is written before `store`. Bind a
    /// `ReferenceReadCache` around them so the references the rules look up are read once per import
    /// rather than once per record; those that differ on every row (an enrolment's learner) the
    /// resource's `prefetch` reads once per batch. An import stores one batch while it prepares the
    /// next (`PreparedBatch.nextMayBePreparedAhead`).
    public func prepareBatch(_ bodies: [BatchBody], principal: Principal, db: any SQLDatabase) async throws -> PreparedBatch {
        var batch = PreparedBatch(resource: spec.descriptor, count: bodies.count,
                                  nextMayBePreparedAhead: !spec.rulesReadOwnKind && !spec.rulesWriteOnUpdate)
        var keyed: [(index: Int, model: Model, key: String)] = []
        for (index, body) in bodies.enumerated() {
            do {
                // A body decoded as another resource is left to `write`, which decodes it as this one.
                guard let model = try body.decoded.get() as? Model,
                      let key = try? spec.naturalKey(model), batch.naturalKeys.insert(key).inserted else { continue }
                keyed.append((index, model, key))
            } catch {
                batch.outcomes[index] = .refused(error)
            }
        }
        let existing = try await RecordStore.find(db, spec.descriptor, naturalKeys: keyed.map(\.key))
        if spec.rulesWriteOnUpdate { keyed.removeAll { existing[$0.key] != nil } }
        let reads = BatchReads()
        try await spec.prefetch?(keyed.map(\.model), db, principal, reads)
        let ruled = try await BatchReads.$current.withValue(reads) {
            try await prepareAll(keyed, existing: existing, principal: principal, db: db)
        }
        for (index, result) in ruled {
            switch result {
            case .unchanged: batch.outcomes[index] = .written(created: false, changed: false)
            case .refused(let error): batch.outcomes[index] = .refused(error)
            case .insert(let record):
                batch.inserts.append(record)
                batch.insertIndices.append(index)
            case .update(let record, let previous): batch.updates.append((record, previous, index))
            }
        }
        return batch
    }

    private static var recordsBetweenYields: Int { 32 }

    private enum Ruled {
        case unchanged, insert(PreparedRecord), update(PreparedRecord, previous: RecordRow), refused(any Error)
    }

    /// Each record through the caller's scope and the resource's rules, in the batch's order.
    private func prepareAll(_ keyed: [(index: Int, model: Model, key: String)], existing: [String: RecordRow],
                            principal: Principal, db: any SQLDatabase) async throws -> [(index: Int, result: Ruled)] {
        var ruled: [(index: Int, result: Ruled)] = []
        ruled.reserveCapacity(keyed.count)
        for (position, item) in keyed.enumerated() {
            // The rules seldom wait, and the store of the batch before (`PreparedBatch.nextMayBePreparedAhead`)
            // may run on this thread (a child task stays on its parent's event loop when tasks run on
            // NIO's loops): letting it go on every few records keeps its statements going to the
            // database while these rules run, instead of after them.
            if position % Self.recordsBetweenYields == 0 { await Task.yield() }
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
}
