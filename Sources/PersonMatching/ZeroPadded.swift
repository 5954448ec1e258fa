extension String {
    /// `value`'s decimal digits, zero-padded to `width` (a negative value's sign before them),
    /// written as bytes. Dates and stored IDs are formatted for each of millions of decisions,
    /// and padding through `String(repeating:)` and interpolation took several allocations.
    init(zeroPadded value: Int, width: Int) {
        let magnitude = value.magnitude
        var digitCount = 1
        var rest = magnitude / 10
        while rest > 0 { digitCount += 1; rest /= 10 }
        let sign = value < 0 ? 1 : 0
        let length = sign + Swift.max(digitCount, width)
        self.init(unsafeUninitializedCapacity: length) { bytes in
            if sign == 1 { bytes[0] = UInt8(ascii: "-") }
            var rest = magnitude
            for position in stride(from: length - 1, through: sign, by: -1) {
                bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return length
        }
    }
}
