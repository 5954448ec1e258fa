/// A computation a rule set may or may not support, named in `GradingError.unsupportedRuleSet`.
public enum GradingOperation: GradingLabel {
    /// Validating secondary assessments and computing subject averages.
    case secondaryAssessments
    /// Learning levels, promotion and awards under Circular 22/2021.
    case secondaryYearResult
    /// The Circular 27/2020 primary year result.
    case primaryYearResult

    public var code: String {
        switch self {
        case .secondaryAssessments: "secondary_assessments"
        case .secondaryYearResult: "secondary_year_result"
        case .primaryYearResult: "primary_year_result"
        }
    }

    public var labelVI: String {
        switch self {
        case .secondaryAssessments: "kiểm tra, đánh giá và điểm trung bình môn (THCS, THPT)"
        case .secondaryYearResult: "kết quả học tập, lên lớp và khen thưởng (THCS, THPT)"
        case .primaryYearResult: "đánh giá kết quả giáo dục cuối năm (tiểu học)"
        }
    }

    public var labelEN: String {
        switch self {
        case .secondaryAssessments: "secondary assessments and subject averages"
        case .secondaryYearResult: "secondary learning levels, promotion and awards"
        case .primaryYearResult: "primary year result"
        }
    }
}
