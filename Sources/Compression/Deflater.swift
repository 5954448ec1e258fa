/// A streaming DEFLATE (RFC 1951) compressor: fixed-Huffman blocks with greedy LZ77.
///
/// Input is taken in pieces of any size and compressed a block of `blockSize` bytes at a
/// time; matches reach back into earlier blocks, so splitting the input costs almost
/// nothing in ratio, and memory stays under a megabyte however long the input is (a
/// worksheet of a million rows is written this way).
///
/// Simplicity matters more here than ratio: fixed codes need no code tables, and the
/// data this project compresses (status lists of mostly zeros, spreadsheet XML) is
/// repetitive enough that LZ77 does most of the work. Any conforming decoder (zlib,
/// Python, browsers, Excel, LibreOffice) reads the output.
public struct DeflateStream: Sendable {
    static let windowSize = 32_768
    static let minimumMatch = 3
    static let maximumMatch = 258
    /// How many earlier positions with the same 3-byte hash are tried per position.
    static let maximumChain = 64
    /// Longer matches do not index the positions inside them; a long match usually means
    /// a run, where those positions add nothing and would cost time.
    static let maximumInsertLength = 32
    /// A match this long ends the search early, as zlib's `nice_match` does: longer
    /// searches rarely find better and cost the most on repetitive data such as XML.
    static let niceLength = 128
    private static let hashBits = 15

    /// Input compressed per block.
    public let blockSize: Int
    private var writer = BitWriter()
    /// Input already compressed (the last `windowSize` bytes of it at least, for
    /// matches to refer to), followed by input not yet compressed.
    private var data: [UInt8] = []
    /// The first byte of `data` not yet compressed.
    private var position = 0
    /// Hash chains over `data`: the latest position with each 3-byte hash, and for each
    /// position (modulo the window) the one before it with the same hash. They live as
    /// long as the stream, so matches reach into earlier blocks.
    private var head = [Int](repeating: -1, count: 1 << hashBits)
    private var previous = [Int](repeating: -1, count: windowSize)
    private var isFinished = false

    /// - Parameter blockSize: input bytes compressed per block (and so held in memory).
    public init(blockSize: Int = 1 << 18) {
        precondition(blockSize > 0, "blockSize must be positive")
        self.blockSize = blockSize
    }

    /// Adds input and returns the compressed bytes completed so far (often none).
    public mutating func compress(_ bytes: some Collection<UInt8>) -> [UInt8] {
        precondition(!isFinished, "compress(_:) after finish()")
        data.append(contentsOf: bytes)
        while data.count - position >= blockSize {
            compressBlock(end: position + blockSize, isFinal: false)
            dropOldInput()
        }
        return writer.takeBytes()
    }

    /// Compresses what is left as the final block and returns the rest of the output.
    public mutating func finish() -> [UInt8] {
        precondition(!isFinished, "finish() called twice")
        isFinished = true
        compressBlock(end: data.count, isFinal: true)
        data = []
        writer.flush()
        return writer.takeBytes()
    }

    /// One fixed-Huffman block over `data[position..<end]`.
    private mutating func compressBlock(end: Int, isFinal: Bool) {
        // The loop works on locals (the chains moved out, the input through a pointer):
        // property access and bounds checks per byte cost more than the search itself.
        var writer = self.writer
        var head = self.head
        var previous = self.previous
        self.head = []
        self.previous = []
        defer {
            self.writer = writer
            self.head = head
            self.previous = previous
            position = end
        }
        writer.write(isFinal ? 1 : 0, bits: 1)  // BFINAL
        writer.write(1, bits: 2)  // BTYPE 01: fixed Huffman codes
        let windowSize = Self.windowSize
        let minimumMatch = Self.minimumMatch
        let mask = windowSize - 1
        let hashMask = (1 << Self.hashBits) - 1
        data.withUnsafeBufferPointer { data in
            func hash(_ i: Int) -> Int {
                (Int(data[i]) << 10 ^ Int(data[i + 1]) << 5 ^ Int(data[i + 2])) & hashMask
            }
            func insert(_ i: Int) {
                let h = hash(i)
                previous[i & mask] = head[h]
                head[h] = i
            }
            var i = position
            while i < end {
                guard i + minimumMatch <= data.count else {
                    writer.writeLiteral(data[i])
                    i += 1
                    continue
                }
                var bestLength = 0
                var bestDistance = 0
                var candidate = head[hash(i)]
                var chain = 0
                // A match may not run past the block: the next block starts at `end`.
                let limit = min(Self.maximumMatch, end - i)
                let goodEnough = min(Self.niceLength, limit)
                while candidate >= 0, i - candidate <= windowSize, chain < Self.maximumChain {
                    // A candidate can only beat the best so far if it also matches at the
                    // best length: one comparison rejects most of them (zlib's trick).
                    var length = 0
                    if data[candidate &+ bestLength] == data[i &+ bestLength] {
                        while length < limit, data[candidate &+ length] == data[i &+ length] { length &+= 1 }
                    }
                    if length > bestLength {
                        bestLength = length
                        bestDistance = i - candidate
                        if length >= goodEnough { break }
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
                    if bestLength <= Self.maximumInsertLength {
                        for j in (i + 1)..<(i + bestLength) where j + minimumMatch <= data.count {
                            insert(j)
                        }
                    }
                    i += bestLength
                } else {
                    writer.writeLiteral(data[i])
                    i += 1
                }
            }
        }
        writer.writeSymbol(256)  // end of block
    }

    /// Drops compressed input that no match can reach any more, in whole windows so
    /// that a position keeps its slot in `previous`, and moves the chains along.
    private mutating func dropOldInput() {
        let shift = (position - Self.windowSize) / Self.windowSize * Self.windowSize
        guard shift >= 1 << 18 else { return }
        data.removeFirst(shift)
        position -= shift
        for k in head.indices { head[k] = head[k] >= shift ? head[k] - shift : -1 }
        for k in previous.indices { previous[k] = previous[k] >= shift ? previous[k] - shift : -1 }
    }
}
