/// GZIP (RFC 1952) members around DEFLATE data, in pure Swift.
///
/// Bitstring Status Lists are published GZIP-compressed; decompression is bounded
/// because the compressed text comes from the network and a few kilobytes can expand
/// to gigabytes.
public enum Gzip {
    /// 16 MiB: 128 times the minimum status list, far above any real list.
    public static let defaultMaximumOutputBytes = 16 << 20

    private enum Flag {
        static let headerCRC: UInt8 = 0x02
        static let extra: UInt8 = 0x04
        static let name: UInt8 = 0x08
        static let comment: UInt8 = 0x10
        static let reserved: UInt8 = 0xE0
    }

    /// A single GZIP member: header without name or timestamp (mtime 0, so the same
    /// input always gives the same bytes), DEFLATE data, CRC-32 and length.
    public static func compress(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        // ID1 ID2, CM=8 (deflate), FLG=0, MTIME=0, XFL=0, OS=255 (unknown).
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        out.append(contentsOf: Deflate.deflate(input))
        appendLittleEndian(CRC32.checksum(input), to: &out)
        appendLittleEndian(UInt32(truncatingIfNeeded: input.count), to: &out)
        return out
    }

    /// Decompresses exactly one GZIP member, checking its CRC-32 and length.
    ///
    /// - Parameter maximumOutputBytes: decompression stops with `outputLimitExceeded`
    ///   as soon as the output would grow past this.
    public static func decompress(
        _ bytes: some Collection<UInt8>, maximumOutputBytes: Int = defaultMaximumOutputBytes
    ) throws(GzipError) -> [UInt8] {
        let input = Array(bytes)
        let dataStart = try headerLength(input)
        var inflater = InflateStream(maximumOutputBytes: maximumOutputBytes)
        inflater.append(input[dataStart...])
        inflater.finishInput()
        let output: [UInt8]
        do throws(DeflateError) {
            output = try inflater.readToEnd()
        } catch {
            throw GzipError(error)
        }
        let trailer = dataStart + inflater.consumedInputCount
        guard trailer + 8 <= input.count else { throw .truncated }
        guard readLittleEndian(input, at: trailer) == CRC32.checksum(output) else { throw .checksumMismatch }
        guard readLittleEndian(input, at: trailer + 4) == UInt32(truncatingIfNeeded: output.count) else {
            throw .sizeMismatch
        }
        // Concatenated members are legal GZIP but never needed for a status list;
        // refusing them keeps "what was decoded" equal to "what was sent".
        guard trailer + 8 == input.count else { throw .trailingData }
        return output
    }

    /// Validates the fixed header and skips the optional fields, returning the offset of
    /// the DEFLATE data.
    private static func headerLength(_ input: [UInt8]) throws(GzipError) -> Int {
        guard input.count >= 2 else { throw .truncated }
        guard input[0] == 0x1F, input[1] == 0x8B else { throw .notGzip }
        guard input.count >= 10 else { throw .truncated }
        guard input[2] == 8 else { throw .unsupportedMethod(input[2]) }
        let flags = input[3]
        guard flags & Flag.reserved == 0 else { throw .reservedFlagsSet }
        var position = 10
        if flags & Flag.extra != 0 {
            guard position + 2 <= input.count else { throw .truncated }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            position += 2 + length
        }
        for flag in [Flag.name, Flag.comment] where flags & flag != 0 {
            // Zero-terminated Latin-1 text; only skipped.
            while position < input.count, input[position] != 0 { position += 1 }
            position += 1
        }
        if flags & Flag.headerCRC != 0 {
            guard position + 2 <= input.count else { throw .truncated }
            let expected = UInt16(input[position]) | UInt16(input[position + 1]) << 8
            guard UInt16(truncatingIfNeeded: CRC32.checksum(input[0..<position])) == expected else {
                throw .headerChecksumMismatch
            }
            position += 2
        }
        guard position <= input.count else { throw .truncated }
        return position
    }

    private static func appendLittleEndian(_ value: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) {
            out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }

    private static func readLittleEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << UInt32(8 * $1) }
    }
}
