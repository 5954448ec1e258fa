/// Year-end awards, Circular 22/2021 Art. 15.
public enum Award: GradingLabel {
    /// Học sinh Xuất sắc.
    case xuatSac
    /// Học sinh Giỏi.
    case gioi

    public var code: String {
        switch self {
        case .xuatSac: "xuat_sac"
        case .gioi: "gioi"
        }
    }

    public var labelVI: String {
        switch self {
        case .xuatSac: "Học sinh Xuất sắc"
        case .gioi: "Học sinh Giỏi"
        }
    }

    public var labelEN: String {
        switch self {
        case .xuatSac: "Outstanding student"
        case .gioi: "Excellent student"
        }
    }
}

/// Award rules, Circular 22/2021 Art. 15 (DOMAIN.md §3.1).
public enum AwardRules {
    /// Học sinh Xuất sắc needs at least this many subjects with a year average ≥ 9.0.
    public static let outstandingSubjectCount = 6
    /// 9.0, in tenths.
    public static let outstandingAverageTenths = 90

    /// Học sinh Xuất sắc: year conduct and learning both Tốt and at least 6 subjects with a
    /// year average ≥ 9.0; Học sinh Giỏi: both Tốt; otherwise none.
    ///
    /// `subjectsAtLeastNine` counts the scored subjects under the level rules (not exempt,
    /// not individualised), the same subjects the level was computed from.
    public static func award(conduct: ConductRating, yearLevel: LearningLevel?, subjectsAtLeastNine: Int) -> Award? {
        guard conduct == .tot, yearLevel == .tot else { return nil }
        return subjectsAtLeastNine >= outstandingSubjectCount ? .xuatSac : .gioi
    }
}
