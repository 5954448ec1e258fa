import Foundation
import Payments
import Testing

/// Worked examples of the signing rule (DOMAIN.md §6.1), each checked against an independent
/// computation (Python's hmac and urllib with PHP's `urlencode` rules) or the gateway's own documents.
@Suite("Payments: VNPay signing")
struct VNPaySigningTests {
    static let secret = "SECRETKEYFORTESTS0123456789ABCDE"

    static let example: [String: String] = [
        "vnp_Version": "2.1.0", "vnp_Command": "pay", "vnp_TmnCode": "NEMIS001", "vnp_Amount": "2000000",
        "vnp_CurrCode": "VND", "vnp_TxnRef": "FO20250729A1", "vnp_OrderInfo": "Le phi xet tuyen: nguyen vong 1",
        "vnp_OrderType": "other", "vnp_ReturnUrl": "https://nemis.example/api/v1/payments/vnpay/return",
        "vnp_IpAddr": "203.0.113.7", "vnp_Locale": "vn", "vnp_CreateDate": "20250729103000", "vnp_ExpireDate": "20250729104500",
    ]

    @Test func canonicalQueryMatchesTheGatewayDocumentsExample() {
        // The payment URL published in VNPay's integration guide, before its vnp_SecureHash.
        let documented = "vnp_Amount=1806000&vnp_Command=pay&vnp_CreateDate=20210801153333&vnp_CurrCode=VND&vnp_IpAddr=127.0.0.1"
            + "&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_OrderType=other"
            + "&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl&vnp_TmnCode=DEMOV210&vnp_TxnRef=5&vnp_Version=2.1.0"
        let parameters = VNPayFormEncoding.parameters(documented)!
        #expect(parameters["vnp_OrderInfo"] == "Thanh toan don hang :5")
        #expect(VNPaySigner.canonicalQuery(parameters) == documented)
    }

    @Test func workedExampleHash() {
        let expectedQuery = "vnp_Amount=2000000&vnp_Command=pay&vnp_CreateDate=20250729103000&vnp_CurrCode=VND"
            + "&vnp_ExpireDate=20250729104500&vnp_IpAddr=203.0.113.7&vnp_Locale=vn&vnp_OrderInfo=Le+phi+xet+tuyen%3A+nguyen+vong+1"
            + "&vnp_OrderType=other&vnp_ReturnUrl=https%3A%2F%2Fnemis.example%2Fapi%2Fv1%2Fpayments%2Fvnpay%2Freturn"
            + "&vnp_TmnCode=NEMIS001&vnp_TxnRef=FO20250729A1&vnp_Version=2.1.0"
        #expect(VNPaySigner.canonicalQuery(Self.example) == expectedQuery)
        let signer = VNPaySigner(secret: Self.secret)
        #expect(signer.signature(of: Self.example)
            == "2b0bfd0433abc49e84df578b842d5d2afa401ce2746faa6dd9cfd035d249ac0779439f91578e39ea4fa40d95972cb07926924d2c11dc366eeab1abcd233d11f4")
        #expect(signer.verify(signer.signed(Self.example)))
    }

    @Test func encodingFollowsPHPURLEncode() {
        #expect(VNPayFormEncoding.encode("Lệ phí thi") == "L%E1%BB%87+ph%C3%AD+thi")
        #expect(VNPayFormEncoding.encode("a-b_c.d~e*f") == "a-b_c.d%7Ee%2Af")
        #expect(VNPayFormEncoding.decode("L%E1%BB%87+ph%C3%AD+thi") == "Lệ phí thi")
        #expect(VNPayFormEncoding.decode("bad%2") == nil)
        #expect(VNPayFormEncoding.decode("%FF%FE") == nil)
    }

    @Test func hashIgnoresTheHashFieldsAndOtherParameters() {
        let signer = VNPaySigner(secret: Self.secret)
        var parameters = signer.signed(Self.example)
        parameters["vnp_SecureHashType"] = "HmacSHA512"
        parameters["utm_source"] = "mail"
        #expect(signer.verify(parameters))
        parameters["vnp_SecureHash"] = parameters["vnp_SecureHash"]!.uppercased()
        #expect(signer.verify(parameters), "hex case does not matter")
    }

    @Test func missingOrWrongSecretFails() {
        let signed = VNPaySigner(secret: Self.secret).signed(Self.example)
        #expect(!VNPaySigner(secret: Self.secret + "x").verify(signed))
        var unsigned = signed
        unsigned.removeValue(forKey: "vnp_SecureHash")
        #expect(!VNPaySigner(secret: Self.secret).verify(unsigned))
    }

    @Test func constantTimeEquality() {
        #expect(VNPaySigner.constantTimeEquals("abc", "abc"))
        #expect(!VNPaySigner.constantTimeEquals("abc", "abd"))
        #expect(!VNPaySigner.constantTimeEquals("abc", "abcd"))
        #expect(VNPaySigner.constantTimeEquals("", ""))
    }

    @Test func amountIsVNDTimesOneHundred() {
        #expect(VNPayAmount.encode(vnd: 20_000) == "2000000")
        #expect(VNPayAmount.decode("2000000") == 20_000)
        #expect(VNPayAmount.decode("2000050") == nil, "a fraction of a đồng cannot have been charged")
        #expect(VNPayAmount.decode("-100") == nil)
        #expect(VNPayAmount.decode("1e5") == nil)
        #expect(VNPayAmount.decode("") == nil)
        #expect(VNPayAmount.decode("1234567890123") == nil, "more than 12 digits")
    }

    @Test func timesAreGMTPlus7() {
        let instant = Date(timeIntervalSince1970: 1_753_759_800) // 2025-07-29T03:30:00Z
        #expect(VNPayTime.format(instant) == "20250729103000")
        #expect(VNPayTime.parse("20250729103000") == instant)
        #expect(VNPayTime.parse("20250230103000") == nil, "30 February")
        #expect(VNPayTime.parse("2025072910300") == nil)
    }

    @Test func paymentRequestRoundTripsThroughTheCheckoutURL() throws {
        let signer = VNPaySigner(secret: Self.secret)
        let created = Date(timeIntervalSince1970: 1_753_759_800)
        let request = PaymentRequest(tmnCode: "NEMIS001", txnRef: "FO1", amountVND: 20_000, orderInfo: "Le phi thi",
                                     returnURL: "http://127.0.0.1:8080/return?x=1&y=2", ipAddress: "127.0.0.1",
                                     createDate: created, expireDate: created.addingTimeInterval(900))
        let url = request.checkoutURL(gatewayPayURL: "http://gw/paymentv2/vpcpay.html", signer: signer)
        let query = String(url.split(separator: "?", maxSplits: 1)[1])
        let parameters = try #require(VNPayFormEncoding.parameters(query))
        #expect(try PaymentRequest(verifying: parameters, signer: signer) == request)
        #expect(throws: PaymentRequestError.badChecksum) {
            try PaymentRequest(verifying: parameters, signer: VNPaySigner(secret: "other"))
        }
    }

    @Test func paymentRequestRefusesBadFieldsNamingThem() {
        let signer = VNPaySigner(secret: Self.secret)
        var parameters = Self.example
        parameters["vnp_CurrCode"] = "USD"
        #expect(throws: PaymentRequestError.invalid("vnp_CurrCode", "only VND is accepted")) {
            try PaymentRequest(verifying: signer.signed(parameters), signer: signer)
        }
        parameters = Self.example
        parameters.removeValue(forKey: "vnp_TxnRef")
        #expect(throws: PaymentRequestError.missing("vnp_TxnRef")) {
            try PaymentRequest(verifying: signer.signed(parameters), signer: signer)
        }
    }
}
