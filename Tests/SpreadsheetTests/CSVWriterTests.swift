import Foundation
import Testing
@testable import Platform

@Suite("CSV writer")
struct CSVWriterTests {
    @Test("a file appears whole at commit, and not at all without it")
    func commitRenamesIntoPlace() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-csv-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let abandoned = try CSVWriter(path: path)
            try abandoned.writeRow(["a", "b"])
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial-\(getpid())"), "the abandoned output is removed")
        let writer = try CSVWriter(path: path)
        try writer.writeRow(["a", "b, c"])
        #expect(!FileManager.default.fileExists(atPath: path), "nothing at the target before commit")
        try writer.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,\"b, c\"\n")
    }

    @Test("a pipe or a device is written into, not replaced by a file")
    func specialFilesAreWrittenInPlace() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.csv").path
        #expect(mkfifo(path, 0o600) == 0)
        let received = LockedBox(Data())
        let failure = LockedBox<(any Error)?>(nil)
        let read = DispatchSemaphore(value: 0)
        let written = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            if let reader = FileHandle(forReadingAtPath: path) { received.value = reader.readDataToEndOfFile() }
            read.signal()
        }
        // The writer runs on a thread of its own too: opening a pipe waits for its reader, so a reader
        // that never came would hang the test instead of failing it.
        Thread.detachNewThread {
            do {
                let writer = try CSVWriter(path: path)
                try writer.writeRow(["record_id", "status"])
                try writer.writeRow(["R1", "verified"])
                try writer.commit()
            } catch {
                failure.value = error
            }
            written.signal()
        }
        guard written.wait(timeout: .now() + 30) == .success else {
            Issue.record("the writer never finished: no reader opened the pipe"); return
        }
        if let error = failure.value { throw error }
        // A writer that renamed a file over the pipe never opened it: its reader would wait forever.
        guard read.wait(timeout: .now() + 30) == .success else {
            Issue.record("the pipe's reader never saw the output"); return
        }
        #expect(String(decoding: received.value, as: UTF8.self) == "record_id,status\nR1,verified\n")
        var status = stat()
        #expect(stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO, "still a pipe")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"], "no partial file left beside it")
    }
}

/// A value shared with the reader thread.
private final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
