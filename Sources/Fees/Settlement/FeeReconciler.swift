import Foundation
import Logging
import Payments
import Platform
import SQLKit

/// The reconcile job (DOMAIN.md §6.3 item 5): asks the gateway with querydr about every order still
/// pending after a while, and settles it from that authoritative answer. It catches what a lost IPN
/// left behind, and expires orders the payer never took to the gateway once they can no longer be paid.
public struct FeeReconciler: Sendable {
    let database: any Database
    let gateway: GatewayEndpoint
    let logger: Logger

    /// Orders looked at per run; the rest wait for the next run.
    static let batchSize = 500

    public init(database: any Database, settings: FeesSettings, logger: Logger) throws {
        guard let gateway = settings.gateway else { throw FeeOrderError.gatewayNotConfigured }
        self.database = database
        self.gateway = gateway
        self.logger = logger
    }

    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        public var examined = 0
        public var paid = 0
        public var failed = 0
        public var expired = 0
        public var stillPending = 0
        /// One line per order the gateway's answer could not settle, naming the order.
        public var problems: [String] = []

        public var description: String {
            "\(examined) pending orders examined: \(paid) paid, \(failed) failed, \(expired) expired, \(stillPending) still pending, "
                + "\(problems.count) not settled"
        }
    }

    struct PendingOrder: Sendable {
        let id: String
        let txnRef: String
        let amountVND: Int
        let createdAt: String
        let gatewayCreateDate: String
    }

    /// Settles the orders pending for more than `olderThanMinutes`.
    public func run(olderThanMinutes: Int, now: Date = Date()) async throws -> Summary {
        let cutoff = Clock.timestamp(now.addingTimeInterval(-Double(olderThanMinutes) * 60))
        let orders = try await database.read { db in
            try await db.raw("""
                SELECT id, provider_txn_ref, amount_vnd, created_at, gateway_create_date FROM fee_orders
                WHERE status = 'pending' AND created_at < \(bind: cutoff) ORDER BY created_at LIMIT \(unsafeRaw: String(Self.batchSize))
                """).all().map { row in
                PendingOrder(id: try row.decode(column: "id", as: String.self), txnRef: try row.decode(column: "provider_txn_ref", as: String.self),
                             amountVND: try row.decode(column: "amount_vnd", as: Int.self),
                             createdAt: try row.decode(column: "created_at", as: String.self),
                             gatewayCreateDate: try row.decode(column: "gateway_create_date", as: String.self))
            }
        }
        var summary = Summary()
        let windowClosedBefore = Clock.timestamp(now.addingTimeInterval(-FeeOrders.paymentWindow))
        for order in orders {
            summary.examined += 1
            let outcome: QueryDROutcome
            do {
                outcome = try await query(order, now: now)
            } catch {
                summary.problems.append("fee order \(order.id): querydr failed: \(error)")
                continue
            }
            switch outcome {
            case .paid(let transactionNo, let bankCode, let payDate):
                if try await settle(order, .paid, transactionNo: transactionNo, detail: "querydr: paid by \(bankCode) at \(payDate)") {
                    summary.paid += 1
                }
            case .failed(let transactionNo, let status):
                if try await settle(order, .failed, transactionNo: transactionNo, detail: "querydr: vnp_TransactionStatus \(status)") {
                    summary.failed += 1
                }
            case .notFound where order.createdAt < windowClosedBefore:
                if try await settle(order, .expired, transactionNo: nil, detail: "querydr: the gateway never saw it and its window closed") {
                    summary.expired += 1
                }
            case .notFound, .pending:
                summary.stillPending += 1
            case .unusable(let reason):
                summary.problems.append("fee order \(order.id): \(reason)")
            }
        }
        for problem in summary.problems { logger.warning("reconcile could not settle", metadata: ["problem": "\(problem)"]) }
        logger.info("reconciled fee orders", metadata: ["summary": "\(summary)"])
        return summary
    }

    func query(_ order: PendingOrder, now: Date) async throws -> QueryDROutcome {
        let request = QueryDRRequest(requestID: UUIDv7.make().replacingOccurrences(of: "-", with: ""), tmnCode: gateway.tmnCode,
                                     txnRef: order.txnRef, orderInfo: "Truy van giao dich \(order.txnRef)",
                                     transactionDate: order.gatewayCreateDate, createDate: now, ipAddress: "127.0.0.1",
                                     signer: gateway.signer)
        let answer = try await PlainHTTPClient.send(.POST, gateway.queryURL, headers: [("Content-Type", "application/json")],
                                                    body: String(decoding: try JSONEncoder().encode(request), as: UTF8.self))
        guard answer.status == 200 else {
            return .unusable("querydr answered HTTP \(answer.status): \(answer.body.prefix(200))")
        }
        let response = try JSONDecoder().decode(QueryDRResponse.self, from: Data(answer.body.utf8))
        return QueryDROutcome.interpret(response, txnRef: order.txnRef, amountVND: order.amountVND, signer: gateway.signer)
    }

    /// The same compare-and-set as an IPN; the gateway's answer goes to the inbox too when it names a transaction.
    func settle(_ order: PendingOrder, _ status: FeeOrder.Status, transactionNo: String?, detail: String) async throws -> Bool {
        try await database.transaction { db in
            let settled = try await PaymentSettlement.settle(db, txnRef: order.txnRef, to: status, transactionNo: transactionNo,
                                                             source: .querydr, detail: detail)
            if settled, let transactionNo, !transactionNo.isEmpty {
                let key = PaymentSettlement.InboxKey(provider: PaymentProvider.vnpay, txnNo: transactionNo, eventType: "querydr")
                _ = try await PaymentSettlement.recordInbox(db, key, txnRef: order.txnRef, payload: detail, replyCode: "00")
            }
            return settled
        }
    }
}
