/// The four-level scale Circular 22/2021 uses for both learning and conduct results:
/// Tốt / Khá / Đạt / Chưa đạt, ordered `chuaDat < dat < kha < tot`. The two results stay
/// distinct types, so one cannot be passed where the other is meant; their codes and labels
/// are the same and are written once, here.
public protocol FourLevelResult: GradingLabel, Comparable, RawRepresentable where RawValue == Int {}

extension FourLevelResult {
    public var code: String { ["chua_dat", "dat", "kha", "tot"][rawValue] }
    public var labelVI: String { ["Chưa đạt", "Đạt", "Khá", "Tốt"][rawValue] }
    public var labelEN: String { ["Not yet passed", "Pass", "Good", "Very good"][rawValue] }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Learning result (kết quả học tập) of a semester or year, Circular 22/2021 Art. 9.2.
public enum LearningLevel: Int, FourLevelResult {
    case chuaDat = 0
    case dat = 1
    case kha = 2
    case tot = 3
}

/// Conduct result (kết quả rèn luyện) of a semester or year, Circular 22/2021 Art. 8.
/// An input to this module: teachers rate it.
public enum ConductRating: Int, FourLevelResult {
    case chuaDat = 0
    case dat = 1
    case kha = 2
    case tot = 3
}
