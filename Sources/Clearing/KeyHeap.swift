/// Binary min-heap operations on a programme's slice of one shared key buffer.
///
/// Each programme's held applicants live in `base[0 ..< count]`; the top, `base[0]`, is the
/// weakest held key, which is what a new applicant is compared with and, once the programme is
/// full, its cutoff. Free functions on raw pointers keep the deferred-acceptance loop free of
/// array bounds checks and reference counting. (A 4-ary heap measured no faster here.)
enum KeyHeap {
    /// Adds `key`; `base` must have room for `count + 1` keys.
    @inline(__always)
    static func push(_ key: UInt64, into base: UnsafeMutablePointer<UInt64>, count: Int) {
        var child = count
        while child > 0 {
            let parent = (child - 1) >> 1
            let parentKey = base[parent]
            if parentKey <= key { break }
            base[child] = parentKey
            child = parent
        }
        base[child] = key
    }

    /// Replaces the top with `key` and restores the heap order.
    @inline(__always)
    static func replaceTop(with key: UInt64, in base: UnsafeMutablePointer<UInt64>, count: Int) {
        var parent = 0
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            var childKey = base[child]
            if child + 1 < count {
                let right = base[child + 1]
                if right < childKey { child += 1; childKey = right }
            }
            if key <= childKey { break }
            base[parent] = childKey
            parent = child
        }
        base[parent] = key
    }

    /// Removes and returns the top; `count` must be at least 1 and is the count before removal.
    @inline(__always)
    static func popTop(from base: UnsafeMutablePointer<UInt64>, count: Int) -> UInt64 {
        let top = base[0]
        let last = base[count - 1]
        if count > 1 { replaceTop(with: last, in: base, count: count - 1) }
        return top
    }
}
