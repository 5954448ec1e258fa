#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the CSV reader and writer use: plain `read`/`write` on descriptors keep big
/// files streaming through one fixed buffer.
@usableFromInline
enum FileSystemCalls {
    static func openForReading(_ path: String) throws(FileIOError) -> Int32 {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileIOError(path: path, operation: "open", reason: lastError()) }
        return descriptor
    }

    static func createForWriting(_ path: String) throws(FileIOError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw FileIOError(path: path, operation: "create", reason: lastError()) }
        return descriptor
    }

    /// Reads up to `count` bytes; 0 at end of file.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutablePointer<UInt8>, count: Int, path: String) throws(FileIOError) -> Int {
        while true {
            let result = systemRead(descriptor, buffer, count)
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw FileIOError(path: path, operation: "read", reason: lastError())
        }
    }

    /// Writes all `count` bytes.
    @usableFromInline
    static func write(_ descriptor: Int32, from buffer: UnsafePointer<UInt8>, count: Int, path: String) throws(FileIOError) {
        var written = 0
        while written < count {
            let result = systemWrite(descriptor, buffer + written, count - written)
            if result < 0 {
                if errno == EINTR { continue }
                throw FileIOError(path: path, operation: "write", reason: lastError())
            }
            written += result
        }
    }

    static func close(_ descriptor: Int32) { _ = systemClose(descriptor) }

    static func rename(_ from: String, to: String) throws(FileIOError) {
        guard systemRename(from, to) == 0 else { throw FileIOError(path: to, operation: "rename \(from) to", reason: lastError()) }
    }

    static func remove(_ path: String) { _ = unlink(path) }

    static func fileSize(_ descriptor: Int32) -> Int {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
    }

    static var processID: Int { Int(getpid()) }

    /// Whether `path` is to be written into rather than replaced: a path under /dev or /proc
    /// (`/dev/stdout` is a link to wherever the shell sent the output, a regular file included),
    /// or one that exists and is neither a regular file nor a directory (a pipe, a socket).
    static func isSpecialFile(_ path: String) -> Bool {
        if path.hasPrefix("/dev/") || path.hasPrefix("/proc/") { return true }
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG && (status.st_mode & S_IFMT) != S_IFDIR
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

// The system functions under names that do not clash with the wrappers above.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int { read(descriptor, buffer, count) }
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafePointer<UInt8>, _ count: Int) -> Int { write(descriptor, buffer, count) }
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
