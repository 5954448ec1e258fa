/// The two semesters of a school year (học kì I, học kì II). Codes are "I" and "II",
/// the project's convention for semesters in the API and in storage.
public enum Semester: Int, GradingLabel, Comparable {
    case first = 1
    case second = 2

    public var code: String {
        switch self {
        case .first: "I"
        case .second: "II"
        }
    }

    public var labelVI: String {
        switch self {
        case .first: "Học kì I"
        case .second: "Học kì II"
        }
    }

    public var labelEN: String {
        switch self {
        case .first: "Semester I"
        case .second: "Semester II"
        }
    }

    public static func < (lhs: Semester, rhs: Semester) -> Bool { lhs.rawValue < rhs.rawValue }
}
