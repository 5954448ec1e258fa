/// How a learner takes part in a subject in a school year.
public enum SubjectParticipation: GradingLabel {
    /// Assessed normally; counts towards levels and awards.
    case standard
    /// Exempt (miễn học): the subject has no entries and is left out of every result.
    case exempt
    /// A learner with disabilities following an individual education plan (Circular
    /// 22/2021 Art. 11): assessed and reported as usual, but judged against the plan, so
    /// the subject is left out of the level rules and of award counts.
    case individualised

    public var code: String {
        switch self {
        case .standard: "standard"
        case .exempt: "exempt"
        case .individualised: "individualised"
        }
    }

    public var labelVI: String {
        switch self {
        case .standard: "Học và đánh giá bình thường"
        case .exempt: "Miễn học"
        case .individualised: "Đánh giá theo kế hoạch giáo dục cá nhân"
        }
    }

    public var labelEN: String {
        switch self {
        case .standard: "Standard"
        case .exempt: "Exempt"
        case .individualised: "Individual education plan"
        }
    }
}
