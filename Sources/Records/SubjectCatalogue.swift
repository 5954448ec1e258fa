import Grading

/// The subjects of the 2018 general education programme (Circular 32/2018/TT-BGDĐT, as amended by
/// Circular 13/2022/TT-BGDĐT) for lower and upper secondary, with the periods per year that set how
/// many regular assessments each semester has (Circular 22/2021 Art. 6).
///
/// Primary (grades 1–5) is assessed by ratings under Circular 27/2020 rather than by gradebooks of
/// scores; it is not part of this catalogue.
public struct Subject: Sendable, Codable, Equatable {
    public let code: String
    public let nameVI: String
    public let nameEN: String
    public let commentOnly: Bool
    public let periodsPerYear: Int
    /// In upper secondary a learner takes four of the elective subjects; compulsory ones always count.
    public let elective: Bool

    /// The kernel's description of the subject.
    public func spec() throws -> SubjectSpec {
        commentOnly ? try .commentOnly(periodsPerYear: periodsPerYear)
            : try .scored(periodsPerYear: periodsPerYear, isMathematicsOrLiterature: code == "TOAN" || code == "NGUVAN")
    }
}

public enum SubjectCatalogue {
    /// The subjects of a grade ("6"…"12"); empty for grades the catalogue does not cover.
    public static func subjects(grade: String) -> [Subject] {
        guard let number = Int(grade) else { return [] }
        switch number {
        case 6...9: return lowerSecondary(grade: number)
        case 10...12: return upperSecondary
        default: return []
        }
    }

    public static func subject(code: String, grade: String) -> Subject? {
        subjects(grade: grade).first { $0.code == code.uppercased() }
    }

    private static func lowerSecondary(grade: Int) -> [Subject] {
        [
            Subject(code: "NGUVAN", nameVI: "Ngữ văn", nameEN: "Literature", commentOnly: false, periodsPerYear: 140, elective: false),
            Subject(code: "TOAN", nameVI: "Toán", nameEN: "Mathematics", commentOnly: false, periodsPerYear: 140, elective: false),
            Subject(code: "NGOAINGU1", nameVI: "Ngoại ngữ 1", nameEN: "Foreign language 1", commentOnly: false, periodsPerYear: 105, elective: false),
            Subject(code: "GDCD", nameVI: "Giáo dục công dân", nameEN: "Civic education", commentOnly: false, periodsPerYear: 35, elective: false),
            Subject(code: "LSDL", nameVI: "Lịch sử và Địa lí", nameEN: "History and geography", commentOnly: false, periodsPerYear: 105, elective: false),
            Subject(code: "KHTN", nameVI: "Khoa học tự nhiên", nameEN: "Natural sciences", commentOnly: false, periodsPerYear: 140, elective: false),
            Subject(code: "CONGNGHE", nameVI: "Công nghệ", nameEN: "Technology", commentOnly: false, periodsPerYear: grade <= 7 ? 35 : 52, elective: false),
            Subject(code: "TINHOC", nameVI: "Tin học", nameEN: "Informatics", commentOnly: false, periodsPerYear: 35, elective: false),
            Subject(code: "GDTC", nameVI: "Giáo dục thể chất", nameEN: "Physical education", commentOnly: true, periodsPerYear: 70, elective: false),
            Subject(code: "NGHETHUAT", nameVI: "Nghệ thuật", nameEN: "Arts", commentOnly: true, periodsPerYear: 70, elective: false),
            Subject(code: "HDTN", nameVI: "Hoạt động trải nghiệm, hướng nghiệp", nameEN: "Experiential and career-guidance activities",
                    commentOnly: true, periodsPerYear: 105, elective: false),
            Subject(code: "GDDP", nameVI: "Nội dung giáo dục của địa phương", nameEN: "Local education content", commentOnly: true,
                    periodsPerYear: 35, elective: false),
        ]
    }

    private static let upperSecondary: [Subject] = [
        Subject(code: "NGUVAN", nameVI: "Ngữ văn", nameEN: "Literature", commentOnly: false, periodsPerYear: 105, elective: false),
        Subject(code: "TOAN", nameVI: "Toán", nameEN: "Mathematics", commentOnly: false, periodsPerYear: 105, elective: false),
        Subject(code: "NGOAINGU1", nameVI: "Ngoại ngữ 1", nameEN: "Foreign language 1", commentOnly: false, periodsPerYear: 105, elective: false),
        Subject(code: "LICHSU", nameVI: "Lịch sử", nameEN: "History", commentOnly: false, periodsPerYear: 52, elective: false),
        Subject(code: "GDQPAN", nameVI: "Giáo dục quốc phòng và an ninh", nameEN: "Defence and security education", commentOnly: false,
                periodsPerYear: 35, elective: false),
        Subject(code: "GDTC", nameVI: "Giáo dục thể chất", nameEN: "Physical education", commentOnly: true, periodsPerYear: 70, elective: false),
        Subject(code: "HDTN", nameVI: "Hoạt động trải nghiệm, hướng nghiệp", nameEN: "Experiential and career-guidance activities",
                commentOnly: true, periodsPerYear: 105, elective: false),
        Subject(code: "GDDP", nameVI: "Nội dung giáo dục của địa phương", nameEN: "Local education content", commentOnly: true,
                periodsPerYear: 35, elective: false),
        Subject(code: "DIALI", nameVI: "Địa lí", nameEN: "Geography", commentOnly: false, periodsPerYear: 70, elective: true),
        Subject(code: "GDKTPL", nameVI: "Giáo dục kinh tế và pháp luật", nameEN: "Economics and law", commentOnly: false,
                periodsPerYear: 70, elective: true),
        Subject(code: "VATLI", nameVI: "Vật lí", nameEN: "Physics", commentOnly: false, periodsPerYear: 70, elective: true),
        Subject(code: "HOAHOC", nameVI: "Hoá học", nameEN: "Chemistry", commentOnly: false, periodsPerYear: 70, elective: true),
        Subject(code: "SINHHOC", nameVI: "Sinh học", nameEN: "Biology", commentOnly: false, periodsPerYear: 70, elective: true),
        Subject(code: "CONGNGHE", nameVI: "Công nghệ", nameEN: "Technology", commentOnly: false, periodsPerYear: 70, elective: true),
        Subject(code: "TINHOC", nameVI: "Tin học", nameEN: "Informatics", commentOnly: false, periodsPerYear: 70, elective: true),
        Subject(code: "AMNHAC", nameVI: "Âm nhạc", nameEN: "Music", commentOnly: true, periodsPerYear: 70, elective: true),
        Subject(code: "MITHUAT", nameVI: "Mĩ thuật", nameEN: "Fine arts", commentOnly: true, periodsPerYear: 70, elective: true),
    ]
}
