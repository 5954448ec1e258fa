import Foundation

/// `querydr`: the merchant asks the gateway for the authoritative state of a transaction (DOMAIN.md
/// §6.1, [P3]). A JSON POST whose `vnp_SecureHash` is the HMAC-SHA512 of its fields joined by `|` in
/// the fixed order below, not of a sorted query string.
public struct QueryDRRequest: Codable, Sendable, Equatable {
    /// Unique per query (the gateway refuses a repeated ID on the same day).
    public var requestID: String
    public var version: String
    public var command: String
    public var tmnCode: String
    public var txnRef: String
    public var orderInfo: String
    /// The `vnp_CreateDate` of the payment request being asked about.
    public var transactionDate: String
    public var createDate: String
    public var ipAddress: String
    public var secureHash: String

    enum CodingKeys: String, CodingKey {
        case requestID = "vnp_RequestId", version = "vnp_Version", command = "vnp_Command", tmnCode = "vnp_TmnCode"
        case txnRef = "vnp_TxnRef", orderInfo = "vnp_OrderInfo", transactionDate = "vnp_TransactionDate"
        case createDate = "vnp_CreateDate", ipAddress = "vnp_IpAddr", secureHash = "vnp_SecureHash"
    }

    public static let command = "querydr"

    /// A signed query about `txnRef`.
    public init(requestID: String, tmnCode: String, txnRef: String, orderInfo: String, transactionDate: String,
                createDate: Date, ipAddress: String, signer: VNPaySigner) {
        self.requestID = requestID
        self.version = VNPayCodes.version
        self.command = Self.command
        self.tmnCode = tmnCode
        self.txnRef = txnRef
        self.orderInfo = orderInfo
        self.transactionDate = transactionDate
        self.createDate = VNPayTime.format(createDate)
        self.ipAddress = ipAddress
        self.secureHash = ""
        self.secureHash = signer.hmac(checksumData)
    }

    public var checksumData: String {
        [requestID, version, command, tmnCode, txnRef, transactionDate, createDate, ipAddress, orderInfo].joined(separator: "|")
    }

    public func verify(signer: VNPaySigner) -> Bool {
        VNPaySigner.constantTimeEquals(secureHash.lowercased(), signer.hmac(checksumData))
    }
}

/// The gateway's answer to `querydr`, signed the same way over its own field order.
public struct QueryDRResponse: Codable, Sendable, Equatable {
    public var responseID: String
    public var command: String
    /// Whether the query worked (`VNPayCodes.Query`): `00` found, `91` no such transaction, `97` bad checksum…
    public var responseCode: String
    public var message: String
    public var tmnCode: String
    public var txnRef: String
    /// VND × 100, as in a payment.
    public var amount: String
    public var bankCode: String
    public var payDate: String
    public var transactionNo: String
    /// `01` for a payment.
    public var transactionType: String
    /// The transaction's state (`VNPayCodes.TransactionStatus`).
    public var transactionStatus: String
    public var orderInfo: String
    public var promotionCode: String
    public var promotionAmount: String
    public var secureHash: String

    enum CodingKeys: String, CodingKey {
        case responseID = "vnp_ResponseId", command = "vnp_Command", responseCode = "vnp_ResponseCode", message = "vnp_Message"
        case tmnCode = "vnp_TmnCode", txnRef = "vnp_TxnRef", amount = "vnp_Amount", bankCode = "vnp_BankCode"
        case payDate = "vnp_PayDate", transactionNo = "vnp_TransactionNo", transactionType = "vnp_TransactionType"
        case transactionStatus = "vnp_TransactionStatus", orderInfo = "vnp_OrderInfo", promotionCode = "vnp_PromotionCode"
        case promotionAmount = "vnp_PromotionAmount", secureHash = "vnp_SecureHash"
    }

    public init(responseID: String, responseCode: String, message: String, tmnCode: String, txnRef: String, amountVND: Int?,
                bankCode: String = "", payDate: String = "", transactionNo: String = "", transactionStatus: String = "",
                orderInfo: String = "", signer: VNPaySigner) {
        self.responseID = responseID
        self.command = QueryDRRequest.command
        self.responseCode = responseCode
        self.message = message
        self.tmnCode = tmnCode
        self.txnRef = txnRef
        self.amount = amountVND.map { VNPayAmount.encode(vnd: $0) } ?? ""
        self.bankCode = bankCode
        self.payDate = payDate
        self.transactionNo = transactionNo
        self.transactionType = "01"
        self.transactionStatus = transactionStatus
        self.orderInfo = orderInfo
        self.promotionCode = ""
        self.promotionAmount = ""
        self.secureHash = ""
        self.secureHash = signer.hmac(checksumData)
    }

    public var checksumData: String {
        [responseID, command, responseCode, message, tmnCode, txnRef, amount, bankCode, payDate, transactionNo,
         transactionType, transactionStatus, orderInfo, promotionCode, promotionAmount].joined(separator: "|")
    }

    public func verify(signer: VNPaySigner) -> Bool {
        VNPaySigner.constantTimeEquals(secureHash.lowercased(), signer.hmac(checksumData))
    }

    public var amountVND: Int? { VNPayAmount.decode(amount) }

    /// Missing members decode as empty: gateways leave out fields that do not apply (a transaction not
    /// found has no amount), and the checksum is over the empty strings then.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String {
            if let string = try? c.decodeIfPresent(String.self, forKey: key) { return string }
            if let number = try? c.decodeIfPresent(Int.self, forKey: key) { return String(number) }
            return ""
        }
        responseID = try text(.responseID)
        command = try text(.command)
        responseCode = try text(.responseCode)
        message = try text(.message)
        tmnCode = try text(.tmnCode)
        txnRef = try text(.txnRef)
        amount = try text(.amount)
        bankCode = try text(.bankCode)
        payDate = try text(.payDate)
        transactionNo = try text(.transactionNo)
        transactionType = try text(.transactionType)
        transactionStatus = try text(.transactionStatus)
        orderInfo = try text(.orderInfo)
        promotionCode = try text(.promotionCode)
        promotionAmount = try text(.promotionAmount)
        secureHash = try text(.secureHash)
    }
}

/// What a querydr answer means for a pending order, decided the same way as an IPN.
public enum QueryDROutcome: Sendable, Equatable {
    /// Paid at the gateway for exactly the order's amount.
    case paid(transactionNo: String, bankCode: String, payDate: String)
    /// The gateway ended the transaction without payment.
    case failed(transactionNo: String, status: String)
    /// The gateway has no such transaction: the payer never reached its page.
    case notFound
    /// Still open at the gateway; ask again later.
    case pending
    /// The answer cannot be trusted or used (bad checksum, another order's, another amount, a query error).
    case unusable(String)

    /// Interprets a response to a query about `txnRef` for `amountVND`.
    public static func interpret(_ response: QueryDRResponse, txnRef: String, amountVND: Int, signer: VNPaySigner) -> QueryDROutcome {
        guard response.verify(signer: signer) else { return .unusable("vnp_SecureHash of the querydr answer does not match") }
        switch response.responseCode {
        case VNPayCodes.Query.found: break
        case VNPayCodes.Query.notFound: return .notFound
        default: return .unusable("querydr answered vnp_ResponseCode \(response.responseCode): \(response.message)")
        }
        guard response.txnRef == txnRef else { return .unusable("querydr answered about vnp_TxnRef \(response.txnRef), not \(txnRef)") }
        switch response.transactionStatus {
        case VNPayCodes.TransactionStatus.success:
            guard response.amountVND == amountVND else {
                return .unusable("querydr reports vnp_Amount \(response.amount) for an order of \(amountVND) VND")
            }
            return .paid(transactionNo: response.transactionNo, bankCode: response.bankCode, payDate: response.payDate)
        case VNPayCodes.TransactionStatus.pending:
            return .pending
        default:
            return .failed(transactionNo: response.transactionNo, status: response.transactionStatus)
        }
    }
}
