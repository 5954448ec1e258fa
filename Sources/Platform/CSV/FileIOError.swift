/// A file could not be opened, read or written.
public struct FileIOError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// What was being done: "open", "read", "write", "rename".
    public let operation: String
    /// The system's reason.
    public let reason: String

    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }
}
