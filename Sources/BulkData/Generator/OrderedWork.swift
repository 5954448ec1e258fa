import Foundation

/// Runs numbered jobs on worker threads and hands their results to the calling thread in job
/// order. Workers stay at most `window` jobs ahead of the consumer, so memory holds a bounded
/// number of results however many jobs there are.
final class OrderedWork<Output: Sendable>: @unchecked Sendable {
    // Every field below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var nextToStart = 0
    private var nextToConsume = 0
    private var results: [Int: Output] = [:]
    private var failure: (any Error)?
    private var runningWorkers = 0

    init(count: Int, window: Int) {
        self.count = count
        self.window = max(1, window)
    }

    /// Runs `job(0)`…`job(count - 1)` on `threads` threads and calls `consume` with each result
    /// in order on this thread. The first error (from a job or from `consume`) stops the run.
    func run(threads: Int, job: @escaping @Sendable (Int) throws -> Output, consume: (Int, Output) throws -> Void) throws {
        condition.lock()
        runningWorkers = max(1, threads)
        condition.unlock()
        for _ in 0..<max(1, threads) {
            let thread = Thread { [self] in work(job) }
            thread.stackSize = 8 << 20
            thread.start()
        }
        defer { stopAndWait() }
        for index in 0..<count {
            condition.lock()
            while results[index] == nil && failure == nil { condition.wait() }
            if let failure {
                condition.unlock()
                throw failure
            }
            let output = results.removeValue(forKey: index)!
            nextToConsume = index + 1
            condition.broadcast()
            condition.unlock()
            do {
                try consume(index, output)
            } catch {
                fail(error)
                throw error
            }
        }
    }

    private func work(_ job: @Sendable (Int) throws -> Output) {
        while true {
            condition.lock()
            while nextToStart < count && nextToStart >= nextToConsume + window && failure == nil { condition.wait() }
            guard nextToStart < count, failure == nil else {
                runningWorkers -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let index = nextToStart
            nextToStart += 1
            condition.unlock()
            do {
                let output = try job(index)
                condition.lock()
                results[index] = output
                condition.broadcast()
                condition.unlock()
            } catch {
                fail(error)
            }
        }
    }

    private func fail(_ error: any Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    /// Stops handing out jobs and waits for the workers to return, so none outlives the run.
    private func stopAndWait() {
        condition.lock()
        if nextToConsume < count, failure == nil { failure = CancellationError() }
        nextToStart = count
        condition.broadcast()
        while runningWorkers > 0 { condition.wait() }
        condition.unlock()
    }
}
