import Dispatch
import Foundation
import NIOPosix
import Synchronization

/// Splits `0..<count` into chunks and runs them on all cores, on Dispatch's threads.
///
/// Not a task group: the command line and the server run Swift's tasks on NIO's event loops
/// (`Server.useEventLoopsForTasks`), where a child task stays on the loop of the task that made it,
/// so a task group of CPU work runs on one core.
public enum ParallelChunks {
    /// Chunk ranges: several per worker, so a slow chunk does not leave the other cores idle.
    static func ranges(count: Int, workers: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let chunkCount = min(count, max(1, workers) * 8)
        let size = (count + chunkCount - 1) / chunkCount
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// Runs `body` for each chunk on `workers` threads and returns the results in chunk
    /// order, or the error of the first chunk (by position) that failed. Blocks the caller.
    public static func run<T: Sendable, E: Error>(
        count: Int, workers: Int = availableCores, _ body: @Sendable (Range<Int>) throws(E) -> T
    ) throws(E) -> [T] {
        let chunks = ranges(count: count, workers: workers)
        let results = Mutex<[Int: Result<T, E>]>([:])
        let next = Atomic<Int>(0)
        // One iteration per worker, each pulling chunks until none are left.
        DispatchQueue.concurrentPerform(iterations: min(max(1, workers), max(1, chunks.count))) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < chunks.count else { return }
                let outcome: Result<T, E>
                do throws(E) {
                    outcome = .success(try body(chunks[index]))
                } catch {
                    outcome = .failure(error)
                }
                results.withLock { $0[index] = outcome }
            }
        }
        let collected = results.withLock { $0 }
        var values: [T] = []
        values.reserveCapacity(chunks.count)
        for index in chunks.indices {
            switch collected[index]! {
            case .success(let value): values.append(value)
            case .failure(let error): throw error
            }
        }
        return values
    }

    /// An array of `count` values made on `workers` threads: `body` gives the values of its
    /// chunk's range, in order, to its `ChunkOutput`. Returns the error of the first chunk (by
    /// position) that failed, with every value already made destroyed. Blocks the caller.
    ///
    ///     let decisions = try ParallelChunks.collect(count: records.count) { range, output in
    ///         for index in range { output.append(try decide(records[index])) }
    ///     }
    public static func collect<T: Sendable>(
        count: Int, workers: Int = availableCores, _ body: @Sendable (Range<Int>, inout ChunkOutput<T>) throws -> Void
    ) throws -> [T] {
        try Array(unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let slots = ChunkSlots(base: buffer.baseAddress)
            let outcomes = run(count: count, workers: workers) { range -> Result<Range<Int>, any Error> in
                var output = ChunkOutput(base: slots.base!, range: range)
                do {
                    try body(range, &output)
                } catch {
                    output.discard()
                    return .failure(error)
                }
                precondition(output.filled == range.count, "a chunk gave \(output.filled) values for its range of \(range.count)")
                return .success(range)
            }
            for case .failure(let error) in outcomes {
                for case .success(let range) in outcomes { (slots.base! + range.lowerBound).deinitialize(count: range.count) }
                throw error
            }
            initializedCount = count
        }
    }

    /// `collect` without blocking the caller's thread (see `runWithoutBlocking`).
    public static func collectWithoutBlocking<T: Sendable>(
        count: Int, workers: Int = availableCores, _ body: @escaping @Sendable (Range<Int>, inout ChunkOutput<T>) throws -> Void
    ) async throws -> [T] {
        try await offloaded { try collect(count: count, workers: workers, body) }
    }

    /// `run` without blocking the caller's thread: an event loop stays free for the requests it
    /// serves while the chunks run.
    public static func runWithoutBlocking<T: Sendable>(
        count: Int, workers: Int = availableCores, _ body: @escaping @Sendable (Range<Int>) throws -> T
    ) async throws -> [T] {
        try await offloaded { try run(count: count, workers: workers, body) }
    }

    /// Runs CPU-bound `work` on NIO's blocking thread pool and resumes the caller when it is done,
    /// so an async caller (an HTTP handler, a job runner) never stalls the event loops that serve
    /// every other request:
    ///
    ///     let texts = try await ParallelChunks.offloaded {
    ///         try BatchSigner.signYearRecordsCanonical(records, with: key, created: now)
    ///     }
    public static func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// The number of cores the process may use.
    public static var availableCores: Int { ProcessInfo.processInfo.activeProcessorCount }
}
