/// The merchant's answer to an IPN, as the gateway expects it: `{"RspCode":"00","Message":"Confirm Success"}`.
/// The gateway keeps retrying until it reads `00` or `02`.
public struct IPNReply: Sendable, Equatable, CustomStringConvertible {
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public static let confirmSuccess = IPNReply(code: "00", message: "Confirm Success")
    public static let orderNotFound = IPNReply(code: "01", message: "Order not found")
    public static let alreadyConfirmed = IPNReply(code: "02", message: "Order already confirmed")
    public static let invalidAmount = IPNReply(code: "04", message: "Invalid amount")
    public static let invalidChecksum = IPNReply(code: "97", message: "Invalid signature")
    public static let unknownError = IPNReply(code: "99", message: "Unknown error")

    /// The replies after which the gateway stops delivering.
    public var endsDelivery: Bool { code == "00" || code == "02" }

    /// The JSON body. Both values are fixed ASCII words, so no escaping is needed beyond quotes.
    public var json: String {
        "{\"RspCode\":\"\(Self.escape(code))\",\"Message\":\"\(Self.escape(message))\"}"
    }

    public var description: String { "\(code) \(message)" }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
