/// Splits the cohort into contiguous learner ranges and runs one child task per range in a task group.
/// Swift's cooperative pool has one thread per core, so that is the whole machine; several ranges per
/// core keep a core busy when another process slows one of them down.
enum ParallelChunks {
    static func ranges(count: Int, parts: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let size = (count + max(1, parts) - 1) / max(1, parts)
        return stride(from: 0, to: count, by: size).map { $0 ..< min($0 + size, count) }
    }

    /// `body` for every range, results in range order.
    static func map<T: Sendable>(
        _ ranges: [Range<Int>], _ body: @escaping @Sendable (Range<Int>) -> T
    ) async -> [T] {
        await withTaskGroup(of: (Int, T).self) { group in
            for (position, range) in ranges.enumerated() {
                group.addTask { (position, body(range)) }
            }
            var results = [T?](repeating: nil, count: ranges.count)
            for await (position, result) in group { results[position] = result }
            return results.map { $0! }
        }
    }
}
