import Foundation
import Synchronization

/// Random access to the bytes of an archive, in memory or in a file, so that a large
/// workbook is read a piece at a time instead of loaded whole.
protocol ByteSource: Sendable {
    /// The total length in bytes.
    var count: Int { get }
    /// `length` bytes from `offset`; fewer only if the source ends first.
    func read(at offset: Int, length: Int) throws(ZipError) -> [UInt8]
}

/// An archive already in memory.
struct MemoryByteSource: ByteSource {
    let bytes: [UInt8]

    var count: Int { bytes.count }

    func read(at offset: Int, length: Int) throws(ZipError) -> [UInt8] {
        let start = min(max(offset, 0), bytes.count)
        let end = min(start + max(length, 0), bytes.count)
        return Array(bytes[start..<end])
    }
}

/// An archive in a file, read with seek-and-read under a lock so that one open workbook
/// can be shared between tasks.
final class FileByteSource: ByteSource {
    let path: String
    let count: Int
    private let handle: Mutex<FileHandle>

    init(path: String) throws(ZipError) {
        self.path = path
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            let size = try handle.seekToEnd()
            self.count = Int(size)
            self.handle = Mutex(handle)
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
    }

    func read(at offset: Int, length: Int) throws(ZipError) -> [UInt8] {
        let path = path
        let result: Result<[UInt8], ZipError> = handle.withLock { handle in
            do {
                try handle.seek(toOffset: UInt64(offset))
                let data = try handle.read(upToCount: length) ?? Data()
                return .success([UInt8](data))
            } catch {
                return .failure(.readFailed(path: path, reason: "\(error)"))
            }
        }
        return try result.get()
    }

    deinit {
        handle.withLock { try? $0.close() }
    }
}
