import Foundation
import Logging
import Payments
import Platform
import SQLKit

/// Handles one IPN: the decision table of DOMAIN.md §6.1 over the stored order, the inbox, and the
/// settlement, all in one transaction. Only this path (and the reconcile job's querydr) changes an
/// order's state; the browser return never does.
struct IPNProcessor: Sendable {
    let database: any Database
    let gateway: GatewayEndpoint?
    let logger: Logger

    static let eventType = "ipn"

    /// The reply for the gateway. Never throws: any failure is the reply 99, and the gateway retries.
    func process(_ parameters: [String: String]) async -> IPNReply {
        guard let gateway else {
            logger.error("IPN received but payments are not configured (NEMIS_PAYMENT_SECRET)")
            return .unknownError
        }
        let txnRef = parameters[VNPayCodes.Field.txnRef] ?? "?"
        do {
            let reply = try await database.transaction { db -> IPNReply in
                let decision = await IPNDecision.decide(parameters, signer: gateway.signer, expectedTmnCode: gateway.tmnCode) { ref in
                    try await PaymentSettlement.lookup(db, txnRef: ref)?.order
                }
                if decision == .refuse(.invalidChecksum) { return .invalidChecksum }
                if decision == .refuse(.unknownError) { throw IPNFailure.undecidable(txnRef: txnRef) }
                // The inbox first (DOMAIN.md §6.3), and only for callbacks whose hash verified, so a forger
                // cannot occupy a key. A duplicate delivery gets the first one's answer and writes nothing.
                let txnNo = parameters[VNPayCodes.Field.transactionNo].flatMap { $0.isEmpty ? nil : $0 } ?? "none:" + txnRef
                let inbox = PaymentSettlement.InboxKey(provider: PaymentProvider.vnpay, txnNo: txnNo, eventType: Self.eventType)
                if let earlier = try await PaymentSettlement.recordInbox(db, inbox, txnRef: txnRef,
                                                                         payload: VNPaySigner.canonicalQuery(parameters),
                                                                         replyCode: decision.reply.code) {
                    throw IPNFailure.duplicate(reply: Self.reply(code: earlier))
                }
                guard case .settle(let result) = decision else { return decision.reply }
                let settled = try await PaymentSettlement.settle(
                    db, txnRef: result.txnRef, to: result.isSuccess ? .paid : .failed, transactionNo: result.transactionNo,
                    source: .ipn, detail: "VNPay transaction \(result.transactionNo), vnp_ResponseCode \(result.responseCode), "
                        + "vnp_TransactionStatus \(result.transactionStatus)")
                guard settled else {
                    // Another delivery (a different attempt at the gateway, or querydr) settled it meanwhile.
                    try await PaymentSettlement.updateInboxReply(db, inbox, replyCode: IPNReply.alreadyConfirmed.code)
                    return .alreadyConfirmed
                }
                return .confirmSuccess
            }
            logger.info("IPN answered", metadata: ["txnRef": "\(txnRef)", "reply": "\(reply.code)"])
            return reply
        } catch IPNFailure.duplicate(let reply) {
            logger.info("duplicate IPN answered as before", metadata: ["txnRef": "\(txnRef)", "reply": "\(reply.code)"])
            return reply
        } catch {
            logger.error("IPN failed", metadata: ["txnRef": "\(txnRef)", "error": "\(String(reflecting: error))"])
            return .unknownError
        }
    }

    static func reply(code: String) -> IPNReply {
        [IPNReply.confirmSuccess, .orderNotFound, .alreadyConfirmed, .invalidAmount, .invalidChecksum, .unknownError]
            .first { $0.code == code } ?? .unknownError
    }
}

/// Leaves the IPN transaction early: `duplicate` rolls back whatever this delivery would have written.
enum IPNFailure: Error {
    case duplicate(reply: IPNReply)
    case undecidable(txnRef: String)
}
