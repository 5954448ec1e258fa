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
public final class ComputeExecutor: TaskExecutor {
    public static let shared = ComputeExecutor()

    private let queue = DispatchQueue.global()

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
