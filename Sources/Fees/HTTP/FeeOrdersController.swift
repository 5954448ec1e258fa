import Foundation
import Hummingbird
import Logging
import Payments
import Platform
import SQLKit

/// The fee-order routes: a signed-in payer creates and follows their orders and gets a signed checkout
/// URL; the gateway's IPN settles them; the browser comes back to a page that only shows the result.
public struct FeeOrdersController: Sendable {
    let database: any Database
    let settings: FeesSettings
    let logger: Logger

    public init(database: any Database, settings: FeesSettings, logger: Logger) {
        self.database = database
        self.settings = settings
        self.logger = logger
    }

    struct CreateInput: Codable, Sendable {
        let purpose: String
        let referenceId: String
        let amountVnd: Int
        let description: String?
    }

    struct Checkout: Codable, Sendable {
        let orderId: String
        let url: String
        let expiresAt: String
    }

    public func register(in catalog: APICatalog) {
        catalog.schema("FeeOrder", [
            FieldSpec("id", .uuid, readOnly: true, "Fee order ID"),
            FieldSpec("purpose", .string, required: true, "Kind of fee, e.g. exam-registration or admission-wish"),
            FieldSpec("referenceId", .string, required: true, "The record the fee is for (a registration, a wish)"),
            FieldSpec("amountVnd", .integer, required: true, "Amount in whole đồng"),
            FieldSpec("description", .string, "What the payer is told the fee is for"),
            FieldSpec("payerId", .string, readOnly: true, "The principal who pays"),
            FieldSpec("status", .enumeration(FeeOrder.Status.allCases.map(\.rawValue)), readOnly: true,
                      "pending until the gateway's IPN or querydr settles it"),
            FieldSpec("provider", .string, readOnly: true, "Payment gateway"),
            FieldSpec("providerTxnRef", .string, readOnly: true, "The order's reference at the gateway (vnp_TxnRef)"),
            FieldSpec("providerTxnNo", .string, readOnly: true, "The gateway's transaction number once settled"),
            FieldSpec("createdAt", .string, readOnly: true, "Created (UTC)"),
            FieldSpec("updatedAt", .string, readOnly: true, "Last changed (UTC)"),
            FieldSpec("settledAt", .string, readOnly: true, "Settled (UTC)"),
        ])
        catalog.schema("FeeCheckout", [
            FieldSpec("orderId", .uuid, readOnly: true, "Fee order ID"),
            FieldSpec("url", .string, readOnly: true, "The gateway's payment page, signed; send the payer's browser there"),
            FieldSpec("expiresAt", .string, readOnly: true, "When the gateway stops accepting payment for the order (UTC)"),
        ])
        catalog.add(APIRoute(.post, "/api/v1/fee-orders", summary: "Create a fee order for the signed-in payer (Idempotency-Key)",
                             tag: "Fees", request: "FeeOrder", response: "FeeOrder"), create)
        catalog.add(APIRoute(.get, "/api/v1/fee-orders", summary: "The signed-in payer's fee orders, newest first",
                             tag: "Fees", response: "FeeOrder", page: true), list)
        catalog.add(APIRoute(.get, "/api/v1/fee-orders/{id}", summary: "One of the signed-in payer's fee orders",
                             tag: "Fees", response: "FeeOrder"), show)
        catalog.add(APIRoute(.get, "/api/v1/fee-orders/{id}/checkout", summary: "The signed gateway URL to pay a pending fee order",
                             tag: "Fees", response: "FeeCheckout"), checkout)
        catalog.add(APIRoute(.get, FeesSettings.returnPath, summary: "Where the gateway sends the payer back: shows the result, changes nothing",
                             tag: "Fees", isPublic: true, produces: "text/html"), showReturn)
        let ipn = IPNProcessor(database: database, gateway: settings.gateway, logger: logger)
        for method in [HTTPRequest.Method.get, .post] {
            catalog.add(APIRoute(method, FeesSettings.ipnPath, summary: "The gateway's signed payment notification (VNPay IPN); "
                                    + "answers {\"RspCode\",\"Message\"}", tag: "Fees", isPublic: true,
                                 consumes: "application/x-www-form-urlencoded")) { request, _ in
                try await Self.receiveIPN(request, ipn)
            }
        }
    }

    @Sendable func create(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = Data(buffer: try await request.body.collect(upTo: 16 * 1024))
        let key = request.headers[.idempotencyKey]
        let hash = Idempotency.requestHash(method: request.method.rawValue, path: request.uri.path, body: body)
        let input = try JSON.decodeStrict(CreateInput.self, from: body, allowedFields: ["purpose", "referenceId", "amountVnd", "description"])
        do {
            let stored = try await database.transaction { db -> Idempotency.Stored in
                if let key, let previous = try await Idempotency.lookup(db, principalID: principal.id, key: key, hash: hash) {
                    return previous
                }
                let (order, created) = try await FeeOrders.createOrReuse(db, purpose: input.purpose, referenceID: input.referenceId,
                                                                         amountVND: input.amountVnd, payer: principal,
                                                                         description: input.description)
                let response = Idempotency.Stored(status: created ? 201 : 200, body: try JSON.string(order), etag: nil)
                if let key { try await Idempotency.save(db, principalID: principal.id, key: key, hash: hash, response: response) }
                return response
            }
            return JSONResponse.raw(stored.body, status: .init(code: stored.status))
        } catch let error as FeeOrderError {
            throw error.apiError
        }
    }

    @Sendable func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let orders = try await database.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: FeeOrder.columns) FROM fee_orders WHERE payer_id = \(bind: principal.id)
                ORDER BY created_at DESC LIMIT 100
                """).all().map { try JSON.string(try FeeOrder(row: $0)) }
        }
        return JSONResponse.page(items: orders, nextPageToken: nil)
    }

    @Sendable func show(_ request: Request, _ context: NEMISContext) async throws -> Response {
        try JSONResponse.encode(try await payersOrder(context))
    }

    @Sendable func checkout(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let order = try await payersOrder(context)
        return try JSONResponse.encode(try await checkout(order, remoteAddress: context.remoteAddress))
    }

    /// The signed gateway URL where the payer of `orderID` pays it (the web pages send the browser
    /// there); 404 for someone else's order.
    public func checkoutURL(orderID: String, payer: Principal, remoteAddress: String) async throws -> String {
        guard let order = try await database.read({ db in try await FeeOrders.status(db, id: orderID) }), order.payerId == payer.id
        else { throw APIError.notFound }
        return try await checkout(order, remoteAddress: remoteAddress).url
    }

    private func checkout(_ order: FeeOrder, remoteAddress: String) async throws -> Checkout {
        guard let gateway = settings.gateway else { throw FeeOrderError.gatewayNotConfigured.apiError }
        guard order.status == .pending else { throw FeeOrderError.notPending(orderID: order.id, order.status).apiError }
        let createText = try await database.read { db in try await FeeOrders.gatewayCreateDate(db, id: order.id) } ?? ""
        guard let created = VNPayTime.parse(createText) else {
            throw FeeOrderError.corrupt(orderID: order.id, field: "gateway_create_date", value: createText)
        }
        let expires = created.addingTimeInterval(FeeOrders.paymentWindow)
        guard expires > Date() else {
            throw APIError.conflict(field: nil, code: "feeOrder.windowClosed",
                                    "fee order \(order.id) could be paid until \(Clock.timestamp(expires)); create a new order")
        }
        let payment = PaymentRequest(tmnCode: gateway.tmnCode, txnRef: order.providerTxnRef, amountVND: order.amountVnd,
                                     orderInfo: "Thanh toan le phi NEMIS \(order.providerTxnRef)", returnURL: settings.returnURL,
                                     ipAddress: remoteAddress, createDate: created, expireDate: expires)
        return Checkout(orderId: order.id, url: payment.checkoutURL(gatewayPayURL: gateway.payURL, signer: gateway.signer),
                        expiresAt: Clock.timestamp(expires))
    }

    @Sendable func showReturn(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let parameters = VNPayFormEncoding.parameters(request.uri.query ?? "") ?? [:]
        var order: FeeOrder?
        if let gateway = settings.gateway, gateway.signer.verify(parameters), let txnRef = parameters[VNPayCodes.Field.txnRef] {
            order = try await database.read { db in
                try await db.raw("SELECT \(unsafeRaw: FeeOrder.columns) FROM fee_orders WHERE provider_txn_ref = \(bind: txnRef)")
                    .first().map(FeeOrder.init(row:))
            }
        }
        let page = PaymentReturnPage(verified: settings.gateway?.signer.verify(parameters) == true,
                                     gatewaySaysPaid: (try? PaymentResult(parameters: parameters))?.isSuccess == true, order: order)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page.html)))
    }

    /// VNPay calls the IPN with GET; a POSTed form is read too. Parameters in the body join those in the query.
    static func receiveIPN(_ request: Request, _ ipn: IPNProcessor) async throws -> Response {
        var parameters = VNPayFormEncoding.parameters(request.uri.query ?? "") ?? [:]
        if request.method == .post {
            let body = try await request.body.collect(upTo: 16 * 1024)
            for (name, value) in VNPayFormEncoding.parameters(String(buffer: body)) ?? [:] where parameters[name] == nil {
                parameters[name] = value
            }
        }
        let reply = await ipn.process(parameters)
        return JSONResponse.raw(reply.json)
    }

    /// The order if the caller is its payer; 404 otherwise, so other people's orders do not show.
    func payersOrder(_ context: NEMISContext) async throws -> FeeOrder {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        guard let order = try await database.read({ db in try await FeeOrders.status(db, id: id) }), order.payerId == principal.id
        else { throw APIError.notFound }
        return order
    }
}
