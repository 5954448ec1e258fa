/// Which kind of assessment an entry is (Circular 22/2021 Art. 6–7).
public enum AssessmentKind: GradingLabel {
    /// Regular assessment, ĐĐGtx, weight 1.
    case regular
    /// Mid-term periodic assessment, ĐĐGgk, weight 2.
    case midTerm
    /// End-of-term periodic assessment, ĐĐGck, weight 3.
    case endOfTerm

    /// Weight in the semester average.
    public var weight: Int {
        switch self {
        case .regular: 1
        case .midTerm: 2
        case .endOfTerm: 3
        }
    }

    public var code: String {
        switch self {
        case .regular: "regular"
        case .midTerm: "mid_term"
        case .endOfTerm: "end_of_term"
        }
    }

    public var labelVI: String {
        switch self {
        case .regular: "Đánh giá thường xuyên"
        case .midTerm: "Đánh giá giữa kì"
        case .endOfTerm: "Đánh giá cuối kì"
        }
    }

    public var labelEN: String {
        switch self {
        case .regular: "Regular assessment"
        case .midTerm: "Mid-term assessment"
        case .endOfTerm: "End-of-term assessment"
        }
    }
}

/// The rating of a comment-only assessment or subject: Đạt / Chưa đạt.
public enum CommentRating: GradingLabel {
    case dat
    case chuaDat

    public var code: String {
        switch self {
        case .dat: "dat"
        case .chuaDat: "chua_dat"
        }
    }

    public var labelVI: String {
        switch self {
        case .dat: "Đạt"
        case .chuaDat: "Chưa đạt"
        }
    }

    public var labelEN: String {
        switch self {
        case .dat: "Pass"
        case .chuaDat: "Not yet passed"
        }
    }
}

/// What one assessment gave: a score for a scored subject, a rating for a comment-only one.
public enum AssessmentValue: Hashable, Sendable {
    case score(Score)
    case comment(CommentRating)
}

/// One raw assessment as recorded in the gradebook.
public struct AssessmentEntry: Hashable, Sendable {
    public let kind: AssessmentKind
    public let value: AssessmentValue

    public init(kind: AssessmentKind, value: AssessmentValue) {
        self.kind = kind
        self.value = value
    }

    /// A regular, mid-term or end-of-term score or rating.
    public static func regular(_ score: Score) -> AssessmentEntry { .init(kind: .regular, value: .score(score)) }
    public static func midTerm(_ score: Score) -> AssessmentEntry { .init(kind: .midTerm, value: .score(score)) }
    public static func endOfTerm(_ score: Score) -> AssessmentEntry { .init(kind: .endOfTerm, value: .score(score)) }
    public static func regular(_ rating: CommentRating) -> AssessmentEntry { .init(kind: .regular, value: .comment(rating)) }
    public static func midTerm(_ rating: CommentRating) -> AssessmentEntry { .init(kind: .midTerm, value: .comment(rating)) }
    public static func endOfTerm(_ rating: CommentRating) -> AssessmentEntry { .init(kind: .endOfTerm, value: .comment(rating)) }
}

/// How many assessments of a kind a semester needs.
public enum AssessmentCount: Hashable, Sendable, CustomStringConvertible {
    /// Exactly this many (Circular 22/2021).
    case exactly(Int)
    /// At least this many (Circular 58/2011 minimums).
    case atLeast(Int)

    /// True when `count` assessments satisfy the requirement.
    public func accepts(_ count: Int) -> Bool {
        switch self {
        case .exactly(let n): count == n
        case .atLeast(let n): count >= n
        }
    }

    public var description: String {
        switch self {
        case .exactly(let n): "exactly \(n)"
        case .atLeast(let n): "at least \(n)"
        }
    }

    /// Vietnamese wording: "đúng 4", "ít nhất 3".
    public var descriptionVI: String {
        switch self {
        case .exactly(let n): "đúng \(n)"
        case .atLeast(let n): "ít nhất \(n)"
        }
    }
}
