import Dispatch
import Foundation
import Platform

/// A CSV file whose bytes are written by a thread of its own: the exporter formats the next page
/// while the kernel copies the last one into the page cache (a province's enrollments are several
/// gigabytes, and on a busy disk `write` blocks). At most `depth` pages wait, so memory stays flat.
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

    /// Queues `bytes`; throws a failure of an earlier write.
    func write(_ bytes: [UInt8]) throws {
        try rethrowFailure()
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard lock.withLock({ failure == nil }) else { return }
            do { try writer.writeBytes(bytes) } catch { lock.withLock { failure = error } }
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
