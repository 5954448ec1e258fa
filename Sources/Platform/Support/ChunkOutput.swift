/// One chunk's share of the array `ParallelChunks.collect` returns: the slots of its range,
/// filled in order. Each value goes straight to its place in the result, where a chunk's own
/// array would be copied into the result and destroyed, a retain and a release for every
/// reference each value holds.
public struct ChunkOutput<T> {
    private let base: UnsafeMutablePointer<T>
    let range: Range<Int>
    private(set) var filled = 0

    init(base: UnsafeMutablePointer<T>, range: Range<Int>) {
        self.base = base
        self.range = range
    }

    /// Puts the next value of the chunk's range in its place.
    public mutating func append(_ value: consuming T) {
        precondition(filled < range.count, "a chunk gave more values than its range of \(range.count)")
        (base + range.lowerBound + filled).initialize(to: value)
        filled += 1
    }

    /// Destroys the values given so far, for a chunk that failed.
    func discard() {
        (base + range.lowerBound).deinitialize(count: filled)
    }
}

/// The result's storage, shared by the chunks: each writes only the slots of its own range.
struct ChunkSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>?
}
