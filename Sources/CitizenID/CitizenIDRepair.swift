/// One automatic correction `CitizenID.repair` applied, so an import can report
/// "fixed: restored 1 leading zero" next to the row (DOMAIN.md §1.5).
public enum CitizenIDFix: Sendable, Hashable {
    /// Surrounding spaces, tabs, NBSP or a BOM were removed.
    case trimmedWhitespace
    /// An Excel text-forcing formula `="037153000257"` was unwrapped.
    case removedFormulaWrapper
    /// Surrounding double quotes were removed.
    case removedQuotes
    /// Excel's leading text-marker apostrophe (`'037153000257`) was removed.
    case removedApostrophe
    /// Full-width digits (`０３７…`, from East Asian input methods) became ASCII.
    case convertedFullWidthDigits
    /// A full-precision scientific number (`7.9153000257E+10`) was written out.
    case expandedScientificNotation
    /// A trailing decimal part of zeros (`79153000257.0`) was removed.
    case removedDecimalSuffix
    /// Inner spaces, dots, dashes or thousands separators were removed.
    case removedSeparators
    /// Leading zeros that a spreadsheet dropped were put back (every prefix starts with 0).
    case restoredLeadingZeros(count: Int)

    /// Stable machine-readable code.
    public var code: String {
        switch self {
        case .trimmedWhitespace: "citizenId.fix.trimmedWhitespace"
        case .removedFormulaWrapper: "citizenId.fix.removedFormulaWrapper"
        case .removedQuotes: "citizenId.fix.removedQuotes"
        case .removedApostrophe: "citizenId.fix.removedApostrophe"
        case .convertedFullWidthDigits: "citizenId.fix.convertedFullWidthDigits"
        case .expandedScientificNotation: "citizenId.fix.expandedScientificNotation"
        case .removedDecimalSuffix: "citizenId.fix.removedDecimalSuffix"
        case .removedSeparators: "citizenId.fix.removedSeparators"
        case .restoredLeadingZeros: "citizenId.fix.restoredLeadingZeros"
        }
    }

    public var messageEN: String {
        switch self {
        case .trimmedWhitespace: return "trimmed surrounding whitespace"
        case .removedFormulaWrapper: return "removed the =\"…\" formula wrapper"
        case .removedQuotes: return "removed surrounding quotes"
        case .removedApostrophe: return "removed the leading apostrophe"
        case .convertedFullWidthDigits: return "converted full-width digits"
        case .expandedScientificNotation: return "expanded scientific notation"
        case .removedDecimalSuffix: return "removed the trailing \".0\""
        case .removedSeparators: return "removed spaces, dots or dashes"
        case .restoredLeadingZeros(let n):
            return "restored \(n) leading zero\(n == 1 ? "" : "s")"
        }
    }

    public var messageVI: String {
        switch self {
        case .trimmedWhitespace: return "đã bỏ khoảng trắng thừa ở hai đầu"
        case .removedFormulaWrapper: return "đã bỏ công thức =\"…\""
        case .removedQuotes: return "đã bỏ dấu ngoặc kép"
        case .removedApostrophe: return "đã bỏ dấu nháy đơn ở đầu"
        case .convertedFullWidthDigits: return "đã chuyển chữ số toàn độ rộng"
        case .expandedScientificNotation: return "đã khai triển số dạng khoa học"
        case .removedDecimalSuffix: return "đã bỏ phần \".0\" ở cuối"
        case .removedSeparators: return "đã bỏ dấu cách, dấu chấm hoặc gạch ngang"
        case .restoredLeadingZeros(let n): return "đã khôi phục \(n) số 0 ở đầu"
        }
    }
}

/// The outcome of `CitizenID.repair`: the ID (or why none could be had) and every fix
/// applied, in order.
public struct CitizenIDRepair: Sendable, Hashable {
    /// The raw cell text.
    public let input: String
    public let result: Result<CitizenID, CitizenIDError>
    /// Fixes applied, in the order applied; empty when the input was already clean.
    public let fixes: [CitizenIDFix]

    public init(input: String, result: Result<CitizenID, CitizenIDError>, fixes: [CitizenIDFix]) {
        self.input = input
        self.result = result
        self.fixes = fixes
    }

    public var citizenID: CitizenID? {
        if case .success(let id) = result { return id }
        return nil
    }

    public var error: CitizenIDError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    /// True when an ID came out and at least one fix was needed.
    public var wasRepaired: Bool { citizenID != nil && !fixes.isEmpty }

    /// "fixed: restored 1 leading zero, removed the leading apostrophe", or "" when no fix.
    public var summaryEN: String {
        fixes.isEmpty ? "" : "fixed: " + fixes.map(\.messageEN).joined(separator: ", ")
    }

    public var summaryVI: String {
        fixes.isEmpty ? "" : "đã sửa: " + fixes.map(\.messageVI).joined(separator: ", ")
    }
}

extension CitizenID {
    /// Undo what spreadsheets do to a 12-digit ID (DOMAIN.md §1.5): surrounding
    /// whitespace, `="…"`, quotes, a leading apostrophe, full-width digits,
    /// full-precision scientific notation, a trailing `.0`, inner separators, and
    /// 10–11 digits (left-padded with 0, since every province prefix starts with 0).
    ///
    /// Scientific notation whose mantissa lost digits (`7.92051E+10`) cannot be
    /// recovered and is reported as `.scientificNotationLostDigits`; a 9-digit old
    /// CMND stays `.wrongLength(9)`. Never guesses beyond these rules.
    public static func repair(_ raw: String) -> CitizenIDRepair {
        var fixes: [CitizenIDFix] = []
        func fail(_ error: CitizenIDError) -> CitizenIDRepair {
            CitizenIDRepair(input: raw, result: .failure(error), fixes: fixes)
        }
        func noteTrim(_ text: inout String) {
            let trimmed = RepairText.trimmed(text)
            if trimmed != text {
                text = trimmed
                if !fixes.contains(.trimmedWhitespace) { fixes.append(.trimmedWhitespace) }
            }
        }

        var text = raw
        noteTrim(&text)

        if text.hasPrefix("=\""), text.hasSuffix("\""), text.count >= 3 {
            text = String(text.dropFirst(2).dropLast())
            fixes.append(.removedFormulaWrapper)
            noteTrim(&text)
        }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            text = String(text.dropFirst().dropLast())
            fixes.append(.removedQuotes)
            noteTrim(&text)
        }
        if let first = text.first, RepairText.apostrophes.contains(first) {
            text.removeFirst()
            fixes.append(.removedApostrophe)
            noteTrim(&text)
        }
        if let ascii = RepairText.fullWidthToASCII(text) {
            text = ascii
            fixes.append(.convertedFullWidthDigits)
        }
        if text.isEmpty { return fail(.empty) }

        switch RepairText.expandScientific(text) {
        case .notScientific:
            break
        case .lostDigits:
            return fail(.scientificNotationLostDigits(text: text))
        case .invalid:
            return fail(.scientificNotationInvalid(text: text))
        case .expanded(let digits):
            text = digits
            fixes.append(.expandedScientificNotation)
        }

        if let stripped = RepairText.strippingZeroDecimal(text) {
            text = stripped
            fixes.append(.removedDecimalSuffix)
        }

        let (digits, removed, offending) = RepairText.digitsRemovingSeparators(text)
        if removed { fixes.append(.removedSeparators) }
        if let offending { return fail(.notDigits(found: offending)) }
        if digits.isEmpty { return fail(.empty) }

        var padded = digits
        switch digits.utf8.count {
        case 12:
            break
        case 10, 11:
            let missing = 12 - digits.utf8.count
            padded = String(repeating: "0", count: missing) + digits
            fixes.append(.restoredLeadingZeros(count: missing))
        default:
            return fail(.wrongLength(count: digits.utf8.count))
        }
        do {
            let id = try CitizenID.parse(padded)
            return CitizenIDRepair(input: raw, result: .success(id), fixes: fixes)
        } catch {
            return fail(error)
        }
    }
}

/// Text helpers for `repair`, kept free of Foundation so the kernel stays portable.
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
