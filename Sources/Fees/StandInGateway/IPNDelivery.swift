import Foundation
import Logging
import Payments
import Platform

/// One attempt to deliver an IPN, for the operator's log and for tests.
public struct IPNDeliveryAttempt: Sendable, Equatable {
    public let attempt: Int
    /// The merchant's `RspCode`, or nil when the attempt was lost or failed.
    public let replyCode: String?
    public let note: String
}

/// Delivers one signed IPN the way a gateway does: GET to the merchant's IPN URL until it answers
/// `RspCode` 00 or 02, waiting twice as long after each failed attempt; sometimes an attempt is lost on
/// the way, and sometimes an acknowledged one is sent again (both on purpose, per the settings).
struct IPNDelivery: Sendable {
    let settings: StandInGatewaySettings
    let ledger: GatewayLedger
    let logger: Logger

    func deliver(_ result: PaymentResult, signer: VNPaySigner) async {
        guard let ipnURL = settings.ipnURL else { return }
        let url = ipnURL + (ipnURL.contains("?") ? "&" : "?") + signer.signedQuery(result.parameters)
        var attempt = 0
        var wait = settings.retryBase
        while attempt < settings.maxAttempts {
            attempt += 1
            let outcome = await send(url, attempt: attempt, txnRef: result.txnRef)
            if outcome.map(IPNDelivery.endsDelivery) == true {
                if Double.random(in: 0..<1) < settings.duplicateRate {
                    _ = await send(url, attempt: attempt + 1, txnRef: result.txnRef, note: "duplicate sent on purpose")
                }
                return
            }
            guard attempt < settings.maxAttempts else { break }
            try? await Task.sleep(for: wait)
            wait = min(wait * 2, .seconds(300))
        }
        logger.warning("IPN given up", metadata: ["txnRef": "\(result.txnRef)", "attempts": "\(attempt)"])
    }

    /// One attempt; returns the merchant's `RspCode`, or nil when none came back.
    private func send(_ url: String, attempt: Int, txnRef: String, note: String = "") async -> String? {
        if settings.latency > .zero { try? await Task.sleep(for: settings.latency) }
        if Double.random(in: 0..<1) < settings.failureRate {
            await ledger.record(IPNDeliveryAttempt(attempt: attempt, replyCode: nil, note: "lost on purpose"), txnRef: txnRef)
            return nil
        }
        do {
            let response = try await PlainHTTPClient.send(.GET, url, timeout: .seconds(15))
            let object = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
            let code = object?["RspCode"] as? String
            await ledger.record(IPNDeliveryAttempt(attempt: attempt, replyCode: code,
                                                   note: note.isEmpty ? "HTTP \(response.status)" : note), txnRef: txnRef)
            logger.info("IPN delivered", metadata: ["txnRef": "\(txnRef)", "attempt": "\(attempt)", "RspCode": "\(code ?? "none")"])
            return code
        } catch {
            await ledger.record(IPNDeliveryAttempt(attempt: attempt, replyCode: nil, note: "\(error)"), txnRef: txnRef)
            logger.info("IPN attempt failed", metadata: ["txnRef": "\(txnRef)", "attempt": "\(attempt)", "error": "\(error)"])
            return nil
        }
    }

    static func endsDelivery(_ code: String) -> Bool {
        code == IPNReply.confirmSuccess.code || code == IPNReply.alreadyConfirmed.code
    }
}
