extension Collection {
    /// The elements in consecutive runs of at most `size`, in order: one multi-row statement's worth
    /// each (`RecordStore.rowsPerStatement`).
    public func batches(of size: Int) -> [SubSequence] {
        precondition(size > 0, "a batch holds at least one element")
        var batches: [SubSequence] = []
        var start = startIndex
        while start != endIndex {
            let end = index(start, offsetBy: size, limitedBy: endIndex) ?? endIndex
            batches.append(self[start..<end])
            start = end
        }
        return batches
    }
}
