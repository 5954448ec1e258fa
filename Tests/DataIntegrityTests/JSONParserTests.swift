import Testing
@testable import DataIntegrity

@Suite("Strict JSON parser")
struct JSONParserTests {
    @Test("keys sort by UTF-16 code units: U+20AC, U+1F600, U+FB33")
    func utf16KeyOrder() throws {
        // By scalar value U+FB33 < U+1F600, but U+1F600 is the surrogate pair D83D DE00,
        // and 0xD83D < 0xFB33, so JCS puts it first.
        let value = try JSONParser.parse(#"{"\ufb33":3,"\ud83d\ude00":2,"\u20ac":1}"#)
        #expect(try JCS.canonicalString(value) == "{\"\u{20AC}\":1,\"\u{1F600}\":2,\"\u{FB33}\":3}")
        #expect(JCS.precedes("\u{1F600}", "\u{FB33}"))
        #expect(!("\u{1F600}" < "\u{FB33}"), "Swift's own order differs, which is why JCS.precedes exists")
    }

    @Test("canonically equivalent keys are two different keys, both kept")
    func canonicallyEquivalentKeys() throws {
        let value = try JSONParser.parse(#"{"\u00e9":1,"e\u0301":2}"#)
        let members = try #require(value.objectMembers)
        #expect(members.count == 2)
        #expect(Array(members[0].key.unicodeScalars) == ["\u{E9}"])
        #expect(Array(members[1].key.unicodeScalars) == ["e", "\u{301}"])
        // Lookup is scalar-exact too.
        #expect(value["\u{E9}"] == .number(1))
        #expect(value["e\u{301}"] == .number(2))
        // "e" (U+0065) sorts before "é" (U+00E9); the texts stay unnormalised.
        #expect(try JCS.canonicalString(value) == "{\"e\u{301}\":2,\"\u{E9}\":1}")
        // Swift would call them equal; JSONValue does not.
        #expect("\u{E9}" == "e\u{301}")
        #expect(JSONValue.string("\u{E9}") != JSONValue.string("e\u{301}"))
    }

    @Test("exact duplicate keys are rejected, including when spelled with escapes")
    func duplicateKeys() {
        #expect(throws: JSONError.duplicateKey("a", offset: 8)) { try JSONParser.parse(#"{"a":1, "a":2}"#) }
        #expect(throws: JSONError.duplicateKey("a", offset: 7)) { try JSONParser.parse(#"{"a":1,"\u0061":2}"#) }
        #expect(throws: JSONError.duplicateKey("\u{E9}", offset: 8)) {
            try JSONParser.parse("{\"\u{E9}\":1,\"\\u00e9\":2}")
        }
        // Nested objects have their own key sets.
        #expect(throws: Never.self) { try JSONParser.parse(#"{"a":{"a":1},"b":{"a":2}}"#) }
    }

    @Test("a value built in code with duplicate keys is refused by the serialisers")
    func duplicateKeysInBuiltValue() {
        let value = JSONValue.object([(key: "k", value: 1), (key: "k", value: 2)])
        #expect(throws: JSONError.duplicateKeyInValue("k")) { try JCS.canonicalize(value) }
        #expect(throws: JSONError.duplicateKeyInValue("k")) { try value.encoded() }
    }

    @Test("lone surrogates are rejected; pairs decode")
    func surrogates() throws {
        #expect(throws: JSONError.loneSurrogate(offset: 1)) { try JSONParser.parse(#""\ud83d""#) }
        #expect(throws: JSONError.loneSurrogate(offset: 1)) { try JSONParser.parse(#""\ude00""#) }
        #expect(throws: JSONError.loneSurrogate(offset: 1)) { try JSONParser.parse(#""\ud83dx""#) }
        #expect(throws: JSONError.loneSurrogate(offset: 1)) { try JSONParser.parse(#""\ud83d\u0041""#) }
        #expect(throws: JSONError.loneSurrogate(offset: 1)) { try JSONParser.parse(#""\ud83d\ud83d""#) }
        #expect(try JSONParser.parse(#""\uD83D\uDE02""#) == .string("\u{1F602}"))
    }

    @Test("invalid UTF-8 is rejected with its offset", arguments: [
        ([0x22, 0xC3, 0x22], 1),              // truncated 2-byte sequence
        ([0x22, 0xC0, 0xAF, 0x22], 1),        // overlong "/"
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], 1),  // overlong 3-byte
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // UTF-8-encoded surrogate
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
        ([0x22, 0x61, 0xFF, 0x22], 2),
        ([0x22, 0x80, 0x22], 1),              // lone continuation byte
    ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        #expect(throws: JSONError.invalidUTF8(offset: offset)) { try JSONParser.parse(bytes) }
    }

    @Test("valid multi-byte UTF-8 is kept as is")
    func validUTF8() throws {
        let text = "\"Nguyễn Thị Ánh 😂 \u{10FFFF}\""
        #expect(try JSONParser.parse(text) == .string(String(text.dropFirst().dropLast())))
    }

    @Test("grammar violations are rejected", arguments: [
        "", " ", "{", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{a:1}", "'a'", "tru", "nul", "True",
        "01", "-", "+1", "1.", ".5", "1e", "1e+", "0x10", "NaN", "Infinity", "-Infinity", "\"\\x\"",
        "\"\\u12\"", "\"\\u12G4\"", "\"abc", "[\"a\"", "\u{FEFF}1", "1 2", "{} x", "[]]", "\"\t\"", "\"\n\"",
    ])
    func rejected(text: String) {
        #expect(throws: JSONError.self) { try JSONParser.parse(text) }
    }

    @Test("trailing data and raw control characters report where they are")
    func errorOffsets() {
        #expect(throws: JSONError.trailingData(offset: 4)) { try JSONParser.parse("{}  x") }
        #expect(throws: JSONError.unescapedControlCharacter(0x0A, offset: 2)) { try JSONParser.parse("\"a\nb\"") }
        #expect(throws: JSONError.invalidNumber(offset: 1)) { try JSONParser.parse("[01]") }
        #expect(throws: JSONError.unexpectedEnd(offset: 5)) { try JSONParser.parse("[1, 2") }
    }

    @Test("numbers outside the double range are rejected; underflow rounds to zero")
    func numberRange() throws {
        #expect(throws: JSONError.numberOutOfRange(text: "1e400", offset: 1)) { try JSONParser.parse("[1e400]") }
        #expect(throws: JSONError.numberOutOfRange(text: "-1.8e308", offset: 0)) { try JSONParser.parse("-1.8e308") }
        #expect(try JSONParser.parse("1.7976931348623157e308") == .number(.greatestFiniteMagnitude))
        #expect(try JSONParser.parse("1e-400") == .number(0))
        #expect(try JSONParser.parse("-0") == .number(-0.0))
        #expect(try JSONParser.parse("-0").numberValue?.sign == .minus)
    }

    @Test("nesting is limited so hostile input cannot exhaust the stack")
    func nestingLimit() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: JSONError.nestingTooDeep(limit: 256, offset: 256)) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
        #expect(throws: JSONError.self) { try JSONParser.parse("[[[1]]]", maximumDepth: 2) }
    }

    @Test("member order is preserved as parsed")
    func memberOrder() throws {
        let value = try JSONParser.parse(#"{"b":1,"a":[true,false,null],"c":"x"}"#)
        #expect(value.objectMembers?.map(\.key) == ["b", "a", "c"])
        #expect(try value.encodedString() == #"{"b":1,"a":[true,false,null],"c":"x"}"#)
        #expect(try JCS.canonicalString(value) == #"{"a":[true,false,null],"b":1,"c":"x"}"#)
    }

    @Test("error messages name the position")
    func messages() {
        #expect(JSONError.duplicateKey("id", offset: 42).message == "Duplicate member name \"id\" at byte 42.")
        #expect(JSONError.unexpectedByte(UInt8(ascii: "}"), offset: 7).message == "Unexpected '}' (0x7D) at byte 7.")
        #expect(JSONError.loneSurrogate(offset: 3).offset == 3)
        #expect(JSONError.nonFiniteNumber.offset == nil)
    }
}

@Suite("JCS serialisation rules")
struct JCSSerialisationTests {
    @Test("numbers use the ECMAScript format", arguments: [
        (0.0, "0"), (-0.0, "0"), (1.0, "1"), (-1.0, "-1"), (3.0, "3"), (0.1, "0.1"), (1e-7, "1e-7"),
        (1e-6, "0.000001"), (1.5e-6, "0.0000015"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
        (123456789012345680000.0, "123456789012345680000"), (.leastNonzeroMagnitude, "5e-324"), (9007199254740994, "9007199254740994"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (9007199254740992.0, "9007199254740992"),
        (333333333.33333329, "333333333.3333333"), (4.5, "4.5"), (2e-3, "0.002"), (1e-27, "1e-27"),
        (-1.5e300, "-1.5e+300"), (0.000001234, "0.000001234"), (1.234e-7, "1.234e-7"),
    ] as [(Double, String)])
    func numberFormat(value: Double, expected: String) {
        #expect(ECMAScriptNumber.format(value) == expected)
    }

    @Test("NaN and infinities cannot be serialised")
    func nonFinite() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(ECMAScriptNumber.format(value) == nil)
            #expect(throws: JSONError.nonFiniteNumber) { try JCS.canonicalize(.array([.number(value)])) }
        }
    }

    @Test("strings escape only quote, backslash and C0 controls; never '/'")
    func stringEscapes() throws {
        let all = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\"\\/\u{7F}\u{80}é€😀"
        let canonical = try JCS.canonicalString(.string(all))
        let expected = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
            + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
            + "\\\"\\\\/\u{7F}\u{80}é€😀\""
        #expect(canonical == expected)
        #expect(try JSONParser.parse(canonical) == .string(all))
    }

    @Test("no Unicode normalisation: A + combining ring stays two scalars")
    func noNormalisation() throws {
        let bytes = try JCS.canonicalize(.string("A\u{30A}"))
        #expect(bytes == [0x22, 0x41, 0xCC, 0x8A, 0x22])
    }
}
