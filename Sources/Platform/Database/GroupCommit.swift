/// Group commit: writes that arrive while a batch is being written wait for the next batch, and a
/// batch is written by one call (`write`, typically one transaction with a few multi-row
/// statements). Under a burst, batches grow and the database sees a few statements per batch
/// instead of several per write; when writes are rare, each one is written at once, alone. Each
/// request is answered with its own outcome.
///
/// Requests are spread over `lanes` by their `key`: each lane writes one batch at a time, and the
/// lanes write side by side, so the server prepares one batch while the database commits another.
/// Requests with the same key share a lane, so they are written in the order they came and two
/// batches never write the same record at once.
public actor GroupCommit<Request: Sendable, Answer: Sendable> {
    /// Writes a batch and gives one outcome per request, in order.
    public typealias Write = @Sendable ([Request]) async -> [Result<Answer, any Error>]

    private struct Pending {
        let request: Request
        let continuation: CheckedContinuation<Answer, any Error>
    }

    private let limit: Int
    private let key: @Sendable (Request) -> String
    private let write: Write
    private var pending: [[Pending]]
    private var writing: [Bool]

    /// - Parameters:
    ///   - limit: the most requests a batch takes.
    ///   - lanes: how many batches may be written at once.
    ///   - key: what names the record a request writes; requests with the same key share a lane.
    public init(limit: Int, lanes: Int = 1, key: @escaping @Sendable (Request) -> String = { _ in "" }, write: @escaping Write) {
        precondition(limit > 0 && lanes > 0)
        self.limit = limit
        self.key = key
        self.write = write
        pending = Array(repeating: [], count: lanes)
        writing = Array(repeating: false, count: lanes)
    }

    public func submit(_ request: Request) async throws -> Answer {
        // Hash values are stable within a process, which is all a lane needs.
        let lane = pending.count == 1 ? 0 : Int(UInt(bitPattern: key(request).hashValue) % UInt(pending.count))
        return try await withCheckedThrowingContinuation { continuation in
            pending[lane].append(Pending(request: request, continuation: continuation))
            if !writing[lane] {
                writing[lane] = true
                Task { await writeAll(lane: lane) }
            }
        }
    }

    private func writeAll(lane: Int) async {
        while !pending[lane].isEmpty {
            let batch = Array(pending[lane].prefix(limit))
            pending[lane].removeFirst(batch.count)
            let outcomes = await write(batch.map(\.request))
            for (index, item) in batch.enumerated() {
                item.continuation.resume(with: index < outcomes.count ? outcomes[index] : .failure(GroupCommitError.noOutcome))
            }
        }
        writing[lane] = false
    }
}

/// A batch writer that gave fewer outcomes than requests: a defect, reported rather than hung on.
public struct GroupCommitError: Error, CustomStringConvertible {
    static let noOutcome = GroupCommitError()
    public var description: String { "the batch writer gave no outcome for this request" }
}
