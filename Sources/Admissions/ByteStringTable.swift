/// Byte strings (candidate and programme IDs) back to back in one arena, numbered in the order
/// they were appended: 850,000 IDs cost three allocations, not one `String` each.
///
/// Appended to once per candidate while 7 million rows are read, from one thread, so the state
/// skips the runtime exclusivity check of class properties (`@exclusivity(unchecked)`).
final class ByteStringList {
    @exclusivity(unchecked) private var arena: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var arenaCapacity: Int
    @exclusivity(unchecked) private var arenaUsed = 0
    /// Start of string `i` is `offsets[i]`, its end `offsets[i + 1]`.
    @exclusivity(unchecked) private var offsets: [Int] = [0]

    /// Number of strings.
    var count: Int { offsets.count - 1 }

    init(expectedCount: Int = 1024) {
        arenaCapacity = max(expectedCount * 12, 4096)
        arena = .allocate(capacity: arenaCapacity)
        offsets.reserveCapacity(expectedCount + 1)
    }

    deinit { arena.deallocate() }

    /// The bytes of string `index`; valid until the next append.
    @inline(__always)
    func bytes(at index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: arena + offsets[index], count: offsets[index + 1] - offsets[index])
    }

    /// String `index` decoded as UTF-8.
    func string(at index: Int) -> String { String(decoding: bytes(at: index), as: UTF8.self) }

    /// Appends `bytes` and returns its index.
    @discardableResult
    func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        if arenaUsed + bytes.count > arenaCapacity {
            let newCapacity = max(arenaCapacity * 2, arenaUsed + bytes.count)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            larger.update(from: arena, count: arenaUsed)
            arena.deallocate()
            arena = larger
            arenaCapacity = newCapacity
        }
        if let source = bytes.baseAddress { (arena + arenaUsed).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        arenaUsed += bytes.count
        offsets.append(arenaUsed)
        return count - 1
    }

    /// Indices sorted by the strings' bytes (for UTF-8, the same as code point order, and as
    /// Python's string order): "10" sorts before "9".
    func sortedIndices() -> [UInt32] { sortedIndicesWithRepeats().order }

    /// Indices sorted by the strings' bytes, and for each place in that order whether its string
    /// equals the one before it (so repeated strings are found without comparing them again).
    ///
    /// A radix sort on each string's first 8 bytes (big-endian, zero-padded) orders 850,000 IDs
    /// in a few passes over two arrays. When every string is at most 8 bytes with no zero byte,
    /// equal keys mean equal strings and that is all; otherwise strings sharing a key are sorted
    /// by a full comparison within their run.
    func sortedIndicesWithRepeats() -> (order: [UInt32], repeatsPrevious: [Bool]) {
        let count = self.count
        var keysDecideEverything = true
        var keys = [UInt64](repeating: 0, count: count)
        for index in 0 ..< count {
            let bytes = self.bytes(at: index)
            keys[index] = Self.prefix(bytes)
            if bytes.count > 8 || bytes.contains(0) { keysDecideEverything = false }
        }
        var order = (0 ..< UInt32(count)).map { $0 }
        var histogram = [Int](repeating: 0, count: 8 * 256)
        for key in keys {
            for digit in 0 ..< 8 { histogram[digit * 256 + Int(truncatingIfNeeded: key >> UInt64(8 * digit)) & 0xFF] += 1 }
        }
        var otherKeys = keys, otherOrder = order
        for digit in 0 ..< 8 {
            let base = digit * 256
            // A byte position where every key has the same byte changes nothing.
            if (0 ..< 256).contains(where: { histogram[base + $0] == count }) { continue }
            var next = [Int](repeating: 0, count: 256)
            var total = 0
            for bucket in 0 ..< 256 { next[bucket] = total; total += histogram[base + bucket] }
            for index in 0 ..< count {
                let bucket = Int(truncatingIfNeeded: keys[index] >> UInt64(8 * digit)) & 0xFF
                otherKeys[next[bucket]] = keys[index]
                otherOrder[next[bucket]] = order[index]
                next[bucket] += 1
            }
            swap(&keys, &otherKeys)
            swap(&order, &otherOrder)
        }
        var repeatsPrevious = [Bool](repeating: false, count: count)
        var start = 0
        while start < count {
            var end = start + 1
            while end < count, keys[end] == keys[start] { end += 1 }
            if end - start > 1 {
                if keysDecideEverything {
                    for index in start + 1 ..< end { repeatsPrevious[index] = true }
                } else {
                    order[start ..< end].sort { Self.lexicographicallyPrecedes(bytes(at: Int($0)), bytes(at: Int($1))) }
                    for index in start + 1 ..< end {
                        repeatsPrevious[index] = Self.equal(bytes(at: Int(order[index - 1])), bytes(at: Int(order[index])))
                    }
                }
            }
            start = end
        }
        return (order, repeatsPrevious)
    }

    /// The index of `bytes` by binary search in `order` (as returned by `sortedIndices()`).
    func index(of bytes: UnsafeRawBufferPointer, inSortedOrder order: [UInt32]) -> Int? {
        var low = 0, high = order.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = self.bytes(at: Int(order[middle]))
            if Self.lexicographicallyPrecedes(candidate, bytes) { low = middle + 1 } else { high = middle }
        }
        guard low < order.count, Self.equal(self.bytes(at: Int(order[low])), bytes) else { return nil }
        return Int(order[low])
    }

    /// True when `a` sorts before `b` byte by byte (a prefix sorts first).
    static func lexicographicallyPrecedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = min(a.count, b.count)
        for index in 0 ..< common where a[index] != b[index] { return a[index] < b[index] }
        return a.count < b.count
    }

    @inline(__always)
    static func prefix(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0
        for index in 0 ..< 8 { value = value << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
        return value
    }

    @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let count = a.count
        guard count == b.count else { return false }
        var index = 0
        while index + 8 <= count {
            if a.loadUnaligned(fromByteOffset: index, as: UInt64.self) != b.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
            index += 8
        }
        while index < count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }

    /// A fast 64-bit hash for short byte strings (8 bytes at a time, multiply-xorshift mixing).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(count)
        var index = 0
        while index + 8 <= count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 31
        hash = hash &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 29)
    }
}

/// A `ByteStringList` with a hash index, so each string is stored once and found by its bytes
/// (programme IDs: thousands of them, looked up once per wish row).
final class ByteStringTable {
    let list: ByteStringList
    @exclusivity(unchecked) private var hashes: [UInt32] = []
    /// 1 + string index, 0 for an empty slot.
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) private var slotMask: Int

    /// Number of distinct strings.
    var count: Int { hashes.count }

    init(expectedCount: Int = 1024) {
        let slotCount = Self.slotCount(for: expectedCount)
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        slotMask = slotCount - 1
        list = ByteStringList(expectedCount: expectedCount)
        hashes.reserveCapacity(expectedCount)
    }

    deinit { slots.deallocate() }

    /// Slots at most half full keep probe chains short.
    private static func slotCount(for count: Int) -> Int {
        var slots = 16
        while slots < count * 2 { slots *= 2 }
        return slots
    }

    /// The bytes of string `index`; valid until the next insertion.
    @inline(__always)
    func bytes(at index: Int) -> UnsafeRawBufferPointer { list.bytes(at: index) }

    /// String `index` decoded as UTF-8.
    func string(at index: Int) -> String { list.string(at: index) }

    /// Indices sorted by the strings' bytes.
    func sortedIndices() -> [UInt32] { list.sortedIndices() }

    /// The index of `bytes`, or nil.
    func index(of bytes: UnsafeRawBufferPointer) -> Int? {
        let hash = ByteStringList.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if hashes[entry - 1] == UInt32(truncatingIfNeeded: hash), ByteStringList.equal(list.bytes(at: entry - 1), bytes) { return entry - 1 }
            slot = (slot + 1) & slotMask
        }
    }

    /// The index of `bytes`, adding it if new; `inserted` tells which.
    func insert(_ bytes: UnsafeRawBufferPointer) -> (index: Int, inserted: Bool) {
        let hash = ByteStringList.hash(bytes)
        let shortHash = UInt32(truncatingIfNeeded: hash)
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            if hashes[entry - 1] == shortHash, ByteStringList.equal(list.bytes(at: entry - 1), bytes) { return (entry - 1, false) }
            slot = (slot + 1) & slotMask
        }
        let index = list.append(bytes)
        hashes.append(shortHash)
        slots[slot] = UInt32(index + 1)
        if count * 2 > slotMask + 1 { grow() }
        return (index, true)
    }

    private func grow() {
        let slotCount = (slotMask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        slotMask = slotCount - 1
        // The stored 32 bits are the hash's low half, which is all the slot index uses while the
        // table has at most 2³² slots.
        for index in 0 ..< count {
            var slot = Int(hashes[index]) & slotMask
            while slots[slot] != 0 { slot = (slot + 1) & slotMask }
            slots[slot] = UInt32(index + 1)
        }
    }
}
