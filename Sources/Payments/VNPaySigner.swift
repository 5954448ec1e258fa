import Crypto
import Foundation

/// Signs and verifies VNPay parameter sets (payment URL, browser return, IPN) with the terminal's
/// secret: `vnp_SecureHash = HMAC-SHA512(secret, query)`, where `query` is every `vnp_*` parameter
/// except the hash itself, sorted by name and form-encoded (DOMAIN.md §6.1).
public struct VNPaySigner: Sendable {
    public static let hashField = "vnp_SecureHash"
    /// Sent by gateways of version 2.0.x; never part of what is hashed.
    public static let hashTypeField = "vnp_SecureHashType"

    private let key: SymmetricKey

    public init(secret: String) {
        self.key = SymmetricKey(data: Data(secret.utf8))
    }

    /// The string that is hashed: the signed parameters sorted by name (byte order, as PHP's `ksort`).
    public static func canonicalQuery(_ parameters: [String: String]) -> String {
        let signed = parameters.filter { $0.key.hasPrefix("vnp_") && $0.key != hashField && $0.key != hashTypeField }
        let sorted = signed.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        return VNPayFormEncoding.query(sorted.map { ($0.key, $0.value) })
    }

    /// HMAC-SHA512 of `text` in lower-case hex.
    public func hmac(_ text: String) -> String {
        let code = HMAC<SHA512>.authenticationCode(for: Data(text.utf8), using: key)
        return Self.hex(Array(code))
    }

    public func signature(of parameters: [String: String]) -> String {
        hmac(Self.canonicalQuery(parameters))
    }

    /// The parameters with `vnp_SecureHash` added (any previous hash replaced).
    public func signed(_ parameters: [String: String]) -> [String: String] {
        var out = parameters
        out.removeValue(forKey: Self.hashTypeField)
        out[Self.hashField] = signature(of: parameters)
        return out
    }

    /// The canonical query followed by the hash: what a payment URL or a return redirect carries.
    public func signedQuery(_ parameters: [String: String]) -> String {
        let query = Self.canonicalQuery(parameters)
        return query + "&" + Self.hashField + "=" + hmac(query)
    }

    /// True when the parameters carry a hash that matches them.
    public func verify(_ parameters: [String: String]) -> Bool {
        guard let claimed = parameters[Self.hashField] else { return false }
        return Self.constantTimeEquals(claimed.lowercased(), signature(of: parameters))
    }

    /// Compares every byte whatever the first difference, so the time taken does not tell a forger how
    /// much of a guessed hash was right (DOMAIN.md §6.3 item 4).
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
