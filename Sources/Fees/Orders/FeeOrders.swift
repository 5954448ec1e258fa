import Foundation
import Payments
import Platform
import SQLKit

/// The Fees module's public API for other modules (exam registration, admission wishes): create an
/// order for a fee, read where it stands, and learn which of their records are paid. Each function takes
/// the caller's `SQLDatabase`, so an order can be created in the same transaction as the registration
/// it charges for.
public enum FeeOrders {
    /// How long after its creation an order can be paid: the checkout's `vnp_ExpireDate`. Fixed from
    /// creation, so once it has passed and the gateway has never seen the order, no payment can still
    /// arrive and the reconcile job may expire it.
    public static let paymentWindow: TimeInterval = 15 * 60

    /// Creates a pending order, or returns the caller's pending order for the same purpose, record and
    /// amount while it can still be paid (a retried registration opens no second order). Throws
    /// `FeeOrderError.alreadyPaid` when the fee of that record is already paid, and `.invalid` naming
    /// the field for bad input.
    public static func create(_ db: any SQLDatabase, purpose: String, referenceID: String, amountVND: Int, payer: Principal,
                              description: String? = nil) async throws -> FeeOrder {
        try await createOrReuse(db, purpose: purpose, referenceID: referenceID, amountVND: amountVND, payer: payer,
                                description: description).order
    }

    /// `create`, also telling whether the order is new.
    static func createOrReuse(_ db: any SQLDatabase, purpose: String, referenceID: String, amountVND: Int, payer: Principal,
                              description: String?) async throws -> (order: FeeOrder, created: Bool) {
        try validate(purpose: purpose, referenceID: referenceID, amountVND: amountVND, description: description)
        let existing = try await db.raw("""
            SELECT \(unsafeRaw: FeeOrder.columns) FROM fee_orders
            WHERE purpose = \(bind: purpose) AND reference_id = \(bind: referenceID) AND status IN ('pending', 'paid')
            ORDER BY created_at
            """).all().map(FeeOrder.init(row:))
        if let paid = existing.first(where: { $0.status == .paid }) {
            throw FeeOrderError.alreadyPaid(orderID: paid.id, purpose: purpose, referenceID: referenceID)
        }
        let windowStart = Clock.timestamp(Date().addingTimeInterval(-paymentWindow))
        if let reusable = existing.first(where: { $0.status == .pending && $0.payerId == payer.id && $0.amountVnd == amountVND
                                                  && $0.createdAt > windowStart }) {
            return (reusable, false)
        }
        let now = Date()
        let order = FeeOrder(id: UUIDv7.make(), purpose: purpose, referenceId: referenceID, payerId: payer.id,
                             amountVnd: amountVND, description: description ?? "\(purpose) \(referenceID)", at: Clock.timestamp(now))
        try await db.raw("""
            INSERT INTO fee_orders (id, purpose, reference_id, payer_id, amount_vnd, description, status, provider, provider_txn_ref,
                                    gateway_create_date, created_at, updated_at)
            VALUES (\(bind: order.id), \(bind: order.purpose), \(bind: order.referenceId), \(bind: order.payerId), \(bind: order.amountVnd),
                    \(bind: order.description), 'pending', \(bind: order.provider), \(bind: order.providerTxnRef),
                    \(bind: VNPayTime.format(now)), \(bind: order.createdAt), \(bind: order.updatedAt))
            """).run()
        try await AuditLog.record(db, principal: payer, action: .create, resource: "fee_orders", recordID: order.id, orgID: nil,
                                  detail: "\(purpose) \(referenceID): \(amountVND) VND")
        return (order, true)
    }

    /// Creates an order in its own transaction.
    public static func create(_ database: any Database, purpose: String, referenceID: String, amountVND: Int, payer: Principal,
                              description: String? = nil) async throws -> FeeOrder {
        try await database.transaction { db in
            try await create(db, purpose: purpose, referenceID: referenceID, amountVND: amountVND, payer: payer, description: description)
        }
    }

    /// The order as it stands, nil if there is none.
    public static func status(_ db: any SQLDatabase, id: String) async throws -> FeeOrder? {
        try await db.raw("SELECT \(unsafeRaw: FeeOrder.columns) FROM fee_orders WHERE id = \(bind: id)").first().map(FeeOrder.init(row:))
    }

    /// The `vnp_CreateDate` the order is known by at the gateway (its creation, GMT+7).
    static func gatewayCreateDate(_ db: any SQLDatabase, id: String) async throws -> String? {
        try await db.raw("SELECT gateway_create_date FROM fee_orders WHERE id = \(bind: id)").first()?
            .decode(column: "gateway_create_date", as: String.self)
    }

    /// Every order for one record, oldest first.
    public static func orders(_ db: any SQLDatabase, purpose: String, referenceID: String) async throws -> [FeeOrder] {
        try await db.raw("""
            SELECT \(unsafeRaw: FeeOrder.columns) FROM fee_orders
            WHERE purpose = \(bind: purpose) AND reference_id = \(bind: referenceID) ORDER BY created_at
            """).all().map(FeeOrder.init(row:))
    }

    /// Which of `referenceIDs` (all, when nil) have a paid order of `purpose`.
    public static func paidReferences(_ db: any SQLDatabase, purpose: String, among referenceIDs: [String]? = nil) async throws -> Set<String> {
        var sql = SQLQueryString("SELECT DISTINCT reference_id FROM fee_orders WHERE status = 'paid' AND purpose = \(bind: purpose)")
        if let referenceIDs {
            guard !referenceIDs.isEmpty else { return [] }
            sql.appendInterpolation(unsafeRaw: " AND reference_id IN (")
            sql.appendInterpolation(binds: referenceIDs)
            sql.appendInterpolation(unsafeRaw: ")")
        }
        return Set(try await db.raw(sql).all().map { try $0.decode(column: "reference_id", as: String.self) })
    }

    /// The outbox: settlements after `afterSequence`, oldest first. A module keeps the last `sequence` it
    /// handled and asks again from there, so it sees every paid, failed or expired order exactly once.
    public static func events(_ db: any SQLDatabase, purpose: String, after afterSequence: Int = 0, limit: Int = 500) async throws -> [FeeOrderEvent] {
        try await db.raw("""
            SELECT seq, order_id, purpose, reference_id, status, amount_vnd, source, at FROM fee_order_events
            WHERE purpose = \(bind: purpose) AND seq > \(bind: afterSequence) ORDER BY seq LIMIT \(unsafeRaw: String(max(1, min(limit, 5000))))
            """).all().map(FeeOrderEvent.init(row:))
    }

    /// `purpose` is a short lower-case slug; amounts are whole đồng within what the gateway carries.
    static func validate(purpose: String, referenceID: String, amountVND: Int, description: String?) throws {
        let slug = purpose.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
        guard (2...40).contains(purpose.utf8.count), slug, purpose.first?.isLetter == true else {
            throw FeeOrderError.invalid(field: "purpose", "'\(purpose)' is not a purpose: use 2–40 lower-case letters, digits and '-'")
        }
        guard (1...100).contains(referenceID.utf8.count) else {
            throw FeeOrderError.invalid(field: "referenceId", "the reference ID must be 1–100 characters")
        }
        guard (1...VNPayAmount.maximumVND).contains(amountVND) else {
            throw FeeOrderError.invalid(field: "amountVnd", "the amount must be 1 to \(VNPayAmount.maximumVND) VND, got \(amountVND)")
        }
        if let description, description.count > 255 {
            throw FeeOrderError.invalid(field: "description", "the description is at most 255 characters")
        }
    }
}

/// One settlement in the outbox.
public struct FeeOrderEvent: Codable, Sendable, Equatable {
    public let sequence: Int
    public let orderId: String
    public let purpose: String
    public let referenceId: String
    /// `paid`, `failed` or `expired`.
    public let status: FeeOrder.Status
    public let amountVnd: Int
    /// What settled it: `ipn` or `querydr`.
    public let source: String
    public let at: String

    init(row: any SQLRow) throws {
        sequence = try row.decode(column: "seq", as: Int.self)
        orderId = try row.decode(column: "order_id", as: String.self)
        purpose = try row.decode(column: "purpose", as: String.self)
        referenceId = try row.decode(column: "reference_id", as: String.self)
        let statusText = try row.decode(column: "status", as: String.self)
        guard let status = FeeOrder.Status(rawValue: statusText) else { throw FeeOrderError.corrupt(orderID: orderId, field: "status", value: statusText) }
        self.status = status
        amountVnd = try row.decode(column: "amount_vnd", as: Int.self)
        source = try row.decode(column: "source", as: String.self)
        at = try row.decode(column: "at", as: String.self)
    }
}
