/// A canonical Huffman code prepared for decoding.
///
/// Codes of up to `fastBits` bits are decoded with one table lookup on the next bits of
/// input; longer codes (rare by construction: each is used less than once in 2^10
/// symbols) fall back to walking the canonical code one bit at a time, the way zlib's
/// reference decoder `puff` does.
struct HuffmanTable: Sendable {
    static let maximumBits = 15
    static let fastBits = 10
    static let fastMask: UInt64 = (1 << UInt64(fastBits)) - 1

    /// Indexed by the next `fastBits` input bits (first bit in the lowest position):
    /// `symbol << 4 | length`, or 0 when the code is longer than `fastBits` or invalid.
    let fast: [UInt16]
    /// `counts[n]` = number of codes of length n (index 0 counts unused symbols).
    let counts: [Int]
    /// Symbols ordered by code length, then by symbol value (the canonical code order).
    let symbols: [Int]
    /// Code space left unused: 0 = complete, > 0 = incomplete, < 0 = over-subscribed.
    let unusedCodeSpace: Int

    init(lengths: [Int]) {
        var counts = [Int](repeating: 0, count: Self.maximumBits + 1)
        for length in lengths { counts[length] += 1 }
        var left = 1
        for length in 1...Self.maximumBits {
            left = left << 1 - counts[length]
            if left < 0 { break }
        }
        var offsets = [Int](repeating: 0, count: Self.maximumBits + 1)
        for length in 1..<Self.maximumBits {
            offsets[length + 1] = offsets[length] + counts[length]
        }
        var symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
        self.counts = counts
        self.symbols = symbols
        self.unusedCodeSpace = left
        self.fast = left < 0 ? [] : Self.fastTable(lengths: lengths, counts: counts)
    }

    /// Fills the lookup table: every index whose low `length` bits are a symbol's code
    /// (bit-reversed, since DEFLATE sends Huffman codes most significant bit first) maps
    /// to that symbol.
    private static func fastTable(lengths: [Int], counts: [Int]) -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 1 << fastBits)
        var nextCode = [Int](repeating: 0, count: maximumBits + 1)
        var code = 0
        for length in 1...maximumBits {
            code = (code + (length == 1 ? 0 : counts[length - 1])) << 1
            nextCode[length] = code
        }
        for (symbol, length) in lengths.enumerated() where length != 0 {
            let code = nextCode[length]
            nextCode[length] += 1
            guard length <= fastBits else { continue }
            var reversed = 0
            for bit in 0..<length where code & (1 << bit) != 0 {
                reversed |= 1 << (length - 1 - bit)
            }
            let entry = UInt16(symbol << 4 | length)
            for index in stride(from: reversed, to: 1 << fastBits, by: 1 << length) {
                table[index] = entry
            }
        }
        return table
    }

    var isComplete: Bool { unusedCodeSpace == 0 }

    /// Complete, or incomplete with no code longer than one bit: RFC 1951 allows a
    /// distance code with a single (one-bit) code or none at all. Anything else
    /// incomplete, or any over-subscribed code, is corrupt (the rule of zlib and puff).
    var isAcceptable: Bool {
        unusedCodeSpace == 0 || (unusedCodeSpace > 0 && counts[2...].allSatisfy { $0 == 0 })
    }

    static let fixedLiterals = HuffmanTable(lengths: FixedCodeLengths.literals)
    static let fixedDistances = HuffmanTable(lengths: FixedCodeLengths.distances)
}
