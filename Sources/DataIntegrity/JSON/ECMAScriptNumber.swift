/// Formats a double exactly as ECMAScript's `Number.prototype.toString()` does, which is
/// the number format JCS (RFC 8785 §3.2.2.3) requires.
///
/// Swift already finds the shortest digit string that round-trips (and, among equally
/// short ones, the closest), which is the digit choice ECMA-262 §6.1.6.1.20 specifies;
/// only the layout differs (`1e-07` vs `1e-7`, `3.0` vs `3`, `-0.0` vs `0`). So this takes
/// Swift's digits and decimal exponent and lays them out by the ECMAScript rules.
public enum ECMAScriptNumber {
    /// The ECMAScript string for `value`, or `nil` for NaN and infinities (JSON has none).
    public static func format(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        // Both zeros print as "0": ECMAScript's ToString(-0) is "0".
        if value == 0 { return "0" }
        let (digits, n) = shortestDigits(of: value.magnitude)
        let k = digits.count
        var out = value < 0 ? "-" : ""
        // value = 0.d1d2…dk × 10^n, in the notation of ECMA-262 (s, k, n).
        if k <= n && n <= 21 {
            // Integer that fits in 21 digits: digits then zeros, no decimal point.
            out += String(decoding: digits, as: UTF8.self)
            out += String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            // Decimal point inside the digits.
            out += String(decoding: digits[0..<n], as: UTF8.self)
            out += "."
            out += String(decoding: digits[n...], as: UTF8.self)
        } else if -6 < n && n <= 0 {
            // Small magnitude down to 1e-6 written without an exponent.
            out += "0."
            out += String(repeating: "0", count: -n)
            out += String(decoding: digits, as: UTF8.self)
        } else {
            // Exponential: one digit, optional fraction, `e`, explicit sign, no padding.
            let exponent = n - 1
            out += String(decoding: digits[0..<1], as: UTF8.self)
            if k > 1 {
                out += "."
                out += String(decoding: digits[1...], as: UTF8.self)
            }
            out += exponent >= 0 ? "e+" : "e-"
            out += String(exponent.magnitude)
        }
        return out
    }

    /// The shortest round-trip decimal digits of a positive finite double (no leading or
    /// trailing zeros) and `n`, the position of the decimal point relative to them.
    ///
    /// Parsed from `Double.description`, whose forms are `123.45`, `1.0`, `0.001`,
    /// `1e-07` and `1.2345e+16`.
    static func shortestDigits(of value: Double) -> (digits: [UInt8], pointPosition: Int) {
        let text = Array(value.description.utf8)
        var mantissa = text[...]
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            mantissa = text[..<e]
            // Int() accepts the explicit "+" and leading zeros Swift prints ("e+16", "e-07").
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
        }
        var digits: [UInt8] = []
        var pointIndex: Int?
        for byte in mantissa {
            if byte == UInt8(ascii: ".") {
                pointIndex = digits.count
            } else {
                digits.append(byte)
            }
        }
        var pointPosition = (pointIndex ?? digits.count) + exponent
        // Leading zeros ("0.001") move the point; trailing zeros ("1.0", "100.0") do not.
        var leading = 0
        while leading < digits.count - 1, digits[leading] == UInt8(ascii: "0") { leading += 1 }
        digits.removeFirst(leading)
        pointPosition -= leading
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, pointPosition)
    }
}
