/// Student-proposing deferred acceptance (DOMAIN.md §7.2).
///
/// Each free candidate applies to her best wish that has not rejected her; each programme holds
/// its best applicants in a min-heap of priority keys and rejects the rest; this repeats until
/// nobody is rejected. With `strict` programmes the result is the student-optimal stable
/// matching; with `admit_all` programmes it is the unique student-optimal stable matching for
/// their group choice rule (Hatfield–Milgrom). The order in which candidates apply does not
/// change the result. Time is O(W log q) for W wishes and quotas q; memory is one key per seat.
public enum DeferredAcceptance {
    /// Clears `instance` with its own quotas.
    public static func clear(_ instance: ClearingInstance) -> ClearingResult {
        let none = [UInt32](repeating: ClearingResult.none, count: instance.candidateCount)
        return run(instance, quotas: instance.programs.map(\.quota), pinnedWish: none,
                   withdrawn: [Bool](repeating: false, count: instance.candidateCount))
    }

    /// Runs deferred acceptance for the candidates that are neither pinned nor withdrawn.
    ///
    /// - Parameters:
    ///   - quotas: seats per programme this round, counting the pinned candidates' seats.
    ///   - pinnedWish: per candidate, a wish whose seat she keeps whatever happens (a confirmed
    ///     admission), or `ClearingResult.none`. Pinned candidates take seats out of the quota
    ///     and do not apply anywhere.
    ///   - withdrawn: candidates who take no part (they end unassigned).
    static func run(_ instance: ClearingInstance, quotas: [Int], pinnedWish: [UInt32], withdrawn: [Bool]) -> ClearingResult {
        let programCount = instance.programCount
        let candidateCount = instance.candidateCount
        precondition(quotas.count == programCount && pinnedWish.count == candidateCount && withdrawn.count == candidateCount)

        // Seats left for this round's applicants, and room for each programme's heap: a strict
        // programme never holds more than its seats; an admit_all one may hold all applicants.
        var seats = [Int](repeating: 0, count: programCount)
        var applicants = [Int](repeating: 0, count: programCount)
        for wish in instance.wishProgram { applicants[Int(wish)] += 1 }
        var pinnedCount = [Int](repeating: 0, count: programCount)
        for wish in pinnedWish where wish != ClearingResult.none { pinnedCount[Int(instance.wishProgram[Int(wish)])] += 1 }
        var offsets = [Int](repeating: 0, count: programCount)
        var admitAll = [Bool](repeating: false, count: programCount)
        var totalCapacity = 0, largestHeap = 0
        for program in 0 ..< programCount {
            seats[program] = max(0, quotas[program] - pinnedCount[program])
            admitAll[program] = instance.programs[program].tieMode == .admitAll
            let capacity = seats[program] == 0 ? 0 : admitAll[program] ? applicants[program] : min(seats[program], applicants[program])
            offsets[program] = totalCapacity
            totalCapacity += capacity
            largestHeap = max(largestHeap, capacity)
        }

        // The loop runs in tie-order positions rather than candidate numbers: a key's low bits
        // give the position directly, so a displaced applicant needs no lookup to be found.
        var rangeStart = [UInt32](repeating: 0, count: candidateCount)
        var rangeEnd = [UInt32](repeating: 0, count: candidateCount)
        var next = [UInt32](repeating: 0, count: candidateCount)
        var freePositions: [UInt32] = []
        freePositions.reserveCapacity(candidateCount)
        // Initially in candidate order, which walks the wish arrays front to back.
        for candidate in stride(from: candidateCount - 1, through: 0, by: -1) {
            let position = Int(instance.positionOfCandidate[candidate])
            rangeStart[position] = instance.wishStart[candidate]
            rangeEnd[position] = instance.wishStart[candidate + 1]
            if pinnedWish[candidate] != ClearingResult.none {
                next[position] = pinnedWish[candidate]
            } else if withdrawn[candidate] {
                next[position] = rangeEnd[position]
            } else {
                next[position] = rangeStart[position]
                freePositions.append(UInt32(position))
            }
        }

        var sizes = [Int](repeating: 0, count: programCount)
        let heapStorage = UnsafeMutablePointer<UInt64>.allocate(capacity: max(totalCapacity, 1))
        let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: max(largestHeap, 1))
        defer { heapStorage.deallocate(); scratch.deallocate() }

        let context = Context(candidateBits: UInt64(instance.keyLayout.candidateBits), candidateCount: candidateCount,
                              heapStorage: heapStorage, scratch: scratch)
        instance.priorityKeys.withUnsafeBufferPointer { keys in
        instance.wishProgram.withUnsafeBufferPointer { wishProgram in
        rangeEnd.withUnsafeBufferPointer { rangeEnd in
        seats.withUnsafeBufferPointer { seats in
        offsets.withUnsafeBufferPointer { offsets in
        admitAll.withUnsafeBufferPointer { admitAll in
        sizes.withUnsafeMutableBufferPointer { sizes in
        next.withUnsafeMutableBufferPointer { next in
        freePositions.withUnsafeMutableBufferPointer { stack in
            context.propose(keys: keys, wishProgram: wishProgram, rangeEnd: rangeEnd, seats: seats, offsets: offsets,
                            admitAll: admitAll, sizes: sizes, next: next, stack: stack)
        }}}}}}}}}

        var admittedWish = [UInt32](repeating: ClearingResult.none, count: candidateCount)
        for candidate in 0 ..< candidateCount {
            let position = Int(instance.positionOfCandidate[candidate])
            if next[position] < rangeEnd[position] { admittedWish[candidate] = next[position] }
        }
        return ClearingResult(instance: instance, quotas: quotas, admittedWish: admittedWish,
                              confirmed: pinnedWish.map { $0 != ClearingResult.none }, withdrawn: withdrawn)
    }

    /// The proposal loop's fixed parameters. Applicants are tie-order positions throughout.
    private struct Context {
        let candidateBits: UInt64
        let candidateCount: Int
        let heapStorage: UnsafeMutablePointer<UInt64>
        let scratch: UnsafeMutablePointer<UInt64>

        @inline(__always)
        func position(ofKey key: UInt64) -> Int {
            let mask = candidateBits == 0 ? 0 : UInt64.max >> (64 - candidateBits)
            return candidateCount - 1 - Int(key & mask)
        }

        /// Runs until every applicant is held or has run out of wishes. `next[p]` ends at the
        /// wish holding `p`, or at the end of her list.
        func propose(keys: UnsafeBufferPointer<UInt64>, wishProgram: UnsafeBufferPointer<UInt32>,
                     rangeEnd: UnsafeBufferPointer<UInt32>, seats: UnsafeBufferPointer<Int>, offsets: UnsafeBufferPointer<Int>,
                     admitAll: UnsafeBufferPointer<Bool>, sizes: UnsafeMutableBufferPointer<Int>,
                     next: UnsafeMutableBufferPointer<UInt32>, stack: UnsafeMutableBufferPointer<UInt32>) {
            var stackCount = stack.count
            while stackCount > 0 {
                stackCount -= 1
                var applicant = Int(stack[stackCount])
                applying: while true {
                    var wish = Int(next[applicant])
                    let end = Int(rangeEnd[applicant])
                    while wish < end {
                        let program = Int(wishProgram[wish])
                        let key = keys[wish]
                        let seatCount = seats[program]
                        let size = sizes[program]
                        let heap = heapStorage + offsets[program]
                        if size < seatCount {
                            KeyHeap.push(key, into: heap, count: size)
                            sizes[program] = size + 1
                            break
                        }
                        if seatCount == 0 { wish += 1; continue }
                        let weakest = heap[0]
                        if !admitAll[program] {
                            if key < weakest { wish += 1; continue }
                            // Holds the newcomer; the weakest held applicant goes on down her list.
                            KeyHeap.replaceTop(with: key, in: heap, count: size)
                            next[applicant] = UInt32(wish)
                            applicant = position(ofKey: weakest)
                            next[applicant] += 1
                            continue applying
                        }
                        let group = key >> candidateBits, weakestGroup = weakest >> candidateBits
                        if group < weakestGroup { wish += 1; continue }
                        KeyHeap.push(key, into: heap, count: size)
                        sizes[program] = size + 1
                        if group > weakestGroup {
                            stackCount = rejectSurplusGroups(heap: heap, program: program, seatCount: seatCount,
                                                             sizes: sizes, next: next, stack: stack, stackCount: stackCount)
                        }
                        break
                    }
                    next[applicant] = UInt32(wish)
                    break
                }
            }
        }

        /// Drops whole tie groups from the bottom of an `admit_all` programme while the
        /// applicants ranked strictly above the group fill the seats (DOMAIN.md §7.2: everyone
        /// tied with the last admitted group stays). Returns the new stack count.
        @inline(__always)
        private func rejectSurplusGroups(heap: UnsafeMutablePointer<UInt64>, program: Int, seatCount: Int,
                                         sizes: UnsafeMutableBufferPointer<Int>, next: UnsafeMutableBufferPointer<UInt32>,
                                         stack: UnsafeMutableBufferPointer<UInt32>, stackCount: Int) -> Int {
            var count = sizes[program]
            var stackCount = stackCount
            while count > seatCount {
                let excess = count - seatCount
                let group = heap[0] >> candidateBits
                // A weakest group of at most `excess` members has at least `seatCount` applicants
                // strictly above it and goes; a larger one stays, and so does everything above it.
                var popped = 0
                while popped <= excess, count > 0, heap[0] >> candidateBits == group {
                    scratch[popped] = KeyHeap.popTop(from: heap, count: count)
                    count -= 1
                    popped += 1
                }
                if popped > excess {
                    for index in 0 ..< popped {
                        KeyHeap.push(scratch[index], into: heap, count: count)
                        count += 1
                    }
                    break
                }
                for index in 0 ..< popped {
                    let rejected = position(ofKey: scratch[index])
                    next[rejected] += 1
                    stack[stackCount] = UInt32(rejected)
                    stackCount += 1
                }
            }
            sizes[program] = count
            return stackCount
        }
    }
}
