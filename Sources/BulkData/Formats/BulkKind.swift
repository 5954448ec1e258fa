/// The seven kinds of record that travel as files (issue 3): each has one `BulkFormat`, and a
/// generated dataset holds one CSV file per kind, named after it (`learners.csv`).
public enum BulkKind: String, CaseIterable, Sendable, Codable {
    case schools, staff, learners, guardians, classes, enrolments
    case teachingAssignments = "teaching_assignments"

    /// The file a dataset keeps this kind in.
    public var fileName: String { rawValue + ".csv" }

    /// The sheet name of the XLSX template (Excel allows at most 31 characters).
    public var sheetName: String {
        switch self {
        case .schools: "Trường"
        case .staff: "Cán bộ"
        case .learners: "Học sinh"
        case .guardians: "Cha mẹ học sinh"
        case .classes: "Lớp"
        case .enrolments: "Nhập học"
        case .teachingAssignments: "Phân công giảng dạy"
        }
    }

    public var format: BulkFormat {
        switch self {
        case .schools: .schools
        case .staff: .staff
        case .learners: .learners
        case .guardians: .guardians
        case .classes: .classes
        case .enrolments: .enrolments
        case .teachingAssignments: .teachingAssignments
        }
    }
}
