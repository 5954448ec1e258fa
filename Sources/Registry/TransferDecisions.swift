import Foundation
import Platform
import SQLKit

/// A transfer as a school's list shows it: who moves where and when, and whether the reader's
/// school is the one that decides.
public struct TransferSummary: Sendable {
    public let id: String
    public let learnerCode: String
    public let learnerName: String
    public let fromSchoolCode: String
    public let toSchoolCode: String
    public let effectiveDate: CivilDate
    public let reason: String?
    public let status: Transfer.Status
    public let decisionNote: String?
    /// A requested transfer into a school the reader may write: the reader approves or refuses it.
    public let mayDecide: Bool
}

extension RegistryService {
    /// The transfers the principal can see, those waiting for a decision first, then the latest decided.
    public func transferList(for principal: Principal, limit: Int = 100) async throws -> [TransferSummary] {
        let roots = principal.nodes(for: .registryRead)
        guard !roots.isEmpty else { return [] }
        let writable = principal.nodes(for: .registryWrite)
        return try await database.read { db in
            var sql = SQLQueryString("SELECT v.id, v.body, v.learner FROM (")
            sql.appendInterpolation(Transfer.resource.visibleRows("""
                SELECT t.id, t.body, l.body AS learner, t.status, t.updated_at FROM transfers t LEFT JOIN learners l ON l.id = t.learner_id
                """, roots: roots))
            sql.appendInterpolation(unsafeRaw: ") v ORDER BY CASE WHEN v.status = 'requested' THEN 0 ELSE 1 END, v.updated_at DESC LIMIT \(limit)")
            struct Name: Decodable { let fullName: String }
            var summaries: [TransferSummary] = []
            for row in try await db.raw(sql).all() {
                let transfer = try JSON.decoder.decode(Transfer.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
                let name = try row.decode(column: "learner", as: String?.self)
                    .flatMap { try? JSON.decoder.decode(Name.self, from: Data($0.utf8)).fullName } ?? ""
                var mayDecide = false
                if transfer.status == .requested,
                   let target = try await References.load(db, School.resource, School.self, key: transfer.toSchoolCode) {
                    mayDecide = try await OrgTree.isWithin(db, nodeID: target.row.id, roots: writable)
                }
                summaries.append(TransferSummary(
                    id: try row.decode(column: "id", as: String.self), learnerCode: transfer.learnerCode, learnerName: name,
                    fromSchoolCode: transfer.fromSchoolCode ?? "", toSchoolCode: transfer.toSchoolCode, effectiveDate: transfer.effectiveDate,
                    reason: transfer.reason, status: transfer.status ?? .requested, decisionNote: transfer.decisionNote, mayDecide: mayDecide))
            }
            return summaries
        }
    }

    /// The receiving school approves (into `className`, when given) or refuses a transfer, exactly
    /// as `POST /api/v1/transfers/{id}/approve|refuse` does.
    public func decideTransfer(id: String, approve: Bool, note: String?, className: String?, principal: Principal) async throws {
        let lifecycle = LifecycleController(database: database, enrolments: enrolments, transfers: transfers, classes: classes, learners: learners)
        _ = try await database.transaction { db in
            try await lifecycle.applyDecision(db, id: id, approve: approve, note: note, className: className, principal: principal)
        }
    }
}
