/// A value that writes its own JSON text, byte for byte what `JSON.encoder` writes for it.
///
/// For the few documents written once per record of a national run (an identity run's outcome and
/// checked record, an imported learner or staff member): `DirectJSON` still goes through `Encodable`'s
/// containers, about 9 µs for an outcome, a fifth of the run's time on the cores. `JSON.string` takes
/// this way for such a value even where its caller knows it only as `Encodable`. A type written here
/// lists its members itself, in key order by UTF-8 bytes and without the optionals that are nil, as
/// Foundation's synthesised `Encodable` and `.sortedKeys` do; its tests compare the two texts on
/// generated values.
public protocol JSONTextWritable: Encodable {
    func write(to json: inout JSONTextBuilder)
}

/// Builds JSON text with `JSON.encoder`'s rules for strings and numbers. Commas are put in as
/// values come: a value or a key follows a comma unless it opens its container or follows its key.
public struct JSONTextBuilder {
    public private(set) var bytes: [UInt8] = []
    /// Set when a value Foundation's encoder refuses was written (a number that is not finite):
    /// `JSON.string` then leaves the value to Foundation, which gives its own error.
    public private(set) var refused = false

    public init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func object(_ members: (inout JSONTextBuilder) -> Void) {
        open(UInt8(ascii: "{"))
        members(&self)
        close(UInt8(ascii: "}"))
    }

    // The generic members are inlinable so that they are specialised where they are used: unspecialised,
    // each call looked up its types' metadata at run time, half of writing an identity outcome.
    @inlinable
    public mutating func array<Elements: Sequence>(_ elements: Elements, _ element: (inout JSONTextBuilder, Elements.Element) -> Void) {
        open(UInt8(ascii: "["))
        for value in elements { element(&self, value) }
        close(UInt8(ascii: "]"))
    }

    @usableFromInline
    mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
    }

    @usableFromInline
    mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
    }

    /// A member's name: ASCII that needs no escape, as every member name of the platform's types is.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    public mutating func string(_ value: String) {
        separate()
        DirectJSON.appendString(value, to: &bytes)
    }

    public mutating func number(_ value: Double) {
        separate()
        guard value.isFinite else {
            refused = true
            bytes.append(UInt8(ascii: "0"))
            return
        }
        DirectJSON.appendFiniteNumber(value, to: &bytes)
    }

    public mutating func integer(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A member, left out when the value is nil (as `encodeIfPresent` does).
    public mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    public mutating func member(_ name: StaticString, _ value: Double?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    public mutating func member(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    @inlinable
    public mutating func member<T: JSONTextWritable>(_ name: StaticString, _ value: T?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    @inlinable
    public mutating func member<T: JSONTextWritable>(_ name: StaticString, _ values: [T]) {
        key(name)
        array(values) { json, element in element.write(to: &json) }
    }

    private mutating func separate() {
        guard let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "["), last != UInt8(ascii: ":") else { return }
        bytes.append(UInt8(ascii: ","))
    }
}
