import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Writes audit entries for reads of identity data with group commit: a reader waits until its entry
/// is committed (so nothing is shown that was not logged), but all the entries that arrive while one
/// commit runs go together in the next one. Under load that is one transaction for many reads instead
/// of one each, on SQLite's single writer above all.
public actor AuditWriter {
    struct Pending {
        let entry: AuditLog.NewEntry
        let continuation: CheckedContinuation<Void, any Error>
    }

    private let database: any Database
    private var pending: [Pending] = []
    private var flushing = false

    init(database: any Database) {
        self.database = database
    }

    /// One writer per open database, so every reader's entries share its commits.
    private static let writers = NIOLockedValueBox<[ObjectIdentifier: AuditWriter]>([:])

    static func shared(for database: any Database) -> AuditWriter {
        writers.withLockedValue { writers in
            if let writer = writers[ObjectIdentifier(database)] { return writer }
            let writer = AuditWriter(database: database)
            writers[ObjectIdentifier(database)] = writer
            return writer
        }
    }

    static func release(for database: any Database) {
        _ = writers.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(database)) }
    }

    /// Returns once the entry is committed; throws if it could not be written.
    public func record(principal: Principal?, action: AuditLog.Action, resource: String, recordID: String?,
                       orgID: String?, detail: String = "") async throws {
        let entry = AuditLog.NewEntry(principal: principal, action: action, resource: resource, recordID: recordID,
                                      orgID: orgID, detail: detail)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append(Pending(entry: entry, continuation: continuation))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                try await database.transaction { db in
                    try await AuditLog.insert(db, batch.map(\.entry))
                }
                for item in batch { item.continuation.resume() }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
