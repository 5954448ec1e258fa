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
