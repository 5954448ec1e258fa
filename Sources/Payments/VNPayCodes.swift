/// Codes the gateway uses in `vnp_ResponseCode` (the payment's answer) and `vnp_TransactionStatus`
/// (the transaction's state at the gateway). A payment counts as paid only when both are `00`.
public enum VNPayCodes {
    public static let version = "2.1.0"
    public static let payCommand = "pay"
    public static let currency = "VND"

    public enum Response {
        public static let success = "00"
        /// The payer cancelled at the gateway.
        public static let cancelledByPayer = "24"
        /// The payment window (`vnp_ExpireDate`) passed before the payer finished.
        public static let expired = "11"
    }

    public enum TransactionStatus {
        public static let success = "00"
        /// Started at the gateway, not finished.
        public static let pending = "01"
        public static let failed = "02"
    }

    /// `vnp_ResponseCode` of a querydr answer: whether the query itself worked.
    public enum Query {
        public static let found = "00"
        public static let unknownTerminal = "02"
        public static let badRequest = "03"
        public static let notFound = "91"
        public static let duplicateRequest = "94"
        public static let badChecksum = "97"
        public static let otherError = "99"
    }

    /// Names of the parameters, in one place so a typo cannot sign one field and read another.
    public enum Field {
        public static let version = "vnp_Version"
        public static let command = "vnp_Command"
        public static let tmnCode = "vnp_TmnCode"
        public static let amount = "vnp_Amount"
        public static let createDate = "vnp_CreateDate"
        public static let expireDate = "vnp_ExpireDate"
        public static let currency = "vnp_CurrCode"
        public static let ipAddress = "vnp_IpAddr"
        public static let locale = "vnp_Locale"
        public static let orderInfo = "vnp_OrderInfo"
        public static let orderType = "vnp_OrderType"
        public static let returnURL = "vnp_ReturnUrl"
        public static let txnRef = "vnp_TxnRef"
        public static let bankCode = "vnp_BankCode"
        public static let bankTranNo = "vnp_BankTranNo"
        public static let cardType = "vnp_CardType"
        public static let payDate = "vnp_PayDate"
        public static let responseCode = "vnp_ResponseCode"
        public static let transactionNo = "vnp_TransactionNo"
        public static let transactionStatus = "vnp_TransactionStatus"
    }
}
