import Foundation

/// The merchant's payment request (`vnp_Command=pay`), carried to the gateway in the checkout URL.
public struct PaymentRequest: Sendable, Equatable {
    public var tmnCode: String
    /// The merchant's unique reference of the order (`vnp_TxnRef`).
    public var txnRef: String
    public var amountVND: Int
    /// What the payer sees; VNPay asks for Vietnamese without diacritics.
    public var orderInfo: String
    public var orderType: String
    public var returnURL: String
    public var ipAddress: String
    public var locale: String
    public var createDate: String
    public var expireDate: String

    public init(tmnCode: String, txnRef: String, amountVND: Int, orderInfo: String, orderType: String = "other",
                returnURL: String, ipAddress: String, locale: String = "vn", createDate: Date, expireDate: Date) {
        self.tmnCode = tmnCode
        self.txnRef = txnRef
        self.amountVND = amountVND
        self.orderInfo = orderInfo
        self.orderType = orderType
        self.returnURL = returnURL
        self.ipAddress = ipAddress
        self.locale = locale
        self.createDate = VNPayTime.format(createDate)
        self.expireDate = VNPayTime.format(expireDate)
    }

    public var parameters: [String: String] {
        typealias F = VNPayCodes.Field
        return [
            F.version: VNPayCodes.version, F.command: VNPayCodes.payCommand, F.tmnCode: tmnCode,
            F.amount: VNPayAmount.encode(vnd: amountVND), F.currency: VNPayCodes.currency, F.txnRef: txnRef,
            F.orderInfo: orderInfo, F.orderType: orderType, F.returnURL: returnURL, F.ipAddress: ipAddress,
            F.locale: locale, F.createDate: createDate, F.expireDate: expireDate,
        ]
    }

    /// The signed checkout URL: the gateway's payment page followed by the signed query.
    public func checkoutURL(gatewayPayURL: String, signer: VNPaySigner) -> String {
        gatewayPayURL + "?" + signer.signedQuery(parameters)
    }

    /// Reads and checks a request as the gateway receives it: the hash first, then every field.
    public init(verifying parameters: [String: String], signer: VNPaySigner) throws(PaymentRequestError) {
        typealias F = VNPayCodes.Field
        guard signer.verify(parameters) else { throw .badChecksum }
        func field(_ name: String) throws(PaymentRequestError) -> String {
            guard let value = parameters[name], !value.isEmpty else { throw .missing(name) }
            return value
        }
        guard try field(F.version) == VNPayCodes.version else { throw .invalid(F.version, "only version \(VNPayCodes.version) is spoken") }
        guard try field(F.command) == VNPayCodes.payCommand else { throw .invalid(F.command, "expected 'pay'") }
        guard try field(F.currency) == VNPayCodes.currency else { throw .invalid(F.currency, "only VND is accepted") }
        guard let amount = VNPayAmount.decode(try field(F.amount)), amount > 0 else {
            throw .invalid(F.amount, "expected a positive whole number of đồng × 100")
        }
        let createText = try field(F.createDate)
        let expireText = try field(F.expireDate)
        guard let created = VNPayTime.parse(createText) else { throw .invalid(F.createDate, "expected yyyyMMddHHmmss") }
        guard let expires = VNPayTime.parse(expireText), expires > created else {
            throw .invalid(F.expireDate, "expected yyyyMMddHHmmss after vnp_CreateDate")
        }
        self.init(tmnCode: try field(F.tmnCode), txnRef: try field(F.txnRef), amountVND: amount, orderInfo: try field(F.orderInfo),
                  orderType: try field(F.orderType), returnURL: try field(F.returnURL), ipAddress: try field(F.ipAddress),
                  locale: parameters[F.locale] ?? "vn", createDate: created, expireDate: expires)
    }
}

/// Why a gateway refuses a payment request.
public enum PaymentRequestError: Error, Equatable, Sendable, CustomStringConvertible {
    case badChecksum
    case missing(String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .badChecksum: "vnp_SecureHash does not match the request (wrong secret, or a parameter was changed)"
        case .missing(let field): "\(field) is required"
        case .invalid(let field, let reason): "\(field): \(reason)"
        }
    }
}
