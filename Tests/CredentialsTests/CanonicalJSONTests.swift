import DataIntegrity
import Foundation
import Testing
@testable import Credentials

@Suite("The fast canonical writer matches the DataIntegrity kernel")
struct CanonicalJSONTests {
    /// The RFC 8785 reference data shipped with the kernel's tests.
    static let jcsVectors = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DataIntegrityTests/Vectors/rfc8785-jcs")

    @Test("RFC 8785 reference inputs canonicalise to the reference outputs")
    func rfc8785Vectors() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.jcsVectors.appendingPathComponent("input").path)
        #expect(names.count >= 6)
        for name in names {
            let input = try JSONParser.parse(Array(Data(contentsOf: Self.jcsVectors.appendingPathComponent("input/\(name)"))))
            let expected = Array(try Data(contentsOf: Self.jcsVectors.appendingPathComponent("output/\(name)")))
            #expect(try CanonicalJSON.canonicalize(input) == expected, "\(name)")
            #expect(try CanonicalJSON.encode(input) == input.encoded(), "\(name)")
        }
    }

    @Test("member order by UTF-16 code units: U+20AC, U+1F600, U+FB33 sort in that order")
    func utf16Order() throws {
        let keys = ["\u{FB33}", "\u{1F600}", "\u{20AC}", "a", "\u{E000}", "\u{10000}", "", "ab", "\u{7F}", "\u{80}"]
        for a in keys {
            for b in keys {
                #expect(CanonicalJSON.precedes(a, b) == JCS.precedes(a, b), "\(a.unicodeScalars.map(\.value)) vs \(b.unicodeScalars.map(\.value))")
            }
        }
        let value: JSONValue = .object(keys.map { (key: $0, value: .null) })
        #expect(try CanonicalJSON.canonicalize(value) == JCS.canonicalize(value))
    }

    @Test("generated values: same bytes as JCS.canonicalize and encoded(), same errors")
    func generatedValues() throws {
        var random = SplitMix64(seed: 8785)
        for round in 0..<2000 {
            let value = Self.randomValue(depth: 0, &random)
            let kernel: Result<[UInt8], JSONError> = Result { () throws(JSONError) -> [UInt8] in try JCS.canonicalize(value) }
            let fast: Result<[UInt8], JSONError> = Result { () throws(JSONError) -> [UInt8] in try CanonicalJSON.canonicalize(value) }
            #expect(kernel == fast, "round \(round)")
            let kernelEncoded: Result<[UInt8], JSONError> = Result { () throws(JSONError) -> [UInt8] in try value.encoded() }
            let fastEncoded: Result<[UInt8], JSONError> = Result { () throws(JSONError) -> [UInt8] in try CanonicalJSON.encode(value) }
            #expect(kernelEncoded == fastEncoded, "round \(round)")
        }
    }

    @Test("year record credentials: same bytes as the kernel")
    func yearRecords() throws {
        for index in stride(from: 0, to: 300_000, by: 9973) {
            let document = try YearRecordCredential.build(Fixtures.record(index))
            #expect(try CanonicalJSON.canonicalize(document) == JCS.canonicalize(document))
            #expect(try CanonicalJSON.encode(document) == document.encoded())
        }
    }

    @Test("splicing a member into canonical text equals canonicalising the whole")
    func splice() throws {
        var random = SplitMix64(seed: 42)
        for _ in 0..<500 {
            guard case .object(let members) = Self.randomObject(depth: 0, &random), !members.isEmpty else { continue }
            let document = JSONValue.object(members)
            guard let canonical = try? CanonicalJSON.canonicalizeRecordingMembers(document) else { continue }
            let key = Self.randomKey(&random)
            guard document[key] == nil else { continue }
            let value = Self.randomValue(depth: 2, &random)
            guard let valueBytes = try? CanonicalJSON.canonicalize(value) else { continue }
            let spliced = CanonicalJSON.splice(canonical, key: key, valueBytes: valueBytes)
            #expect(spliced == (try JCS.canonicalize(document.settingMember(key, to: value))))
        }
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
