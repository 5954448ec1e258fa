/// Base58btc encoding for signatures, in 58⁹ limbs instead of single digits: the kernel's
/// `Base58BTC.encode` divides digit by digit (quadratic), which is ~6 % of signing a year
/// record in a batch. Tests check both give the same text for random inputs, including
/// leading zero bytes.
enum FastBase58 {
    private static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    /// 58⁹ ≈ 1.98 × 10¹⁵: limb × 256 + 255 stays far below 2⁶⁴.
    private static let limbBase: UInt64 = 58 * 58 * 58 * 58 * 58 * 58 * 58 * 58 * 58

    /// `"z" + base58btc(bytes)`, the multibase text of `bytes`.
    static func multibase(_ bytes: some Collection<UInt8>) -> String {
        "z" + encode(Array(bytes))
    }

    /// The base58btc text of `bytes` (no prefix).
    static func encode(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        // Little-endian limbs in base 58⁹.
        var limbs: [UInt64] = []
        limbs.reserveCapacity(bytes.count / 6 + 1)
        for byte in bytes[zeros...] {
            var carry = UInt64(byte)
            for i in limbs.indices {
                let x = limbs[i] << 8 | carry
                limbs[i] = x % limbBase
                carry = x / limbBase
            }
            while carry > 0 {
                limbs.append(carry % limbBase)
                carry /= limbBase
            }
        }
        // Each limb is 9 digits, least significant first; drop the top limb's leading zeros.
        var digits: [UInt8] = []
        digits.reserveCapacity(limbs.count * 9)
        for (index, limb) in limbs.enumerated() {
            var value = limb
            for _ in 0..<9 {
                if index == limbs.count - 1 && value == 0 { break }
                digits.append(UInt8(value % 58))
                value /= 58
            }
        }
        var out = [UInt8](repeating: UInt8(ascii: "1"), count: zeros)
        out.reserveCapacity(zeros + digits.count)
        for digit in digits.reversed() { out.append(alphabet[Int(digit)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
