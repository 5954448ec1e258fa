/// Packs bits least significant first, as DEFLATE requires; Huffman codes are stored
/// bit-reversed so they come out most significant bit first.
struct BitWriter: Sendable {
    /// Completed bytes not yet taken by the caller.
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    /// Fixed literal/length codes, bit-reversed, with their lengths (RFC 1951 §3.2.6).
    private static let fixedCodes: [(code: UInt32, bits: Int)] = (0..<288).map { symbol in
        let (code, bits): (Int, Int) = switch symbol {
        case 0..<144: (0x30 + symbol, 8)
        case 144..<256: (0x190 + symbol - 144, 9)
        case 256..<280: (symbol - 256, 7)
        default: (0xC0 + symbol - 280, 8)
        }
        return (reversed(UInt32(code), bits: bits), bits)
    }

    private static func reversed(_ code: UInt32, bits: Int) -> UInt32 {
        var result: UInt32 = 0
        for i in 0..<bits where code & (1 << UInt32(i)) != 0 {
            result |= 1 << UInt32(bits - 1 - i)
        }
        return result
    }

    mutating func write(_ value: Int, bits: Int) {
        buffer |= UInt64(value) << UInt64(count)
        count += bits
        while count >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            count -= 8
        }
    }

    mutating func writeSymbol(_ symbol: Int) {
        let entry = Self.fixedCodes[symbol]
        write(Int(entry.code), bits: entry.bits)
    }

    mutating func writeLiteral(_ byte: UInt8) {
        writeSymbol(Int(byte))
    }

    mutating func writeMatch(length: Int, distance: Int) {
        let lengthIndex = LengthTables.lengthBase.lastIndex { $0 <= length }!
        writeSymbol(257 + lengthIndex)
        write(length - LengthTables.lengthBase[lengthIndex], bits: LengthTables.lengthExtra[lengthIndex])
        let distanceIndex = LengthTables.distanceBase.lastIndex { $0 <= distance }!
        // Fixed distance codes are 5-bit values, also sent most significant bit first.
        write(Int(Self.reversed(UInt32(distanceIndex), bits: 5)), bits: 5)
        write(distance - LengthTables.distanceBase[distanceIndex], bits: LengthTables.distanceExtra[distanceIndex])
    }

    /// Pads the last byte with zero bits.
    mutating func flush() {
        if count > 0 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer = 0
            count = 0
        }
    }

    /// Hands over the completed bytes; bits of an unfinished byte stay for later.
    mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
}
