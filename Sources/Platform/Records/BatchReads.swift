import Foundation

/// What the rules of one batch write would read record by record, read for the whole batch with a
/// few statements before the rules run (`ResourceSpec.prefetch`): a file of enrolments names another
/// learner on every row, which no cache of the import can answer twice.
///
/// It is bound to the rules of that one batch (`BatchReads.$current`) and so may hold records of the
/// resource the batch writes: the batch's own records are checked against each other by the
/// database's constraints when they are stored, and records a refused batch leaves to be written one
/// by one read afresh, each seeing the writes before it.
public final class BatchReads: @unchecked Sendable {
    @TaskLocal public static var current: BatchReads?

    /// A task-local value must be `Sendable`; one batch's rules use it one record at a time.
    private let lock = NSLock()
    private var answers: [String: Any] = [:]

    public init() {}

    public func set<Answer>(_ answer: Answer, for key: String) {
        lock.withLock { answers[key] = answer as Any }
    }

    /// The answer read for `key`, or nil when the batch did not read it. An answer may itself be
    /// nil ("no such learner"): it comes back as `.some(nil)`.
    public func answer<Answer>(for key: String, as type: Answer.Type) -> Answer? {
        guard let known: Any = lock.withLock({ answers[key] }) else { return nil }
        return known as? Answer
    }
}
