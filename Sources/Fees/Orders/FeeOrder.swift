import Foundation
import SQLKit

/// An order to pay a fee online (the PaymentIntent of DOMAIN.md §6.3): what is paid for (`purpose` and
/// the ID of the record in the module that asked, e.g. an exam registration), by whom, how much, and
/// where the payment stands. Only a verified IPN or the gateway's querydr answer moves it out of pending.
public struct FeeOrder: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case pending, paid, failed, expired

        public var isFinal: Bool { self != .pending }
    }

    public let id: String
    /// The kind of fee, named by the module that created the order (`exam-registration`, `admission-wish`…).
    public let purpose: String
    /// The record the fee is for, in that module.
    public let referenceId: String
    public let payerId: String
    /// Whole đồng (VND has no minor unit).
    public let amountVnd: Int
    public let description: String
    public let status: Status
    public let provider: String
    /// The order's reference at the gateway (`vnp_TxnRef`), unique across all orders.
    public let providerTxnRef: String
    /// The gateway's transaction number once a payment attempt settled the order.
    public let providerTxnNo: String?
    public let createdAt: String
    public let updatedAt: String
    public let settledAt: String?

    static let columns = """
        id, purpose, reference_id, payer_id, amount_vnd, description, status, provider, provider_txn_ref, provider_txn_no,
        created_at, updated_at, settled_at
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        purpose = try row.decode(column: "purpose", as: String.self)
        referenceId = try row.decode(column: "reference_id", as: String.self)
        payerId = try row.decode(column: "payer_id", as: String.self)
        amountVnd = try row.decode(column: "amount_vnd", as: Int.self)
        description = try row.decode(column: "description", as: String.self)
        let statusText = try row.decode(column: "status", as: String.self)
        guard let status = Status(rawValue: statusText) else { throw FeeOrderError.corrupt(orderID: id, field: "status", value: statusText) }
        self.status = status
        provider = try row.decode(column: "provider", as: String.self)
        providerTxnRef = try row.decode(column: "provider_txn_ref", as: String.self)
        providerTxnNo = try row.decode(column: "provider_txn_no", as: String?.self)
        createdAt = try row.decode(column: "created_at", as: String.self)
        updatedAt = try row.decode(column: "updated_at", as: String.self)
        settledAt = try row.decode(column: "settled_at", as: String?.self)
    }

    init(id: String, purpose: String, referenceId: String, payerId: String, amountVnd: Int, description: String, at: String) {
        self.id = id
        self.purpose = purpose
        self.referenceId = referenceId
        self.payerId = payerId
        self.amountVnd = amountVnd
        self.description = description
        self.status = .pending
        self.provider = PaymentProvider.vnpay
        self.providerTxnRef = id.replacingOccurrences(of: "-", with: "")
        self.providerTxnNo = nil
        self.createdAt = at
        self.updatedAt = at
        self.settledAt = nil
    }
}

/// The gateways NEMIS speaks to; one for now.
public enum PaymentProvider {
    public static let vnpay = "vnpay"
}
