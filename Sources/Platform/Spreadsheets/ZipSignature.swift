/// Record signatures and fixed sizes of the ZIP format (PKWARE APPNOTE 6.3).
enum ZipSignature {
    static let localHeader = 0x0403_4B50
    static let centralHeader = 0x0201_4B50
    static let endOfCentralDirectory = 0x0605_4B50
    static let zip64EndLocator = 0x0706_4B50
    static let dataDescriptor = 0x0807_4B50

    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endOfCentralDirectorySize = 22
    static let zip64EndLocatorSize = 20
    /// The end record may be followed by a comment of up to 65,535 bytes.
    static let maximumCommentSize = 0xFFFF
    /// Stands in a 16- or 32-bit field whose real value is in a ZIP64 record.
    static let zip64Marker16 = 0xFFFF
    static let zip64Marker32 = 0xFFFF_FFFF
}
