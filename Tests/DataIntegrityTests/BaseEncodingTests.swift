import SplitMix
import Testing
@testable import DataIntegrity

@Suite("base58btc, base64url and multibase")
struct BaseEncodingTests {
    /// Examples from the base58 IETF draft (draft-msporny-base58) plus edge cases.
    @Test("base58btc known values", arguments: [
        (Array("Hello World!".utf8), "2NEpo7TZRRrLZSi2U"),
        (Array("The quick brown fox jumps over the lazy dog.".utf8),
         "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"),
        ([0x00, 0x00, 0x28, 0x7F, 0xB4, 0xCD], "11233QC4"),
        ([], ""),
        ([0x00], "1"),
        ([0x00, 0x00, 0x00], "111"),
        ([0x39], "z"),
        ([0x3A], "21"),
        ([0xFF], "5Q"),
    ] as [([UInt8], String)])
    func base58Known(bytes: [UInt8], text: String) throws {
        #expect(Base58BTC.encode(bytes) == text)
        #expect(try Base58BTC.decode(text) == bytes)
    }

    @Test("base58btc round-trips random bytes, keeping leading zeros")
    func base58RoundTrip() throws {
        var rng = SplitMix64(seed: 58)
        for _ in 0..<500 {
            let zeros = Int.random(in: 0...4, using: &rng)
            let body = (0..<Int.random(in: 0...80, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let bytes = [UInt8](repeating: 0, count: zeros) + body
            let text = Base58BTC.encode(bytes)
            #expect(try Base58BTC.decode(text) == bytes)
            #expect(text.prefix { $0 == "1" }.count == bytes.prefix { $0 == 0 }.count)
        }
    }

    /// Encoding works in limbs of nine digits; it must give the text of plain digit-by-digit
    /// long division, for every length a key or signature has and more.
    @Test("base58btc encoding in limbs equals digit-by-digit division")
    func base58LimbsMatchDigits() {
        func reference(_ input: [UInt8]) -> String {
            let zeros = input.prefix { $0 == 0 }.count
            var digits: [UInt8] = []
            for byte in input[zeros...] {
                var carry = Int(byte)
                for i in digits.indices {
                    carry += Int(digits[i]) << 8
                    digits[i] = UInt8(carry % 58)
                    carry /= 58
                }
                while carry > 0 { digits.append(UInt8(carry % 58)); carry /= 58 }
            }
            let alphabet = Array(Base58BTC.alphabet)
            return String(repeating: "1", count: zeros) + String(digits.reversed().map { alphabet[Int($0)] })
        }
        var rng = SplitMix64(seed: 59)
        for length in [0, 1, 2, 31, 32, 34, 63, 64, 65, 100] {
            for _ in 0..<50 {
                var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
                if length > 2 && Bool.random(using: &rng) { bytes[0] = 0; bytes[1] = 0 }
                #expect(Base58BTC.encode(bytes) == reference(bytes), "\(bytes)")
            }
        }
    }

    @Test("base58btc rejects characters outside the alphabet")
    func base58Invalid() {
        for bad in ["0", "O", "I", "l", "+", " ", "é"] {
            #expect(throws: BaseEncodingError.invalidCharacter(Character(bad), offset: 2)) {
                try Base58BTC.decode("ab" + bad)
            }
        }
    }

    /// RFC 4648 §10 test vectors, without padding.
    @Test("base64url RFC 4648 vectors", arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ])
    func base64Known(plain: String, encoded: String) throws {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(try Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test("base64url uses - and _ instead of + and /")
    func base64URLAlphabet() throws {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(try Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
    }

    @Test("base64url decoding is strict")
    func base64Strict() {
        #expect(throws: BaseEncodingError.invalidCharacter("=", offset: 2)) { try Base64URL.decode("Zg==") }
        #expect(throws: BaseEncodingError.invalidCharacter("+", offset: 0)) { try Base64URL.decode("+/8") }
        #expect(throws: BaseEncodingError.invalidCharacter(" ", offset: 0)) { try Base64URL.decode(" Zg") }
        #expect(throws: BaseEncodingError.invalidLength(5)) { try Base64URL.decode("Zm9vY") }
        #expect(throws: BaseEncodingError.nonZeroPaddingBits) { try Base64URL.decode("Zh") }
        #expect(throws: BaseEncodingError.nonZeroPaddingBits) { try Base64URL.decode("Zm9") }
    }

    @Test("base64url round-trips random bytes")
    func base64RoundTrip() throws {
        var rng = SplitMix64(seed: 64)
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...100, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(try Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }

    @Test("multibase prefixes are checked")
    func multibase() throws {
        #expect(Multibase.base58btc.encode([0, 1]) == "z12")
        #expect(Multibase.base64url.encode([0xFB]) == "u-w")
        #expect(try Multibase.base58btc.decode("z12") == [0, 1])
        #expect(throws: BaseEncodingError.unexpectedMultibasePrefix(expected: "z", found: "u")) {
            try Multibase.base58btc.decode("u-w")
        }
        #expect(throws: BaseEncodingError.unexpectedMultibasePrefix(expected: "u", found: nil)) {
            try Multibase.base64url.decode("")
        }
        let decoded = try Multibase.decodeAny("u-w")
        #expect(decoded.encoding == .base64url && decoded.bytes == [0xFB])
        #expect(throws: BaseEncodingError.unexpectedMultibasePrefix(expected: nil, found: "m")) {
            try Multibase.decodeAny("mAA")
        }
    }
}
