/// The input side of `InflateStream`: appended bytes read as DEFLATE bits, least
/// significant bit first.
///
/// Up to 64 bits are loaded ahead into `buffer`. A whole decoding step (one symbol, or
/// one block header) is attempted on what has arrived so far; when the input runs out
/// mid-step, the stream restores the `Position` saved before the step and waits for more
/// input. That keeps the decoder a plain loop instead of a resumable state machine.
struct BitReader: Sendable {
    /// Where reading stands, to return to when a step cannot finish yet.
    struct Position: Sendable {
        var offset = 0
        var buffer: UInt64 = 0
        var count = 0
    }

    /// Bytes loaded into `buffer` are given back at the end of the stream and before a
    /// stored block, so compaction keeps at least this many bytes before `offset`.
    private static let retainedBytes = 8

    private(set) var bytes: [UInt8] = []
    /// Next byte of `bytes` to load into `buffer`.
    private(set) var offset = 0
    /// Loaded, unread bits; the next bit to read is the lowest.
    private(set) var buffer: UInt64 = 0
    private(set) var count = 0
    /// Bytes dropped from the front of `bytes` since the start of the stream.
    private(set) var discardedCount = 0
    /// No more input will be appended: running out now means the data is truncated.
    var isComplete = false

    mutating func append(_ more: some Collection<UInt8>) {
        let drop = offset - Self.retainedBytes
        if drop > 0 {
            bytes.removeSubrange(0..<drop)
            offset -= drop
            discardedCount += drop
        }
        bytes.append(contentsOf: more)
    }

    var position: Position {
        get { Position(offset: offset, buffer: buffer, count: count) }
        set {
            offset = newValue.offset
            buffer = newValue.buffer
            count = newValue.count
        }
    }

    /// Loads whole bytes while at least one fits in `buffer`.
    @inline(__always)
    mutating func refill() {
        while count <= 56, offset < bytes.count {
            buffer |= UInt64(bytes[offset]) << UInt64(count)
            offset += 1
            count += 8
        }
    }

    /// What to do when a step needs more bits than have arrived.
    var shortage: InflateInterruption {
        isComplete ? .failed(.truncated) : .needsInput
    }

    @inline(__always)
    mutating func consume(_ bitCount: Int) {
        buffer >>= UInt64(bitCount)
        count -= bitCount
    }

    /// The next `bitCount` (at most 32) bits as an integer, first bit lowest.
    @inline(__always)
    mutating func bits(_ bitCount: Int) throws(InflateInterruption) -> Int {
        if count < bitCount {
            refill()
            guard count >= bitCount else { throw shortage }
        }
        let value = Int(truncatingIfNeeded: buffer & ((1 << UInt64(bitCount)) - 1))
        consume(bitCount)
        return value
    }

    /// Skips to the next byte boundary, as stored blocks and the end of the stream need.
    mutating func alignToByte() {
        consume(count % 8)
    }

    /// Returns the whole bytes still in `buffer` to the input, so `offset` is the next
    /// unread byte. Only valid on a byte boundary.
    mutating func giveBackLoadedBytes() {
        offset -= count / 8
        buffer = 0
        count = 0
    }

    /// Unread bytes available right now, after `giveBackLoadedBytes()`.
    var availableBytes: Int { bytes.count - offset }

    /// Copies `length` unread bytes (at most `availableBytes`) to `destination` at `index`.
    mutating func copyBytes(_ length: Int, to destination: inout [UInt8], at index: Int) {
        guard length > 0 else { return }
        destination.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                (target.baseAddress! + index).update(from: source.baseAddress! + offset, count: length)
            }
        }
        offset += length
    }
}

/// Why a decoding step stopped: it needs input that has not arrived yet, or the data is bad.
enum InflateInterruption: Error {
    case needsInput
    case failed(DeflateError)
}
