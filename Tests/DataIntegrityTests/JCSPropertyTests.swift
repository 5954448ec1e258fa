import SplitMix
import Testing
@testable import DataIntegrity

/// Random JSON values for property tests, including the awkward parts: astral and
/// combining characters, controls, quotes and backslashes, canonically equivalent keys,
/// -0, subnormals and extreme exponents.
struct RandomJSON {
    var rng: SplitMix64

    mutating func value(depth: Int = 0) -> JSONValue {
        let kind = depth >= 4 ? Int.random(in: 0..<4, using: &rng) : Int.random(in: 0..<6, using: &rng)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(number())
        case 3: return .string(string())
        case 4:
            return .array((0..<Int.random(in: 0...5, using: &rng)).map { _ in value(depth: depth + 1) })
        default:
            var seen = Set<[UInt8]>()
            var members: [(key: String, value: JSONValue)] = []
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                let key = string()
                if seen.insert(Array(key.utf8)).inserted {
                    members.append((key: key, value: value(depth: depth + 1)))
                }
            }
            return .object(members)
        }
    }

    mutating func number() -> Double {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return Double(Int.random(in: -1_000_000...1_000_000, using: &rng))
        case 1: return [0.0, -0.0, .leastNonzeroMagnitude, 1e21, 1e-7, 1e-6, 9007199254740994, .greatestFiniteMagnitude].randomElement(using: &rng)!
        case 2: return Double.random(in: -1...1, using: &rng)
        default:
            while true {
                let d = Double(bitPattern: rng.next())
                if d.isFinite { return d }
            }
        }
    }

    mutating func string() -> String {
        let pieces: [String] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}",
                                "é", "e\u{301}", "\u{20AC}", "\u{FB33}", "😀", "\u{10FFFF}", "ệ", "Đ", "\u{FFFF}"]
        var s = ""
        for _ in 0..<Int.random(in: 0...6, using: &rng) {
            if Bool.random(using: &rng) {
                s += pieces.randomElement(using: &rng)!
            } else {
                // Any scalar except surrogates, which String cannot hold.
                var v: UInt32
                repeat { v = UInt32.random(in: 0...0x10FFFF, using: &rng) } while (0xD800...0xDFFF).contains(v)
                s.unicodeScalars.append(Unicode.Scalar(v)!)
            }
        }
        return s
    }
}

@Suite("JCS properties")
struct JCSPropertyTests {
    @Test("parse(canonical(x)) == x in canonical order, and canonicalisation is idempotent")
    func roundTrip() throws {
        var random = RandomJSON(rng: SplitMix64(seed: 0x4A43_5300))
        for _ in 0..<2_000 {
            let value = random.value()
            let canonical = try JCS.canonicalize(value)
            let reparsed = try JSONParser.parse(canonical)
            #expect(reparsed == value.canonicallyOrdered())
            #expect(try JCS.canonicalize(reparsed) == canonical)
            // Member order in the input does not matter; the content does.
            #expect(try JCS.canonicalize(jsonText: value.encoded()) == canonical)
        }
    }

    @Test("canonical text contains no insignificant whitespace and is valid UTF-8")
    func compactAndValid() throws {
        var random = RandomJSON(rng: SplitMix64(seed: 7))
        for _ in 0..<500 {
            let canonical = try JCS.canonicalize(random.value())
            #expect(String(validating: canonical, as: UTF8.self) != nil)
            // Raw control characters never appear: they are always escaped.
            #expect(!canonical.contains { $0 < 0x20 })
        }
    }

    @Test("every finite double survives format and parse")
    func numberRoundTrip() throws {
        var rng = SplitMix64(seed: 0xD0_0B1E)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: rng.next())
            guard value.isFinite else { continue }
            let text = try #require(ECMAScriptNumber.format(value))
            #expect(try JSONParser.parse(text).numberValue == value, "\(value) -> \(text)")
        }
    }
}
