import Testing
import Compression

@Suite("Streaming DEFLATE")
struct DeflateStreamTests {
    /// 10,648 bytes of Vietnamese text compressed by zlib 1.2.13 (Python's
    /// `zlib.compressobj(9, zlib.DEFLATED, -15)`): a dynamic-Huffman block.
    static let zlibText = Array((0..<400).map { "học sinh \($0) điểm \($0 * 7 % 100)" }.joined(separator: ", ").utf8)
    static let zlibDynamic: [UInt8] = base64("""
        fdm7sSNHEERRV54BFCYz52sPlbcCqdAEyhRoz6p0ZD2hhkIi4rY6JdUFMDjR/f3r5z+/f/3148/vr+3rv39//Pr59x9f229f3/Nc\
        r+dXPffrufYa5DWwarDP4K7B8RrkqMH5GuyuwTWDpwb3a3CcNXhegzO93yx+fWz+tnrvrln+7uU12z+9vWb9p9fX7N/ra/ZX768J\
        oA6gKeAuoEmQTuBJsHcCT4L94+OfBEcn8CQ4O4EnwdkJPAmubuBpcHcDT4O7G3gaPN3Abw36SzsJ1AkyCdQJMgn88ROYBOkEmQTp\
        BJkEeyfIJDg6QSbB0QkyCc5OkElwdYN9GtzdYJ8GdzfYp8HTDfZp8PEamARdYJ8C6gL7FHAX2KeAu8A+BdIF9imwd4FjChxd4JgC\
        Rxc4psDZBY4pcHWCYxJcH6/CaXB3g2MaPN3gmAZPNzjevgU9mATqBOckcCc4J4E7wTkJ0gnOSbB3gnMS7J3gfHsdfvwdTIKzE5yT\
        4OwE5yS4usE5De5ucE2Dpxtc0+DpBtc06ATX2++gE1yTQJ3gmgTuBNckyMdf4iRIJ7gmwd4JrklwdIJ7Epyd4J4EZye4J8HVDe5p\
        cHeD++1l0A3uafB0g/vtbdCDtx9CD6aAusA9BdwFnimQLvBMgXSB5+1L0AWeKXB0gWcKHF3gmQJnF3imwNUJnklwdYNnGtwfNJoG\
        z6eNUIUbuVAbylAb2lAb6lAb+lAbClEbGlEbKlEbO3EFRZbigooLKy6wyFpccHHhxQUYWYxiMorNKEajWI1iNordKIajWI5iOgrt\
        KMajWI9iPor9KAakWJBiQooNKUakWJFiRoodKYakUJJCSootKcakWJNiToo9KQalWJRiUopNKUalWJViVopdKYSlWJZiWoptKcal\
        WJdiXop9KQamWJhiYoqNKUamWJlCZoqdKYamWJpiaoqtKcamWJtiboq9KQanWJxicorNKUSnUJ1idordKYanWJ5ieortKcanWJ9i\
        for9KQaoWKBGgRoFahaoWaBmgZoFahaoWaBmgZoFahaoWaBmgZoFahaoUaBmgZoFahaoF2eWi0PL1aklH1suzi0XB5eLk8vF0eXi\
        7HJxeIkCNQvULFCzQM0CNQvULFCzQM0CNQvULFCzQM0CNQvUKFCjQM0CNQvULFCzQM0CNQvULFCzQM0CNQvULFCzQM0CNQrULFCz\
        QM0CNQvULFCzQM0CNQvULFCzQM0CNQvULFCjQM0CNQvULFCzQM0CNQvULFCzQM0CNQvULFCzQM0CNQrUKFCzQM0CNQvULFCzQM0C\
        NQvULFCzQM0CNQvULNCgQIMCDQs0LNCwQMMCDQs0LNCwQMMCDQs0LNCwQMMCDQs0KNCwQMMCDQs0LNCwQMMCDQs0LNCwQMMCDQs0\
        LNCwQMP354sL9MUN+uoKne/QF5foi1v0xTX64h59cZHOAg0LNCzQsECDAg0KNCzQsEDDAg0LNCzQsEDDAg0LNCzQsEDDAg0LNCzQ\
        oEDDAg0LNCzQsEDDAg0LNCzQsEDDAg0LNCzQsEDDAg0KNCzQsEDDAg0LNCzQsEDDAg0LNCzQsEDDAg0LNCzQoECDAg0LNCzQsEDD\
        Ag0LNCzQsEDDAg0LNCzQsEBTAv0f
        """)

    static func base64(_ text: String) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var value = 0, bits = 0
        var output: [UInt8] = []
        for byte in text.utf8 {
            guard let index = alphabet.firstIndex(of: byte) else { continue }
            value = value << 6 | index
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: value >> bits))
            }
        }
        return output
    }

    static func pseudoRandom(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// Feeds `compressed` in pieces of `inputSize` and collects the output chunks.
    static func inflate(_ compressed: [UInt8], inputSize: Int, chunkSize: Int) throws -> (output: [UInt8], largestChunk: Int) {
        var stream = InflateStream(chunkSize: chunkSize)
        var offset = 0
        var output: [UInt8] = []
        var largest = 0
        while true {
            switch try stream.next() {
            case .output(let chunk):
                largest = max(largest, chunk.count)
                output += chunk
            case .needsInput:
                if offset < compressed.count {
                    stream.append(compressed[offset..<min(offset + inputSize, compressed.count)])
                    offset += inputSize
                } else {
                    stream.finishInput()
                }
            case .finished:
                return (output, largest)
            }
        }
    }

    @Test("zlib's dynamic-Huffman output decodes the same fed a byte at a time")
    func zlibStream() throws {
        #expect((Self.zlibDynamic[0] >> 1) & 3 == 2, "dynamic Huffman")
        #expect(try Deflate.inflate(Self.zlibDynamic, maximumOutputBytes: 1 << 20) == Self.zlibText)
        for inputSize in [1, 2, 5, 64] {
            for chunkSize in [1, 7, 1_000] {
                let (output, largest) = try Self.inflate(Self.zlibDynamic, inputSize: inputSize, chunkSize: chunkSize)
                let mismatch = zip(output, Self.zlibText).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                #expect(output.count == Self.zlibText.count && mismatch == nil,
                        "input \(inputSize), chunks \(chunkSize): \(output.count) bytes, first difference at \(String(describing: mismatch))")
                #expect(largest <= chunkSize)
            }
        }
    }

    @Test("streamed compression in small blocks round-trips, and matches reach across blocks",
          arguments: [1, 100, 4_096, 70_000])
    func streamedDeflate(blockSize: Int) throws {
        let block = Self.pseudoRandom(10_000, seed: UInt64(blockSize))
        let input = block + block + Array(String(repeating: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", count: 500).utf8)
        var stream = DeflateStream(blockSize: blockSize)
        var compressed: [UInt8] = []
        for piece in stride(from: 0, to: input.count, by: 3_333) {
            compressed += stream.compress(input[piece..<min(piece + 3_333, input.count)])
        }
        compressed += stream.finish()
        #expect(try Deflate.inflate(compressed, maximumOutputBytes: input.count) == input)
        let (streamed, _) = try Self.inflate(compressed, inputSize: 999, chunkSize: 4_096)
        #expect(streamed == input)
        if blockSize >= 4_096 {
            #expect(compressed.count < 14_000, "the repeated random block was found across block boundaries")
        }
    }

    @Test("a window's worth of back-references survives the sliding window")
    func slidingWindow() throws {
        let unit = Self.pseudoRandom(32_000, seed: 7)
        let input = unit + unit + unit + unit
        let compressed = Deflate.deflate(input)
        let (output, _) = try Self.inflate(compressed, inputSize: 1_000, chunkSize: 5_000)
        #expect(output == input)
    }

    @Test("the output limit stops a bomb, truncation and trailing bytes are reported")
    func failures() throws {
        let zeros = Deflate.deflate([UInt8](repeating: 0, count: 1 << 20))
        #expect(zeros.count < 16_000)
        #expect(throws: DeflateError.outputLimitExceeded(limit: 100_000)) {
            try Deflate.inflate(zeros, maximumOutputBytes: 100_000)
        }
        #expect(throws: DeflateError.truncated) {
            try Deflate.inflate(Array(Self.zlibDynamic.dropLast(4)), maximumOutputBytes: 1 << 20)
        }
        #expect(throws: DeflateError.trailingData) {
            try Deflate.inflate(Self.zlibDynamic + [0], maximumOutputBytes: 1 << 20)
        }
        var stream = InflateStream()
        stream.append(Self.zlibDynamic + [1, 2, 3])
        stream.finishInput()
        while try stream.next() != .finished {}
        #expect(stream.consumedInputCount == Self.zlibDynamic.count)
        #expect(stream.hasUnusedInput)
        #expect(stream.totalOutputCount == 10_648)
    }

    @Test("an error sticks: later calls throw it again")
    func stickyError() {
        var stream = InflateStream()
        stream.append([0x07])  // BFINAL=1, BTYPE=11
        #expect(throws: DeflateError.invalidBlockType) { try stream.next() }
        #expect(throws: DeflateError.invalidBlockType) { try stream.next() }
    }
}
