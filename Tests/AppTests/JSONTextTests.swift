import Foundation
@testable import Platform
import Registry
import SplitMix
import Testing

/// `JSON.string` writes its text itself (`DirectJSON`): the text must be Foundation's byte for byte, or
/// every stored record would look changed to a re-import and every ETag would move.
@Suite("JSON text of stored records")
struct JSONTextTests {
    static func foundationText<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSON.encoder.encode(value), as: UTF8.self)
    }

    /// `DirectJSON`'s own text, without the fall-back to Foundation that `JSON.string` has.
    static func directText<T: Encodable>(_ value: T) -> String? {
        DirectJSON.encode(value).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Text with what school software puts in names and codes: quotes, backslashes, slashes, control
    /// characters, Vietnamese in both Unicode forms, emoji.
    static func randomText(_ random: inout SplitMix64) -> String {
        let pieces = ["\"", "\\", "/", "\n", "\t", "\r", "\u{0}", "\u{1}", "\u{8}", "\u{C}", "\u{1F}", "\u{7F}", "\u{2028}",
                      "Nguyễn", "Nguye\u{302}\u{303}n", "Thị", "Đặng", "😀", "a", "Z", " ", "'", "<", "&", "\u{FEFF}"]
        let count = Int(random.next() % 8)
        return (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
    }

    @Test func learnersAreWrittenAsFoundationWritesThem() throws {
        var random = SplitMix64(seed: 2026)
        for _ in 0..<2_000 {
            var body: [String: Any] = ["fullName": Self.randomText(&random), "schoolCode": Self.randomText(&random)]
            for field in ["id", "learnerCode", "citizenId", "familyName", "middleName", "givenName", "sex", "ethnicity",
                          "birthplace", "status"] where random.next() % 3 != 0 {
                body[field] = Self.randomText(&random)
            }
            if random.next() % 2 == 0 {
                body["dateOfBirth"] = String(format: "%04d-%02d-%02d", 1990 + Int(random.next() % 30), 1 + Int(random.next() % 12),
                                             1 + Int(random.next() % 28))
            }
            let learner = try JSON.decoder.decode(Learner.self, from: JSONSerialization.data(withJSONObject: body))
            #expect(try Self.directText(learner) == Self.foundationText(learner))
            #expect(try Self.writtenText(learner) == Self.foundationText(learner))
        }
    }

    /// A staff member's text as the record writes it (`JSONTextWritable`), with its lists.
    @Test func staffAreWrittenAsFoundationWritesThem() throws {
        var random = SplitMix64(seed: 2027)
        func date() -> String {
            String(format: "%04d-%02d-%02d", 1960 + Int(random.next() % 60), 1 + Int(random.next() % 12), 1 + Int(random.next() % 28))
        }
        var membersSeen = Set<String>()
        for _ in 0..<2_000 {
            var body: [String: Any] = ["fullName": Self.randomText(&random), "staffCode": Self.randomText(&random)]
            for field in ["id", "citizenId", "familyName", "middleName", "givenName", "sex", "ethnicity", "position",
                          "professionalTitle"] where random.next() % 3 != 0 {
                body[field] = Self.randomText(&random)
            }
            if random.next() % 2 == 0 { body["dateOfBirth"] = date() }
            if random.next() % 3 != 0 { body["qualifications"] = (0..<Int(random.next() % 3)).map { _ in Self.randomText(&random) } }
            body["employments"] = (0..<Int(random.next() % 3)).map { _ -> [String: Any] in
                var employment: [String: Any] = ["schoolCode": Self.randomText(&random), "position": Self.randomText(&random),
                                                 "startDate": date()]
                if random.next() % 2 == 0 { employment["endDate"] = date() }
                return employment
            }
            membersSeen.formUnion(body.keys)
            let staff = try JSON.decoder.decode(Staff.self, from: JSONSerialization.data(withJSONObject: body))
            let text = Self.writtenText(staff)
            #expect(text == (try Self.foundationText(staff)))
            #expect(try JSON.decoder.decode(Staff.self, from: Data(text.utf8)) == staff)
        }
        #expect(membersSeen.count == 14, "every member of a staff record, the lists included")
    }

    /// The text a record writes itself, without `JSON.string`'s fall-back to Foundation.
    static func writtenText<T: JSONTextWritable>(_ value: T) -> String {
        var json = JSONTextBuilder()
        value.write(to: &json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test func scalarsAndEnumsAreWrittenAsFoundationWritesThem() throws {
        struct Scalars: Encodable {
            enum Kind: String, Encodable { case first, second }
            var flag: Bool
            var count: Int
            var small: Int8
            var big: UInt64
            var kind: Kind
            var missing: String?
            var explicitNull: String?
            var date: CivilDate

            func encode(to encoder: any Encoder) throws {
                enum Keys: String, CodingKey { case flag, count, small, big, kind, missing, explicitNull = "explicit/null", date, Z, aa }
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(flag, forKey: .flag)
                try container.encode(count, forKey: .count)
                try container.encode(small, forKey: .small)
                try container.encode(big, forKey: .big)
                try container.encode(kind, forKey: .kind)
                try container.encodeIfPresent(missing, forKey: .missing)
                try container.encode(explicitNull, forKey: .explicitNull)
                try container.encode(date, forKey: .date)
                try container.encode("upper case sorts first", forKey: .Z)
                try container.encode("", forKey: .aa)
            }
        }
        let value = Scalars(flag: false, count: -42, small: -8, big: .max, kind: .second, missing: nil, explicitNull: nil,
                            date: CivilDate(year: 2011, month: 2, day: 3)!)
        #expect(try Self.directText(value) == Self.foundationText(value))
        #expect(try JSON.string(value).hasPrefix(#"{"Z":"upper case sorts first","aa":"","big":18446744073709551615"#))
    }

    /// Random trees of objects, arrays and scalars, with the numbers an identity run's outcome holds.
    @Test func nestedValuesAreWrittenAsFoundationWritesThem() throws {
        var random = SplitMix64(seed: 9)
        for _ in 0..<2_000 {
            let tree = Tree.random(&random, depth: 0)
            #expect(try Self.directText(tree) == Self.foundationText(tree))
        }
    }

    @Test func nestedContainersAndFoundationsOwnTypes() throws {
        struct Nested: Encodable {
            func encode(to encoder: any Encoder) throws {
                enum Keys: String, CodingKey { case inner, list, after, empty }
                var container = encoder.container(keyedBy: Keys.self)
                var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                _ = container.nestedContainer(keyedBy: Keys.self, forKey: .empty)
                try container.encode(0.5, forKey: .after)
                try inner.encode(Float(1.25), forKey: .list)
                try list.encode(-0.0)
                try list.encodeNil()
                var deeper = list.nestedContainer(keyedBy: Keys.self)
                try deeper.encode(true, forKey: .after)
            }
        }
        struct Special: Encodable {
            var date = Date(timeIntervalSince1970: 1_700_000_000.25)
            var data = Data([1, 2, 3])
            var url = URL(string: "https://moet.gov.vn/a/b")!
            var amount = Decimal(string: "12.50")!
        }
        #expect(try Self.directText(Nested()) == Self.foundationText(Nested()))
        #expect(Self.directText(Nested()) == #"{"after":0.5,"empty":{},"inner":{"list":1.25},"list":[-0,null,{"after":true}]}"#)
        #expect(Self.directText(["b": 2, "a": 1]) == #"{"a":1,"b":2}"#)
        #expect(Self.directText([3, 1]) == "[3,1]")
        #expect(Self.directText("text") == #""text""#)
        // What Foundation writes its own way, or refuses, is left to it.
        #expect(Self.directText(Special()) == nil)
        #expect(try JSON.string(Special()) == Self.foundationText(Special()))
        #expect(Self.directText(["ratio": Double.nan]) == nil)
        #expect(throws: EncodingError.self) { try JSON.string(["ratio": Double.nan]) }
        // An optional is judged by the type it wraps.
        #expect(Self.directText([Date(timeIntervalSince1970: 0)] as [Date?]) == nil)
        #expect(Self.directText(["a", nil] as [String?]) == #"["a",null]"#)
        #expect(try Self.directText([1, nil, 3] as [Int?]) == Self.foundationText([1, nil, 3] as [Int?]))
        #expect(try Self.directText([true, nil] as [Bool?]) == Self.foundationText([true, nil] as [Bool?]))
    }

    /// Where Foundation keeps one of two members, or writes members of its own, the direct way gives up;
    /// so it does when a value swallows its refusal.
    @Test func repeatedKeysSuperEncodersAndSwallowedRefusalsAreLeftToFoundation() throws {
        struct Repeated: Encodable {
            var first: String
            var second: String
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Tree.Key.self)
                try container.encode(1, forKey: Tree.Key(stringValue: first))
                try container.encode(2, forKey: Tree.Key(stringValue: second))
            }
        }
        struct WithSuper: Encodable {
            func encode(to encoder: any Encoder) throws {
                enum Keys: String, CodingKey { case name }
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode("a", forKey: .name)
                var parent = container.superEncoder().singleValueContainer()
                try parent.encode("b")
            }
        }
        struct Swallowing: Encodable {
            func encode(to encoder: any Encoder) throws {
                enum Keys: String, CodingKey { case when, name }
                var container = encoder.container(keyedBy: Keys.self)
                try? container.encode(Date(timeIntervalSince1970: 0), forKey: .when)
                try container.encode("a", forKey: .name)
            }
        }
        #expect(Self.directText(Repeated(first: "a", second: "a")) == nil)
        #expect(Self.directText(Repeated(first: "\u{E9}", second: "e\u{301}")) == nil, "one key to Swift, two byte strings")
        #expect(try JSON.string(Repeated(first: "\u{E9}", second: "e\u{301}")) == Self.foundationText(Repeated(first: "\u{E9}", second: "e\u{301}")))
        #expect(Self.directText(Repeated(first: "a", second: "b")) == #"{"a":1,"b":2}"#)
        #expect(Self.directText(WithSuper()) == nil)
        #expect(try JSON.string(WithSuper()) == Self.foundationText(WithSuper()))
        #expect(Self.directText(Swallowing()) == nil)
        #expect(try JSON.string(Swallowing()) == Self.foundationText(Swallowing()))
    }

    /// Any JSON value, encoded through every kind of container.
    indirect enum Tree: Encodable {
        case string(String), integer(Int), number(Double), bool(Bool), null
        case array([Tree]), object([String: Tree])

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .string(let text): var container = encoder.singleValueContainer(); try container.encode(text)
            case .integer(let value): var container = encoder.singleValueContainer(); try container.encode(value)
            case .number(let value): var container = encoder.singleValueContainer(); try container.encode(value)
            case .bool(let value): var container = encoder.singleValueContainer(); try container.encode(value)
            case .null: var container = encoder.singleValueContainer(); try container.encodeNil()
            case .array(let items):
                var container = encoder.unkeyedContainer()
                for item in items { try container.encode(item) }
            case .object(let members):
                var container = encoder.container(keyedBy: Key.self)
                for (key, value) in members { try container.encode(value, forKey: Key(stringValue: key)) }
            }
        }

        static func random(_ random: inout SplitMix64, depth: Int) -> Tree {
            let numbers: [Double] = [0, -0.0, 1, 0.1, 1e16, 1e-7, 123.456, -2.5e-300, .greatestFiniteMagnitude, 47.000001]
            switch random.next() % (depth < 3 ? 8 : 6) {
            case 0: return .string(JSONTextTests.randomText(&random))
            case 1: return .integer(Int(truncatingIfNeeded: random.next()) >> Int(random.next() % 64))
            case 2: return .number(numbers[Int(random.next() % UInt64(numbers.count))])
            case 3:
                let number = Double(bitPattern: random.next())
                return .number(number.isFinite ? number : 0.25)
            case 4: return .bool(random.next() % 2 == 0)
            case 5: return .null
            case 6: return .array((0..<Int(random.next() % 4)).map { _ in Tree.random(&random, depth: depth + 1) })
            default:
                var members: [String: Tree] = [:]
                for _ in 0..<Int(random.next() % 5) {
                    members[JSONTextTests.randomText(&random)] = Tree.random(&random, depth: depth + 1)
                }
                return .object(members)
            }
        }
    }
}
