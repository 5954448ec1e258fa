@testable import Platform
import Synchronization
import Testing

/// `ParallelChunks.collect` places each chunk's values straight into the result: they must come
/// back in order whatever the chunking, and a failing chunk must leave no value alive.
@Suite("Parallel chunks")
struct ParallelChunksTests {
    @Test(arguments: [0, 1, 7, 16, 17, 1_000, 4_099])
    func collectGivesEveryValueInOrder(count: Int) throws {
        for workers in [1, 2, 5] {
            let values: [String] = try ParallelChunks.collect(count: count, workers: workers) { range, output in
                for index in range { output.append("value \(index)") }
            }
            #expect(values == (0..<count).map { "value \($0)" }, "workers: \(workers)")
        }
    }

    @Test
    func aFailingChunkThrowsTheFirstErrorAndDestroysEveryValueMade() {
        let instances = Instances()
        let chunks = ParallelChunks.ranges(count: 1_000, workers: 2)
        // Chunks 3 and 9 fail half-way, after some of their own values were made.
        let failing = [chunks[3], chunks[9]]
        #expect(throws: ChunkFailure(lowerBound: chunks[3].lowerBound)) {
            let _: [Tracked] = try ParallelChunks.collect(count: 1_000, workers: 2) { range, output in
                for index in range {
                    if failing.contains(range), index == range.lowerBound + range.count / 2 {
                        throw ChunkFailure(lowerBound: range.lowerBound)
                    }
                    output.append(Tracked(instances))
                }
            }
        }
        #expect(instances.alive == 0)
    }

    @Test
    func valuesOutliveTheCallThatMadeThem() throws {
        let instances = Instances()
        var values: [Tracked]? = try ParallelChunks.collect(count: 300, workers: 2) { range, output in
            for _ in range { output.append(Tracked(instances)) }
        }
        #expect(instances.alive == 300)
        #expect(values?.count == 300)
        values = nil
        #expect(instances.alive == 0)
    }

    private struct ChunkFailure: Error, Equatable {
        let lowerBound: Int
    }

    private final class Instances: Sendable {
        private let count = Atomic<Int>(0)
        var alive: Int { count.load(ordering: .relaxed) }
        func add(_ delta: Int) { count.add(delta, ordering: .relaxed) }
    }

    /// Counts itself among `instances` while it lives.
    private final class Tracked: Sendable {
        let instances: Instances
        init(_ instances: Instances) {
            self.instances = instances
            instances.add(1)
        }
        deinit { instances.add(-1) }
    }
}
