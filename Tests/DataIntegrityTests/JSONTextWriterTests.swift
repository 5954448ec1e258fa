import Foundation
import SplitMix
import Testing
@testable import DataIntegrity

/// `JSONTextWriter`, the kernel's one serialiser, against the plain reference writer it
/// replaced: same bytes and same errors on generated documents, in both modes.
@Suite("The JSON text writer matches the reference writer")
struct JSONTextWriterTests {
    @Test("RFC 8785 reference inputs: document-order text equals the reference writer's")
    func rfc8785Encoded() throws {
        for name in JCSReferenceTests.referenceFiles {
            let input = try TestVectors.json("rfc8785-jcs/input/\(name)")
            #expect(try input.encoded() == ReferenceJSONWriter.encode(input), "\(name)")
        }
    }

    @Test("member order by UTF-16 code units: U+20AC, U+1F600, U+FB33 sort in that order")
    func utf16Order() throws {
        let keys = ["\u{FB33}", "\u{1F600}", "\u{20AC}", "a", "\u{E000}", "\u{10000}", "", "ab", "\u{7F}", "\u{80}", "\u{FFFF}", "\u{10FFFF}"]
        for a in keys {
            for b in keys {
                #expect(JCS.precedes(a, b) == a.utf16.lexicographicallyPrecedes(b.utf16),
                        "\(a.unicodeScalars.map(\.value)) vs \(b.unicodeScalars.map(\.value))")
            }
        }
        let value: JSONValue = .object(keys.map { (key: $0, value: .null) })
        #expect(try JCS.canonicalize(value) == ReferenceJSONWriter.canonicalize(value))
        #expect(JCS.precedes("\u{1F600}", "\u{FB33}") && JCS.precedes("\u{20AC}", "\u{1F600}"))
    }

    @Test("generated values: same bytes and same errors as the reference, sorted and in document order")
    func generatedValues() throws {
        var random = SplitMix64(seed: 8785)
        for round in 0..<3000 {
            let value = Self.randomValue(depth: 0, &random)
            let reference: Result<[UInt8], JSONError> = Result { () throws(JSONError) -> [UInt8] in try ReferenceJSONWriter.canonicalize(value) }
            let fast: Result<[UInt8], JSONError> = Result { () throws(JSONError) -> [UInt8] in try JCS.canonicalize(value) }
            #expect(reference == fast, "round \(round)")
            let referenceEncoded: Result<[UInt8], JSONError> = Result { () throws(JSONError) -> [UInt8] in try ReferenceJSONWriter.encode(value) }
            let fastEncoded: Result<[UInt8], JSONError> = Result { () throws(JSONError) -> [UInt8] in try value.encoded() }
            #expect(referenceEncoded == fastEncoded, "round \(round)")
        }
    }

    @Test("a member inserted into canonical text equals canonicalising the whole")
    func insertMember() throws {
        var random = SplitMix64(seed: 42)
        var checked = 0
        for _ in 0..<500 {
            guard case .object(let members) = Self.randomObject(depth: 0, &random), !members.isEmpty else { continue }
            let document = JSONValue.object(members)
            guard let canonical = try? CanonicalDocument(canonicalizing: document) else { continue }
            let key = Self.randomKey(&random)
            guard document[key] == nil else { continue }
            let value = Self.randomValue(depth: 2, &random)
            guard let valueBytes = try? JCS.canonicalize(value) else { continue }
            #expect(canonical.inserting(key: key, valueBytes: valueBytes) == (try ReferenceJSONWriter.canonicalize(document.settingMember(key, to: value))))
            checked += 1
        }
        #expect(checked > 100)
    }

    // MARK: Generators

    static let keyAlphabet: [String] = [
        "a", "b", "id", "type", "z", "A", "é", "e\u{301}", "\u{20AC}", "\u{1F600}", "\u{FB33}", "\u{E000}", "\u{FFFF}",
        "\u{10FFFF}", "\"", "\\", "\n", "\u{1}", "\u{1F}", "/", " ", "Ω",
    ]

    static func randomKey(_ random: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...3, using: &random)).map { _ in keyAlphabet.randomElement(using: &random)! }.joined()
    }

    static func randomObject(depth: Int, _ random: inout SplitMix64) -> JSONValue {
        // Occasionally a duplicate name, which both writers must refuse.
        var members: [(key: String, value: JSONValue)] = []
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            members.append((key: randomKey(&random), value: randomValue(depth: depth + 1, &random)))
        }
        return .object(members)
    }

    static func randomValue(depth: Int, _ random: inout SplitMix64) -> JSONValue {
        let choice = depth > 4 ? Int.random(in: 0..<4, using: &random) : Int.random(in: 0..<6, using: &random)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2:
            let numbers: [Double] = [0, -0.0, 1, -1, 3.0, 0.1, 1e-7, 1e21, 1e20, 123456789012345680000, 9007199254740991,
                                     9007199254740993, -5e-324, 1.7976931348623157e308, 2.5, .infinity]
            return .number(Bool.random(using: &random)
                ? numbers.randomElement(using: &random)!
                : Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF))
        case 3: return .string(randomKey(&random) + randomKey(&random))
        case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: depth + 1, &random) })
        default: return randomObject(depth: depth, &random)
        }
    }
}
