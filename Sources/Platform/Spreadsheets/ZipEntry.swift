/// One file inside a ZIP archive, as its central-directory record describes it.
///
/// The central directory is authoritative: entries written with a data descriptor (flag
/// bit 3) carry zeros for the CRC and sizes in their local header, and their real
/// values only here.
struct ZipEntry: Sendable, Hashable {
    enum Method: Int, Sendable {
        case stored = 0
        case deflated = 8
    }

    let name: String
    /// The raw method number; only `Method` values can be read.
    let methodNumber: Int
    let flags: Int
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int

    var isEncrypted: Bool { flags & 0x0001 != 0 }
}
