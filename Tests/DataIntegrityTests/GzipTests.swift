import SplitMix
import Testing
import Compression
@testable import DataIntegrity

@Suite("GZIP and DEFLATE")
struct GzipTests {
    static let folder = "generated/"

    @Test("Python-made gzip with dynamic Huffman blocks and a file name decompresses exactly")
    func pythonDynamic() throws {
        let expected = try TestVectors.bytes(Self.folder + "transcript.txt")
        let compressed = try TestVectors.bytes(Self.folder + "transcript.txt.gz")
        #expect(compressed[3] & 0x08 != 0, "FNAME flag set")
        #expect((compressed[10 + "transcript.txt".utf8.count + 1] >> 1) & 3 == 2, "first block is dynamic Huffman")
        #expect(try Gzip.decompress(compressed) == expected)
    }

    @Test("Python-made gzip with stored blocks decompresses exactly")
    func pythonStored() throws {
        let expected = try TestVectors.bytes(Self.folder + "transcript.txt")
        #expect(try Gzip.decompress(TestVectors.bytes(Self.folder + "transcript-stored.txt.gz")) == expected)
    }

    @Test("the 17 MiB zero bomb is refused at the default 16 MiB limit and decodes under a higher one")
    func bomb() throws {
        let bomb = try TestVectors.bytes(Self.folder + "bomb-17MiB-zeros.gz")
        #expect(bomb.count < 20_000)
        #expect(throws: GzipError.outputLimitExceeded(limit: 16 << 20)) { try Gzip.decompress(bomb) }
        #expect(throws: GzipError.outputLimitExceeded(limit: 1_000)) { try Gzip.decompress(bomb, maximumOutputBytes: 1_000) }
        // Under a higher limit it is ordinary valid GZIP; the decoder has checked the
        // CRC-32 Python wrote over 17 MiB of zeros, so the length is the remaining check.
        let full = try Gzip.decompress(bomb, maximumOutputBytes: 17 << 20)
        #expect(full.count == 17 << 20)
    }

    @Test("compress then decompress returns the input", arguments: [0, 1, 2, 3, 4, 100, 258, 259, 1_000, 40_000, 100_000])
    func roundTripSizes(size: Int) throws {
        var rng = SplitMix64(seed: UInt64(size))
        let random = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let zeros = [UInt8](repeating: 0, count: size)
        let text = Array(String(repeating: "Học bạ số. ", count: size / 14 + 1).utf8.prefix(size))
        let sparse = (0..<size).map { _ in Int.random(in: 0..<50, using: &rng) == 0 ? UInt8.random(in: 1...255, using: &rng) : 0 }
        for input in [random, zeros, text, sparse] {
            let compressed = Gzip.compress(input)
            #expect(try Gzip.decompress(compressed) == input)
        }
    }

    @Test("matches reach back the full 32 KiB window")
    func longDistances() throws {
        var rng = SplitMix64(seed: 32_768)
        let block = (0..<32_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let input = block + block + block
        let compressed = Gzip.compress(input)
        #expect(compressed.count < 40_000, "the repeats were found")
        #expect(try Gzip.decompress(compressed) == input)
    }

    @Test("an all-clear status list compresses to a few hundred bytes")
    func statusListRatio() {
        #expect(Gzip.compress([UInt8](repeating: 0, count: 16_384)).count < 200)
    }

    @Test("header fields FEXTRA, FNAME, FCOMMENT and FHCRC are handled")
    func optionalHeaderFields() throws {
        let payload = Array("status list".utf8)
        let plain = Gzip.compress(payload)
        let body = Array(plain[10...])
        var header: [UInt8] = [0x1F, 0x8B, 8, 0x1E, 0, 0, 0, 0, 0, 3]
        header += [3, 0, 0xAA, 0xBB, 0xCC]              // FEXTRA: 3 bytes
        header += Array("list.bin".utf8) + [0]          // FNAME
        header += Array("comment".utf8) + [0]           // FCOMMENT
        let crc16 = UInt16(truncatingIfNeeded: CRC32.checksum(header))
        let withCRC = header + [UInt8(crc16 & 0xFF), UInt8(crc16 >> 8)]
        #expect(try Gzip.decompress(withCRC + body) == payload)
        let badCRC = header + [UInt8(crc16 & 0xFF) ^ 1, UInt8(crc16 >> 8)]
        #expect(throws: GzipError.headerChecksumMismatch) { try Gzip.decompress(badCRC + body) }
    }

    @Test("corrupt and hostile inputs are rejected with a reason")
    func corruptInputs() {
        let payload = Array("Sổ điểm điện tử".utf8)
        let good = Gzip.compress(payload)
        func changed(_ index: Int, _ transform: (UInt8) -> UInt8) -> [UInt8] {
            var copy = good
            copy[index] = transform(copy[index])
            return copy
        }
        #expect(throws: GzipError.truncated) { try Gzip.decompress([]) }
        #expect(throws: GzipError.notGzip) { try Gzip.decompress([0x50, 0x4B, 3, 4]) }
        #expect(throws: GzipError.unsupportedMethod(7)) { try Gzip.decompress(changed(2) { _ in 7 }) }
        #expect(throws: GzipError.reservedFlagsSet) { try Gzip.decompress(changed(3) { _ in 0x20 }) }
        #expect(throws: GzipError.checksumMismatch) { try Gzip.decompress(changed(good.count - 8) { $0 ^ 1 }) }
        #expect(throws: GzipError.sizeMismatch) { try Gzip.decompress(changed(good.count - 4) { $0 ^ 1 }) }
        #expect(throws: GzipError.trailingData) { try Gzip.decompress(good + [0]) }
        #expect(throws: GzipError.truncated) { try Gzip.decompress(Array(good.dropLast(3))) }
        for cut in 10..<(good.count - 8) {
            #expect(throws: GzipError.self) { try Gzip.decompress(Array(good.prefix(cut))) }
        }

        let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        let trailer = [UInt8](repeating: 0, count: 8)
        // BFINAL=1, BTYPE=11.
        #expect(throws: GzipError.invalidBlockType) { try Gzip.decompress(header + [0x07] + trailer) }
        // Stored block whose NLEN is not the complement of LEN.
        #expect(throws: GzipError.storedLengthMismatch) {
            try Gzip.decompress(header + [0x01, 0x05, 0x00, 0x00, 0x00] + trailer)
        }
        // Fixed block starting with a match (length 3, distance 1) and no earlier output.
        #expect(throws: GzipError.distanceTooFar) { try Gzip.decompress(header + [0x03, 0x02] + trailer) }
        // Dynamic block with an all-zero code-length code (incomplete).
        #expect(throws: GzipError.invalidCodeLengths("incomplete code-length code")) {
            try Gzip.decompress(header + [0x05, 0x00, 0x00, 0x00, 0x00] + trailer)
        }
    }

    @Test("random byte corruption never crashes and never passes unnoticed")
    func fuzzCorruption() {
        var rng = SplitMix64(seed: 0xF00D)
        let payload = Array(String(repeating: "học sinh lớp 12A1, điểm 9.5; ", count: 40).utf8)
        let good = Gzip.compress(payload)
        for _ in 0..<2_000 {
            var copy = good
            let index = Int.random(in: 0..<copy.count, using: &rng)
            let flip = UInt8.random(in: 1...255, using: &rng)
            copy[index] ^= flip
            if let output = try? Gzip.decompress(copy, maximumOutputBytes: 1 << 20) {
                // Only bits that carry no data may change silently: the FTEXT hint,
                // MTIME, XFL, OS, and the padding bits of the last DEFLATE byte.
                #expect(output == payload, "corruption at byte \(index) changed the output")
                let harmless = (4...9).contains(index) || (index == 3 && copy[3] == 0x01) || index == good.count - 9
                #expect(harmless, "corruption at byte \(index) went unnoticed")
            }
        }
    }

    @Test("CRC-32 check value")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }
}
