/// Why a text is not a 12-digit personal ID (DOMAIN.md §1.5, first two rows).
///
/// Each case carries a stable `code` for APIs and import reports plus English and
/// Vietnamese messages for people fixing the spreadsheet.
public enum CitizenIDError: Error, Equatable, Hashable, Sendable {
    /// Nothing left after trimming.
    case empty
    /// A character other than a digit or an allowed separator; `found` is the first
    /// offending character.
    case notDigits(found: String)
    /// Digits only, but not 12 of them. 9 is an old CMND number, 10–11 usually means
    /// Excel dropped leading zeros (use `CitizenID.repair`).
    case wrongLength(count: Int)
    /// Scientific notation such as `7.92051E+10`: the mantissa no longer holds every
    /// digit, so the number cannot be recovered (DOMAIN.md §1.5).
    case scientificNotationLostDigits(text: String)
    /// Scientific notation that does not denote a whole number of 10–12 digits.
    case scientificNotationInvalid(text: String)

    /// Stable machine-readable code.
    public var code: String {
        switch self {
        case .empty: "citizenId.empty"
        case .notDigits: "citizenId.notDigits"
        case .wrongLength: "citizenId.wrongLength"
        case .scientificNotationLostDigits: "citizenId.scientificNotationLostDigits"
        case .scientificNotationInvalid: "citizenId.scientificNotationInvalid"
        }
    }

    public var messageEN: String {
        switch self {
        case .empty:
            return "The personal ID is empty."
        case .notDigits(let found):
            return "The personal ID must contain only digits; found \"\(found)\"."
        case .wrongLength(let count):
            switch count {
            case 9:
                return "The personal ID has 9 digits: this looks like an old CMND number; a 12-digit ID is required."
            case 10, 11:
                return "The personal ID has \(count) digits instead of 12: leading zeros were probably dropped by a spreadsheet."
            default:
                return "The personal ID must have 12 digits; found \(count)."
            }
        case .scientificNotationLostDigits(let text):
            return "\"\(text)\" is a number in scientific notation that lost digits; re-enter the personal ID as text."
        case .scientificNotationInvalid(let text):
            return "\"\(text)\" is a number in scientific notation that is not a 12-digit personal ID."
        }
    }

    public var messageVI: String {
        switch self {
        case .empty:
            return "Số định danh cá nhân bị trống."
        case .notDigits(let found):
            return "Số định danh cá nhân chỉ được chứa chữ số; phát hiện \"\(found)\"."
        case .wrongLength(let count):
            switch count {
            case 9:
                return "Số định danh có 9 chữ số: có vẻ là số CMND cũ; cần số định danh 12 chữ số."
            case 10, 11:
                return "Số định danh có \(count) chữ số thay vì 12: có thể bảng tính đã làm mất các số 0 ở đầu."
            default:
                return "Số định danh cá nhân phải có 12 chữ số; hiện có \(count)."
            }
        case .scientificNotationLostDigits(let text):
            return "\"\(text)\" là số dạng khoa học đã mất chữ số; hãy nhập lại số định danh dưới dạng văn bản."
        case .scientificNotationInvalid(let text):
            return "\"\(text)\" là số dạng khoa học, không phải số định danh 12 chữ số."
        }
    }
}
