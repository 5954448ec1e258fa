/// Parsing scores as teachers type them.
extension Score {
    /// Parses "8", "8.5", "8,5" (Vietnamese decimal comma), " 10 ", "08", "8.50".
    ///
    /// Surrounding whitespace (including no-break spaces from spreadsheets) is ignored.
    /// Zeros after the first decimal are accepted because spreadsheet exports pad them
    /// ("8.50" is still 8.5); any other second decimal is rejected rather than rounded,
    /// since silently changing a teacher's score is worse than asking again.
    /// Rejects "", "-1", "10.5", "8.25", "8.", ",5", "+8".
    public static func parse(_ text: some StringProtocol) throws(ScoreParseError) -> Score {
        let number = try ScoreText.parse(text)
        return Score(uncheckedTenths: number.tenths)
    }
}

/// The shared tokenizer behind `Score.parse` and `PrimaryTestScore.parse`.
enum ScoreText {
    struct Number {
        let tenths: Int
        let hadDecimalSeparator: Bool
    }

    /// Reads `digits [ ('.' | ',') digits ]` with the value capped at 10.
    static func parse(_ text: some StringProtocol) throws(ScoreParseError) -> Number {
        let trimmed = trim(text)
        guard !trimmed.isEmpty else { throw .empty }
        let original = String(trimmed)

        var integer = 0
        var integerDigits = 0
        var firstDecimal: Int? = nil
        var decimalDigits = 0
        var extraNonZeroDecimal = false
        var sawSeparator = false

        for (offset, scalar) in trimmed.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9":
                let digit = Int(scalar.value - 0x30)
                if sawSeparator {
                    if decimalDigits == 0 { firstDecimal = digit } else if digit != 0 { extraNonZeroDecimal = true }
                    decimalDigits += 1
                } else {
                    // Cap the accumulated value: anything past 999 is out of range anyway.
                    integer = min(integer * 10 + digit, 1_000)
                    integerDigits += 1
                }
            case ".", ",":
                guard !sawSeparator else { throw .malformed(text: original) }
                sawSeparator = true
            case "-", "\u{2212}", "\u{2013}":
                if offset == 0 { throw .negative(text: original) }
                throw .invalidCharacter(found: String(scalar))
            default:
                throw .invalidCharacter(found: String(scalar))
            }
        }

        guard integerDigits > 0, !sawSeparator || decimalDigits > 0 else { throw .malformed(text: original) }
        if extraNonZeroDecimal { throw .tooManyDecimals(text: original) }
        let tenths = integer * 10 + (firstDecimal ?? 0)
        guard tenths <= Score.maximumTenths else { throw .aboveMaximum(text: original) }
        return Number(tenths: tenths, hadDecimalSeparator: sawSeparator)
    }

    private static func trim(_ text: some StringProtocol) -> Substring {
        let s = Substring(text)
        guard let start = s.firstIndex(where: { !$0.isWhitespace }) else { return s[s.endIndex...] }
        let end = s.lastIndex(where: { !$0.isWhitespace })!
        return s[start...end]
    }
}
