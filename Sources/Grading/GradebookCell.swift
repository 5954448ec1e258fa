/// The one-byte encoding of an assessment in the bulk gradebook (`GradebookLayout`).
///
/// A score is its tenths (0–100); a comment rating is 1 for Đạt and 0 for Chưa đạt;
/// `missing` marks an assessment not yet entered. One byte per assessment keeps a
/// million learners' year (about 120 assessments each) near 120 MB, scanned linearly.
public enum GradebookCell {
    /// An assessment not entered; always rejected when computing.
    public static let missing: UInt8 = 255
    /// Cell value of Đạt.
    public static let dat: UInt8 = 1
    /// Cell value of Chưa đạt.
    public static let chuaDat: UInt8 = 0

    @inline(__always)
    public static func encode(_ score: Score) -> UInt8 { UInt8(truncatingIfNeeded: score.tenths) }

    @inline(__always)
    public static func encode(_ rating: CommentRating) -> UInt8 { rating == .dat ? dat : chuaDat }

    @inline(__always)
    public static func encode(_ value: AssessmentValue) -> UInt8 {
        switch value {
        case .score(let score): encode(score)
        case .comment(let rating): encode(rating)
        }
    }
}

/// A set of subject indices 0..<64 in one word, for per-learner flags in the bulk path.
public struct SubjectIndexSet: Hashable, Sendable, ExpressibleByArrayLiteral {
    /// Subjects a set can hold: indices 0..<64.
    public static let capacity = 64

    public private(set) var bits: UInt64

    public init() { bits = 0 }

    /// Indices outside 0..<64 are ignored (the layout rejects more than 64 subjects).
    public init(arrayLiteral indices: Int...) {
        bits = 0
        for index in indices { insert(index) }
    }

    public init(_ indices: some Sequence<Int>) {
        bits = 0
        for index in indices { insert(index) }
    }

    @inline(__always)
    public func contains(_ index: Int) -> Bool {
        index >= 0 && index < SubjectIndexSet.capacity && bits & (1 << UInt64(index)) != 0
    }

    public mutating func insert(_ index: Int) {
        guard index >= 0, index < SubjectIndexSet.capacity else { return }
        bits |= 1 << UInt64(index)
    }

    public var isEmpty: Bool { bits == 0 }
}

/// What the bulk path needs about a learner besides the scores.
public struct LearnerYearContext: Hashable, Sendable {
    /// Year conduct rating.
    public var conduct: ConductRating
    /// Sessions absent in the year, excused or not.
    public var absentSessions: Int
    /// Subjects (layout indices) the learner is exempt from; their cells are ignored.
    public var exempt: SubjectIndexSet
    /// Subjects (layout indices) assessed against an individual education plan.
    public var individualised: SubjectIndexSet

    public init(
        conduct: ConductRating, absentSessions: Int,
        exempt: SubjectIndexSet = [], individualised: SubjectIndexSet = []
    ) {
        self.conduct = conduct
        self.absentSessions = absentSessions
        self.exempt = exempt
        self.individualised = individualised
    }

    @inline(__always)
    func participation(_ subject: Int) -> SubjectParticipation {
        if exempt.contains(subject) { return .exempt }
        if individualised.contains(subject) { return .individualised }
        return .standard
    }
}
