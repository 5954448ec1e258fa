/// An ordered set of ratings (e.g. conduct Tốt / Khá / Đạt / Chưa đạt) that a result is
/// chosen from. It becomes an OB 3.0 `ResultDescription` whose `allowedValue` lists the
/// Vietnamese labels from lowest to highest, as OB 3.0 asks.
///
/// The presets follow the codes and labels of the Grading module, so the database side can
/// pass `GradingLabel.code` values straight through; other rule sets define their own scale.
public struct RatingScale: Sendable, Hashable {
    /// One rating: a stable code, the label written on report cards, and an English label.
    public struct Level: Sendable, Hashable {
        /// Stable code, e.g. "tot" (the Grading module's `GradingLabel.code`).
        public let code: String
        /// As written on report cards, e.g. "Tốt"; the result's `value`.
        public let labelVI: String
        /// English label.
        public let labelEN: String

        /// A level.
        public init(code: String, labelVI: String, labelEN: String) {
            self.code = code
            self.labelVI = labelVI
            self.labelEN = labelEN
        }
    }

    /// Stable code of the scale, part of the result description's derived id.
    public let code: String
    /// Vietnamese name of what is rated, the result description's `name`.
    public let nameVI: String
    /// Levels from lowest to highest.
    public let levels: [Level]
    /// OB 3.0 `ResultType`: `PerformanceLevel` for ratings, `Status` for decisions.
    public let resultType: String

    /// A scale; `levels` lowest first.
    public init(code: String, nameVI: String, levels: [Level], resultType: String = "PerformanceLevel") {
        self.code = code
        self.nameVI = nameVI
        self.levels = levels
        self.resultType = resultType
    }

    /// The level with `code`, if the scale has one.
    public func level(_ code: String) -> Level? { levels.first { $0.code == code } }

    private static let fourLevels: [Level] = [
        Level(code: "chua_dat", labelVI: "Chưa đạt", labelEN: "Not yet passed"),
        Level(code: "dat", labelVI: "Đạt", labelEN: "Pass"),
        Level(code: "kha", labelVI: "Khá", labelEN: "Good"),
        Level(code: "tot", labelVI: "Tốt", labelEN: "Very good"),
    ]

    /// Year conduct (kết quả rèn luyện), Circular 22/2021 Art. 8.
    public static let conduct = RatingScale(code: "conduct", nameVI: "Kết quả rèn luyện cả năm", levels: fourLevels)
    /// Year learning result (kết quả học tập), Circular 22/2021 Art. 9.2.
    public static let learningLevel = RatingScale(code: "learning_level", nameVI: "Kết quả học tập cả năm", levels: fourLevels)
    /// A comment-only subject (môn đánh giá bằng nhận xét), Circular 22/2021 Art. 7.
    public static let commentSubject = RatingScale(code: "comment_subject", nameVI: "Đánh giá bằng nhận xét", levels: [
        Level(code: "chua_dat", labelVI: "Chưa đạt", labelEN: "Not yet passed"),
        Level(code: "dat", labelVI: "Đạt", labelEN: "Pass"),
    ])
    /// The promotion decision, Circular 22/2021 Art. 12.
    public static let promotion = RatingScale(code: "promotion", nameVI: "Xét lên lớp", levels: [
        Level(code: "repeat_year", labelVI: "Ở lại lớp", labelEN: "Repeats the year"),
        Level(code: "summer_required", labelVI: "Kiểm tra lại hoặc rèn luyện trong kì nghỉ hè",
              labelEN: "Summer re-assessment or conduct training"),
        Level(code: "promoted", labelVI: "Được lên lớp", labelEN: "Promoted"),
    ], resultType: "Status")
    /// Year-end awards, Circular 22/2021 Art. 15.
    public static let award = RatingScale(code: "award", nameVI: "Khen thưởng cuối năm", levels: [
        Level(code: "gioi", labelVI: "Học sinh Giỏi", labelEN: "Excellent student"),
        Level(code: "xuat_sac", labelVI: "Học sinh Xuất sắc", labelEN: "Outstanding student"),
    ])
    /// A primary subject, Circular 27/2020.
    public static let primarySubject = RatingScale(code: "primary_subject", nameVI: "Mức đạt được của môn học", levels: [
        Level(code: "chua_hoan_thanh", labelVI: "Chưa hoàn thành", labelEN: "Not yet completed"),
        Level(code: "hoan_thanh", labelVI: "Hoàn thành", labelEN: "Completed"),
        Level(code: "hoan_thanh_tot", labelVI: "Hoàn thành tốt", labelEN: "Completed well"),
    ])
    /// A primary pupil's quality or competency, Circular 27/2020.
    public static let primaryCompetency = RatingScale(code: "primary_competency", nameVI: "Mức đạt được của phẩm chất, năng lực", levels: [
        Level(code: "can_co_gang", labelVI: "Cần cố gắng", labelEN: "Needs effort"),
        Level(code: "dat", labelVI: "Đạt", labelEN: "Satisfactory"),
        Level(code: "tot", labelVI: "Tốt", labelEN: "Good"),
    ])
    /// Whether a primary pupil completed the grade's programme, Circular 27/2020 Art. 12.
    public static let primaryCompletion = RatingScale(code: "primary_completion", nameVI: "Hoàn thành chương trình lớp học", levels: [
        Level(code: "supplementary_assessment", labelVI: "Được giúp đỡ và đánh giá bổ sung",
              labelEN: "Helped, then assessed again"),
        Level(code: "completed", labelVI: "Hoàn thành chương trình lớp học", labelEN: "Completed the grade's programme"),
    ], resultType: "Status")
    /// A primary learner's year result, Circular 27/2020.
    public static let primaryYear = RatingScale(code: "primary_year", nameVI: "Kết quả giáo dục cả năm", levels: [
        Level(code: "chua_hoan_thanh", labelVI: "Chưa hoàn thành", labelEN: "Not yet completed"),
        Level(code: "hoan_thanh", labelVI: "Hoàn thành", labelEN: "Completed"),
        Level(code: "hoan_thanh_tot", labelVI: "Hoàn thành tốt", labelEN: "Completed well"),
        Level(code: "hoan_thanh_xuat_sac", labelVI: "Hoàn thành xuất sắc", labelEN: "Completed with distinction"),
    ])
}

/// A rating chosen from a scale.
public struct Rating: Sendable, Hashable {
    /// The scale the rating is chosen from.
    public let scale: RatingScale
    /// One of `scale.levels`' codes; the builder rejects any other.
    public let levelCode: String

    /// The level `levelCode` of `scale`.
    public init(_ scale: RatingScale, _ levelCode: String) {
        self.scale = scale
        self.levelCode = levelCode
    }
}
