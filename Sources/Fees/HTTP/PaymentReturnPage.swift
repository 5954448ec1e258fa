/// The page the payer's browser lands on after the gateway. It reports what the gateway said and where
/// the order stands in NEMIS, which only the IPN changes: the two can differ for a moment.
struct PaymentReturnPage {
    let verified: Bool
    let gatewaySaysPaid: Bool
    let order: FeeOrder?

    var html: String {
        let headline: String
        let detail: String
        if !verified {
            headline = "Không xác minh được kết quả thanh toán / The payment result could not be verified"
            detail = "The gateway's signature does not match. Nothing was changed; check the order's status in NEMIS."
        } else if gatewaySaysPaid {
            headline = "Thanh toán thành công / Payment received by the gateway"
            detail = order?.status == .paid
                ? "NEMIS has recorded the payment."
                : "NEMIS records the payment when the gateway confirms it; this page does not change the order."
        } else {
            headline = "Thanh toán không thành công / The payment did not go through"
            detail = "No money was taken. You may create a new order and try again."
        }
        var rows = ""
        if let order {
            rows = """
                <dl>
                <dt>Order</dt><dd>\(escape(order.id))</dd>
                <dt>For</dt><dd>\(escape(order.description))</dd>
                <dt>Amount</dt><dd>\(order.amountVnd) VND</dd>
                <dt>Status in NEMIS</dt><dd id="status">\(order.status.rawValue)</dd>
                </dl>
                """
        }
        return """
            <!doctype html>
            <html lang="vi"><head><meta charset="utf-8"><title>NEMIS: kết quả thanh toán</title></head>
            <body><h1>\(escape(headline))</h1><p>\(escape(detail))</p>\(rows)</body></html>
            """
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
