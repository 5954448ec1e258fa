import Dispatch
import Foundation
import Platform

/// A CSV file whose bytes are written by a thread of its own: the exporter formats the next page
/// while the kernel copies the last one into the page cache (a province's enrollments are several
/// gigabytes, and on a busy disk `write` blocks). At most `depth` pages wait, so memory stays flat:
/// a page built in chunks is queued as one.
final class BackgroundFileWriter: @unchecked Sendable {
    private let writer: CSVWriter
    private let queue: DispatchQueue
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var failure: (any Error)?

    init(path: String, header: [String], depth: Int = 4) throws {
        writer = try CSVWriter(path: path)
        try writer.writeRow(header)
        queue = DispatchQueue(label: "oneroster-writer")
        slots = DispatchSemaphore(value: depth)
    }

    /// Queues a page's bytes, in one or more chunks written in order; throws a failure of an earlier write.
    func write(_ chunks: [[UInt8]]) throws {
        try rethrowFailure()
        guard chunks.contains(where: { !$0.isEmpty }) else { return }
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard lock.withLock({ failure == nil }) else { return }
            do {
                for bytes in chunks where !bytes.isEmpty { try writer.writeBytes(bytes) }
            } catch {
                lock.withLock { failure = error }
            }
        }
    }

    /// Waits for the queued bytes, then puts the file in place.
    func commit() throws {
        queue.sync {}
        try rethrowFailure()
        try writer.commit()
    }

    private func rethrowFailure() throws {
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
