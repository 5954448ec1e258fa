/// Why a text typed by a teacher is not a valid score.
///
/// Each case carries a stable `code` for APIs and import reports, plus English and
/// Vietnamese messages for the person fixing the gradebook.
public enum ScoreParseError: Error, Hashable, Sendable {
    /// Nothing left after trimming whitespace.
    case empty
    /// A minus sign: scores are never negative.
    case negative(text: String)
    /// A character that is neither a digit nor one decimal separator (`.` or `,`).
    case invalidCharacter(found: String)
    /// Digits and separators in an impossible arrangement: `8.`, `,5`, `8.5.1`.
    case malformed(text: String)
    /// A non-zero digit after the first decimal (`8.25`): scores carry one decimal only.
    case tooManyDecimals(text: String)
    /// Greater than 10.
    case aboveMaximum(text: String)
    /// A decimal where only whole numbers are allowed (Circular 27/2020 primary tests).
    case notWholeNumber(text: String)

    /// Stable machine-readable code.
    public var code: String {
        switch self {
        case .empty: "score.empty"
        case .negative: "score.negative"
        case .invalidCharacter: "score.invalidCharacter"
        case .malformed: "score.malformed"
        case .tooManyDecimals: "score.tooManyDecimals"
        case .aboveMaximum: "score.aboveMaximum"
        case .notWholeNumber: "score.notWholeNumber"
        }
    }

    /// English message for the person fixing the input.
    public var messageEN: String {
        switch self {
        case .empty:
            return "The score is empty."
        case .negative(let text):
            return "\"\(text)\" is negative; scores range from 0 to 10."
        case .invalidCharacter(let found):
            return "A score may contain only digits and one decimal point or comma; found \"\(found)\"."
        case .malformed(let text):
            return "\"\(text)\" is not a number such as 8, 8.5 or 8,5."
        case .tooManyDecimals(let text):
            return "\"\(text)\" has more than one decimal; scores are given to one decimal (e.g. 8.3)."
        case .aboveMaximum(let text):
            return "\"\(text)\" is above 10; scores range from 0 to 10."
        case .notWholeNumber(let text):
            return "\"\(text)\" is not a whole number; primary test scores are whole numbers from 0 to 10."
        }
    }

    /// Vietnamese message for the person fixing the input.
    public var messageVI: String {
        switch self {
        case .empty:
            return "Điểm bị trống."
        case .negative(let text):
            return "\"\(text)\" là số âm; điểm phải từ 0 đến 10."
        case .invalidCharacter(let found):
            return "Điểm chỉ gồm chữ số và một dấu thập phân (dấu chấm hoặc dấu phẩy); phát hiện \"\(found)\"."
        case .malformed(let text):
            return "\"\(text)\" không phải là số hợp lệ (ví dụ: 8; 8,5 hoặc 8.5)."
        case .tooManyDecimals(let text):
            return "\"\(text)\" có hơn một chữ số thập phân; điểm chỉ lấy đến chữ số thập phân thứ nhất."
        case .aboveMaximum(let text):
            return "\"\(text)\" lớn hơn 10; điểm phải từ 0 đến 10."
        case .notWholeNumber(let text):
            return "\"\(text)\" không phải số nguyên; điểm bài kiểm tra ở tiểu học là số nguyên từ 0 đến 10."
        }
    }
}
