import Testing
@testable import Platform

/// Hands a document over one small piece at a time, so every token boundary falls
/// inside a chunk somewhere.
struct ChunkedSource: XMLByteSource {
    var bytes: [UInt8]
    let size: Int

    mutating func nextChunk() throws(XLSXError) -> [UInt8]? {
        guard !bytes.isEmpty else { return nil }
        defer { bytes.removeFirst(min(size, bytes.count)) }
        return Array(bytes.prefix(size))
    }
}

@Suite("XML tokenizer")
struct XMLTokenizerTests {
    /// Events as text: `<name a=v>`, `</name>`, `"text"`.
    static func events(_ xml: String, chunkSize: Int = 1 << 16) throws -> [String] {
        var tokenizer = XMLTokenizer(part: "test.xml", source: ChunkedSource(bytes: Array(xml.utf8), size: chunkSize))
        var events: [String] = []
        while true {
            switch try tokenizer.next() {
            case .endOfDocument:
                return events
            case .startElement:
                var attributes = ""
                if let value = try tokenizer.attribute("r") { attributes += " r=\(value)" }
                if let value = try tokenizer.attribute("t") { attributes += " t=\(value)" }
                if let value = try tokenizer.attribute("id") { attributes += " id=\(value)" }
                if let value = try tokenizer.attribute("space") { attributes += " space=\(value)" }
                events.append("<\(tokenizer.name)\(attributes)\(tokenizer.isSelfClosing ? "/" : "")>")
            case .endElement:
                events.append("</\(tokenizer.name)>")
            case .text:
                var bytes: [UInt8] = []
                try tokenizer.appendText(to: &bytes)
                events.append("\"\(String(decoding: bytes, as: UTF8.self))\"")
            }
        }
    }

    static let document = """
        \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment with <tags> inside -->
        <x:worksheet xmlns:x="urn:x"><x:row r="1"><x:c r='A1' t="s"><x:v>12</x:v></x:c>\
        <x:c r="B1" t="inlineStr"><x:is><x:t xml:space="preserve"> Lê &amp; Lý &lt;&gt;&quot;&apos; &#7871;&#x1EBF; </x:t></x:is></x:c>\
        <x:c r="C1"/><x:c r="D1"><x:v><![CDATA[<raw & text>]]></x:v></x:c></x:row>\
        <x:row r="2" id="a &quot;quoted&quot; &amp; &#9;tab"><x:c r="A2"><x:v>1\r\n2\r3</x:v></x:c></x:row></x:worksheet>
        """

    static let expected = [
        "\"\n\"", "\"\n\"",
        "<x:worksheet>", "<x:row r=1>", "<x:c r=A1 t=s>", "<x:v>", "\"12\"", "</x:v>", "</x:c>",
        "<x:c r=B1 t=inlineStr>", "<x:is>", "<x:t space=preserve>", "\" Lê & Lý <>\"' ếế \"", "</x:t>", "</x:is>", "</x:c>",
        "<x:c r=C1/>", "</x:c>", "<x:c r=D1>", "<x:v>", "\"<raw & text>\"", "</x:v>", "</x:c>", "</x:row>",
        "<x:row r=2 id=a \"quoted\" & \ttab>", "<x:c r=A2>", "<x:v>", "\"1\n2\n3\"", "</x:v>", "</x:c>", "</x:row>",
        "</x:worksheet>",
    ]

    @Test("elements, attributes in both quotes, entities, CDATA, comments, line ends",
          arguments: [1, 2, 3, 7, 64, 1 << 16])
    func document(chunkSize: Int) throws {
        #expect(try Self.events(Self.document, chunkSize: chunkSize) == Self.expected)
    }

    @Test("local names match whatever the prefix")
    func localNames() throws {
        var tokenizer = XMLTokenizer(part: "t", source: InMemoryPartSource(Array("<x:row r='1'/>".utf8)))
        #expect(try tokenizer.next() == .startElement)
        #expect(tokenizer.isNamed("row") && !tokenizer.isNamed("x:row") && !tokenizer.isNamed("ro"))
        #expect(tokenizer.rawAttribute("r").map(Array.init) == Array("1".utf8))
        #expect(try tokenizer.next() == .endElement)
        #expect(try tokenizer.next() == .endOfDocument)
    }

    @Test("malformed documents are refused with the part and the byte offset", arguments: [
        ("<a><b></a>", "</a> where </b> was expected", 6),
        ("<a>", "the part ends before </a>", 3),
        ("</a>", "</a> closes no open element", 0),
        ("<a x=1/>", "an attribute value without quotes", 5),
        ("<a>&bogus;</a>", "an unknown entity &bogus;", 3),
        ("<a>&#0;</a>", "an invalid character reference &#0;", 3),
        ("<a>& b</a>", "an & that starts no entity", 3),
        ("<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", "document type declarations are not allowed", 0),
        ("<a x='1' <b/>", "an attribute without a value", 9),
    ])
    func malformed(xml: String, reason: String, offset: Int) {
        #expect(throws: XLSXError.malformedXML(part: "test.xml", offset: offset, reason: reason)) {
            try Self.events(xml, chunkSize: 2)
        }
    }

    @Test("UTF-16 and invalid UTF-8 are refused")
    func encodings() {
        var utf16 = XMLTokenizer(part: "t", source: InMemoryPartSource([0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00]))
        #expect(throws: XLSXError.malformedXML(part: "t", offset: 0, reason: "UTF-16 is not supported; the part must be UTF-8")) {
            try utf16.next()
        }
        var tokenizer = XMLTokenizer(part: "t", source: InMemoryPartSource([0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E]))
        #expect {
            _ = try tokenizer.next()
            _ = try tokenizer.next()
            var bytes: [UInt8] = []
            try tokenizer.appendText(to: &bytes)
            _ = try tokenizer.string(bytes)
        } throws: { error in
            if case XLSXError.malformedXML(_, _, "text that is not valid UTF-8") = error { true } else { false }
        }
    }
}
