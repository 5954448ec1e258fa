import Foundation
@testable import Platform
import SplitMix
import Testing

/// `JSON.decodeStrict` refuses members a model does not define, at the top and in the objects of
/// named arrays, and tells a body that is not JSON, or not an object, from one the model refuses.
@Suite("Request bodies decoded strictly")
struct StrictJSONTests {
    struct Score: Decodable, Equatable {
        let candidate: String
        let mark: Double?
    }

    struct Scores: Decodable, Equatable {
        let subject: String
        let items: [Score]?
    }

    static let fields: Set<String> = ["subject", "items"]
    static let itemFields = ["items": Set(["candidate", "mark"])]

    /// What the body is refused for: the field and message of the `APIError`, "decoding" for the
    /// model's own refusal, nil when it decodes.
    static func refusal(_ body: String) -> String? {
        do {
            _ = try JSON.decodeStrict(Scores.self, from: Data(body.utf8), allowedFields: fields, itemFields: itemFields)
            return nil
        } catch APIError.malformed(let field, let message) {
            return "\(field ?? "-") \(message)"
        } catch is DecodingError {
            return "decoding"
        } catch {
            return "other: \(error)"
        }
    }

    @Test func aBodyOfKnownMembersDecodes() throws {
        let body = #"{"subject":"toan","items":[{"candidate":"01000001","mark":8.5},{"candidate":"01000002"}]}"#
        let scores = try JSON.decodeStrict(Scores.self, from: Data(body.utf8), allowedFields: Self.fields, itemFields: Self.itemFields)
        #expect(scores == Scores(subject: "toan", items: [Score(candidate: "01000001", mark: 8.5), Score(candidate: "01000002", mark: nil)]))
    }

    @Test(arguments: [
        (#"{"subject":"toan","nickname":"x","age":3}"#, "/age unknown field 'age'"),  // the first in order is named
        (#"{"subject":"toan","\u006eickname":"x"}"#, "/nickname unknown field 'nickname'"),  // named as decoded
        (#"{"subject":"toan","items":[{"candidate":"1"},{"candidate":"2","grade":9}]}"#, "/items/1/grade unknown field 'grade'"),
        (#"{"subject":"toan","items":[7,{"candidate":"2","mark":1}]}"#, "decoding"),  // an item not an object: the model's
        (#"{"subject":"toan","items":"none"}"#, "decoding"),  // not an array: the model's to refuse
        (#"{"subject":1}"#, "decoding"),
        (#"{"subject": "#, "- the body is not valid JSON"),
        ("", "- the body is not valid JSON"),
        (#"[{"subject":"toan"}]"#, "- the body must be a JSON object"),
        ("\"toan\"", "- the body is not valid JSON"),  // a value alone is not a JSON text to the parse
    ])
    func aBodyIsRefusedForWhatIsWrongWithIt(body: String, refusal: String) {
        #expect(Self.refusal(body) == refusal)
    }

    /// Over random bodies of known and unknown members, with and without items, the refusal names
    /// the member that a check of `JSONSerialization`'s parse names, the way the platform read it before.
    @Test func unknownMembersAreNamedAsAParseOfTheWholeBodyNamesThem() throws {
        var random = SplitMix64(seed: 2026)
        let topNames = ["subject", "items", "nickname", "age", "Subject"]
        let itemNames = ["candidate", "mark", "grade", "candidate "]
        for _ in 0..<500 {
            var body: [String: Any] = [:]
            for name in topNames where Bool.random(using: &random) { body[name] = "x" }
            if Bool.random(using: &random) {
                body["items"] = (0..<Int.random(in: 0...3, using: &random)).map { _ -> Any in
                    if Int.random(in: 0..<5, using: &random) == 0 { return 7 }
                    var item: [String: Any] = [:]
                    for name in itemNames where Bool.random(using: &random) { item[name] = "y" }
                    return item
                }
            }
            let data = try JSONSerialization.data(withJSONObject: body)
            let expected = Self.unknownMember(of: body)
            let refusal = Self.refusal(String(decoding: data, as: UTF8.self))
            if let expected {
                #expect(refusal == "\(expected) unknown field '\(expected.split(separator: "/").last!)'", "\(body)")
            } else {
                #expect(!(refusal ?? "").contains("unknown field"), "\(body)")
            }
        }
    }

    /// The check as it was made on `JSONSerialization`'s parse of the body.
    static func unknownMember(of body: [String: Any]) -> String? {
        if let unknown = body.keys.sorted().first(where: { !fields.contains($0) }) { return "/" + unknown }
        for (index, item) in (body["items"] as? [Any] ?? []).enumerated() {
            guard let member = item as? [String: Any] else { continue }
            if let unknown = member.keys.sorted().first(where: { !itemFields["items"]!.contains($0) }) { return "/items/\(index)/\(unknown)" }
        }
        return nil
    }
}

/// The pass that reads a body's member names (`JSONMemberNames`) answers only for text it is sure
/// of, and then as a parse of the whole text does; it is sure of the bodies the platform receives.
@Suite("Member names read over a JSON text")
struct JSONMemberNamesTests {
    @Test func aBodyAsSentIsReadAndItsItemsToo() throws {
        let body = #" {"subject":"toán","items":[{"candidate":"01","mark":-8.25},7,{"x":{"y":[true,false,null]}}],"n":0} "#
        let names = try #require(JSONMemberNames.read(Data(body.utf8), itemArrays: ["items", "absent"]))
        #expect(names.names == ["subject", "items", "n"])
        #expect(names.items == ["items": [["candidate", "mark"], nil, ["x"]]])
    }

    @Test(arguments: [
        #"{"a":1e5}"#, #"{"\u0061":1}"#, #"{"a":"\ud83d\ude00"}"#, "\u{FEFF}{}", "[]", "{} {}", #"{"a":01}"#, #"{"a":1.}"#,
        #"{"a":"\x"}"#, "{\"a\":\"\u{01}\"}", #"{"a":tru}"#, #"{"a":1,}"#, #"{"a" 1}"#, #"{"items":[],"items":[]}"#,
    ])
    func aTextItIsNotSureOfIsLeftToTheParse(text: String) {
        #expect(JSONMemberNames.read(Data(text.utf8), itemArrays: ["items"]) == nil)
    }

    @Test func invalidUTF8IsLeftToTheParse() {
        for bytes: [UInt8] in [[0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE1, 0x80]] {
            let text = Data("{\"a\":\"".utf8) + Data(bytes) + Data("\"}".utf8)
            #expect(JSONMemberNames.read(text, itemArrays: []) == nil, "\(bytes)")
        }
    }

    /// Over random bodies and random damage to them: whatever the pass answers for, a parse of the whole
    /// text accepts and names the same members; and it answers for every undamaged body.
    @Test func whatItReadsAParseReadsTheSame() throws {
        var random = SplitMix64(seed: 2027)
        let damage: [UInt8] = Array("{}[]\":,\\ 0-.eu".utf8) + [0x01, 0x80, 0xC3, 0xA1, 0xE1, 0xBA, 0xFF]
        var answered = 0
        for round in 0..<3_000 {
            var text = Array(Self.randomObject(depth: 0, using: &random).utf8)
            let damaged = round % 3 != 0
            if damaged {
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let at = Int.random(in: 0..<text.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: text.remove(at: at)
                    case 1: text.insert(damage.randomElement(using: &random)!, at: at)
                    default: text[at] = damage.randomElement(using: &random)!
                    }
                    if text.isEmpty { text = Array("{".utf8) }
                }
            }
            let data = Data(text)
            let read = JSONMemberNames.read(data, itemArrays: ["items"])
            if !damaged { #expect(read != nil, "\(String(decoding: data, as: UTF8.self))") }
            guard let read else { continue }
            answered += 1
            let parsed = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            guard let parsed else {
                Issue.record("read, but a parse refuses: \(String(decoding: data, as: UTF8.self))")
                continue
            }
            #expect(Set(read.names) == Set(parsed.keys), "\(String(decoding: data, as: UTF8.self))")
            let parsedItems = (parsed["items"] as? [Any] ?? []).map { ($0 as? [String: Any]).map { Set($0.keys) } }
            #expect((read.items["items"] ?? []).map { $0.map(Set.init) } == parsedItems, "\(String(decoding: data, as: UTF8.self))")
        }
        #expect(answered > 1_000)
    }

    static func randomObject(depth: Int, using random: inout SplitMix64) -> String {
        let names = ["items", "fullName", "học", "a", "b c", "x/y"]
        let members = names.shuffled(using: &random).prefix(Int.random(in: 0...4, using: &random)).map { name in
            "\"\(name)\": \(randomValue(depth: depth + 1, using: &random))"
        }
        return "{" + members.joined(separator: Bool.random(using: &random) ? "," : " ,\n ") + "}"
    }

    static func randomValue(depth: Int, using random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<(depth < 3 ? 8 : 6), using: &random) {
        case 0: return ["\"Nguyễn Thị Ánh\"", "\"\"", #""a\"b\\c\n\u00e9""#, "\"𝓍\""].randomElement(using: &random)!
        case 1: return ["0", "-12", "3.25", "-0.5", "1234567"].randomElement(using: &random)!
        case 2: return ["true", "false", "null"].randomElement(using: &random)!
        case 3, 4, 5: return "\"\(Int.random(in: 0...99, using: &random))\""
        case 6: return randomObject(depth: depth, using: &random)
        default: return "[" + (0..<Int.random(in: 0...3, using: &random)).map { _ in randomValue(depth: depth + 1, using: &random) }.joined(separator: ",") + "]"
        }
    }
}
