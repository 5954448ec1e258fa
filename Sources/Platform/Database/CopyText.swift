import NIOCore

/// Rows in PostgreSQL's `COPY … FROM STDIN` text format, for `PostgresTransaction.copy`: fields
/// separated by a tab, rows ended by a newline, NULL written `\N`, and a backslash, tab, newline or
/// carriage return inside a value escaped with a backslash. Written on the cores that make a bulk write's rows, so
/// that the connection only sends bytes, where a multi-row insert binds every value on its own.
public struct CopyText: Sendable {
    public private(set) var bytes: ByteBuffer
    public private(set) var rows = 0

    public init(capacity: Int = 0) {
        bytes = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Appends a row of `fields`, in the columns' order; `nil` is NULL.
    public mutating func appendRow(_ fields: [String?]) {
        precondition(!fields.isEmpty, "a COPY row needs at least one field")
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.writeInteger(UInt8(ascii: "\t")) }
            append(field)
        }
        bytes.writeInteger(UInt8(ascii: "\n"))
        rows += 1
    }

    private mutating func append(_ value: String?) {
        guard var value else {
            bytes.writeStaticString("\\N")
            return
        }
        value.withUTF8 { utf8 in
            guard utf8.contains(where: Self.needsEscape) else {
                bytes.writeBytes(utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\\"): bytes.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): bytes.writeStaticString("\\t")
                case UInt8(ascii: "\n"): bytes.writeStaticString("\\n")
                case UInt8(ascii: "\r"): bytes.writeStaticString("\\r")
                default: bytes.writeInteger(byte)
                }
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
