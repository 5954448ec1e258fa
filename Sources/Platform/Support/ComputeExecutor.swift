import Dispatch

/// A task executor for CPU-bound tasks: their jobs run on Dispatch's global queue, never on NIO's
/// event loops.
///
/// This program runs Swift's tasks on the event loops (`Server.useEventLoopsForTasks`), and a
/// loop that stores a batch in SQLite is busy until the statement ends. A task started there to
/// check the next batch, or resumed there between its steps, waits for the store: the other core
/// idles. With this executor as its preference, such a task starts and resumes at once:
///
///     let check = Task(executorPreference: ComputeExecutor.shared) { try await check(batch) }
///
/// A job on a loop also runs with the loop as its executor, so each call of a nonisolated async
/// function there hops off the loop and back through the loop's queue, where on this executor it runs
/// at once. Work that makes many such calls, such as an import's rules for each row, prefers this
/// executor for the same reason (`withTaskExecutorPreference`).
public final class ComputeExecutor: TaskExecutor {
    public static let shared = ComputeExecutor()

    private let queue = DispatchQueue.global()

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
