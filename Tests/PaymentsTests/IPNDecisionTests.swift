import Foundation
import Payments
import Testing

/// The IPN table of DOMAIN.md §6.1, row by row, and its order: each check wins over the ones below it.
@Suite("Payments: IPN decisions")
struct IPNDecisionTests {
    static let signer = VNPaySigner(secret: "ipn-secret")
    static let tmn = "NEMIS001"

    static func callback(txnRef: String = "FO1", amountVND: Int = 20_000, responseCode: String = "00",
                         status: String = "00", transactionNo: String = "14000001") -> [String: String] {
        signer.signed(PaymentResult(tmnCode: tmn, txnRef: txnRef, amountVND: amountVND, orderInfo: "Le phi", transactionNo: transactionNo,
                                    responseCode: responseCode, transactionStatus: status, bankCode: "NCB",
                                    payDate: "20250729103500").parameters)
    }

    static func decide(_ parameters: [String: String], orders: [String: IPNOrder]) async -> IPNDecision {
        await IPNDecision.decide(parameters, signer: signer, expectedTmnCode: tmn) { orders[$0] }
    }

    static let pending = ["FO1": IPNOrder(amountVND: 20_000, isFinal: false)]

    @Test func paidCallbackSettlesAndRepliesConfirmSuccess() async throws {
        let decision = await Self.decide(Self.callback(), orders: Self.pending)
        guard case .settle(let result) = decision else { Issue.record("expected settle, got \(decision)"); return }
        #expect(result.isSuccess)
        #expect(result.transactionNo == "14000001")
        #expect(decision.reply.json == #"{"RspCode":"00","Message":"Confirm Success"}"#)
    }

    @Test func failedPaymentSettlesAsFailure() async {
        for (code, status) in [("24", "02"), ("00", "02"), ("51", "00")] {
            let decision = await Self.decide(Self.callback(responseCode: code, status: status), orders: Self.pending)
            guard case .settle(let result) = decision else { Issue.record("expected settle for \(code)/\(status)"); continue }
            #expect(!result.isSuccess, "only 00 and 00 together mean paid (\(code)/\(status))")
        }
    }

    @Test func badChecksumIs97BeforeAnythingElse() async {
        var forged = Self.callback(txnRef: "UNKNOWN", amountVND: 1)
        forged["vnp_ResponseCode"] = "00"
        forged["vnp_SecureHash"] = String(repeating: "0", count: 128)
        #expect(await Self.decide(forged, orders: [:]) == .refuse(.invalidChecksum))
        var altered = Self.callback()
        altered["vnp_Amount"] = VNPayAmount.encode(vnd: 2_000)
        #expect(await Self.decide(altered, orders: Self.pending) == .refuse(.invalidChecksum))
        var unsigned = Self.callback()
        unsigned.removeValue(forKey: "vnp_SecureHash")
        #expect(await Self.decide(unsigned, orders: Self.pending) == .refuse(.invalidChecksum))
    }

    @Test func unknownOrderIs01() async {
        #expect(await Self.decide(Self.callback(txnRef: "FO2"), orders: Self.pending) == .refuse(.orderNotFound))
        let otherTerminal = Self.signer.signed(Self.callback().merging(["vnp_TmnCode": "OTHER001"]) { $1 })
        #expect(await Self.decide(otherTerminal, orders: Self.pending) == .refuse(.orderNotFound))
    }

    @Test func amountMismatchIs04BeforeFinality() async {
        let final = ["FO1": IPNOrder(amountVND: 20_000, isFinal: true)]
        #expect(await Self.decide(Self.callback(amountVND: 19_999), orders: Self.pending) == .refuse(.invalidAmount))
        #expect(await Self.decide(Self.callback(amountVND: 19_999), orders: final) == .refuse(.invalidAmount))
    }

    @Test func finalOrderIs02SoADuplicateChangesNothing() async {
        let final = ["FO1": IPNOrder(amountVND: 20_000, isFinal: true)]
        let callback = Self.callback()
        #expect(await Self.decide(callback, orders: final) == .refuse(.alreadyConfirmed))
        #expect(await Self.decide(callback, orders: final) == .refuse(.alreadyConfirmed), "the same answer every time")
        #expect(IPNReply.alreadyConfirmed.endsDelivery)
    }

    @Test func failingLookupIs99() async {
        struct Down: Error {}
        let decision = await IPNDecision.decide(Self.callback(), signer: Self.signer, expectedTmnCode: Self.tmn) { _ in throw Down() }
        #expect(decision == .refuse(.unknownError))
        #expect(!IPNReply.unknownError.endsDelivery)
    }

    @Test func unreadableFieldsAre99() async {
        var parameters = Self.callback()
        parameters.removeValue(forKey: "vnp_TransactionNo")
        #expect(await Self.decide(Self.signer.signed(parameters), orders: Self.pending) == .refuse(.unknownError))
    }
}
