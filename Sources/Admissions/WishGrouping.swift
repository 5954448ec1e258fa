import Clearing

/// Turns wish rows in file order into the kernel's layout: each candidate's wishes together and
/// in rank order, candidates numbered in first-seen order, with their places in string order of
/// IDs as the tie order (DOMAIN's `candidate_id asc`).
///
/// Files usually list each candidate's wishes together; then the rows are used where they are,
/// with no reordering and no copy. Otherwise the blocks of one candidate are merged and a stable
/// counting sort brings her rows together first.
struct GroupedWishes {
    /// Candidate IDs, numbered as the instance numbers candidates.
    let candidateIDs: ByteStringList
    /// Candidates in string order of their IDs: the order of the assignment file.
    let candidatesInIDOrder: [UInt32]
    /// Each candidate's place in `candidatesInIDOrder`: the tie order of `strict` programmes.
    let positionInIDOrder: [UInt32]
    let wishStart: [UInt32]
    let wishProgram: [UInt32]
    let wishScore: [AdmissionScore]
    let wishTiebreak: [AdmissionScore]
    let wishRank: [UInt8]

    /// Groups `rows` (taking over their columns), reporting a rank used twice by one candidate
    /// and a programme named twice by one candidate, each at the later line.
    init(_ rows: WishRows, programs: ProgramTable, file: String, issues: IssueLog) {
        var columns = rows.takeColumns()
        var ids = rows.candidateIDs
        let (sorted, repeatsPrevious) = ids.sortedIndicesWithRepeats()
        var byID = sorted
        if let merged = Self.mergeRepeatedBlocks(ids: ids, sorted: sorted, repeatsPrevious: repeatsPrevious, columns: &columns) {
            (ids, byID) = merged
            columns = Self.groupedByCandidate(columns, candidateCount: ids.count)
        }
        let candidateCount = ids.count
        var position = [UInt32](repeating: 0, count: candidateCount)
        for (place, candidate) in byID.enumerated() { position[Int(candidate)] = UInt32(place) }

        // Candidates are numbered in first-seen order, so grouped rows come in candidate order.
        var wishStart = [UInt32](repeating: 0, count: candidateCount + 1)
        for candidate in columns.candidate { wishStart[Int(candidate) + 1] += 1 }
        for candidate in 0 ..< candidateCount { wishStart[candidate + 1] += wishStart[candidate] }

        Self.sortByRank(&columns, wishStart: wishStart)
        Self.reportDuplicates(columns, wishStart: wishStart, ids: ids, rows: rows, programs: programs, file: file, issues: issues)

        candidateIDs = ids
        candidatesInIDOrder = byID
        positionInIDOrder = position
        self.wishStart = wishStart
        wishProgram = columns.program
        wishScore = columns.score
        wishTiebreak = columns.tiebreak
        wishRank = columns.rank
    }

    /// When one candidate_id heads more than one block of rows, renumbers the candidates so each
    /// has one number (in first-seen order), rewrites the rows' candidate numbers, and returns
    /// the list of distinct IDs with its sorted order. Nil when every block is a different
    /// candidate: equal IDs sit next to each other in sorted order, so one pass finds them.
    private static func mergeRepeatedBlocks(ids: ByteStringList, sorted: [UInt32], repeatsPrevious: [Bool],
                                            columns: inout WishColumns) -> (ByteStringList, [UInt32])? {
        guard repeatsPrevious.contains(true) else { return nil }
        let count = ids.count
        // Each block's canonical block: the first block with the same ID.
        var canonical = (0 ..< UInt32(count)).map { $0 }
        var start = 0
        while start < count {
            var end = start + 1
            while end < count, repeatsPrevious[end] { end += 1 }
            if end - start > 1 {
                let first = sorted[start ..< end].min()!
                for index in start ..< end { canonical[Int(sorted[index])] = first }
            }
            start = end
        }

        var number = [UInt32](repeating: 0, count: count)
        let distinct = ByteStringList(expectedCount: count)
        for block in 0 ..< count where canonical[block] == UInt32(block) {
            number[block] = UInt32(distinct.append(ids.bytes(at: block)))
        }
        for block in 0 ..< count { number[block] = number[Int(canonical[block])] }
        for row in 0 ..< columns.count { columns.candidate[row] = number[Int(columns.candidate[row])] }
        let distinctSorted = sorted.filter { canonical[Int($0)] == $0 }.map { number[Int($0)] }
        return (distinct, distinctSorted)
    }

    /// A stable counting sort of the rows by candidate.
    private static func groupedByCandidate(_ columns: WishColumns, candidateCount: Int) -> WishColumns {
        var next = [Int](repeating: 0, count: candidateCount + 1)
        for candidate in columns.candidate { next[Int(candidate) + 1] += 1 }
        for candidate in 0 ..< candidateCount { next[candidate + 1] += next[candidate] }
        let count = columns.count
        var grouped = WishColumns()
        grouped.candidate = [UInt32](repeating: 0, count: count)
        grouped.program = [UInt32](repeating: 0, count: count)
        grouped.rank = [UInt8](repeating: 0, count: count)
        grouped.score = [AdmissionScore](repeating: .zero, count: count)
        grouped.tiebreak = [AdmissionScore](repeating: .zero, count: count)
        grouped.line = [UInt32](repeating: 0, count: count)
        for row in 0 ..< count {
            let candidate = Int(columns.candidate[row])
            let target = next[candidate]
            next[candidate] += 1
            grouped.candidate[target] = columns.candidate[row]
            grouped.program[target] = columns.program[row]
            grouped.rank[target] = columns.rank[row]
            grouped.score[target] = columns.score[row]
            grouped.tiebreak[target] = columns.tiebreak[row]
            grouped.line[target] = columns.line[row]
        }
        return grouped
    }

    /// Puts each candidate's rows in rank order: an insertion sort, since lists are short and
    /// nearly always in order already.
    private static func sortByRank(_ columns: inout WishColumns, wishStart: [UInt32]) {
        for candidate in 0 ..< wishStart.count - 1 {
            let start = Int(wishStart[candidate]), end = Int(wishStart[candidate + 1])
            guard end - start > 1 else { continue }
            var sorted = true
            for row in start + 1 ..< end where columns.rank[row - 1] > columns.rank[row] { sorted = false; break }
            if sorted { continue }
            for row in start + 1 ..< end {
                var slot = row
                while slot > start, columns.rank[slot - 1] > columns.rank[slot] {
                    columns.candidate.swapAt(slot, slot - 1)
                    columns.program.swapAt(slot, slot - 1)
                    columns.rank.swapAt(slot, slot - 1)
                    columns.score.swapAt(slot, slot - 1)
                    columns.tiebreak.swapAt(slot, slot - 1)
                    columns.line.swapAt(slot, slot - 1)
                    slot -= 1
                }
            }
        }
    }

    /// Reports a rank or a programme used twice by one candidate.
    private static func reportDuplicates(_ columns: WishColumns, wishStart: [UInt32], ids: ByteStringList, rows: WishRows,
                                         programs: ProgramTable, file: String, issues: IssueLog) {
        // candidateAt[p] is the last candidate seen naming p, on row lastRowAt[p].
        var lastRowAt = [Int](repeating: 0, count: programs.count)
        var candidateAt = [Int](repeating: -1, count: programs.count)
        for candidate in 0 ..< wishStart.count - 1 {
            let start = Int(wishStart[candidate]), end = Int(wishStart[candidate + 1])
            for row in start ..< end {
                let program = Int(columns.program[row])
                if row > start, columns.rank[row - 1] == columns.rank[row] {
                    report(columns, first: row - 1, second: row, column: rows.rankColumn, isRank: true, ids: ids,
                           programs: programs, file: file, issues: issues)
                } else if candidateAt[program] == candidate {
                    report(columns, first: lastRowAt[program], second: row, column: rows.programColumn, isRank: false, ids: ids,
                           programs: programs, file: file, issues: issues)
                }
                candidateAt[program] = candidate
                lastRowAt[program] = row
            }
        }
    }

    private static func report(_ columns: WishColumns, first: Int, second: Int, column: Int, isRank: Bool, ids: ByteStringList,
                               programs: ProgramTable, file: String, issues: IssueLog) {
        // Report at the later line, naming the earlier one.
        let (earlier, later) = columns.line[first] < columns.line[second] ? (first, second) : (second, first)
        let candidate = ids.string(at: Int(columns.candidate[later]))
        let value = isRank ? String(columns.rank[later]) : programs.ids.string(at: Int(columns.program[later]))
        let message = isRank ? "this candidate already has a wish with rank \(value)" : "this candidate already lists this program_id"
        issues.add(ClearingFileIssue(file: file, line: Int(columns.line[later]), column: column + 1,
                                     columnName: isRank ? "rank" : "program_id", value: value,
                                     message: "\(message) (candidate \(candidate), line \(columns.line[earlier])); "
                                         + "each candidate's \(isRank ? "ranks" : "programs") must differ"))
    }
}
