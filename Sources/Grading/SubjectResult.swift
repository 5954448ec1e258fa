/// A subject's result for a semester or the year.
public enum SubjectResult: Hashable, Sendable, CustomStringConvertible {
    /// A scored subject's average, rounded to one decimal.
    case score(Score)
    /// A comment-only subject's rating.
    case comment(CommentRating)
    /// The learner is exempt from the subject.
    case exempt

    public var score: Score? {
        if case .score(let score) = self { return score }
        return nil
    }

    public var comment: CommentRating? {
        if case .comment(let rating) = self { return rating }
        return nil
    }

    /// "8.5", "dat", "exempt": the API form.
    public var description: String {
        switch self {
        case .score(let score): score.description
        case .comment(let rating): rating.code
        case .exempt: "exempt"
        }
    }

    /// "8,5", "Đạt", "Miễn": as printed on the report card.
    public var textVI: String {
        switch self {
        case .score(let score): score.textVI
        case .comment(let rating): rating.labelVI
        case .exempt: "Miễn"
        }
    }
}
