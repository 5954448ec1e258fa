import Fees
import Foundation
import Payments
import Platform
import Testing

/// A fee paid online from end to end over real HTTP, on both engines: NEMIS and the stand-in gateway
/// each listen on loopback, the test plays the payer's browser, and the gateway calls NEMIS back.
@Suite("Payments over HTTP", .serialized)
struct FeePaymentsTests {
    @Test(arguments: Engine.allCases)
    func paidAtTheGatewayThenSettledByTheIPN(engine: Engine) async throws {
        // Every acknowledged IPN is sent a second time, so the duplicate is sure to arrive.
        try await PaymentServers.with(engine, gateway: .init(duplicateRate: 1)) { servers in
            let payer = try await servers.payer("thisinh.an")
            let body = #"{"purpose":"admission-wish","referenceId":"WISH-1","amountVnd":20000}"#
            let first = try await servers.call(.POST, "/api/v1/fee-orders", as: payer, json: body, headers: [("Idempotency-Key", "k-1")])
            #expect(first.status == 201, "\(first.body)")
            let retried = try await servers.call(.POST, "/api/v1/fee-orders", as: payer, json: body, headers: [("Idempotency-Key", "k-1")])
            #expect(retried.status == 201 && retried.body == first.body, "a retried POST replays its first answer")
            let order = PaymentServers.object(first.body)
            let id = try #require(order["id"] as? String)
            #expect(order["status"] as? String == "pending")
            #expect(try await servers.count("fee_orders") == 1)

            let checkout = PaymentServers.object(try await servers.call(.GET, "/api/v1/fee-orders/\(id)/checkout", as: payer).body)
            let url = try #require(checkout["url"] as? String)
            #expect(url.hasPrefix(servers.gatewayURL + "/paymentv2/vpcpay.html?"))
            #expect(url.contains("vnp_Amount=2000000&"), "VND × 100")

            let back = try await servers.payAtGateway(url, action: "pay")
            #expect(back.hasPrefix(servers.settings.returnURL + "?"))
            #expect(try await servers.settledStatus(id, as: payer) == "paid")

            // The browser's return shows the result and changes nothing.
            let page = try await servers.call(.GET, back, as: nil)
            #expect(page.status == 200)
            #expect(page.body.contains("Thanh toán thành công") && page.body.contains(#"<dd id="status">paid</dd>"#))

            let txnRef = try #require(order["providerTxnRef"] as? String)
            let deliveries = try await waitForDeliveries(servers, txnRef: txnRef, count: 2)
            #expect(deliveries.map(\.replyCode) == ["00", "00"], "the duplicate is answered as the first: \(deliveries)")
            #expect(try await servers.count("payment_inbox") == 1)
            #expect(try await servers.count("fee_order_events") == 1)
            #expect(try await servers.count("audit_log", where: "resource = 'fee_orders' AND action = 'transition'") == 1)

            let events = try await servers.database.read { db in try await FeeOrders.events(db, purpose: "admission-wish") }
            #expect(events.map(\.status) == [.paid] && events.first?.referenceId == "WISH-1")
            let paid = try await servers.database.read { db in
                try await FeeOrders.paidReferences(db, purpose: "admission-wish", among: ["WISH-1", "WISH-2"])
            }
            #expect(paid == ["WISH-1"])

            let again = try await servers.call(.GET, "/api/v1/fee-orders/\(id)/checkout", as: payer)
            #expect(again.status == 409, "a paid order cannot be paid again: \(again.body)")
            let another = try await servers.call(.POST, "/api/v1/fee-orders", as: payer, json: body)
            #expect(another.status == 409 && another.body.contains("feeOrder.alreadyPaid"))
        }
    }

    @Test(arguments: Engine.allCases)
    func forgedAlteredUnknownAndWrongAmountIPNsAreRefused(engine: Engine) async throws {
        try await PaymentServers.with(engine, gateway: .init(sendsIPN: false)) { servers in
            let payer = try await servers.payer("thisinh.binh")
            let order = try await servers.createOrder(payer, reference: "WISH-7", amount: 40_000)
            let id = try #require(order["id"] as? String)
            let txnRef = try #require(order["providerTxnRef"] as? String)
            func result(txnRef other: String? = nil, amount: Int = 40_000, transactionNo: String = "900001") -> [String: String] {
                PaymentResult(tmnCode: PaymentServers.tmnCode, txnRef: other ?? txnRef, amountVND: amount, orderInfo: "Le phi",
                              transactionNo: transactionNo, responseCode: "00", transactionStatus: "00", bankCode: "NCB",
                              payDate: VNPayTime.format(Date())).parameters
            }

            let forged = VNPaySigner(secret: "a-guessed-secret").signed(result())
            #expect(try await servers.sendIPN(forged)["RspCode"] as? String == "97")
            var altered = servers.signer.signed(result(amount: 4_000))
            altered["vnp_Amount"] = VNPayAmount.encode(vnd: 40_000)
            #expect(try await servers.sendIPN(altered)["RspCode"] as? String == "97")
            var unsigned = result()
            unsigned["vnp_SecureHash"] = String(repeating: "a", count: 128)
            #expect(try await servers.sendIPN(unsigned, post: true)["RspCode"] as? String == "97")
            #expect(try await servers.count("payment_inbox") == 0, "nothing unverified reaches the inbox")

            let unknown = try await servers.sendIPN(servers.signer.signed(result(txnRef: "NOSUCHORDER", transactionNo: "900002")))
            #expect(unknown["RspCode"] as? String == "01" && unknown["Message"] as? String == "Order not found")
            let wrongAmount = try await servers.sendIPN(servers.signer.signed(result(amount: 20_000, transactionNo: "900003")))
            #expect(wrongAmount["RspCode"] as? String == "04")
            #expect(try await servers.order(id, as: payer)["status"] as? String == "pending")
            #expect(try await servers.count("fee_order_events") == 0)

            let genuine = servers.signer.signed(result())
            let confirmed = try await servers.sendIPN(genuine, post: true)
            #expect(confirmed["RspCode"] as? String == "00" && confirmed["Message"] as? String == "Confirm Success")
            #expect(try await servers.order(id, as: payer)["status"] as? String == "paid")
            #expect(try await servers.sendIPN(genuine)["RspCode"] as? String == "00", "a duplicate gets the first answer")
            let later = try await servers.sendIPN(servers.signer.signed(result(transactionNo: "900004")))
            #expect(later["RspCode"] as? String == "02", "another transaction for a settled order")
            #expect(try await servers.count("fee_order_events") == 1)
            #expect(try await servers.count("payment_inbox") == 4)

            // Somebody else's order is not found, and nobody else can check it out.
            let stranger = try await servers.payer("thisinh.khac")
            #expect(try await servers.call(.GET, "/api/v1/fee-orders/\(id)", as: stranger).status == 404)
            #expect(try await servers.call(.GET, "/api/v1/fee-orders/\(id)/checkout", as: stranger).status == 404)
            #expect(try await servers.call(.GET, "/api/v1/fee-orders/\(id)", as: nil).status == 401)
        }
    }

    @Test(arguments: Engine.allCases)
    func cancelledAtTheGatewayMarksTheOrderFailed(engine: Engine) async throws {
        try await PaymentServers.with(engine) { servers in
            let payer = try await servers.payer("thisinh.cuong")
            let id = try #require(try await servers.createOrder(payer, reference: "REG-3")["id"] as? String)
            let url = try #require(PaymentServers.object(
                try await servers.call(.GET, "/api/v1/fee-orders/\(id)/checkout", as: payer).body)["url"] as? String)
            let back = try await servers.payAtGateway(url, action: "cancel")
            #expect(back.contains("vnp_ResponseCode=24"))
            #expect(try await servers.settledStatus(id, as: payer) == "failed")
            let page = try await servers.call(.GET, back, as: nil)
            #expect(page.body.contains("The payment did not go through"))
            #expect(try await servers.call(.GET, "/api/v1/fee-orders/\(id)/checkout", as: payer).status == 409)
            let events = try await servers.database.read { db in try await FeeOrders.events(db, purpose: "admission-wish") }
            #expect(events.map(\.status) == [.failed])
            // A new order for the same wish may be opened and paid.
            let retry = try await servers.createOrder(payer, reference: "REG-3")
            #expect(retry["id"] as? String != id)
        }
    }

    @Test(arguments: Engine.allCases)
    func reconcileSettlesAnOrderWhoseIPNWasLost(engine: Engine) async throws {
        // Every IPN attempt is lost on the way: only querydr can tell NEMIS.
        try await PaymentServers.with(engine, gateway: .init(failureRate: 1)) { servers in
            let payer = try await servers.payer("thisinh.dung")
            let paidID = try #require(try await servers.createOrder(payer, reference: "WISH-21")["id"] as? String)
            let openID = try #require(try await servers.createOrder(payer, reference: "WISH-22")["id"] as? String)
            let neverID = try #require(try await servers.createOrder(payer, reference: "WISH-23")["id"] as? String)
            let paidURL = try #require(PaymentServers.object(
                try await servers.call(.GET, "/api/v1/fee-orders/\(paidID)/checkout", as: payer).body)["url"] as? String)
            let back = try await servers.payAtGateway(paidURL, action: "pay")
            // The checkout page of the second order is opened but not finished.
            let openURL = try #require(PaymentServers.object(
                try await servers.call(.GET, "/api/v1/fee-orders/\(openID)/checkout", as: payer).body)["url"] as? String)
            #expect(try await PlainHTTPClient.send(.GET, openURL).status == 200)

            // The return page says the gateway took the money, yet the order stays pending: only the IPN
            // or querydr may change it.
            let page = try await servers.call(.GET, back, as: nil)
            #expect(page.body.contains("Thanh toán thành công") && page.body.contains(#"<dd id="status">pending</dd>"#))
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await servers.order(paidID, as: payer)["status"] as? String == "pending")

            let reconciler = try FeeReconciler(database: servers.database, settings: servers.settings, logger: TestDatabases.logger)
            let summary = try await reconciler.run(olderThanMinutes: 0)
            #expect(summary.examined == 3 && summary.paid == 1 && summary.stillPending == 2 && summary.problems.isEmpty, "\(summary)")
            #expect(try await servers.order(paidID, as: payer)["status"] as? String == "paid")
            #expect(try await servers.order(openID, as: payer)["status"] as? String == "pending")

            // Past the payment window the gateway has closed the open one, and never saw the third.
            servers.gatewayClock.advance(by: FeeOrders.paymentWindow + 60)
            let later = servers.gatewayClock.now()
            let closing = try await reconciler.run(olderThanMinutes: 0, now: later)
            #expect(closing.failed == 1 && closing.expired == 1 && closing.examined == 2, "\(closing)")
            #expect(try await servers.order(openID, as: payer)["status"] as? String == "failed")
            #expect(try await servers.order(neverID, as: payer)["status"] as? String == "expired")
            #expect(try await reconciler.run(olderThanMinutes: 0, now: later).examined == 0, "nothing left pending")
            let events = try await servers.database.read { db in try await FeeOrders.events(db, purpose: "admission-wish") }
            #expect(events.map(\.source) == ["querydr", "querydr", "querydr"])
        }
    }

    @Test(arguments: [Engine.sqlite])
    func theGatewayRefusesBadRequests(engine: Engine) async throws {
        try await PaymentServers.with(engine) { servers in
            let payer = try await servers.payer("thisinh.em")
            let id = try #require(try await servers.createOrder(payer, reference: "WISH-31")["id"] as? String)
            let url = try #require(PaymentServers.object(
                try await servers.call(.GET, "/api/v1/fee-orders/\(id)/checkout", as: payer).body)["url"] as? String)
            let cheaper = url.replacingOccurrences(of: "vnp_Amount=2000000", with: "vnp_Amount=200000")
            let refused = try await PlainHTTPClient.send(.GET, cheaper)
            #expect(refused.status == 400 && refused.body.contains("vnp_SecureHash does not match"))
            let otherSecret = PaymentRequest(tmnCode: PaymentServers.tmnCode, txnRef: "X1", amountVND: 1_000, orderInfo: "x",
                                             returnURL: servers.settings.returnURL, ipAddress: "127.0.0.1", createDate: Date(),
                                             expireDate: Date().addingTimeInterval(600))
                .checkoutURL(gatewayPayURL: servers.gatewayURL + FeesSettings.payPath, signer: VNPaySigner(secret: "wrong"))
            #expect(try await PlainHTTPClient.send(.GET, otherSecret).status == 400)

            var query = QueryDRRequest(requestID: "R1", tmnCode: PaymentServers.tmnCode, txnRef: "X1", orderInfo: "q",
                                       transactionDate: "20250101000000", createDate: Date(), ipAddress: "127.0.0.1", signer: servers.signer)
            query.txnRef = "X2"
            let answer = try await PlainHTTPClient.send(.POST, servers.gatewayURL + FeesSettings.queryPath,
                                                        body: String(decoding: try JSONEncoder().encode(query), as: UTF8.self))
            let response = try JSONDecoder().decode(QueryDRResponse.self, from: Data(answer.body.utf8))
            #expect(response.responseCode == "97" && response.verify(signer: servers.signer))
        }
    }

    @Test(arguments: [Engine.sqlite])
    func badOrdersAreRefusedNamingTheField(engine: Engine) async throws {
        try await PaymentServers.with(engine) { servers in
            let payer = try await servers.payer("thisinh.giang")
            let zero = try await servers.call(.POST, "/api/v1/fee-orders", as: payer,
                                              json: #"{"purpose":"admission-wish","referenceId":"W","amountVnd":0}"#)
            #expect(zero.status == 422 && zero.body.contains("/amountVnd"))
            let purpose = try await servers.call(.POST, "/api/v1/fee-orders", as: payer,
                                                 json: #"{"purpose":"Lệ phí","referenceId":"W","amountVnd":20000}"#)
            #expect(purpose.status == 422 && purpose.body.contains("/purpose"))
            let unknownField = try await servers.call(.POST, "/api/v1/fee-orders", as: payer,
                                                      json: #"{"purpose":"x1","referenceId":"W","amountVnd":1,"status":"paid"}"#)
            #expect(unknownField.status == 400 && unknownField.body.contains("/status"))
            #expect(try await servers.count("fee_orders") == 0)
        }
    }

    private func waitForDeliveries(_ servers: PaymentServers, txnRef: String, count: Int) async throws -> [IPNDeliveryAttempt] {
        let deadline = Date().addingTimeInterval(10)
        while true {
            let deliveries = await servers.gateway.deliveries(txnRef: txnRef)
            if deliveries.count >= count || Date() > deadline { return deliveries }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
