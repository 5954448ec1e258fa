/// What the gateway tells the merchant about one payment, in the browser return and in the IPN (the
/// same signed parameters go to both).
public struct PaymentResult: Sendable, Equatable {
    public var tmnCode: String
    public var txnRef: String
    public var amountVND: Int
    public var orderInfo: String
    /// The gateway's number for this transaction (`vnp_TransactionNo`).
    public var transactionNo: String
    public var responseCode: String
    public var transactionStatus: String
    public var bankCode: String
    public var bankTranNo: String
    public var cardType: String
    /// `yyyyMMddHHmmss`, GMT+7.
    public var payDate: String

    public init(tmnCode: String, txnRef: String, amountVND: Int, orderInfo: String, transactionNo: String, responseCode: String,
                transactionStatus: String, bankCode: String, bankTranNo: String = "", cardType: String = "ATM", payDate: String) {
        self.tmnCode = tmnCode
        self.txnRef = txnRef
        self.amountVND = amountVND
        self.orderInfo = orderInfo
        self.transactionNo = transactionNo
        self.responseCode = responseCode
        self.transactionStatus = transactionStatus
        self.bankCode = bankCode
        self.bankTranNo = bankTranNo
        self.cardType = cardType
        self.payDate = payDate
    }

    /// Paid only when the payment answer and the transaction's state both say success (DOMAIN.md §6.1).
    public var isSuccess: Bool {
        responseCode == VNPayCodes.Response.success && transactionStatus == VNPayCodes.TransactionStatus.success
    }

    public var parameters: [String: String] {
        typealias F = VNPayCodes.Field
        var out = [
            F.tmnCode: tmnCode, F.txnRef: txnRef, F.amount: VNPayAmount.encode(vnd: amountVND), F.orderInfo: orderInfo,
            F.transactionNo: transactionNo, F.responseCode: responseCode, F.transactionStatus: transactionStatus,
            F.bankCode: bankCode, F.cardType: cardType, F.payDate: payDate,
        ]
        if !bankTranNo.isEmpty { out[F.bankTranNo] = bankTranNo }
        return out
    }

    /// Reads the result's fields from parameters whose hash was already checked. Throws when a field
    /// the decision needs is absent or malformed, naming it.
    public init(parameters: [String: String]) throws(PaymentRequestError) {
        typealias F = VNPayCodes.Field
        func field(_ name: String) throws(PaymentRequestError) -> String {
            guard let value = parameters[name], !value.isEmpty else { throw .missing(name) }
            return value
        }
        guard let amount = VNPayAmount.decode(try field(F.amount)) else {
            throw .invalid(F.amount, "expected a whole number of đồng × 100")
        }
        self.init(tmnCode: try field(F.tmnCode), txnRef: try field(F.txnRef), amountVND: amount,
                  orderInfo: parameters[F.orderInfo] ?? "", transactionNo: try field(F.transactionNo),
                  responseCode: try field(F.responseCode), transactionStatus: try field(F.transactionStatus),
                  bankCode: parameters[F.bankCode] ?? "", bankTranNo: parameters[F.bankTranNo] ?? "",
                  cardType: parameters[F.cardType] ?? "", payDate: parameters[F.payDate] ?? "")
    }
}
