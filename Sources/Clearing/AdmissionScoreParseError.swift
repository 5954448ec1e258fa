/// Why a field is not an admission score (an exact decimal with at most four places).
public enum AdmissionScoreParseError: Error, Hashable, Sendable {
    /// The field is empty.
    case empty
    /// A minus sign: scores are never negative.
    case negative(text: String)
    /// A character other than digits and one decimal point (this includes spaces, a decimal
    /// comma, a plus sign and exponents).
    case invalidCharacter(text: String)
    /// A point with no digit before or after it: ".5", "25.".
    case malformed(text: String)
    /// More than four digits after the point.
    case tooManyDecimalPlaces(text: String)
    /// Above 429,496.7295, the largest score the fixed-point form holds.
    case tooLarge(text: String)

    /// Stable machine-readable code.
    public var code: String {
        switch self {
        case .empty: "admissionScore.empty"
        case .negative: "admissionScore.negative"
        case .invalidCharacter: "admissionScore.invalidCharacter"
        case .malformed: "admissionScore.malformed"
        case .tooManyDecimalPlaces: "admissionScore.tooManyDecimalPlaces"
        case .tooLarge: "admissionScore.tooLarge"
        }
    }

    /// English message for the person fixing the file, quoting the text.
    public var messageEN: String {
        switch self {
        case .empty: "the score is empty"
        case .negative(let text), .invalidCharacter(let text), .malformed(let text), .tooManyDecimalPlaces(let text),
             .tooLarge(let text): "\"\(text)\" \(reasonEN)"
        }
    }

    /// What is wrong, without quoting the text (for reports that show the value beside it).
    public var reasonEN: String {
        switch self {
        case .empty: "is empty"
        case .negative: "is negative; scores are never below 0"
        case .invalidCharacter: "is not a decimal such as 25.35 (digits and one decimal point only, no spaces or commas)"
        case .malformed: "needs digits on both sides of the decimal point, such as 0.5 or 25.0"
        case .tooManyDecimalPlaces: "has more than 4 decimal places; scores are exact to 4 places at most"
        case .tooLarge: "is above 429496.7295, the largest score clearing holds"
        }
    }
}
