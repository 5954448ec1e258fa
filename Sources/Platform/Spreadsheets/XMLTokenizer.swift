/// What `XMLTokenizer.next()` found.
enum XMLEvent: Equatable {
    /// `<name …>` or `<name …/>`; a self-closing tag is followed by a matching `.endElement`.
    case startElement
    /// `</name>`.
    case endElement
    /// Character data between tags (entities not yet decoded), or a CDATA section.
    case text
    /// The end of the part.
    case endOfDocument
}

/// A small pull tokenizer for the XML of SpreadsheetML parts, reading UTF-8 bytes a chunk
/// at a time.
///
/// Written here rather than using Foundation's `XMLParser`, which on Linux needs the
/// system libxml2 at run time and builds a `String` and a dictionary for every element.
/// This reads only what workbook parts contain: elements, attributes in single or double
/// quotes, character data with the five predefined entities and numeric character
/// references, CDATA, comments and processing instructions (skipped). A document type
/// declaration is refused: OOXML never has one, and refusing it rules out entity-expansion
/// attacks. Namespaces are not resolved; callers match local names, which are unambiguous
/// within a SpreadsheetML part whatever prefix a producer chose.
///
/// Names, attributes and text of the current event refer into an internal buffer and are
/// valid until the next call to `next()`.
struct XMLTokenizer {
    /// One token (a tag or a run of text) may not exceed this, so a part without any `<`
    /// cannot make the buffer grow without bound. Excel limits a cell to 32,767 characters.
    static var maximumTokenBytes: Int { 16 << 20 }
    /// Consumed bytes are dropped from the buffer once this many have accumulated.
    private static var compactionThreshold: Int { 1 << 16 }

    /// The part's name, for error messages.
    let part: String
    /// Called once per chunk, so an existential costs nothing measurable; a generic
    /// tokenizer was not specialised everywhere and paid for metadata lookups per tag.
    private var source: any XMLByteSource
    private var sourceIsExhausted = false
    private var buffer: [UInt8] = []
    private var position = 0
    /// Bytes dropped from the front of `buffer`, so errors can give offsets in the part.
    private var droppedCount = 0

    private var nameRange = 0..<0
    private var localNameStart = 0
    /// True for the `.startElement` of `<name/>`.
    private(set) var isSelfClosing = false
    private var attributes: [AttributeSpan] = []
    private var textRange = 0..<0
    private var textIsCDATA = false
    private var owesEndElement = false
    /// Names of the open elements, end to end, to check that end tags match.
    private var openNames: [UInt8] = []
    private var openNameStarts: [Int] = []

    private struct AttributeSpan {
        var localName: Range<Int>
        var value: Range<Int>
    }

    init(part: String, source: any XMLByteSource) {
        self.part = part
        self.source = source
    }

    /// How deep the current element is nested (the root element is depth 1).
    var depth: Int { openNameStarts.count }

    // MARK: Reading events

    mutating func next() throws(XLSXError) -> XMLEvent {
        if owesEndElement {
            owesEndElement = false
            popOpenName()
            return .endElement
        }
        while true {
            if position >= Self.compactionThreshold { compact() }
            guard let first = try byte(at: position) else {
                guard openNameStarts.isEmpty else {
                    throw malformed("the part ends before </\(openName)>", at: position)
                }
                return .endOfDocument
            }
            if first == UInt8(ascii: "<") {
                switch try readMarkup() {
                case .skipped: continue
                case .cdata: return .text
                case .none: return try readTag()
                }
            } else {
                if position == 0, droppedCount == 0, try startsWithByteOrderMark() { continue }
                try readText()
                return .text
            }
        }
    }

    private enum Markup {
        /// A comment or processing instruction, consumed.
        case skipped
        /// A CDATA section, now the current text.
        case cdata
    }

    /// Skips comments and processing instructions, refuses DTDs, and reads CDATA; nil
    /// if `<` starts a tag instead.
    private mutating func readMarkup() throws(XLSXError) -> Markup? {
        // Almost every `<` starts a tag; look further only for `<?` and `<!`.
        guard let second = try byte(at: position + 1), second == UInt8(ascii: "?") || second == UInt8(ascii: "!") else {
            return nil
        }
        if second == UInt8(ascii: "?") {
            position = try index(after: "?>", from: position + 2)
            return .skipped
        }
        if try matches("<!--", at: position) {
            position = try index(after: "-->", from: position + 4)
            return .skipped
        }
        if try matches("<![CDATA[", at: position) {
            let start = position + 9
            let end = try index(after: "]]>", from: start)
            textRange = start..<(end - 3)
            textIsCDATA = true
            position = end
            return .cdata
        }
        if try matches("<!", at: position) {
            throw malformed("document type declarations are not allowed", at: position)
        }
        return nil
    }

    /// Reads `<name …>`, `<name …/>` or `</name>`.
    private mutating func readTag() throws(XLSXError) -> XMLEvent {
        let isEnd = try byte(at: position + 1) == UInt8(ascii: "/")
        var i = position + (isEnd ? 2 : 1)
        let nameStart = i
        var localStart = i
        while let b = try byte(at: i), !Self.endsName(b) {
            if b == UInt8(ascii: ":") { localStart = i + 1 }
            i += 1
        }
        guard i > nameStart else { throw malformed("a tag without a name", at: position) }
        nameRange = nameStart..<i
        localNameStart = localStart

        if isEnd {
            i = try skipWhitespace(from: i)
            guard try byte(at: i) == UInt8(ascii: ">") else { throw malformed("an unterminated end tag", at: position) }
            guard !openNameStarts.isEmpty else {
                throw malformed("</\(name)> closes no open element", at: position)
            }
            guard openNameMatches(nameRange) else {
                throw malformed("</\(name)> where </\(openName)> was expected", at: position)
            }
            popOpenName()
            position = i + 1
            return .endElement
        }

        attributes.removeAll(keepingCapacity: true)
        while true {
            i = try skipWhitespace(from: i)
            guard let b = try byte(at: i) else { throw malformed("the part ends inside a tag", at: position) }
            if b == UInt8(ascii: ">") {
                isSelfClosing = false
                position = i + 1
                break
            }
            if b == UInt8(ascii: "/") {
                guard try byte(at: i + 1) == UInt8(ascii: ">") else {
                    throw malformed("a stray / inside a tag", at: i)
                }
                isSelfClosing = true
                owesEndElement = true
                position = i + 2
                break
            }
            i = try readAttribute(from: i)
            guard i - position <= Self.maximumTokenBytes else { throw malformed("a tag is too long", at: position) }
        }
        pushOpenName(nameRange)
        return .startElement
    }

    /// Reads `name="value"` or `name='value'` starting at `start`; returns the index after it.
    private mutating func readAttribute(from start: Int) throws(XLSXError) -> Int {
        var i = start
        var localStart = start
        while let b = try byte(at: i), !Self.endsName(b), b != UInt8(ascii: "=") {
            if b == UInt8(ascii: ":") { localStart = i + 1 }
            i += 1
        }
        guard i > start else { throw malformed("an attribute without a name", at: start) }
        let localName = localStart..<i
        i = try skipWhitespace(from: i)
        guard try byte(at: i) == UInt8(ascii: "=") else { throw malformed("an attribute without a value", at: start) }
        i = try skipWhitespace(from: i + 1)
        guard let quote = try byte(at: i), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw malformed("an attribute value without quotes", at: i)
        }
        let valueStart = i + 1
        i = valueStart
        while true {
            guard let b = try byte(at: i) else { throw malformed("the part ends inside an attribute value", at: start) }
            if b == quote { break }
            if b == UInt8(ascii: "<") { throw malformed("< inside an attribute value", at: i) }
            i += 1
        }
        attributes.append(AttributeSpan(localName: localName, value: valueStart..<i))
        return i + 1
    }

    /// Character data up to the next `<` (or the end of the part).
    private mutating func readText() throws(XLSXError) {
        textIsCDATA = false
        let start = position
        var i = start
        while true {
            if i >= buffer.count {
                guard try loadMore() else { break }
            }
            if let found = buffer[i...].firstIndex(of: UInt8(ascii: "<")) {
                i = found
                break
            }
            i = buffer.count
            guard i - start <= Self.maximumTokenBytes else { throw malformed("a text run is too long", at: start) }
        }
        textRange = start..<i
        position = i
    }

    /// Skips a UTF-8 byte order mark at the very start; refuses UTF-16, which Excel
    /// never writes for these parts.
    private mutating func startsWithByteOrderMark() throws(XLSXError) -> Bool {
        if try matches("\u{FEFF}", at: 0) {
            position = 3
            return true
        }
        if let b = try byte(at: 0), b == 0xFE || b == 0xFF {
            throw malformed("UTF-16 is not supported; the part must be UTF-8", at: 0)
        }
        return false
    }

    // MARK: The current event

    /// The qualified name of the current element, as written (`x:row` stays `x:row`).
    var name: String {
        String(decoding: buffer[nameRange], as: UTF8.self)
    }

    /// Whether the current element's local name (after any prefix) is `localName`.
    func isNamed(_ localName: StaticString) -> Bool {
        equals(localNameStart..<nameRange.upperBound, localName)
    }

    /// The raw bytes of an attribute value (entities not decoded), matched by local name.
    /// Only for values that are plain ASCII tokens: cell references, numbers, type codes.
    func rawAttribute(_ localName: StaticString) -> ArraySlice<UInt8>? {
        for attribute in attributes where equals(attribute.localName, localName) {
            return buffer[attribute.value]
        }
        return nil
    }

    /// An attribute value with entities decoded, matched by local name, or nil if absent.
    func attribute(_ localName: StaticString) throws(XLSXError) -> String? {
        for attribute in attributes where equals(attribute.localName, localName) {
            var decoded: [UInt8] = []
            try decode(attribute.value, into: &decoded, isAttribute: true)
            return try string(decoded, at: attribute.value.lowerBound)
        }
        return nil
    }

    /// Appends the current text, entities decoded, to `bytes`.
    func appendText(to bytes: inout [UInt8]) throws(XLSXError) {
        if textIsCDATA {
            bytes.append(contentsOf: buffer[textRange])
        } else {
            try decode(textRange, into: &bytes, isAttribute: false)
        }
    }

    /// Turns decoded bytes into a string, refusing invalid UTF-8 rather than replacing it.
    func string(_ bytes: [UInt8], at offset: Int? = nil) throws(XLSXError) -> String {
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw malformed("text that is not valid UTF-8", at: offset ?? position)
        }
        return string
    }

    func malformed(_ reason: String, at index: Int) -> XLSXError {
        .malformedXML(part: part, offset: droppedCount + index, reason: reason)
    }

    // MARK: Entities

    /// Appends `buffer[range]` with entity and character references replaced and line
    /// ends normalised as XML requires (CR LF and lone CR become LF; in attribute values
    /// tab, CR and LF become spaces).
    private func decode(_ range: Range<Int>, into output: inout [UInt8], isAttribute: Bool) throws(XLSXError) {
        let special: (UInt8) -> Bool = isAttribute
            ? { $0 == UInt8(ascii: "&") || $0 == 0x0D || $0 == 0x0A || $0 == 0x09 }
            : { $0 == UInt8(ascii: "&") || $0 == 0x0D }
        var i = range.lowerBound
        while i < range.upperBound {
            guard let next = buffer[i..<range.upperBound].firstIndex(where: special) else {
                output.append(contentsOf: buffer[i..<range.upperBound])
                return
            }
            output.append(contentsOf: buffer[i..<next])
            let b = buffer[next]
            i = next + 1
            switch b {
            case UInt8(ascii: "&"):
                guard let semicolon = buffer[i..<min(range.upperBound, i + 12)].firstIndex(of: UInt8(ascii: ";")) else {
                    throw malformed("an & that starts no entity", at: next)
                }
                try appendEntity(buffer[i..<semicolon], to: &output, at: next)
                i = semicolon + 1
            case 0x0D:
                output.append(isAttribute ? 0x20 : 0x0A)
                if i < range.upperBound, buffer[i] == 0x0A { i += 1 }
            default:
                output.append(0x20)
            }
        }
    }

    private func appendEntity(_ name: ArraySlice<UInt8>, to output: inout [UInt8], at offset: Int) throws(XLSXError) {
        switch String(decoding: name, as: UTF8.self) {
        case "amp": output.append(UInt8(ascii: "&"))
        case "lt": output.append(UInt8(ascii: "<"))
        case "gt": output.append(UInt8(ascii: ">"))
        case "quot": output.append(UInt8(ascii: "\""))
        case "apos": output.append(UInt8(ascii: "'"))
        case let reference where reference.hasPrefix("#"):
            let digits = reference.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else {
                throw malformed("an invalid character reference &\(reference);", at: offset)
            }
            output.append(contentsOf: String(Character(scalar)).utf8)
        case let other:
            throw malformed("an unknown entity &\(other);", at: offset)
        }
    }

    // MARK: Buffer

    /// The byte at `index`, loading more input if needed; nil at the end of the part.
    @inline(__always)
    private mutating func byte(at index: Int) throws(XLSXError) -> UInt8? {
        while index >= buffer.count {
            guard try loadMore() else { return nil }
        }
        return buffer[index]
    }

    private mutating func loadMore() throws(XLSXError) -> Bool {
        while !sourceIsExhausted {
            guard let chunk = try source.nextChunk() else {
                sourceIsExhausted = true
                return false
            }
            if !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
                return true
            }
        }
        return false
    }

    /// Drops the consumed bytes at the front. Only between tokens, so no range of the
    /// current event points into what is dropped.
    private mutating func compact() {
        buffer.removeSubrange(0..<position)
        droppedCount += position
        position = 0
    }

    private mutating func matches(_ literal: StaticString, at index: Int) throws(XLSXError) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard try byte(at: index + count - 1) != nil else { return false }
        return equals(index..<(index + count), literal)
    }

    /// The index just after the first occurrence of `literal` at or after `start`.
    private mutating func index(after literal: StaticString, from start: Int) throws(XLSXError) -> Int {
        let count = literal.utf8CodeUnitCount
        var i = start
        while true {
            guard try byte(at: i + count - 1) != nil else {
                throw malformed("the part ends before \(literal)", at: start)
            }
            if equals(i..<(i + count), literal) { return i + count }
            i += 1
            guard i - start <= Self.maximumTokenBytes else { throw malformed("\(literal) not found", at: start) }
        }
    }

    private mutating func skipWhitespace(from start: Int) throws(XLSXError) -> Int {
        var i = start
        while let b = try byte(at: i), Self.isWhitespace(b) { i += 1 }
        return i
    }

    @inline(__always)
    private func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard range.count == count else { return false }
        let literalBytes = literal.utf8Start
        var j = range.lowerBound
        for k in 0..<count {
            if buffer[j] != literalBytes[k] { return false }
            j += 1
        }
        return true
    }

    private static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    private static func endsName(_ b: UInt8) -> Bool {
        isWhitespace(b) || b == UInt8(ascii: ">") || b == UInt8(ascii: "/")
    }

    // MARK: Open elements

    private var openName: String {
        String(decoding: openNames[(openNameStarts.last ?? 0)...], as: UTF8.self)
    }

    private func openNameMatches(_ range: Range<Int>) -> Bool {
        guard let start = openNameStarts.last else { return false }
        return openNames[start...].elementsEqual(buffer[range])
    }

    private mutating func pushOpenName(_ range: Range<Int>) {
        openNameStarts.append(openNames.count)
        openNames.append(contentsOf: buffer[range])
    }

    private mutating func popOpenName() {
        if let start = openNameStarts.popLast() {
            openNames.removeSubrange(start...)
        }
    }
}
