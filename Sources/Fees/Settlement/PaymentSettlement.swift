import Foundation
import Payments
import Platform
import SQLKit

/// Moving an order out of pending: a compare-and-set on the status, with the outbox row and the audit
/// entry in the same transaction (DOMAIN.md §6.3), so no settlement is lost or told twice.
enum PaymentSettlement {
    enum Source: String { case ipn, querydr }

    /// The order behind a gateway reference, for the IPN decision.
    static func lookup(_ db: any SQLDatabase, txnRef: String) async throws -> (id: String, order: IPNOrder)? {
        guard let row = try await db.raw("""
            SELECT id, amount_vnd, status FROM fee_orders WHERE provider_txn_ref = \(bind: txnRef)
            """).first() else { return nil }
        let status = try row.decode(column: "status", as: String.self)
        return (try row.decode(column: "id", as: String.self),
                IPNOrder(amountVND: try row.decode(column: "amount_vnd", as: Int.self), isFinal: status != FeeOrder.Status.pending.rawValue))
    }

    /// Sets the order's final status if it is still pending. Returns false when another callback or
    /// the reconcile job settled it first; then nothing is written.
    static func settle(_ db: any SQLDatabase, txnRef: String, to status: FeeOrder.Status, transactionNo: String?,
                       source: Source, detail: String) async throws -> Bool {
        let now = Clock.timestamp()
        guard let row = try await db.raw("""
            UPDATE fee_orders SET status = \(bind: status.rawValue), provider_txn_no = \(bind: transactionNo),
                                  settled_at = \(bind: now), updated_at = \(bind: now)
            WHERE provider_txn_ref = \(bind: txnRef) AND status = 'pending'
            RETURNING id, purpose, reference_id, amount_vnd
            """).first() else { return false }
        let orderID = try row.decode(column: "id", as: String.self)
        try await db.raw("""
            INSERT INTO fee_order_events (order_id, purpose, reference_id, status, amount_vnd, source, at)
            VALUES (\(bind: orderID), \(bind: try row.decode(column: "purpose", as: String.self)),
                    \(bind: try row.decode(column: "reference_id", as: String.self)), \(bind: status.rawValue),
                    \(bind: try row.decode(column: "amount_vnd", as: Int.self)), \(bind: source.rawValue), \(bind: now))
            """).run()
        try await AuditLog.record(db, principal: nil, action: .transition, resource: "fee_orders", recordID: orderID, orgID: nil,
                                  detail: "pending → \(status.rawValue) by \(source.rawValue): \(detail)")
        return true
    }

    /// A callback's identity in the inbox: UNIQUE (provider, txn_no, event_type).
    struct InboxKey {
        let provider: String
        let txnNo: String
        let eventType: String
    }

    /// Records a verified callback once. Returns nil when it is new, or the reply given to the first
    /// delivery of the same callback.
    static func recordInbox(_ db: any SQLDatabase, _ key: InboxKey, txnRef: String, payload: String, replyCode: String) async throws -> String? {
        let inserted = try await db.raw("""
            INSERT INTO payment_inbox (provider, txn_no, event_type, txn_ref, payload, reply_code, received_at)
            VALUES (\(bind: key.provider), \(bind: key.txnNo), \(bind: key.eventType), \(bind: txnRef), \(bind: payload),
                    \(bind: replyCode), \(bind: Clock.timestamp()))
            ON CONFLICT (provider, txn_no, event_type) DO NOTHING
            RETURNING seq
            """).first()
        if inserted != nil { return nil }
        let stored = try await db.raw("""
            SELECT reply_code FROM payment_inbox
            WHERE provider = \(bind: key.provider) AND txn_no = \(bind: key.txnNo) AND event_type = \(bind: key.eventType)
            """).first()
        return try stored?.decode(column: "reply_code", as: String.self) ?? replyCode
    }

    static func updateInboxReply(_ db: any SQLDatabase, _ key: InboxKey, replyCode: String) async throws {
        try await db.raw("""
            UPDATE payment_inbox SET reply_code = \(bind: replyCode)
            WHERE provider = \(bind: key.provider) AND txn_no = \(bind: key.txnNo) AND event_type = \(bind: key.eventType)
            """).run()
    }
}
