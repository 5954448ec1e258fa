/// A small DEFLATE (RFC 1951) compressor: one fixed-Huffman block with greedy LZ77.
///
/// Good enough for status lists, which are almost all zero bytes: a run of zeros costs
/// 13 bits per 258 bytes, so a 16 KiB all-clear list compresses to well under 200 bytes.
/// Simplicity matters more here than ratio; any conforming decoder (zlib, Python,
/// browsers) reads the output.
enum Deflater {
    static let windowSize = 32_768
    static let minimumMatch = 3
    static let maximumMatch = 258
    /// How many earlier positions with the same 3-byte hash are tried per position.
    static let maximumChain = 64
    /// Longer matches do not index the positions inside them; a long match usually means
    /// a run, where those positions add nothing and would cost time.
    static let maximumInsertLength = 32
    private static let hashBits = 15

    static func compress(_ input: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, bits: 1)  // BFINAL: this is the only block
        writer.write(1, bits: 2)  // BTYPE 01: fixed Huffman codes

        let mask = windowSize - 1
        var head = [Int](repeating: -1, count: 1 << hashBits)
        var previous = [Int](repeating: -1, count: windowSize)

        func hash(_ i: Int) -> Int {
            (Int(input[i]) << 10 ^ Int(input[i + 1]) << 5 ^ Int(input[i + 2])) & ((1 << hashBits) - 1)
        }
        func insert(_ i: Int) {
            let h = hash(i)
            previous[i & mask] = head[h]
            head[h] = i
        }

        var i = 0
        while i < input.count {
            guard i + minimumMatch <= input.count else {
                writer.writeLiteral(input[i])
                i += 1
                continue
            }
            var bestLength = 0
            var bestDistance = 0
            var candidate = head[hash(i)]
            var chain = 0
            let limit = min(maximumMatch, input.count - i)
            while candidate >= 0, i - candidate <= windowSize, chain < maximumChain {
                var length = 0
                while length < limit, input[candidate + length] == input[i + length] { length += 1 }
                if length > bestLength {
                    bestLength = length
                    bestDistance = i - candidate
                    if length == limit { break }
                }
                let next = previous[candidate & mask]
                // A slot reused by a newer position would lead forwards; stop there.
                guard next < candidate else { break }
                candidate = next
                chain += 1
            }
            insert(i)
            if bestLength >= minimumMatch {
                writer.writeMatch(length: bestLength, distance: bestDistance)
                if bestLength <= maximumInsertLength {
                    for j in (i + 1)..<(i + bestLength) where j + minimumMatch <= input.count {
                        insert(j)
                    }
                }
                i += bestLength
            } else {
                writer.writeLiteral(input[i])
                i += 1
            }
        }
        writer.writeSymbol(256)  // end of block
        writer.flush()
        return writer.bytes
    }
}

/// Packs bits least significant first, as DEFLATE requires; Huffman codes are stored
/// bit-reversed so they come out most significant bit first.
private struct BitWriter {
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
}
