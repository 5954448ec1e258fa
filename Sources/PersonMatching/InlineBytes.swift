/// A short byte string held in three integers: up to 23 bytes and their count.
///
/// Why: the candidate loop compares a typed word with the words of thousands of registry people,
/// and those words are shared by every person who bears them ("Nguyễn", "Thị", "Anh"). Compared as
/// arrays, their bytes lay in a buffer behind each word, whose reference count both cores touched
/// for each comparison. Here two keys are equal when their three integers are, read from the word
/// itself (see also `NameAlignment.withUnretainedWords`).
struct InlineBytes: Sendable, Hashable {
    static let capacity = 23

    /// Bytes 0–22 in memory order, then the count at byte 23 (`tooLong` when they did not fit).
    private let storage: (UInt64, UInt64, UInt64)
    private static let tooLong: UInt8 = 0xFF

    init(_ bytes: some Collection<UInt8>) {
        var storage: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &storage) { raw in
            guard bytes.count <= Self.capacity else {
                raw[Self.capacity] = Self.tooLong
                return
            }
            let copied = bytes.withContiguousStorageIfAvailable { raw.copyMemory(from: UnsafeRawBufferPointer($0)) }
            if copied == nil {
                for (offset, byte) in bytes.enumerated() { raw[offset] = byte }
            }
            raw[Self.capacity] = UInt8(bytes.count)
        }
        self.storage = storage
    }

    /// False for a byte string longer than `capacity`, whose bytes are not held: compare the
    /// bytes themselves then.
    var fits: Bool { withUnsafeBytes(of: storage) { $0[Self.capacity] } != Self.tooLong }

    /// Whether both hold their bytes and the bytes are equal.
    func equals(_ other: InlineBytes) -> Bool {
        storage.0 == other.storage.0 && storage.1 == other.storage.1 && storage.2 == other.storage.2 && fits
    }

    static func == (lhs: InlineBytes, rhs: InlineBytes) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1 && lhs.storage.2 == rhs.storage.2
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
    }

    /// The bytes held, for the length of `body` (only when `fits`).
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        withUnsafeBytes(of: storage) { raw in
            let count = Int(raw[Self.capacity])
            precondition(count <= Self.capacity, "the bytes of a long string are not held inline")
            return body(UnsafeRawBufferPointer(rebasing: raw[0..<count]))
        }
    }
}
