import Foundation
import IdentityVerification
import Platform
import SplitMix
import Testing

/// An identity run writes each outcome's and checked record's JSON itself (`JSONTextWritable`): the
/// text must be Foundation's byte for byte, members in key order, nil members left out.
@Suite("JSON text of identity outcomes")
struct OutcomeJSONTextTests {
    static func foundationText<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSON.encoder.encode(value), as: UTF8.self)
    }

    /// Numbers whose text differs in form: whole, tiny, huge, negative, shortest digits.
    static func randomNumber(_ random: inout SplitMix64) -> Double {
        let special: [Double] = [0, -0.0, 1, 12, -3.25, 0.1, 1e-7, 1.5e-300, 1e16, 1e21, 123456789012345680000, 5e-324,
                                 .greatestFiniteMagnitude, 0.9999999999999999]
        if random.next() % 2 == 0 { return special[Int(random.next() % UInt64(special.count))] }
        let value = Double(bitPattern: random.next())
        return value.isFinite ? value : Double(Int64(bitPattern: random.next() >> 20)) / 1_024
    }

    /// Generated members, some left out where the type allows it.
    static func randomObject(_ random: inout SplitMix64, texts: [String], numbers: [String] = [], integers: [String] = [],
                             optional: Set<String>) -> [String: Any] {
        var object: [String: Any] = [:]
        for key in texts where !optional.contains(key) || random.next() % 3 != 0 {
            object[key] = JSONTextTests.randomText(&random)
        }
        for key in numbers where !optional.contains(key) || random.next() % 3 != 0 {
            object[key] = randomNumber(&random)
        }
        for key in integers where random.next() % 3 != 0 {
            object[key] = Int(truncatingIfNeeded: random.next() >> UInt64(random.next() % 64))
        }
        return object
    }

    static func randomList(_ random: inout SplitMix64, _ element: (inout SplitMix64) -> [String: Any]) -> [[String: Any]] {
        (0..<Int(random.next() % 4)).map { _ in element(&random) }
    }

    static func randomField(_ random: inout SplitMix64) -> [String: Any] {
        var field = randomObject(&random, texts: ["level", "labelEN", "labelVI", "evidence"], numbers: ["weight"], optional: [])
        let fields = ["familyName", "middleName", "givenName", "dateOfBirth", "sex", "birthProvince"]
        field["field"] = fields[Int(random.next() % UInt64(fields.count))]
        return field
    }

    static func randomOutcome(_ random: inout SplitMix64) -> [String: Any] {
        var outcome = randomObject(&random, texts: ["status", "linkedID", "candidateID", "search"], numbers: ["weight", "linkWeight"],
                                   integers: ["namesakes"], optional: ["linkedID", "candidateID", "search", "weight", "linkWeight"])
        outcome["corrections"] = randomList(&random) {
            randomObject(&$0, texts: ["field", "current", "suggested", "reasonVI", "reasonEN"], optional: [])
        }
        outcome["disagreements"] = randomList(&random, randomField)
        outcome["problems"] = randomList(&random) { randomObject(&$0, texts: ["code", "messageVI", "messageEN"], optional: []) }
        outcome["candidates"] = randomList(&random) { random in
            var candidate = randomObject(&random, texts: ["citizenID", "fullName", "dateOfBirth", "sex", "birthProvince"],
                                         numbers: ["weight", "matchProbability"],
                                         optional: ["sex", "birthProvince", "weight", "matchProbability"])
            candidate["fields"] = randomList(&random, randomField)
            return candidate
        }
        return outcome
    }

    static func decoded<T: Decodable>(_ type: T.Type, _ object: [String: Any]) throws -> T {
        try JSON.decoder.decode(type, from: JSONSerialization.data(withJSONObject: object))
    }

    @Test func outcomesAreWrittenAsFoundationWritesThem() throws {
        var random = SplitMix64(seed: 2026)
        var membersSeen = Set<String>()
        for _ in 0..<2_000 {
            let outcome = try Self.decoded(IdentityCheckOutcome.self, Self.randomOutcome(&random))
            let text = try JSON.string(outcome)
            #expect(text == (try Self.foundationText(outcome)))
            #expect(try JSON.decoder.decode(IdentityCheckOutcome.self, from: Data(text.utf8)) == outcome)
            if let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] { membersSeen.formUnion(object.keys) }
        }
        // Every member was written at least once: a member the writer forgot would show here as well.
        #expect(membersSeen == ["candidateID", "candidates", "corrections", "disagreements", "linkWeight", "linkedID", "namesakes",
                                "problems", "search", "status", "weight"])
    }

    @Test func checkedRecordsAreWrittenAsFoundationWritesThem() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let object = Self.randomObject(&random, texts: ["citizenID", "fullName", "dateOfBirth", "sex"],
                                           optional: ["citizenID", "dateOfBirth", "sex"])
            let record = try Self.decoded(CheckedRecord.self, object)
            #expect(try JSON.string(record) == Self.foundationText(record))
        }
    }

    @Test func aNumberFoundationRefusesIsRefused() throws {
        var outcome = try Self.decoded(IdentityCheckOutcome.self, ["status": "verified", "candidates": [], "corrections": [],
                                                                   "disagreements": [], "problems": []])
        #expect(try JSON.string(outcome) == #"{"candidates":[],"corrections":[],"disagreements":[],"problems":[],"status":"verified"}"#)
        outcome.weight = -.infinity
        #expect(throws: EncodingError.self) { try JSON.string(outcome) }
    }
}
