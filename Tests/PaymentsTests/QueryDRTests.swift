import Foundation
import Payments
import Testing

@Suite("Payments: querydr")
struct QueryDRTests {
    static let signer = VNPaySigner(secret: "SECRETKEYFORTESTS0123456789ABCDE")

    @Test func requestChecksumIsOverPipeJoinedFields() throws {
        let created = try #require(VNPayTime.parse("20250729110000"))
        let request = QueryDRRequest(requestID: "REQ1", tmnCode: "NEMIS001", txnRef: "FO20250729A1", orderInfo: "Truy van FO20250729A1",
                                     transactionDate: "20250729103000", createDate: created, ipAddress: "127.0.0.1", signer: Self.signer)
        #expect(request.checksumData == "REQ1|2.1.0|querydr|NEMIS001|FO20250729A1|20250729103000|20250729110000|127.0.0.1|Truy van FO20250729A1")
        // Computed independently with Python's hmac.
        #expect(request.secureHash
            == "dc5c5e68e05ac9ef0b6d4d8f602266b3d3fba52992c8236edc13926a7c2f25dd7ceca85183014029a30250ea776f76b1d775045dc1515cc100d00af12102a04d")
        let decoded = try JSONDecoder().decode(QueryDRRequest.self, from: JSONEncoder().encode(request))
        #expect(decoded.verify(signer: Self.signer))
        var altered = decoded
        altered.txnRef = "FO20250729A2"
        #expect(!altered.verify(signer: Self.signer))
    }

    static func response(code: String = "00", txnRef: String = "FO1", amountVND: Int? = 20_000, status: String = "00") -> QueryDRResponse {
        QueryDRResponse(responseID: "R1", responseCode: code, message: "ok", tmnCode: "NEMIS001", txnRef: txnRef, amountVND: amountVND,
                        bankCode: "NCB", payDate: "20250729103500", transactionNo: "14000001", transactionStatus: status,
                        signer: signer)
    }

    @Test func outcomes() throws {
        let interpret = { (response: QueryDRResponse) in
            QueryDROutcome.interpret(response, txnRef: "FO1", amountVND: 20_000, signer: Self.signer)
        }
        #expect(interpret(Self.response()) == .paid(transactionNo: "14000001", bankCode: "NCB", payDate: "20250729103500"))
        #expect(interpret(Self.response(status: "01")) == .pending)
        #expect(interpret(Self.response(status: "02")) == .failed(transactionNo: "14000001", status: "02"))
        #expect(interpret(Self.response(code: "91", amountVND: nil, status: "")) == .notFound)
        if case .unusable = interpret(Self.response(amountVND: 2_000)) {} else { Issue.record("another amount must not settle") }
        if case .unusable = interpret(Self.response(txnRef: "FO2")) {} else { Issue.record("another order's answer must not settle") }
        var forged = Self.response(status: "01")
        forged.transactionStatus = "00"
        if case .unusable = interpret(forged) {} else { Issue.record("an altered answer must not settle") }
    }

    @Test func responseSurvivesJSONWithMissingFields() throws {
        let json = #"{"vnp_ResponseId":"R9","vnp_Command":"querydr","vnp_ResponseCode":"91","vnp_Message":"not found","vnp_TmnCode":"NEMIS001","vnp_TxnRef":"FO1"}"#
        var response = try JSONDecoder().decode(QueryDRResponse.self, from: Data(json.utf8))
        #expect(response.amount == "")
        response.secureHash = Self.signer.hmac(response.checksumData)
        #expect(QueryDROutcome.interpret(response, txnRef: "FO1", amountVND: 20_000, signer: Self.signer) == .notFound)
    }
}
