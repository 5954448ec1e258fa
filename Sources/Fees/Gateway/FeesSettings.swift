import Foundation
import Payments

/// How NEMIS reaches its payment gateway: from `NEMIS_PAYMENT_*` environment variables (flags do not
/// carry secrets, so they stay out of shell history and process lists). The secret is never printed:
/// `description` masks it.
public struct FeesSettings: Sendable, CustomStringConvertible {
    /// The gateway's base URL, e.g. `https://sandbox.vnpayment.vn` or the stand-in's `http://127.0.0.1:9090`.
    public var gatewayURL: String?
    /// The merchant's terminal code at the gateway (`vnp_TmnCode`).
    public var tmnCode: String
    /// The terminal's hash secret, shared with the gateway.
    public var secret: String?
    /// Where the gateway sends the payer's browser back (the result page; it never changes state).
    public var returnURL: String
    /// Orders still pending after this long are asked about with querydr (DOMAIN.md §6.3 says 15).
    public var reconcileAfterMinutes: Int
    /// How often `serve` looks for such orders; 0 turns the periodic reconcile off.
    public var reconcileIntervalSeconds: Int

    public static let returnPath = "/api/v1/payments/vnpay/return"
    public static let ipnPath = "/api/v1/payments/vnpay/ipn"
    public static let payPath = "/paymentv2/vpcpay.html"
    public static let queryPath = "/merchant_webapi/api/transaction"

    public init(gatewayURL: String? = nil, tmnCode: String = "NEMIS001", secret: String? = nil, returnURL: String,
                reconcileAfterMinutes: Int = 15, reconcileIntervalSeconds: Int = 60) {
        self.gatewayURL = gatewayURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.tmnCode = tmnCode
        self.secret = secret
        self.returnURL = returnURL
        self.reconcileAfterMinutes = reconcileAfterMinutes
        self.reconcileIntervalSeconds = reconcileIntervalSeconds
    }

    /// `NEMIS_PAYMENT_GATEWAY_URL`, `NEMIS_PAYMENT_TMN_CODE`, `NEMIS_PAYMENT_SECRET`, `NEMIS_PAYMENT_RETURN_URL`
    /// (default: the public URL's return page), `NEMIS_PAYMENT_RECONCILE_MINUTES`, `NEMIS_PAYMENT_RECONCILE_INTERVAL`.
    public init(environment: [String: String], publicURL: String) {
        func nonEmpty(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        self.init(gatewayURL: nonEmpty("NEMIS_PAYMENT_GATEWAY_URL"),
                  tmnCode: nonEmpty("NEMIS_PAYMENT_TMN_CODE") ?? "NEMIS001",
                  secret: nonEmpty("NEMIS_PAYMENT_SECRET"),
                  returnURL: nonEmpty("NEMIS_PAYMENT_RETURN_URL") ?? publicURL + Self.returnPath,
                  reconcileAfterMinutes: nonEmpty("NEMIS_PAYMENT_RECONCILE_MINUTES").flatMap(Int.init) ?? 15,
                  reconcileIntervalSeconds: nonEmpty("NEMIS_PAYMENT_RECONCILE_INTERVAL").flatMap(Int.init) ?? 60)
    }

    /// The gateway connection, or nil while the gateway URL or the secret is missing.
    public var gateway: GatewayEndpoint? {
        guard let gatewayURL, let secret else { return nil }
        return GatewayEndpoint(payURL: gatewayURL + Self.payPath, queryURL: gatewayURL + Self.queryPath, tmnCode: tmnCode,
                               signer: VNPaySigner(secret: secret))
    }

    public var description: String {
        "gateway \(gatewayURL ?? "(not set)"), terminal \(tmnCode), secret \(secret == nil ? "(not set)" : "***"), return \(returnURL)"
    }
}

/// A configured gateway: where to send payers and queries, and the signer of the terminal.
public struct GatewayEndpoint: Sendable {
    public let payURL: String
    public let queryURL: String
    public let tmnCode: String
    public let signer: VNPaySigner
}
