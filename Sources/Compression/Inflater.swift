/// A DEFLATE (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Written in Swift rather than linking zlib so the kernel builds on machines without
/// zlib headers. It follows the structure of zlib's reference decoder `puff`: canonical
/// Huffman codes decoded bit by bit from per-length counts, which is slow but short and
/// easy to check, and status lists are small. Every output byte is counted against a
/// limit before it is written, so a decompression bomb stops at the limit.
struct Inflater {
    private let input: [UInt8]
    /// Next unread input byte.
    private(set) var position: Int
    private var bitBuffer: UInt32 = 0
    private var bitCount = 0
    private let outputLimit: Int
    private(set) var output: [UInt8] = []

    init(input: [UInt8], startingAt position: Int, outputLimit: Int) {
        self.input = input
        self.position = position
        self.outputLimit = outputLimit
    }

    /// Decodes blocks until the final one. Afterwards `position` is the first byte after
    /// the DEFLATE stream (partial bits of the last byte are discarded).
    mutating func run() throws(GzipError) {
        var isFinal = false
        while !isFinal {
            isFinal = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try huffmanBlock(literals: FixedCodes.literals, distances: FixedCodes.distances)
            case 2:
                let (literals, distances) = try dynamicCodes()
                try huffmanBlock(literals: literals, distances: distances)
            default: throw .invalidBlockType
            }
        }
        dropPartialByte()
    }

    // MARK: Bits

    /// The next `count` bits, least significant first (DEFLATE bit order). Bytes are
    /// loaded one at a time, so at most 7 unread bits sit in the buffer: that keeps
    /// `position` exact at the byte boundaries stored blocks and the trailer need.
    private mutating func bits(_ count: Int) throws(GzipError) -> Int {
        while bitCount < count {
            guard position < input.count else { throw .truncated }
            bitBuffer |= UInt32(input[position]) << UInt32(bitCount)
            position += 1
            bitCount += 8
        }
        let value = Int(bitBuffer & ((1 << UInt32(count)) - 1))
        bitBuffer >>= UInt32(count)
        bitCount -= count
        return value
    }

    private mutating func dropPartialByte() {
        bitBuffer = 0
        bitCount = 0
    }

    // MARK: Blocks

    private mutating func storedBlock() throws(GzipError) {
        dropPartialByte()
        guard position + 4 <= input.count else { throw .truncated }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        position += 4
        guard length == ~complement & 0xFFFF else { throw .storedLengthMismatch }
        guard position + length <= input.count else { throw .truncated }
        try reserve(length)
        output.append(contentsOf: input[position..<position + length])
        position += length
    }

    private mutating func huffmanBlock(literals: HuffmanCode, distances: HuffmanCode) throws(GzipError) {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                try reserve(1)
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let lengthIndex = symbol - 257
                guard lengthIndex < LengthTables.lengthBase.count else { throw .invalidSymbol }
                let length = LengthTables.lengthBase[lengthIndex] + (try bits(LengthTables.lengthExtra[lengthIndex]))
                let distanceSymbol = try decode(distances)
                guard distanceSymbol < LengthTables.distanceBase.count else { throw .invalidSymbol }
                let distance = LengthTables.distanceBase[distanceSymbol]
                    + (try bits(LengthTables.distanceExtra[distanceSymbol]))
                guard distance <= output.count else { throw .distanceTooFar }
                try reserve(length)
                copyMatch(length: length, distance: distance)
            }
        }
    }

    /// Appends `length` bytes starting `distance` back. When the ranges overlap
    /// (distance < length) the result repeats the last `distance` bytes, which is how
    /// DEFLATE encodes runs. The bytes are gathered into a separate buffer first
    /// (doubling the period until it is long enough) and appended in one block:
    /// appending a slice of `output` to itself would copy the whole buffer each time.
    private mutating func copyMatch(length: Int, distance: Int) {
        let start = output.count - distance
        var chunk = Array(output[start..<start + min(distance, length)])
        while chunk.count < length {
            chunk.append(contentsOf: chunk.prefix(length - chunk.count))
        }
        output.append(contentsOf: chunk)
    }

    private func reserve(_ count: Int) throws(GzipError) {
        guard output.count + count <= outputLimit else { throw .outputLimitExceeded(limit: outputLimit) }
    }

    // MARK: Huffman codes

    private mutating func decode(_ code: HuffmanCode) throws(GzipError) -> Int {
        var value = 0  // bits read so far, most significant first
        var first = 0  // first code of the current length
        var index = 0  // index of the first symbol of the current length
        for length in 1...HuffmanCode.maximumBits {
            value |= try bits(1)
            let count = code.counts[length]
            if value - first < count {
                return code.symbols[index + value - first]
            }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw .invalidSymbol
    }

    /// Reads the code-length code and then the literal/length and distance code lengths
    /// of a dynamic block (RFC 1951 §3.2.7).
    private mutating func dynamicCodes() throws(GzipError) -> (HuffmanCode, HuffmanCode) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw .invalidCodeLengths("too many literal or distance codes")
        }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            codeLengthLengths[order[i]] = try bits(3)
        }
        let codeLengthCode = HuffmanCode(lengths: codeLengthLengths)
        guard codeLengthCode.isComplete else { throw .invalidCodeLengths("incomplete code-length code") }

        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeLengthCode)
            let value: Int
            let repeats: Int
            switch symbol {
            case 0..<16:
                value = symbol
                repeats = 1
            case 16:
                guard let previous = lengths.last else { throw .invalidCodeLengths("repeat with no previous length") }
                value = previous
                repeats = 3 + (try bits(2))
            case 17:
                value = 0
                repeats = 3 + (try bits(3))
            default:
                value = 0
                repeats = 11 + (try bits(7))
            }
            guard lengths.count + repeats <= literalCount + distanceCount else {
                throw .invalidCodeLengths("code lengths overflow the table")
            }
            lengths.append(contentsOf: repeatElement(value, count: repeats))
        }
        guard lengths[256] != 0 else { throw .invalidCodeLengths("no end-of-block code") }

        let literals = HuffmanCode(lengths: Array(lengths[0..<literalCount]))
        let distances = HuffmanCode(lengths: Array(lengths[literalCount...]))
        // Incomplete codes are allowed only in the one form RFC 1951 permits: a single
        // code of one bit (as zlib does); over-subscribed codes never.
        guard literals.isAcceptable, distances.isAcceptable else {
            throw .invalidCodeLengths("over-subscribed or incomplete code")
        }
        return (literals, distances)
    }
}

/// A canonical Huffman code as counts of codes per length and symbols in code order.
struct HuffmanCode: Sendable {
    static let maximumBits = 15

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
    }

    var isComplete: Bool { unusedCodeSpace == 0 }

    /// Complete, or incomplete with no code longer than one bit: RFC 1951 allows a
    /// distance code with a single (one-bit) code or none at all. Anything else
    /// incomplete, or any over-subscribed code, is corrupt (the rule of zlib and puff).
    var isAcceptable: Bool {
        unusedCodeSpace == 0 || (unusedCodeSpace > 0 && counts[2...].allSatisfy { $0 == 0 })
    }
}

/// The fixed codes of block type 1 (RFC 1951 §3.2.6).
enum FixedCodes {
    static let literals = HuffmanCode(
        lengths: [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
            + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8))
    static let distances = HuffmanCode(lengths: [Int](repeating: 5, count: 30))
}

/// Base values and extra-bit counts for length symbols 257…285 and distance symbols 0…29.
enum LengthTables {
    static let lengthBase = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    static let lengthExtra = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
}
