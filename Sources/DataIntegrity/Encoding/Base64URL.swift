/// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5), as used by the
/// multibase `u` prefix in Bitstring Status List `encodedList`.
///
/// Decoding is strict: no `=`, no whitespace, no characters from the standard alphabet
/// (`+`, `/`) and zero padding bits, so each byte string has exactly one accepted text.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let sextetValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, byte) in alphabet.enumerated() {
            table[Int(byte)] = Int8(value)
        }
        return table
    }()

    /// The unpadded base64url text of `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count * 4 + 2) / 3)
        var i = 0
        while i + 3 <= input.count {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(alphabet[Int(n & 63)])
            i += 3
        }
        switch input.count - i {
        case 1:
            let n = UInt32(input[i]) << 16
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
        case 2:
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
        default:
            break
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of unpadded base64url text, decoded strictly.
    public static func decode(_ text: String) throws(BaseEncodingError) -> [UInt8] {
        var sextets: [UInt8] = []
        sextets.reserveCapacity(text.utf8.count)
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let value = scalar.value < 128 ? Int(sextetValues[Int(scalar.value)]) : -1
            guard value >= 0 else { throw .invalidCharacter(Character(scalar), offset: offset) }
            sextets.append(UInt8(value))
        }
        guard sextets.count % 4 != 1 else { throw .invalidLength(sextets.count) }
        var out: [UInt8] = []
        out.reserveCapacity(sextets.count * 3 / 4)
        var i = 0
        while i + 4 <= sextets.count {
            let n = UInt32(sextets[i]) << 18 | UInt32(sextets[i + 1]) << 12
                | UInt32(sextets[i + 2]) << 6 | UInt32(sextets[i + 3])
            out.append(UInt8(n >> 16 & 0xFF))
            out.append(UInt8(n >> 8 & 0xFF))
            out.append(UInt8(n & 0xFF))
            i += 4
        }
        switch sextets.count - i {
        case 2:
            guard sextets[i + 1] & 0x0F == 0 else { throw .nonZeroPaddingBits }
            out.append(sextets[i] << 2 | sextets[i + 1] >> 4)
        case 3:
            guard sextets[i + 2] & 0x03 == 0 else { throw .nonZeroPaddingBits }
            out.append(sextets[i] << 2 | sextets[i + 1] >> 4)
            out.append(sextets[i + 1] << 4 | sextets[i + 2] >> 2)
        default:
            break
        }
        return out
    }
}
