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
        // Nothing to undo: twelve ASCII digits.
        if raw.utf8.count == 12, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return CitizenIDRepair(input: raw, result: .success(CitizenID(validatedDigits: raw)), fixes: [])
        }
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
