/// Learning result (kết quả học tập) of a semester or year, Circular 22/2021 Art. 9.2.
/// Ordered: `chuaDat < dat < kha < tot`.
public enum LearningLevel: Int, GradingLabel, Comparable {
    case chuaDat = 0
    case dat = 1
    case kha = 2
    case tot = 3

    public var code: String {
        switch self {
        case .tot: "tot"
        case .kha: "kha"
        case .dat: "dat"
        case .chuaDat: "chua_dat"
        }
    }

    public var labelVI: String {
        switch self {
        case .tot: "Tốt"
        case .kha: "Khá"
        case .dat: "Đạt"
        case .chuaDat: "Chưa đạt"
        }
    }

    public var labelEN: String {
        switch self {
        case .tot: "Very good"
        case .kha: "Good"
        case .dat: "Pass"
        case .chuaDat: "Not yet passed"
        }
    }

    public static func < (lhs: LearningLevel, rhs: LearningLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Conduct result (kết quả rèn luyện) of a semester or year, Circular 22/2021 Art. 8.
/// An input to this module: teachers rate it. Ordered: `chuaDat < dat < kha < tot`.
public enum ConductRating: Int, GradingLabel, Comparable {
    case chuaDat = 0
    case dat = 1
    case kha = 2
    case tot = 3

    public var code: String {
        switch self {
        case .tot: "tot"
        case .kha: "kha"
        case .dat: "dat"
        case .chuaDat: "chua_dat"
        }
    }

    public var labelVI: String {
        switch self {
        case .tot: "Tốt"
        case .kha: "Khá"
        case .dat: "Đạt"
        case .chuaDat: "Chưa đạt"
        }
    }

    public var labelEN: String {
        switch self {
        case .tot: "Very good"
        case .kha: "Good"
        case .dat: "Pass"
        case .chuaDat: "Not yet passed"
        }
    }

    public static func < (lhs: ConductRating, rhs: ConductRating) -> Bool { lhs.rawValue < rhs.rawValue }
}
