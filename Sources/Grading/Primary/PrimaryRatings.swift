/// A primary subject or educational activity rating, Circular 27/2020 (DOMAIN.md §3.2,
/// unverified). Ordered: `chuaHoanThanh < hoanThanh < hoanThanhTot`.
public enum PrimarySubjectRating: Int, GradingLabel, Comparable {
    case chuaHoanThanh = 0
    case hoanThanh = 1
    case hoanThanhTot = 2

    public var code: String {
        switch self {
        case .hoanThanhTot: "hoan_thanh_tot"
        case .hoanThanh: "hoan_thanh"
        case .chuaHoanThanh: "chua_hoan_thanh"
        }
    }

    public var labelVI: String {
        switch self {
        case .hoanThanhTot: "Hoàn thành tốt"
        case .hoanThanh: "Hoàn thành"
        case .chuaHoanThanh: "Chưa hoàn thành"
        }
    }

    public var labelEN: String {
        switch self {
        case .hoanThanhTot: "Completed well"
        case .hoanThanh: "Completed"
        case .chuaHoanThanh: "Not yet completed"
        }
    }

    public static func < (lhs: PrimarySubjectRating, rhs: PrimarySubjectRating) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A primary quality (phẩm chất) or competency (năng lực) rating, Circular 27/2020
/// (unverified). Ordered: `canCoGang < dat < tot`.
public enum CompetencyRating: Int, GradingLabel, Comparable {
    case canCoGang = 0
    case dat = 1
    case tot = 2

    public var code: String {
        switch self {
        case .tot: "tot"
        case .dat: "dat"
        case .canCoGang: "can_co_gang"
        }
    }

    public var labelVI: String {
        switch self {
        case .tot: "Tốt"
        case .dat: "Đạt"
        case .canCoGang: "Cần cố gắng"
        }
    }

    public var labelEN: String {
        switch self {
        case .tot: "Good"
        case .dat: "Satisfactory"
        case .canCoGang: "Needs effort"
        }
    }

    public static func < (lhs: CompetencyRating, rhs: CompetencyRating) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A primary pupil's year result (đánh giá kết quả giáo dục), Circular 27/2020 (unverified).
/// Ordered: `chuaHoanThanh < hoanThanh < hoanThanhTot < hoanThanhXuatSac`.
public enum PrimaryYearResult: Int, GradingLabel, Comparable {
    case chuaHoanThanh = 0
    case hoanThanh = 1
    case hoanThanhTot = 2
    case hoanThanhXuatSac = 3

    public var code: String {
        switch self {
        case .hoanThanhXuatSac: "hoan_thanh_xuat_sac"
        case .hoanThanhTot: "hoan_thanh_tot"
        case .hoanThanh: "hoan_thanh"
        case .chuaHoanThanh: "chua_hoan_thanh"
        }
    }

    public var labelVI: String {
        switch self {
        case .hoanThanhXuatSac: "Hoàn thành xuất sắc"
        case .hoanThanhTot: "Hoàn thành tốt"
        case .hoanThanh: "Hoàn thành"
        case .chuaHoanThanh: "Chưa hoàn thành"
        }
    }

    public var labelEN: String {
        switch self {
        case .hoanThanhXuatSac: "Completed with distinction"
        case .hoanThanhTot: "Completed well"
        case .hoanThanh: "Completed"
        case .chuaHoanThanh: "Not yet completed"
        }
    }

    public static func < (lhs: PrimaryYearResult, rhs: PrimaryYearResult) -> Bool { lhs.rawValue < rhs.rawValue }
}
