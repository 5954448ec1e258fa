/// A registry person scored against a school record.
public struct ScoredCandidate: Sendable, Hashable {
    /// Position in the `RegistryIndex` (stable for the index's lifetime).
    public let position: Int
    public let person: RegistryPerson
    /// Fellegi–Sunter match weight, in bits.
    public let weight: Double
    public let comparison: PairComparison
    /// Share of registry people with the candidate's given name.
    public let givenNameFrequency: Double
}

extension RegistryIndex {
    /// Blocks larger than this are skipped when a smaller block exists: a common given
    /// name in a populous birth year would otherwise make one record cost thousands of
    /// comparisons, and its people are reached through the date keys anyway.
    public static let defaultMaximumBlockSize = 4_000

    /// The best `limit` candidates for `record`, highest weight first. Candidates whose
    /// weight is below `minimumWeight` are not returned; a higher minimum lets the
    /// search dismiss more people without comparing their names. With `decisiveGap`,
    /// candidates more than that many bits below the best one found are dismissed too:
    /// a caller that only compares the best with those close to it loses nothing.
    public func candidates(
        for record: PersonRecord, limit: Int = 5, model: MatchModel = .shippedDefault,
        minimumWeight: Double = -.infinity, decisiveGap: Double? = nil,
        maximumBlockSize: Int = RegistryIndex.defaultMaximumBlockSize
    ) -> [ScoredCandidate] {
        candidates(
            for: PreparedRecord(record), limit: limit, model: model, minimumWeight: minimumWeight,
            decisiveGap: decisiveGap, maximumBlockSize: maximumBlockSize)
    }

    public func candidates(
        for record: PreparedRecord, limit: Int = 5, model: MatchModel = .shippedDefault,
        minimumWeight: Double = -.infinity, decisiveGap: Double? = nil,
        maximumBlockSize: Int = RegistryIndex.defaultMaximumBlockSize
    ) -> [ScoredCandidate] {
        guard limit > 0 else { return [] }
        var bound = CandidateBound(record: record, index: self, model: model)
        var best: [(position: Int, weight: Double, comparison: PairComparison)] = []
        best.reserveCapacity(limit + 1)
        for block in candidateBlocks(for: record, maximumBlockSize: maximumBlockSize) {
            // Once the bar is above what a different date of birth allows, only the people whose
            // date can still agree are visited: the block is in date order, so they are found by
            // binary search instead of bounding the whole block one person at a time.
            let kth = best.count == limit ? max(minimumWeight, best[best.count - 1].weight) : minimumWeight
            let barAtStart = decisiveGap.flatMap { gap in best.first.map { max(kth, $0.weight - gap) } } ?? kth
            let slots = barAtStart > bound.ceilingForDifferentDate
                ? closeDates(in: block, to: record.packedDOB) : [block]
            for range in slots { for slot in range {
                let position = Int(postings[slot])
                var bar = best.count == limit ? max(minimumWeight, best[best.count - 1].weight) : minimumWeight
                if let decisiveGap, let top = best.first { bar = max(bar, top.weight - decisiveGap) }
                if bound.weight(position: position, index: self, record: record, model: model) < bar {
                    continue
                }
                if best.contains(where: { $0.position == position }) { continue }
                let comparison = compare(record, position: position)
                let weight = model.matchWeight(comparison.vector, givenNameFrequency: givenNameFrequency(at: position))
                if weight < bar || (best.count == limit && weight <= bar) { continue }
                let insertAt = best.firstIndex { weight > $0.weight } ?? best.count
                best.insert((position, weight, comparison), at: insertAt)
                if best.count > limit { best.removeLast() }
            } }
        }
        return best.compactMap { entry in
            person(at: entry.position).map {
                ScoredCandidate(
                    position: entry.position, person: $0, weight: entry.weight, comparison: entry.comparison,
                    givenNameFrequency: givenNameFrequency(at: entry.position))
            }
        }
    }

    /// The blocks (ranges of `postings`) sharing a key with `record`, smallest first, so
    /// that the likeliest people (same date of birth) are scored first and raise the bar
    /// for the rest. Keys come from the usual name order and from both swapped orders,
    /// so a name typed given-name-first is still found. Blocks larger than
    /// `maximumBlockSize` are dropped unless nothing smaller exists.
    func candidateBlocks(for record: PreparedRecord, maximumBlockSize: Int) -> [Range<Int>] {
        var keys: [UInt64] = []
        let words = record.name.words
        let last = words.last?.folded ?? [], first = words.first?.folded ?? []
        BlockingKey.append(
            to: &keys, given: last, family: first, packedDOB: record.packedDOB,
            sex: record.sexCode, province: record.province)
        if words.count >= 2 {
            let secondLast = words[words.count - 2].folded, second = words[1].folded
            BlockingKey.append(
                to: &keys, given: secondLast, family: last, packedDOB: record.packedDOB,
                sex: record.sexCode, province: record.province, nameOnly: true)
            BlockingKey.append(
                to: &keys, given: first, family: second, packedDOB: record.packedDOB,
                sex: record.sexCode, province: record.province, nameOnly: true)
        }
        var ranges: [Range<Int>] = []
        for key in keys {
            if let range = block(key), !ranges.contains(range) { ranges.append(range) }
        }
        ranges.sort { $0.count < $1.count }
        if let smallest = ranges.first, smallest.count > maximumBlockSize { return [smallest] }
        return ranges.filter { $0.count <= maximumBlockSize }
    }

    /// The parts of a block (in date-of-birth order) whose people's date is not simply
    /// different from `packed`: unknown, year-only, within a day, or day and month swapped.
    func closeDates(in block: Range<Int>, to packed: Int32) -> [Range<Int>] {
        guard packed % 10_000 != 0, let date = CivilDate(packed: packed), let neighbours = date.packedNeighbours else { return [block] }
        func start(_ value: Int32) -> Int {
            var low = block.lowerBound, high = block.upperBound
            while low < high {
                let mid = (low + high) / 2
                if packedDOB[Int(postings[mid])] < value { low = mid + 1 } else { high = mid }
            }
            return low
        }
        var values: [ClosedRange<Int32>] = [0...0, (packed / 10_000 * 10_000)...(packed / 10_000 * 10_000), neighbours.previous...neighbours.next]
        if let swapped = date.swappingDayAndMonth?.packed { values.append(swapped...swapped) }
        return values.map { start($0.lowerBound)..<start($0.upperBound + 1) }.filter { !$0.isEmpty }
    }

    /// Range of `postings` for a key hash, by binary search.
    func block(_ key: UInt64) -> Range<Int>? {
        var low = 0, high = blockKeys.count
        while low < high {
            let mid = (low + high) / 2
            if blockKeys[mid] < key { low = mid + 1 } else { high = mid }
        }
        guard low < blockKeys.count, blockKeys[low] == key else { return nil }
        return Int(blockStarts[low])..<Int(blockStarts[low + 1])
    }
}
