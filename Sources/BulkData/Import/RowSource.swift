import Foundation
import Platform

/// One row of an import file as text, numbered as a spreadsheet shows it.
struct RawRow: Sendable {
    let number: Int
    let cells: [String]
    /// Set when the line is not valid CSV (an unclosed quote…); the row then has no cells.
    var malformed: String?
}

/// The rows of a CSV or XLSX file, read on a thread of their own a few batches ahead of the
/// database writer, and turned there into what the writer takes (`transform`): reading and checking
/// cells overlap writing, on two cores, and memory stays flat whatever the file's size.
enum RowSource {
    struct Batch: Sendable {
        let rows: [RawRow]
        /// How far through the file reading has got, 0…1 (nil when the format cannot tell).
        let fraction: Double?
    }

    enum FileKind: Sendable, Equatable {
        case csv(separator: UInt8)
        case xlsx

        /// By the name's extension, and for CSV by the header line: Excel in Vietnamese settings
        /// writes `;` between fields, because `,` is the decimal mark there.
        static func of(path: String) throws -> FileKind {
            try checkReadable(path)
            if path.lowercased().hasSuffix(".xlsx") { return .xlsx }
            guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportError.unreadable(path, "the file cannot be opened") }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
            if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }  // a ZIP package, whatever its name
            let firstLine = head.prefix { $0 != UInt8(ascii: "\n") }
            let commas = firstLine.filter { $0 == UInt8(ascii: ",") }.count
            let semicolons = firstLine.filter { $0 == UInt8(ascii: ";") }.count
            return .csv(separator: semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ","))
        }
    }

    /// Refuses, before anything is read, a path that names no file, or a folder: the readers' own
    /// errors would call it a damaged workbook or repeat the path.
    static func checkReadable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError.unreadable(path, "no such file (không có tệp này)")
        }
        if isDirectory.boolValue { throw ImportError.unreadable(path, "a folder, not a file (đây là thư mục, không phải tệp)") }
    }

    /// Rows read ahead of the writer, in whole batches (at least one), whatever the batch size: the
    /// bound that keeps memory flat.
    static let rowsAhead = 4096

    /// The batches in order. Each one taken lets the reader read one more.
    struct Batches<Element: Sendable>: AsyncSequence {
        let stream: AsyncThrowingStream<Element, any Error>
        let slots: DispatchSemaphore

        struct AsyncIterator: AsyncIteratorProtocol {
            var base: AsyncThrowingStream<Element, any Error>.AsyncIterator
            let slots: DispatchSemaphore

            mutating func next() async throws -> Element? {
                let batch = try await base.next()
                if batch != nil { slots.signal() }
                return batch
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator(), slots: slots) }
    }

    /// The file's batches of `rowsPerBatch` rows (fewer in the last) after `transform`, which runs
    /// on the reader's thread, one batch after the other in file order; an error it throws ends the
    /// sequence with that error.
    static func rows<Element: Sendable>(of path: String, kind: FileKind, rowsPerBatch: Int,
                                        transform: @escaping @Sendable (Batch) throws -> Element) -> Batches<Element> {
        let (stream, continuation) = AsyncThrowingStream<Element, any Error>.makeStream()
        let slots = DispatchSemaphore(value: max(1, rowsAhead / rowsPerBatch))
        let stop = StopFlag()
        continuation.onTermination = { _ in
            stop.set()
            slots.signal()
        }
        let thread = Thread {
            do {
                try read(path, kind: kind, rowsPerBatch: rowsPerBatch, stop: stop) { batch in
                    let element = try transform(batch)
                    slots.wait()
                    guard !stop.isSet else { return false }
                    continuation.yield(element)
                    return true
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        thread.name = "import-reader"
        thread.start()
        return Batches(stream: stream, slots: slots)
    }

    /// Reads the file in batches; `emit` answers false when the consumer has stopped. An error
    /// `emit` throws (the checking of the rows) ends the reading and is thrown as it is.
    private static func read(_ path: String, kind: FileKind, rowsPerBatch: Int, stop: StopFlag,
                             emit: (Batch) throws -> Bool) throws {
        var rows: [RawRow] = []
        rows.reserveCapacity(rowsPerBatch)
        var emitFailure: (any Error)?
        var stopped = false
        func emitRows(fraction: Double?) {
            do {
                stopped = try !emit(Batch(rows: rows, fraction: fraction))
            } catch {
                emitFailure = error
                stopped = true
            }
            rows.removeAll(keepingCapacity: true)
        }
        switch kind {
        case .csv(let separator):
            let reader = try wrapping(path) { () throws(FileIOError) in try CSVReader(path: path, chunkSize: 1 << 20, separator: separator) }
            let total = Double(max(reader.fileSize, 1))
            try wrapping(path) { () throws(FileIOError) in
                try reader.forEachRecord({ record in
                    guard !stopped else { return }
                    rows.append(RawRow(number: record.line, cells: (0..<record.count).map(record.text)))
                    if rows.count == rowsPerBatch { emitRows(fraction: Double(reader.bytesRead) / total) }
                }, malformed: { line, column, message in
                    rows.append(RawRow(number: line, cells: [], malformed: "column \(column): \(message)"))
                })
            }
        case .xlsx:
            do {
                let workbook = try XLSXWorkbook(path: path)
                var reader = try workbook.rows()
                while !stopped, let row = try reader.next() {
                    rows.append(RawRow(number: row.number, cells: row.cells.map { $0.stringValue ?? "" }))
                    if rows.count == rowsPerBatch { emitRows(fraction: nil) }
                }
            } catch {
                throw ImportError.unreadable(path, "\(error)")
            }
        }
        if !stopped, !rows.isEmpty { emitRows(fraction: 1) }
        if let emitFailure { throw emitFailure }
    }

    private static func wrapping<T>(_ path: String, _ body: () throws(FileIOError) -> T) throws -> T {
        do { return try body() } catch { throw ImportError.unreadable(path, "\(error)") }
    }
}

/// Set once, read from two threads: the consumer stopped, so the reader must too.
private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
