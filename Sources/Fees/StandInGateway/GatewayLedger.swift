import Foundation
import Payments

/// The stand-in gateway's memory of transactions, keyed by the merchant's `vnp_TxnRef`. It lives as long
/// as the process: a stand-in needs no database.
actor GatewayLedger {
    enum State: String, Sendable { case pending, paid, cancelled, expired }

    struct Transaction: Sendable {
        let request: PaymentRequest
        var state: State
        var ticket: String
        var transactionNo: String?
        var payDate: String?
        var responseCode: String?
    }

    enum OpenError: Error, CustomStringConvertible {
        case alreadyProcessed(String)
        case differentRequest(String)

        var description: String {
            switch self {
            case .alreadyProcessed(let ref): "transaction \(ref) has already been processed"
            case .differentRequest(let ref): "transaction \(ref) was started with another amount"
            }
        }
    }

    private var transactions: [String: Transaction] = [:]
    private var tickets: [String: String] = [:]
    private var deliveries: [String: [IPNDeliveryAttempt]] = [:]
    /// Transaction numbers start from the clock so a restarted stand-in never repeats one a merchant has seen.
    private var nextTransactionNo = UInt64(Date().timeIntervalSince1970 * 1000)

    /// Starts (or resumes, for the same request) a payment; returns the ticket the checkout form carries.
    func open(_ request: PaymentRequest) throws -> String {
        if var existing = transactions[request.txnRef] {
            guard existing.state == .pending else { throw OpenError.alreadyProcessed(request.txnRef) }
            guard existing.request.amountVND == request.amountVND else { throw OpenError.differentRequest(request.txnRef) }
            existing.ticket = Self.newTicket()
            tickets[existing.ticket] = request.txnRef
            transactions[request.txnRef] = existing
            return existing.ticket
        }
        let ticket = Self.newTicket()
        transactions[request.txnRef] = Transaction(request: request, state: .pending, ticket: ticket)
        tickets[ticket] = request.txnRef
        return ticket
    }

    /// The payer pressed Pay or Cancel. Returns the signed result for the return URL and the IPN, or nil
    /// for an unknown or used ticket.
    func complete(ticket: String, pay: Bool, now: Date) -> (PaymentRequest, PaymentResult)? {
        guard let txnRef = tickets.removeValue(forKey: ticket), var transaction = transactions[txnRef],
              transaction.state == .pending, transaction.ticket == ticket else { return nil }
        let expired = (VNPayTime.parse(transaction.request.expireDate) ?? now) < now
        transaction.state = expired ? .expired : (pay ? .paid : .cancelled)
        transaction.responseCode = expired ? VNPayCodes.Response.expired : (pay ? VNPayCodes.Response.success : VNPayCodes.Response.cancelledByPayer)
        nextTransactionNo += 1
        transaction.transactionNo = String(nextTransactionNo)
        transaction.payDate = VNPayTime.format(now)
        transactions[txnRef] = transaction
        return (transaction.request, result(of: transaction))
    }

    func result(of transaction: Transaction) -> PaymentResult {
        PaymentResult(tmnCode: transaction.request.tmnCode, txnRef: transaction.request.txnRef, amountVND: transaction.request.amountVND,
                      orderInfo: transaction.request.orderInfo, transactionNo: transaction.transactionNo ?? "",
                      responseCode: transaction.responseCode ?? VNPayCodes.Response.success,
                      transactionStatus: transaction.state == .paid ? VNPayCodes.TransactionStatus.success : VNPayCodes.TransactionStatus.failed,
                      bankCode: "NCB", bankTranNo: transaction.transactionNo.map { "VNP\($0)" } ?? "", payDate: transaction.payDate ?? "")
    }

    /// The transaction as querydr reports it; a pending one past its expiry is closed as expired first.
    func lookup(_ txnRef: String, now: Date) -> Transaction? {
        guard var transaction = transactions[txnRef] else { return nil }
        if transaction.state == .pending, let expires = VNPayTime.parse(transaction.request.expireDate), expires < now {
            transaction.state = .expired
            transaction.responseCode = VNPayCodes.Response.expired
            transactions[txnRef] = transaction
        }
        return transaction
    }

    func record(_ delivery: IPNDeliveryAttempt, txnRef: String) {
        deliveries[txnRef, default: []].append(delivery)
    }

    func deliveries(txnRef: String) -> [IPNDeliveryAttempt] {
        deliveries[txnRef] ?? []
    }

    private static func newTicket() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next(), radix: 36) }.joined()
    }
}
