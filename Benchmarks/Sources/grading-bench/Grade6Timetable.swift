import Grading

/// One subject of the grade-6 timetable of the 2018 general education programme, with the
/// parameters of the synthetic score model.
struct TimetableSubject: Sendable {
    let name: String
    let spec: SubjectSpec
    /// Mean of learners' true level in the subject, in points. Teachers' marks in GDCD, Công nghệ and
    /// Tin học run higher than in Toán or Ngoại ngữ, which decides who reaches 6.5 and 8.0 everywhere.
    let meanPoints: Double
    /// Spread of learners' true level around the mean, in points.
    let spreadPoints: Double
}

/// The 12 subjects of grade 6: 8 scored, then 4 comment-only (Circular 22/2021 Art. 5), with their
/// periods a year, which fix the number of regular assessments (2, 3 or 4 a semester).
enum Grade6Timetable {
    static let subjects: [TimetableSubject] = [
        scored("Ngữ văn", periods: 140, mean: 7.3, spread: 1.2),
        scored("Toán", periods: 140, mean: 7.0, spread: 1.5),
        scored("Ngoại ngữ 1", periods: 105, mean: 7.1, spread: 1.6),
        scored("Giáo dục công dân", periods: 35, mean: 8.3, spread: 1.0),
        scored("Lịch sử và Địa lí", periods: 105, mean: 7.5, spread: 1.2),
        scored("Khoa học tự nhiên", periods: 140, mean: 7.2, spread: 1.3),
        scored("Công nghệ", periods: 35, mean: 8.2, spread: 1.0),
        scored("Tin học", periods: 35, mean: 8.2, spread: 1.1),
        commentOnly("Giáo dục thể chất", periods: 70),
        commentOnly("Nghệ thuật", periods: 70),
        commentOnly("Hoạt động trải nghiệm, hướng nghiệp", periods: 105),
        commentOnly("Nội dung giáo dục của địa phương", periods: 35),
    ]

    static let specs: [SubjectSpec] = subjects.map(\.spec)

    /// Giáo dục thể chất: the subject learners are exempted from, on medical grounds.
    static let physicalEducation = 8

    private static func scored(_ name: String, periods: Int, mean: Double, spread: Double) -> TimetableSubject {
        TimetableSubject(name: name, spec: spec(.scored, periods), meanPoints: mean, spreadPoints: spread)
    }

    private static func commentOnly(_ name: String, periods: Int) -> TimetableSubject {
        TimetableSubject(name: name, spec: spec(.commentOnly, periods), meanPoints: 0, spreadPoints: 0)
    }

    private static func spec(_ kind: SubjectKind, _ periods: Int) -> SubjectSpec {
        do {
            return try SubjectSpec(kind: kind, periodsPerYear: periods)
        } catch {
            preconditionFailure("the timetable's periods are positive: \(error)")
        }
    }
}
