/// Base58 with the Bitcoin alphabet ("base58btc"), used by Multikey, did:key and
/// eddsa proof values.
///
/// Each leading zero byte becomes a leading `1` and back, so keys and signatures keep
/// their exact length. The conversion is quadratic, which is fine for keys and
/// signatures (tens of bytes); it is not meant for large payloads. Encoding works in
/// limbs of nine base-58 digits, since it runs once per signature in batch signing.
public enum Base58BTC {
    /// The 58 characters, without `0`, `O`, `I` and `l`, which are easy to confuse.
    public static let alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

    private static let alphabetBytes = Array(alphabet.utf8)

    /// Digit value of each ASCII byte, or -1.
    private static let digitValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, byte) in Array(alphabet.utf8).enumerated() {
            table[Int(byte)] = Int8(value)
        }
        return table
    }()

    /// 58⁹ ≈ 1.98 × 10¹⁵: a limb × 256 + 255 stays far below 2⁶⁴.
    private static let limbBase: UInt64 = 58 * 58 * 58 * 58 * 58 * 58 * 58 * 58 * 58

    /// The base58btc text of `bytes` (no multibase prefix).
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        let zeros = input.prefix { $0 == 0 }.count
        // Little-endian limbs in base 58⁹, built by long multiplication.
        var limbs: [UInt64] = []
        limbs.reserveCapacity(input.count / 6 + 1)
        for byte in input[zeros...] {
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
        // Nine digits per limb, least significant first; the top limb has no leading zeros.
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
        for digit in digits.reversed() { out.append(alphabetBytes[Int(digit)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of base58btc text (no multibase prefix); rejects characters outside the alphabet.
    public static func decode(_ text: String) throws(BaseEncodingError) -> [UInt8] {
        var zeros = 0
        var leadingOnes = true
        // Bytes, least significant first.
        var bytes: [UInt8] = []
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let value = scalar.value < 128 ? Int(digitValues[Int(scalar.value)]) : -1
            guard value >= 0 else { throw .invalidCharacter(Character(scalar), offset: offset) }
            if leadingOnes && value == 0 {
                zeros += 1
                continue
            }
            leadingOnes = false
            var carry = value
            for i in bytes.indices {
                carry += Int(bytes[i]) * 58
                bytes[i] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }
}
