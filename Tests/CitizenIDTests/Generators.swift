@testable import CitizenID
import SplitMix

/// Random ID material. `knownProvince` restricts the prefix to the 63 codes (all
/// start with 0, as real IDs do); otherwise any 3 digits, including country-like codes.
struct GeneratedID {
    let digits: String
    let province: String
    let centuryDigit: Int
    let yy: Int
    let serial: String

    var sex: Sex { centuryDigit % 2 == 0 ? .male : .female }
    var year: Int { 1900 + 100 * (centuryDigit / 2) + yy }

    static func random(
        using rng: inout SplitMix64, knownProvince: Bool = true, plausibleCentury: Bool = true
    ) -> GeneratedID {
        let province: String
        if knownProvince {
            province = ProvinceCodes.provinces.randomElement(using: &rng)!.code
        } else {
            province = pad(Int.random(in: 0...999, using: &rng), 3)
        }
        let g = plausibleCentury ? Int.random(in: 0...3, using: &rng) : Int.random(in: 0...9, using: &rng)
        let yy = Int.random(in: 0...99, using: &rng)
        let serial = pad(Int.random(in: 0...999_999, using: &rng), 6)
        return GeneratedID(
            digits: province + String(g) + pad(yy, 2) + serial,
            province: province, centuryDigit: g, yy: yy, serial: serial)
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

enum Render {
    /// The ID as Excel stores it once the column became a number: leading zeros gone.
    static func asNumber(_ digits: String) -> String {
        let s = String(digits.drop(while: { $0 == "0" }))
        return s.isEmpty ? "0" : s
    }

    /// Full-precision scientific notation, every digit kept (like `%.10E`).
    static func scientificFull(_ digits: String, comma: Bool = false) -> String {
        let n = Array(asNumber(digits))
        let mantissa = String(n[0]) + (comma ? "," : ".") + String(n.dropFirst())
        return mantissa + "E+" + GeneratedID.pad(n.count - 1, 2)
    }

    /// Excel's default display: 6 significant digits, rounded half-up, trailing zeros
    /// of the mantissa trimmed (`7.92051E+10`).
    static func scientificRounded(_ digits: String, significant: Int = 6) -> String {
        let n = Array(asNumber(digits)).map { Int(String($0))! }
        var kept = Array(n.prefix(significant))
        var exponent = n.count - 1
        if n.count > significant, n[significant] >= 5 {
            var i = kept.count - 1
            while i >= 0 {
                kept[i] += 1
                if kept[i] < 10 { break }
                kept[i] = 0
                i -= 1
            }
            if i < 0 { kept.insert(1, at: 0); kept.removeLast(); exponent += 1 }
        }
        while kept.count > 1, kept.last == 0 { kept.removeLast() }
        let frac = kept.dropFirst().map(String.init).joined()
        return String(kept[0]) + (frac.isEmpty ? "" : "." + frac) + "E+" + GeneratedID.pad(exponent, 2)
    }
}
