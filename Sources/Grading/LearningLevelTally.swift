/// Counts what Circular 22/2021 Art. 9.2 needs to assign a learning level, one subject
/// result at a time, so levels are computed without building arrays.
///
/// | Level | Comment-only subjects | Scored subjects (averages) |
/// |---|---|---|
/// | Tốt | all Đạt | all ≥ 6.5, and at least 6 ≥ 8.0 |
/// | Khá | all Đạt | all ≥ 5.0, and at least 6 ≥ 6.5 |
/// | Đạt | at most one Chưa đạt | at least 6 ≥ 5.0, and none < 3.5 |
/// | Chưa đạt | otherwise | otherwise |
///
/// A level needs both columns: the result is the lower of the two. "At least 6" is read
/// literally, so a learner with fewer than 6 scored subjects in the count (for example
/// after exemptions) cannot reach that level. Raising any score or turning a Chưa đạt
/// into Đạt never lowers the level.
public struct LearningLevelTally: Hashable, Sendable {
    /// "at least 6 subjects" in every score row of the table.
    public static let requiredSubjectCount = 6

    public private(set) var scoredCount = 0
    public private(set) var scoredAtLeast8_0 = 0
    public private(set) var scoredAtLeast6_5 = 0
    public private(set) var scoredAtLeast5_0 = 0
    public private(set) var scoredBelow5_0 = 0
    public private(set) var scoredBelow6_5 = 0
    public private(set) var scoredBelow3_5 = 0
    public private(set) var commentCount = 0
    public private(set) var commentNotPassed = 0

    public init() {}

    /// Adds one scored subject's (semester or year) average.
    @inline(__always)
    public mutating func add(_ average: Score) {
        let t = average.tenths
        scoredCount += 1
        if t >= 80 { scoredAtLeast8_0 += 1 }
        if t >= 65 { scoredAtLeast6_5 += 1 } else { scoredBelow6_5 += 1 }
        if t >= 50 { scoredAtLeast5_0 += 1 } else { scoredBelow5_0 += 1 }
        if t < 35 { scoredBelow3_5 += 1 }
    }

    /// Adds one comment-only subject's result.
    @inline(__always)
    public mutating func add(_ rating: CommentRating) {
        commentCount += 1
        if rating == .chuaDat { commentNotPassed += 1 }
    }

    /// Adds a subject result; `.exempt` is ignored.
    @inline(__always)
    public mutating func add(_ result: SubjectResult) {
        switch result {
        case .score(let score): add(score)
        case .comment(let rating): add(rating)
        case .exempt: break
        }
    }

    /// True when no subject was counted.
    public var isEmpty: Bool { scoredCount == 0 && commentCount == 0 }

    /// The level per the table above; nil when no subject was counted (every subject
    /// exempt or individualised), because the table then says nothing.
    public var level: LearningLevel? {
        guard !isEmpty else { return nil }
        return min(scoredLevel, commentLevel)
    }

    private var scoredLevel: LearningLevel {
        let n = LearningLevelTally.requiredSubjectCount
        if scoredBelow6_5 == 0, scoredAtLeast8_0 >= n { return .tot }
        if scoredBelow5_0 == 0, scoredAtLeast6_5 >= n { return .kha }
        if scoredAtLeast5_0 >= n, scoredBelow3_5 == 0 { return .dat }
        return .chuaDat
    }

    private var commentLevel: LearningLevel {
        switch commentNotPassed {
        case 0: .tot
        case 1: .dat
        default: .chuaDat
        }
    }
}

extension LearningLevel {
    /// The Art. 9.2 level of a set of subject averages and comment results; nil when both
    /// are empty. See `LearningLevelTally`.
    public static func rate(
        averages: some Sequence<Score>, comments: some Sequence<CommentRating>
    ) -> LearningLevel? {
        var tally = LearningLevelTally()
        for average in averages { tally.add(average) }
        for rating in comments { tally.add(rating) }
        return tally.level
    }
}
