/// CRC-32 as used by GZIP (ISO-HDLC: reflected polynomial 0xEDB88320, initial and final
/// XOR 0xFFFFFFFF), so a corrupted or truncated status list is detected.
public struct CRC32: Sendable {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 {
            c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1
        }
        return c
    }

    private var state: UInt32 = 0xFFFF_FFFF

    /// A checksum over no bytes yet.
    public init() {}

    /// Adds `bytes` to the running checksum. Not generic, so callers in other modules get
    /// the compiled loop rather than an unspecialised generic one.
    public mutating func update(_ bytes: [UInt8]) {
        let table = Self.table
        var c = state
        bytes.withUnsafeBufferPointer { buffer in
            table.withUnsafeBufferPointer { table in
                for byte in buffer {
                    c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8)
                }
            }
        }
        state = c
    }

    /// Adds `bytes` to the running checksum.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        // Local copies keep the loop free of global-accessor calls, which dominate in
        // unoptimised builds (tests checksum megabytes).
        let table = Self.table
        var c = state
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            table.withUnsafeBufferPointer { table in
                for byte in buffer {
                    c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8)
                }
            }
        }
        if handled == nil {
            for byte in bytes {
                c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8)
            }
        }
        state = c
    }

    /// The checksum of everything added so far.
    public var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// The CRC-32 of `bytes` in one call.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
