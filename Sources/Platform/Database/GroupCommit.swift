/// Group commit: writes that arrive while a batch is being written wait for the next batch, and a
/// batch is written by one call (`write`, typically one transaction with a few multi-row
/// statements). Under a burst, batches grow and the database sees a few statements per batch
/// instead of several per write; when writes are rare, each one is written at once, alone. Each
/// request is answered with its own outcome.
public actor GroupCommit<Request: Sendable, Answer: Sendable> {
    /// Writes a batch and gives one outcome per request, in order.
    public typealias Write = @Sendable ([Request]) async -> [Result<Answer, any Error>]

    private struct Pending {
        let request: Request
        let continuation: CheckedContinuation<Answer, any Error>
    }

    private let limit: Int
    private let write: Write
    private var pending: [Pending] = []
    private var writing = false

    /// - Parameter limit: the most requests a batch takes.
    public init(limit: Int, write: @escaping Write) {
        self.limit = limit
        self.write = write
    }

    public func submit(_ request: Request) async throws -> Answer {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(request: request, continuation: continuation))
            if !writing {
                writing = true
                Task { await writeAll() }
            }
        }
    }

    private func writeAll() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(limit))
            pending.removeFirst(batch.count)
            let outcomes = await write(batch.map(\.request))
            for (index, item) in batch.enumerated() {
                item.continuation.resume(with: index < outcomes.count ? outcomes[index] : .failure(GroupCommitError.noOutcome))
            }
        }
        writing = false
    }
}

/// A batch writer that gave fewer outcomes than requests: a defect, reported rather than hung on.
public struct GroupCommitError: Error, CustomStringConvertible {
    static let noOutcome = GroupCommitError()
    public var description: String { "the batch writer gave no outcome for this request" }
}
