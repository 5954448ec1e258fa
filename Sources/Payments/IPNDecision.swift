/// The merchant's view of an order that an IPN names: enough to decide, nothing more.
public struct IPNOrder: Sendable, Equatable {
    public let amountVND: Int
    /// Paid, failed or expired: an IPN can no longer change it.
    public let isFinal: Bool

    public init(amountVND: Int, isFinal: Bool) {
        self.amountVND = amountVND
        self.isFinal = isFinal
    }
}

/// What to do with an IPN, decided by the checks of DOMAIN.md §6.1 in their order.
public enum IPNDecision: Sendable, Equatable {
    /// Change nothing and answer `reply` (97, 01, 04, 02 or 99).
    case refuse(IPNReply)
    /// Settle the order as the result says (paid when `result.isSuccess`, else failed), then answer 00;
    /// if another delivery settled it first, answer 02.
    case settle(PaymentResult)

    public var reply: IPNReply {
        switch self {
        case .refuse(let reply): reply
        case .settle: .confirmSuccess
        }
    }

    /// The IPN table as a pure function of the callback's parameters and a lookup of the order by
    /// `vnp_TxnRef`: bad checksum 97, unknown order 01, amount ≠ `vnp_Amount/100` 04, order already
    /// final 02, otherwise settle; a lookup that throws, or fields that cannot be read, 99. An IPN for
    /// another terminal names an order this merchant does not have: 01.
    public static func decide(_ parameters: [String: String], signer: VNPaySigner, expectedTmnCode: String,
                              lookup: (String) async throws -> IPNOrder?) async -> IPNDecision {
        guard signer.verify(parameters) else { return .refuse(.invalidChecksum) }
        guard let txnRef = parameters[VNPayCodes.Field.txnRef], !txnRef.isEmpty,
              parameters[VNPayCodes.Field.tmnCode] == expectedTmnCode else { return .refuse(.orderNotFound) }
        let order: IPNOrder?
        do {
            order = try await lookup(txnRef)
        } catch {
            return .refuse(.unknownError)
        }
        guard let order else { return .refuse(.orderNotFound) }
        guard let amountText = parameters[VNPayCodes.Field.amount], let amount = VNPayAmount.decode(amountText),
              amount == order.amountVND else { return .refuse(.invalidAmount) }
        guard !order.isFinal else { return .refuse(.alreadyConfirmed) }
        guard let result = try? PaymentResult(parameters: parameters) else { return .refuse(.unknownError) }
        return .settle(result)
    }
}
