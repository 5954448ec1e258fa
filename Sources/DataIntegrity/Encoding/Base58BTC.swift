/// Base58 with the Bitcoin alphabet ("base58btc"), used by Multikey, did:key and
/// eddsa proof values.
///
/// Each leading zero byte becomes a leading `1` and back, so keys and signatures keep
/// their exact length. The conversion is quadratic, which is fine for keys and
/// signatures (tens of bytes); it is not meant for large payloads.
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

    /// The base58btc text of `bytes` (no multibase prefix).
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        let zeros = input.prefix { $0 == 0 }.count
        // Base-58 digits, least significant first, built by long multiplication.
        var digits: [UInt8] = []
        digits.reserveCapacity(input.count * 138 / 100 + 1)
        for byte in input[zeros...] {
            var carry = Int(byte)
            for i in digits.indices {
                carry += Int(digits[i]) << 8
                digits[i] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        var out = [UInt8](repeating: UInt8(ascii: "1"), count: zeros)
        out.append(contentsOf: digits.reversed().map { alphabetBytes[Int($0)] })
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
