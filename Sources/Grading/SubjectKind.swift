/// How a subject is assessed under Circular 22/2021 (DOMAIN.md §3.1).
public enum SubjectKind: GradingLabel {
    /// Scored 0–10 with one decimal (Toán, Ngữ văn, …).
    case scored
    /// Rated Đạt / Chưa đạt by comment only: physical education, arts (music, fine arts),
    /// local education content, experiential and career-guidance activities.
    case commentOnly

    public var code: String {
        switch self {
        case .scored: "scored"
        case .commentOnly: "comment_only"
        }
    }

    public var labelVI: String {
        switch self {
        case .scored: "Đánh giá bằng nhận xét kết hợp điểm số"
        case .commentOnly: "Đánh giá bằng nhận xét"
        }
    }

    public var labelEN: String {
        switch self {
        case .scored: "Scored"
        case .commentOnly: "Comment only"
        }
    }
}

/// What the rules need to know about a subject: how it is assessed and how many periods
/// a year it is taught (which sets the number of regular assessments).
public struct SubjectSpec: Hashable, Sendable {
    public let kind: SubjectKind
    /// Periods (tiết) taught in the school year, e.g. 105 for Toán grade 10.
    public let periodsPerYear: Int
    /// Circular 58/2011 only: the subject is Toán or Ngữ văn, whose average gates the
    /// Giỏi/Khá/Trung bình ratings. Ignored by Circular 22/2021.
    public let isMathematicsOrLiterature: Bool

    /// Throws `invalidPeriodsPerYear` unless `periodsPerYear` is positive.
    public init(kind: SubjectKind, periodsPerYear: Int, isMathematicsOrLiterature: Bool = false) throws(GradingError) {
        guard periodsPerYear > 0 else { throw .invalidPeriodsPerYear(periodsPerYear) }
        self.kind = kind
        self.periodsPerYear = periodsPerYear
        self.isMathematicsOrLiterature = isMathematicsOrLiterature
    }

    /// A scored subject taught `periodsPerYear` periods a year.
    public static func scored(periodsPerYear: Int, isMathematicsOrLiterature: Bool = false) throws(GradingError) -> SubjectSpec {
        try SubjectSpec(kind: .scored, periodsPerYear: periodsPerYear, isMathematicsOrLiterature: isMathematicsOrLiterature)
    }

    /// A comment-only subject taught `periodsPerYear` periods a year.
    public static func commentOnly(periodsPerYear: Int) throws(GradingError) -> SubjectSpec {
        try SubjectSpec(kind: .commentOnly, periodsPerYear: periodsPerYear)
    }

    /// The number of regular assessments (ĐĐGtx) per semester under Circular 22/2021
    /// Art. 6: comment-only 2; scored up to 35 periods a year 2, more than 35 up to 70
    /// periods 3, more than 70 periods 4.
    public var regularAssessmentsPerSemester: Int {
        switch kind {
        case .commentOnly: return 2
        case .scored:
            if periodsPerYear <= 35 { return 2 }
            if periodsPerYear <= 70 { return 3 }
            return 4
        }
    }
}
