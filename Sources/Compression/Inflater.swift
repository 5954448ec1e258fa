/// A streaming DEFLATE (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Written in Swift rather than linking zlib so the package builds on machines without
/// zlib headers. Compressed bytes are pushed in as they arrive (`append(_:)`), decoded
/// bytes are pulled out in chunks of at most `chunkSize` (`next()`), and only the last
/// 32 KiB of output are kept for back-references: a spreadsheet part of a gigabyte
/// decodes in a few hundred kilobytes. Every output byte counts against
/// `maximumOutputBytes` before it is written, so a decompression bomb stops at the limit.
///
/// ```swift
/// var stream = InflateStream(maximumOutputBytes: 1 << 30)
/// stream.append(firstChunk)
/// while true {
///     switch try stream.next() {
///     case .output(let bytes): consume(bytes)
///     case .needsInput: if let more = read() { stream.append(more) } else { stream.finishInput() }
///     case .finished: return
///     }
/// }
/// ```
public struct InflateStream: Sendable {
    /// What one call to `next()` achieved.
    public enum Progress: Sendable, Equatable {
        /// Newly decoded bytes (never empty).
        case output([UInt8])
        /// Everything appended so far has been decoded: append more, or call
        /// `finishInput()` if there is no more.
        case needsInput
        /// The final block has ended; later calls return `.finished` again.
        case finished
    }

    /// How far back a DEFLATE back-reference may reach.
    public static let windowSize = 32_768
    /// The longest match DEFLATE can encode, by which a chunk may overrun `chunkSize`
    /// internally before it is cut.
    private static let maximumMatch = 258

    /// Decoding fails with `.outputLimitExceeded` before the total output passes this.
    public let maximumOutputBytes: Int
    /// The most bytes one `.output` carries.
    public let chunkSize: Int

    private var reader = BitReader()
    /// At least the last `windowSize` bytes of delivered output, then output decoded but
    /// not yet delivered (a match can end past a chunk's limit; the rest waits).
    private var window: [UInt8]
    private var windowEnd = 0
    /// End of the delivered part of `window`.
    private var deliveredEnd = 0
    /// Bytes decoded since the start of the stream.
    public private(set) var totalOutputCount = 0

    private enum State: Sendable {
        case blockHeader
        case stored(remaining: Int)
        case huffman
        case finished
    }
    private var state = State.blockHeader
    private var sawFinalBlock = false
    private var failure: DeflateError?
    private var literals = HuffmanTable.fixedLiterals
    private var distances = HuffmanTable.fixedDistances
    /// Where the current decoding step began, to return to when input runs out mid-step.
    private var checkpoint = BitReader.Position()

    /// - Parameters:
    ///   - maximumOutputBytes: the most bytes the whole stream may decode to.
    ///   - chunkSize: the most bytes returned by one call to `next()`.
    public init(maximumOutputBytes: Int = .max, chunkSize: Int = 1 << 16) {
        precondition(chunkSize > 0, "chunkSize must be positive")
        self.maximumOutputBytes = maximumOutputBytes
        self.chunkSize = chunkSize
        self.window = [UInt8](repeating: 0, count: Self.windowSize + chunkSize + 2 * Self.maximumMatch)
    }

    /// Adds compressed bytes after those appended before.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        precondition(!reader.isComplete, "append(_:) after finishInput()")
        reader.append(bytes)
    }

    /// Declares that no more input will come: if the stream has not ended by the end of
    /// what was appended, `next()` throws `.truncated`.
    public mutating func finishInput() {
        reader.isComplete = true
    }

    /// True once the final block has been decoded.
    public var isFinished: Bool {
        if case .finished = state { true } else { false }
    }

    /// After the stream has finished: how many of the appended bytes belong to it. The
    /// stream ends on a byte boundary; bytes from here on (a GZIP trailer, say) are not
    /// DEFLATE data.
    public var consumedInputCount: Int {
        reader.discardedCount + reader.offset
    }

    /// After the stream has finished: whether bytes were appended beyond its end.
    public var hasUnusedInput: Bool {
        reader.availableBytes > 0
    }

    /// Decodes up to `chunkSize` more bytes.
    ///
    /// After a thrown error the stream stays failed: every later call throws it again.
    public mutating func next() throws(DeflateError) -> Progress {
        if let failure { throw failure }
        let limit = deliveredEnd + chunkSize
        do throws(InflateInterruption) {
            try decode(until: limit)
        } catch {
            switch error {
            case .needsInput:
                reader.position = checkpoint
            case .failed(let reason):
                failure = reason
                throw reason
            }
        }
        if windowEnd > deliveredEnd {
            let end = min(windowEnd, limit)
            let output = Array(window[deliveredEnd..<end])
            deliveredEnd = end
            slideWindow()
            return .output(output)
        }
        if case .finished = state { return .finished }
        return .needsInput
    }

    // MARK: Blocks

    private mutating func decode(until limit: Int) throws(InflateInterruption) {
        while windowEnd < limit {
            switch state {
            case .finished:
                return
            case .blockHeader:
                if sawFinalBlock {
                    reader.alignToByte()
                    reader.giveBackLoadedBytes()
                    state = .finished
                    return
                }
                checkpoint = reader.position
                try readBlockHeader()
            case .stored(let remaining):
                try copyStored(remaining: remaining, limit: limit)
            case .huffman:
                try decodeHuffmanBlock(until: limit)
            }
        }
    }

    /// Reads a whole block header; nothing changes unless all of it has arrived, so a
    /// retry after more input starts clean.
    private mutating func readBlockHeader() throws(InflateInterruption) {
        let header = try reader.bits(3)
        let isFinal = header & 1 == 1
        switch header >> 1 {
        case 0:
            reader.alignToByte()
            let length = try reader.bits(16)
            let complement = try reader.bits(16)
            guard length == ~complement & 0xFFFF else { throw .failed(.storedLengthMismatch) }
            reader.giveBackLoadedBytes()
            state = .stored(remaining: length)
        case 1:
            literals = HuffmanTable.fixedLiterals
            distances = HuffmanTable.fixedDistances
            state = .huffman
        case 2:
            (literals, distances) = try dynamicCodes()
            state = .huffman
        default:
            throw .failed(.invalidBlockType)
        }
        sawFinalBlock = isFinal
    }

    private mutating func copyStored(remaining: Int, limit: Int) throws(InflateInterruption) {
        guard remaining > 0 else {
            state = .blockHeader
            return
        }
        checkpoint = reader.position
        let length = min(remaining, limit - windowEnd, reader.availableBytes)
        guard length > 0 else { throw reader.shortage }
        try reserve(length)
        reader.copyBytes(length, to: &window, at: windowEnd)
        windowEnd += length
        totalOutputCount += length
        state = .stored(remaining: remaining - length)
    }

    private mutating func decodeHuffmanBlock(until limit: Int) throws(InflateInterruption) {
        while windowEnd < limit {
            checkpoint = reader.position
            let symbol = try decodeSymbol(literals)
            if symbol < 256 {
                try reserve(1)
                window[windowEnd] = UInt8(truncatingIfNeeded: symbol)
                windowEnd += 1
                totalOutputCount += 1
            } else if symbol == 256 {
                state = .blockHeader
                return
            } else {
                let lengthIndex = symbol - 257
                guard lengthIndex < LengthTables.lengthBase.count else { throw .failed(.invalidSymbol) }
                let length = LengthTables.lengthBase[lengthIndex]
                    + (try reader.bits(LengthTables.lengthExtra[lengthIndex]))
                let distanceSymbol = try decodeSymbol(distances)
                guard distanceSymbol < LengthTables.distanceBase.count else { throw .failed(.invalidSymbol) }
                let distance = LengthTables.distanceBase[distanceSymbol]
                    + (try reader.bits(LengthTables.distanceExtra[distanceSymbol]))
                guard distance <= totalOutputCount else { throw .failed(.distanceTooFar) }
                try reserve(length)
                copyMatch(length: length, distance: distance)
            }
        }
    }

    /// Appends `length` bytes starting `distance` back. When the ranges overlap
    /// (distance < length) the result repeats the last `distance` bytes, which is how
    /// DEFLATE encodes runs, so that case copies forwards byte by byte.
    private mutating func copyMatch(length: Int, distance: Int) {
        let end = windowEnd
        window.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            if distance >= length {
                (base + end).update(from: base + end - distance, count: length)
            } else {
                for i in end..<(end + length) {
                    base[i] = base[i - distance]
                }
            }
        }
        windowEnd += length
        totalOutputCount += length
    }

    private func reserve(_ count: Int) throws(InflateInterruption) {
        guard count <= maximumOutputBytes - totalOutputCount else {
            throw .failed(.outputLimitExceeded(limit: maximumOutputBytes))
        }
    }

    /// Moves the last `windowSize` bytes of output, and any not yet delivered, to the
    /// front of the window.
    private mutating func slideWindow() {
        let start = min(deliveredEnd, windowEnd - Self.windowSize)
        guard start > 0 else { return }
        let count = windowEnd - start
        window.withUnsafeMutableBytes { bytes in
            bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + start, byteCount: count)
        }
        windowEnd -= start
        deliveredEnd -= start
    }

    // MARK: Huffman codes

    @inline(__always)
    private mutating func decodeSymbol(_ table: HuffmanTable) throws(InflateInterruption) -> Int {
        reader.refill()
        let entry = table.fast[Int(truncatingIfNeeded: reader.buffer & HuffmanTable.fastMask)]
        let length = Int(entry & 0xF)
        guard length != 0 else { return try decodeLongSymbol(table) }
        guard length <= reader.count else { throw reader.shortage }
        reader.consume(length)
        return Int(entry >> 4)
    }

    /// Walks the canonical code one bit at a time, for codes longer than the lookup table
    /// covers and for bit patterns that are no code at all.
    private mutating func decodeLongSymbol(_ table: HuffmanTable) throws(InflateInterruption) -> Int {
        var code = 0  // bits read so far, most significant first
        var first = 0  // first code of the current length
        var index = 0  // index of the first symbol of the current length
        for length in 1...HuffmanTable.maximumBits {
            guard length <= reader.count else { throw reader.shortage }
            code |= Int(truncatingIfNeeded: (reader.buffer >> UInt64(length - 1)) & 1)
            let count = table.counts[length]
            if code - first < count {
                reader.consume(length)
                return table.symbols[index + code - first]
            }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw .failed(.invalidSymbol)
    }

    /// Reads the code-length code and then the literal/length and distance code lengths
    /// of a dynamic block (RFC 1951 §3.2.7).
    private mutating func dynamicCodes() throws(InflateInterruption) -> (HuffmanTable, HuffmanTable) {
        let literalCount = try reader.bits(5) + 257
        let distanceCount = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw .failed(.invalidCodeLengths("too many literal or distance codes"))
        }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            codeLengthLengths[order[i]] = try reader.bits(3)
        }
        let codeLengthCode = HuffmanTable(lengths: codeLengthLengths)
        guard codeLengthCode.isComplete else { throw .failed(.invalidCodeLengths("incomplete code-length code")) }

        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try decodeSymbol(codeLengthCode)
            let value: Int
            let repeats: Int
            switch symbol {
            case 0..<16:
                value = symbol
                repeats = 1
            case 16:
                guard let previous = lengths.last else {
                    throw .failed(.invalidCodeLengths("repeat with no previous length"))
                }
                value = previous
                repeats = 3 + (try reader.bits(2))
            case 17:
                value = 0
                repeats = 3 + (try reader.bits(3))
            default:
                value = 0
                repeats = 11 + (try reader.bits(7))
            }
            guard lengths.count + repeats <= literalCount + distanceCount else {
                throw .failed(.invalidCodeLengths("code lengths overflow the table"))
            }
            lengths.append(contentsOf: repeatElement(value, count: repeats))
        }
        guard lengths[256] != 0 else { throw .failed(.invalidCodeLengths("no end-of-block code")) }

        let literals = HuffmanTable(lengths: Array(lengths[0..<literalCount]))
        let distances = HuffmanTable(lengths: Array(lengths[literalCount...]))
        // Incomplete codes are allowed only in the one form RFC 1951 permits: a single
        // code of one bit (as zlib does); over-subscribed codes never.
        guard literals.isAcceptable, distances.isAcceptable else {
            throw .failed(.invalidCodeLengths("over-subscribed or incomplete code"))
        }
        return (literals, distances)
    }
}
