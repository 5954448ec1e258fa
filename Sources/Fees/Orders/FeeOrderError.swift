import Platform

/// What can go wrong with a fee order, each naming the order or the field at fault. The HTTP layer
/// maps these to problem+json; other modules may catch them directly.
public enum FeeOrderError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(field: String, String)
    case alreadyPaid(orderID: String, purpose: String, referenceID: String)
    case notPending(orderID: String, FeeOrder.Status)
    case gatewayNotConfigured
    /// A stored value this build cannot read (written by hand, or by a newer build).
    case corrupt(orderID: String, field: String, value: String)

    public var description: String {
        switch self {
        case .invalid(let field, let message): "fee order \(field): \(message)"
        case .alreadyPaid(let id, let purpose, let reference): "the \(purpose) fee of \(reference) is already paid (fee order \(id))"
        case .notPending(let id, let status): "fee order \(id) is \(status.rawValue); only a pending order can be paid"
        case .gatewayNotConfigured: "online payment is not configured: set NEMIS_PAYMENT_GATEWAY_URL and NEMIS_PAYMENT_SECRET"
        case .corrupt(let id, let field, let value): "fee order \(id) has an unreadable \(field) '\(value)'"
        }
    }

    /// The API's view of the error.
    var apiError: any Error {
        switch self {
        case .invalid(let field, let message): ValidationFailure(field: field, code: "feeOrder.\(field)", message: message)
        case .alreadyPaid: APIError.conflict(field: "/referenceId", code: "feeOrder.alreadyPaid", description)
        case .notPending: APIError.conflict(field: nil, code: "feeOrder.notPending", description)
        case .gatewayNotConfigured: APIError.conflict(field: nil, code: "payments.notConfigured", description)
        case .corrupt: self
        }
    }
}
