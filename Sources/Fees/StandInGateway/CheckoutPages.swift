import Payments

/// The stand-in's hosted pages: plain HTML forms, no JavaScript, as a low-bandwidth payer would get.
enum CheckoutPages {
    static func checkout(_ request: PaymentRequest, ticket: String) -> String {
        page(title: "Cổng thanh toán thử nghiệm / Stand-in payment gateway", body: """
            <p>Merchant terminal <b>\(escape(request.tmnCode))</b>, order <b>\(escape(request.txnRef))</b></p>
            <p>\(escape(request.orderInfo))</p>
            <p>Amount: <b id="amount">\(request.amountVND) VND</b></p>
            <form method="post" action="/paymentv2/confirm">
            <input type="hidden" name="ticket" value="\(escape(ticket))">
            <button type="submit" name="action" value="pay">Pay</button>
            <button type="submit" name="action" value="cancel">Cancel</button>
            </form>
            """)
    }

    static func refusal(_ reason: String) -> String {
        page(title: "Giao dịch không hợp lệ / Invalid payment request", body: "<p id=\"reason\">\(escape(reason))</p>")
    }

    private static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><title>\(escape(title))</title></head>
        <body><h1>\(escape(title))</h1>
        \(body)
        </body></html>
        """
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
