import Registry
import SplitMix

/// A kind of school the generator builds, with the shape of its classes.
///
/// National counts add up to about 53,000 institutions (DOMAIN.md §1.1), most of them preschools
/// (independent private kindergartens included). Classes per grade and class sizes are set so
/// that the totals come near 24 million learners: rural schools have one to three small classes
/// per grade, ward (urban) schools more and bigger ones, within the ceilings of the school charters
/// (35 in primary, 45 in secondary; Circulars 28/2020 and 32/2020). Approximations for synthetic
/// data (unverified), not statistics.
struct SchoolType: Sendable {
    let codePrefix: String
    let namePrefix: String
    let levels: [School.Level]
    let grades: [String]
    let nationalCount: Int
    let ruralClassesPerGrade: ClosedRange<Int>
    let urbanClassesPerGrade: ClosedRange<Int>
    let ruralClassSize: ClosedRange<Int>
    let urbanClassSize: ClosedRange<Int>
    /// Share of schools that are not public (private or people-founded).
    let nonPublicShare: Double

    static let all: [SchoolType] = [
        SchoolType(codePrefix: "MN", namePrefix: "Trường Mầm non", levels: [.preschool],
                   grades: ["nursery", "kindergarten-3", "kindergarten-4", "kindergarten-5"], nationalCount: 24_200,
                   ruralClassesPerGrade: 1...3, urbanClassesPerGrade: 2...4, ruralClassSize: 18...30, urbanClassSize: 25...35,
                   nonPublicShare: 0.33),
        SchoolType(codePrefix: "TH", namePrefix: "Trường Tiểu học", levels: [.primary], grades: (1...5).map(String.init),
                   nationalCount: 13_900, ruralClassesPerGrade: 2...5, urbanClassesPerGrade: 4...8,
                   ruralClassSize: 22...33, urbanClassSize: 32...35, nonPublicShare: 0.03),
        SchoolType(codePrefix: "THCS", namePrefix: "Trường THCS", levels: [.lowerSecondary], grades: (6...9).map(String.init),
                   nationalCount: 9_700, ruralClassesPerGrade: 2...4, urbanClassesPerGrade: 4...9,
                   ruralClassSize: 28...40, urbanClassSize: 38...45, nonPublicShare: 0.02),
        SchoolType(codePrefix: "THPT", namePrefix: "Trường THPT", levels: [.upperSecondary], grades: (10...12).map(String.init),
                   nationalCount: 2_450, ruralClassesPerGrade: 6...10, urbanClassesPerGrade: 9...15,
                   ruralClassSize: 35...42, urbanClassSize: 40...45, nonPublicShare: 0.15),
        SchoolType(codePrefix: "THTHCS", namePrefix: "Trường TH và THCS", levels: [.primary, .lowerSecondary],
                   grades: (1...9).map(String.init), nationalCount: 1_500, ruralClassesPerGrade: 1...2, urbanClassesPerGrade: 1...3,
                   ruralClassSize: 18...30, urbanClassSize: 25...35, nonPublicShare: 0.05),
        SchoolType(codePrefix: "THCSTHPT", namePrefix: "Trường THCS và THPT", levels: [.lowerSecondary, .upperSecondary],
                   grades: (6...12).map(String.init), nationalCount: 400, ruralClassesPerGrade: 2...4, urbanClassesPerGrade: 3...6,
                   ruralClassSize: 32...40, urbanClassSize: 38...45, nonPublicShare: 0.3),
        SchoolType(codePrefix: "PTNC", namePrefix: "Trường Phổ thông nhiều cấp học", levels: [.primary, .lowerSecondary, .upperSecondary],
                   grades: (1...12).map(String.init), nationalCount: 200, ruralClassesPerGrade: 1...3, urbanClassesPerGrade: 2...4,
                   ruralClassSize: 25...35, urbanClassSize: 28...38, nonPublicShare: 0.9),
        SchoolType(codePrefix: "GDTX", namePrefix: "Trung tâm GDNN-GDTX", levels: [.continuing], grades: (10...12).map(String.init),
                   nationalCount: 650, ruralClassesPerGrade: 2...4, urbanClassesPerGrade: 3...6,
                   ruralClassSize: 25...40, urbanClassSize: 30...45, nonPublicShare: 0),
    ]

    /// The multi-level primary and lower-secondary school that school scale generates.
    static var primaryAndLowerSecondary: SchoolType { all[4] }

    /// Learners a school of this type is expected to have: for splitting provinces into parts of
    /// similar size before anything is drawn.
    func expectedLearners(urban: Bool) -> Double {
        let classes = urban ? urbanClassesPerGrade : ruralClassesPerGrade
        let size = urban ? urbanClassSize : ruralClassSize
        return Double(grades.count) * Double(classes.lowerBound + classes.upperBound) / 2 * Double(size.lowerBound + size.upperBound) / 2
    }

    /// Nursery groups are fewer and smaller than the kindergarten ones.
    func classes(grade: String, urban: Bool, random: inout SplitMix64) -> (count: Int, size: ClosedRange<Int>) {
        let range = urban ? urbanClassesPerGrade : ruralClassesPerGrade
        var count = range.lowerBound + Int(random.next() % UInt64(range.count))
        var size = urban ? urbanClassSize : ruralClassSize
        if grade == "nursery" {
            count = max(0, count - 1)
            size = (size.lowerBound - 8)...(size.upperBound - 10)
        }
        return (count, size)
    }
}
