import Compression

/// The bitstring of a Bitstring Status List (W3C Bitstring Status List v1.0).
///
/// Bit `i` is `(bytes[i / 8] >> (7 - i % 8)) & 1`: index 0 is the most significant bit
/// of the first byte (reading least significant first is a common bug). 0 means the
/// credential is in good standing. With `statusSize` > 1 an entry spans `statusSize`
/// consecutive bits, most significant first.
public struct StatusBitstring: Sendable, Equatable, Hashable {
    /// 131,072 entries (16 KiB): the specification's minimum, so that one credential's
    /// index is hidden among many (herd privacy).
    public static let minimumBitCount = 131_072

    /// The uncompressed bitstring.
    public private(set) var bytes: [UInt8]

    /// Number of bits (always a multiple of 8).
    public var bitCount: Int { bytes.count * 8 }

    /// An all-zero list of at least `bitCount` bits (rounded up to whole bytes).
    public init(bitCount: Int = minimumBitCount) throws(StatusListError) {
        guard bitCount >= Self.minimumBitCount else {
            throw .bitstringTooShort(bitCount: bitCount, minimum: Self.minimumBitCount)
        }
        bytes = [UInt8](repeating: 0, count: (bitCount + 7) / 8)
    }

    /// A list over existing bytes, which must hold at least the minimum number of bits.
    public init(bytes: [UInt8]) throws(StatusListError) {
        guard bytes.count * 8 >= Self.minimumBitCount else {
            throw .bitstringTooShort(bitCount: bytes.count * 8, minimum: Self.minimumBitCount)
        }
        self.bytes = bytes
    }

    // MARK: Bits

    /// Bit `index` (true = set, e.g. revoked); throws when out of range.
    public func bit(at index: Int) throws(StatusListError) -> Bool {
        try status(at: index, statusSize: 1) == 1
    }

    /// Sets or clears bit `index`; throws when out of range.
    public mutating func setBit(at index: Int, to value: Bool) throws(StatusListError) {
        try setStatus(value ? 1 : 0, at: index, statusSize: 1)
    }

    /// The `statusSize`-bit value of entry `index` (bits `index × statusSize` onwards).
    public func status(at index: Int, statusSize: Int = 1) throws(StatusListError) -> UInt64 {
        let first = try firstBit(of: index, statusSize: statusSize)
        var value: UInt64 = 0
        for bit in first..<(first + statusSize) {
            value = value << 1 | UInt64(bytes[bit >> 3] >> (7 - UInt8(bit & 7)) & 1)
        }
        return value
    }

    /// Sets entry `index` to the low `statusSize` bits of `value`.
    public mutating func setStatus(_ value: UInt64, at index: Int, statusSize: Int = 1) throws(StatusListError) {
        let first = try firstBit(of: index, statusSize: statusSize)
        for offset in 0..<statusSize {
            let bit = first + offset
            let mask = UInt8(1) << (7 - UInt8(bit & 7))
            if value >> UInt64(statusSize - 1 - offset) & 1 == 1 {
                bytes[bit >> 3] |= mask
            } else {
                bytes[bit >> 3] &= ~mask
            }
        }
    }

    /// Checks size and range without overflow: indexes come from credentials, which
    /// anyone can write.
    private func firstBit(of index: Int, statusSize: Int) throws(StatusListError) -> Int {
        guard (1...64).contains(statusSize) else { throw .invalidStatusSize(String(statusSize)) }
        let entryCount = bitCount / statusSize
        guard index >= 0, index < entryCount else {
            throw .indexOutOfRange(index: index, entryCount: entryCount)
        }
        return index * statusSize
    }

    // MARK: Encoding

    /// `encodedList`: `"u"` + base64url without padding of the GZIP-compressed bytes.
    public var encodedList: String {
        Multibase.base64url.encode(Gzip.compress(bytes))
    }

    /// Decodes an `encodedList`, refusing output above `maximumDecompressedBytes` and
    /// lists shorter than the minimum.
    public init(
        encodedList: String, maximumDecompressedBytes: Int = Gzip.defaultMaximumOutputBytes
    ) throws(StatusListError) {
        let compressed: [UInt8]
        do {
            compressed = try Multibase.base64url.decode(encodedList)
        } catch {
            throw .encodedListNotBase64URL(error)
        }
        let decompressed: [UInt8]
        do {
            decompressed = try Gzip.decompress(compressed, maximumOutputBytes: maximumDecompressedBytes)
        } catch {
            throw .decompressionFailed(error)
        }
        try self.init(bytes: decompressed)
    }
}
