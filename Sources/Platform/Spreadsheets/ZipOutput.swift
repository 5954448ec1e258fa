import Foundation

/// Where a `ZipWriter` puts its bytes: memory, or a file written in large pieces.
struct ZipOutput {
    private let file: FileHandle?
    private let path: String
    private var buffer: [UInt8] = []
    /// Bytes written so far, which is the offset of the next one.
    private(set) var count = 0
    private static let flushSize = 1 << 20

    static func memory() -> ZipOutput {
        ZipOutput(file: nil, path: "memory")
    }

    static func file(path: String) throws(XLSXWriterError) -> ZipOutput {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw .writeFailed(path: path, reason: "the file cannot be created")
        }
        do {
            return ZipOutput(file: try FileHandle(forWritingTo: URL(fileURLWithPath: path)), path: path)
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }

    private init(file: FileHandle?, path: String) {
        self.file = file
        self.path = path
    }

    mutating func write(_ bytes: some Collection<UInt8>) throws(XLSXWriterError) {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if file != nil, buffer.count >= Self.flushSize { try flush() }
    }

    /// Flushes and closes a file; returns the bytes when writing to memory.
    mutating func close() throws(XLSXWriterError) -> [UInt8] {
        guard let file else { return buffer }
        try flush()
        do {
            try file.close()
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
        return []
    }

    private mutating func flush() throws(XLSXWriterError) {
        guard let file, !buffer.isEmpty else { return }
        do {
            try file.write(contentsOf: buffer)
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
