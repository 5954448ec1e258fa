/// Text helpers for `CitizenID.repair`: the shapes spreadsheets give a number-like
/// cell. Kept free of Foundation so the kernel stays portable.
enum RepairText {
    static let apostrophes: Set<Character> = ["'", "\u{2018}", "\u{2019}", "`"]

    /// Dashes a keyboard or word processor may put between digit groups.
    static let dashes: Set<Unicode.Scalar> = [
        "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}", "_",
    ]

    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{FEFF}" || scalar == "\u{200B}"
    }

    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isBlank($0) }),
              let end = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(scalars[start...end])
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// Converts full-width digits and punctuation (U+FF01–U+FF5E) to ASCII; nil when
    /// there were no full-width digits.
    static func fullWidthToASCII(_ text: String) -> String? {
        guard text.unicodeScalars.contains(where: { $0.value >= 0xFF10 && $0.value <= 0xFF19 })
        else { return nil }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.value >= 0xFF01, s.value <= 0xFF5E, let ascii = Unicode.Scalar(s.value - 0xFEE0) {
                out.append(ascii)
            } else if s.value == 0x3000 {
                out.append(" ")
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    enum Scientific: Equatable {
        case notScientific, lostDigits, invalid, expanded(String)
    }

    /// `d[.,]ddd…E[+]nn`. The value is recoverable only when the mantissa still holds
    /// every digit (fraction length ≥ exponent), since Excel rounds the mantissa.
    static func expandScientific(_ text: String) -> Scientific {
        let s = Array(text.unicodeScalars)
        var i = 0
        var intPart = "", fracPart = "", expPart = ""
        while i < s.count, isDigit(s[i]) { intPart.unicodeScalars.append(s[i]); i += 1 }
        guard !intPart.isEmpty else { return .notScientific }
        if i < s.count, s[i] == "." || s[i] == "," {
            i += 1
            while i < s.count, isDigit(s[i]) { fracPart.unicodeScalars.append(s[i]); i += 1 }
            guard !fracPart.isEmpty else { return .notScientific }
        }
        guard i < s.count, s[i] == "E" || s[i] == "e" else { return .notScientific }
        i += 1
        var negative = false
        if i < s.count, s[i] == "+" || s[i] == "-" { negative = s[i] == "-"; i += 1 }
        while i < s.count, isDigit(s[i]) { expPart.unicodeScalars.append(s[i]); i += 1 }
        guard i == s.count, !expPart.isEmpty else { return .notScientific }
        guard !negative, expPart.utf8.count <= 3, let exponent = Int(expPart) else { return .invalid }

        let fraction = Array(fracPart.utf8)
        if fraction.count < exponent { return .lostDigits }
        // Digits beyond the exponent would be a fractional part: only zeros are allowed.
        if fraction.dropFirst(exponent).contains(where: { $0 != 0x30 }) { return .invalid }
        let whole = intPart + String(decoding: fraction.prefix(exponent), as: UTF8.self)
        let significant = whole.drop(while: { $0 == "0" })
        guard (10...12).contains(significant.utf8.count) else { return .invalid }
        return .expanded(String(significant))
    }

    /// `79153000257.0` → `79153000257` when the integer part has 10–12 digits (so an ID
    /// grouped with dots, `037.153.000.257`, is never mistaken for a decimal).
    static func strippingZeroDecimal(_ text: String) -> String? {
        let u = Array(text.utf8)
        guard let sep = u.lastIndex(where: { $0 == 0x2E || $0 == 0x2C }) else { return nil }
        let head = u[..<sep], tail = u[(sep + 1)...]
        guard !tail.isEmpty, tail.allSatisfy({ $0 == 0x30 }),
              (10...12).contains(head.count), head.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        return String(decoding: head, as: UTF8.self)
    }

    /// Removes whitespace, dots, dashes and (in a `79,153,000,257` grouping) commas.
    /// Returns the digits, whether anything was removed, and the first other character.
    static func digitsRemovingSeparators(_ text: String) -> (String, Bool, String?) {
        let commasAreGrouping = isThousandsGrouped(text)
        var digits = ""
        var removed = false
        for s in text.unicodeScalars {
            if isDigit(s) {
                digits.unicodeScalars.append(s)
            } else if isBlank(s) || s == "." || dashes.contains(s) || (s == "," && commasAreGrouping) {
                removed = true
            } else {
                return (digits, removed, String(s))
            }
        }
        return (digits, removed, nil)
    }

    /// `d{1,3}(,ddd)+`, as Excel shows a number with thousands separators.
    static func isThousandsGrouped(_ text: String) -> Bool {
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first,
              (1...3).contains(first.count), first.unicodeScalars.allSatisfy(isDigit)
        else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 && $0.unicodeScalars.allSatisfy(isDigit) }
    }
}
