import Foundation
import Hummingbird
import Logging
import NIOCore
import Payments

/// `nemis gateway serve`: a stand-in for a VNPay-style gateway, since no real one can be reached from
/// development or test machines. It verifies the merchant's signed payment request, hosts a checkout
/// page with Pay and Cancel, redirects the browser back with a signed result, delivers signed IPNs
/// with retries, and answers querydr.
public final class StandInGateway: Sendable {
    public let settings: StandInGatewaySettings
    let ledger = GatewayLedger()
    let signer: VNPaySigner
    let logger: Logger
    /// The gateway's clock; a test moves it forward to see payment windows close.
    let now: @Sendable () -> Date

    public init(settings: StandInGatewaySettings, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.signer = VNPaySigner(secret: settings.secret)
        self.logger = logger
        self.now = now
    }

    /// The IPN attempts made so far for one order.
    public func deliveries(txnRef: String) async -> [IPNDeliveryAttempt] {
        await ledger.deliveries(txnRef: txnRef)
    }

    /// The HTTP service. `onServerRunning` learns the bound port (useful with port 0).
    public func application(onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        router.get("/health") { _, _ in "ok" }
        router.get(RouterPath(FeesSettings.payPath)) { request, _ in try await self.openCheckout(request) }
        router.post("/paymentv2/confirm") { request, _ in try await self.confirm(request) }
        router.post(RouterPath(FeesSettings.queryPath)) { request, _ in try await self.queryDR(request) }
        return Application(router: router,
                           configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "nemis-stand-in-gateway"),
                           onServerRunning: onServerRunning, logger: logger)
    }

    /// Serves until SIGTERM or Ctrl-C.
    public func run(onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) async throws {
        try await application(onServerRunning: onServerRunning).runService()
    }

    func openCheckout(_ request: Request) async throws -> Response {
        await delay()
        guard let parameters = VNPayFormEncoding.parameters(request.uri.query ?? "") else {
            return html(CheckoutPages.refusal("the query string is not valid form encoding"), status: .badRequest)
        }
        let payment: PaymentRequest
        do {
            payment = try PaymentRequest(verifying: parameters, signer: signer)
        } catch {
            logger.notice("refused a payment request", metadata: ["reason": "\(error)"])
            return html(CheckoutPages.refusal(error.description), status: .badRequest)
        }
        guard payment.tmnCode == settings.tmnCode else {
            return html(CheckoutPages.refusal("vnp_TmnCode \(payment.tmnCode) is not a terminal of this gateway"), status: .badRequest)
        }
        guard let expires = VNPayTime.parse(payment.expireDate), expires > now() else {
            return html(CheckoutPages.refusal("vnp_ExpireDate \(payment.expireDate) has passed"), status: .badRequest)
        }
        do {
            let ticket = try await ledger.open(payment)
            return html(CheckoutPages.checkout(payment, ticket: ticket), status: .ok)
        } catch {
            return html(CheckoutPages.refusal("\(error)"), status: .conflict)
        }
    }

    func confirm(_ request: Request) async throws -> Response {
        await delay()
        let form = VNPayFormEncoding.parameters(String(buffer: try await request.body.collect(upTo: 4096))) ?? [:]
        guard let ticket = form["ticket"], let action = form["action"], ["pay", "cancel"].contains(action),
              let (payment, result) = await ledger.complete(ticket: ticket, pay: action == "pay", now: now())
        else { return html(CheckoutPages.refusal("this checkout is unknown or already finished"), status: .badRequest) }
        logger.info("payment finished at the gateway",
                    metadata: ["txnRef": "\(result.txnRef)", "vnp_ResponseCode": "\(result.responseCode)", "transactionNo": "\(result.transactionNo)"])
        let delivery = IPNDelivery(settings: settings, ledger: ledger, logger: logger)
        let signer = self.signer
        Task { await delivery.deliver(result, signer: signer) }
        let separator = payment.returnURL.contains("?") ? "&" : "?"
        var headers = HTTPFields()
        headers[.location] = payment.returnURL + separator + signer.signedQuery(result.parameters)
        return Response(status: .found, headers: headers)
    }

    func queryDR(_ request: Request) async throws -> Response {
        await delay()
        let body = try await request.body.collect(upTo: 16 * 1024)
        let now = self.now()
        let responseID = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        guard let query = try? JSONDecoder().decode(QueryDRRequest.self, from: Data(buffer: body)) else {
            return try json(QueryDRResponse(responseID: responseID, responseCode: VNPayCodes.Query.badRequest, message: "Invalid request format",
                                            tmnCode: settings.tmnCode, txnRef: "", amountVND: nil, signer: signer))
        }
        func answer(_ code: String, _ message: String) throws -> Response {
            try json(QueryDRResponse(responseID: responseID, responseCode: code, message: message, tmnCode: query.tmnCode,
                                     txnRef: query.txnRef, amountVND: nil, signer: signer))
        }
        guard query.verify(signer: signer) else { return try answer(VNPayCodes.Query.badChecksum, "Invalid Checksum") }
        guard query.command == QueryDRRequest.command, query.version == VNPayCodes.version else {
            return try answer(VNPayCodes.Query.badRequest, "Invalid vnp_Command or vnp_Version")
        }
        guard query.tmnCode == settings.tmnCode else { return try answer(VNPayCodes.Query.unknownTerminal, "Merchant is not valid") }
        guard let transaction = await ledger.lookup(query.txnRef, now: now),
              transaction.request.createDate == query.transactionDate else {
            return try answer(VNPayCodes.Query.notFound, "Transaction not found")
        }
        let status = switch transaction.state {
        case .pending: VNPayCodes.TransactionStatus.pending
        case .paid: VNPayCodes.TransactionStatus.success
        case .cancelled, .expired: VNPayCodes.TransactionStatus.failed
        }
        return try json(QueryDRResponse(responseID: responseID, responseCode: VNPayCodes.Query.found, message: "QueryDR Success",
                                        tmnCode: query.tmnCode, txnRef: query.txnRef, amountVND: transaction.request.amountVND,
                                        bankCode: "NCB", payDate: transaction.payDate ?? "", transactionNo: transaction.transactionNo ?? "",
                                        transactionStatus: status, orderInfo: transaction.request.orderInfo, signer: signer))
    }

    private func delay() async {
        if settings.latency > .zero { try? await Task.sleep(for: settings.latency) }
    }

    private func html(_ text: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func json(_ response: QueryDRResponse) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try JSONEncoder().encode(response))))
    }
}
