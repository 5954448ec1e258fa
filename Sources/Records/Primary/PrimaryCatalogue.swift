/// What primary pupils (grades 1–5) are assessed on under Circular 27/2020: the subjects and
/// educational activities of the 2018 programme (Circular 32/2018/TT-BGDĐT) with the grades
/// that take them and whether they have a periodic test, and the qualities and competencies
/// every pupil is rated on.
public struct PrimarySubject: Sendable, Codable, Equatable {
    public let code: String
    public let nameVI: String
    public let nameEN: String
    /// Whether the end-of-semester periodic test (a whole number 0–10) belongs to it in this grade.
    public let hasTest: Bool
}

/// A quality (phẩm chất) or competency (năng lực) every primary pupil is rated on.
public struct PrimaryCompetency: Sendable, Codable, Equatable {
    public let code: String
    public let nameVI: String
    public let nameEN: String
}

public enum PrimaryCatalogue {
    /// Whether `grade` ("1"…"5") is assessed under Circular 27.
    public static func isPrimary(grade: String) -> Bool {
        Int(grade).map { (1...5).contains($0) } ?? false
    }

    /// The subjects and activities of a primary grade, in report-card order; empty otherwise.
    ///
    /// Periodic tests (Circular 27 Art. 7): Tiếng Việt and Toán in every grade; Ngoại ngữ 1 and
    /// Tin học và Công nghệ from grade 3; Lịch sử và Địa lí and Khoa học from grade 4.
    public static func subjects(grade: String) -> [PrimarySubject] {
        guard let number = Int(grade), (1...5).contains(number) else { return [] }
        var list = [
            PrimarySubject(code: "TIENGVIET", nameVI: "Tiếng Việt", nameEN: "Vietnamese", hasTest: true),
            PrimarySubject(code: "TOAN", nameVI: "Toán", nameEN: "Mathematics", hasTest: true),
        ]
        if number >= 3 {
            list.append(PrimarySubject(code: "NGOAINGU1", nameVI: "Ngoại ngữ 1", nameEN: "Foreign language 1", hasTest: true))
        }
        list.append(PrimarySubject(code: "DAODUC", nameVI: "Đạo đức", nameEN: "Ethics", hasTest: false))
        if number <= 3 {
            list.append(PrimarySubject(code: "TNXH", nameVI: "Tự nhiên và Xã hội", nameEN: "Nature and society", hasTest: false))
        } else {
            list.append(PrimarySubject(code: "LSDL", nameVI: "Lịch sử và Địa lí", nameEN: "History and geography", hasTest: true))
            list.append(PrimarySubject(code: "KHOAHOC", nameVI: "Khoa học", nameEN: "Science", hasTest: true))
        }
        if number >= 3 {
            list.append(PrimarySubject(code: "TINHOCCN", nameVI: "Tin học và Công nghệ", nameEN: "Informatics and technology", hasTest: true))
        }
        list += [
            PrimarySubject(code: "GDTC", nameVI: "Giáo dục thể chất", nameEN: "Physical education", hasTest: false),
            PrimarySubject(code: "AMNHAC", nameVI: "Âm nhạc", nameEN: "Music", hasTest: false),
            PrimarySubject(code: "MITHUAT", nameVI: "Mĩ thuật", nameEN: "Fine arts", hasTest: false),
            PrimarySubject(code: "HDTN", nameVI: "Hoạt động trải nghiệm", nameEN: "Experiential activities", hasTest: false),
        ]
        return list
    }

    public static func subject(code: String, grade: String) -> PrimarySubject? {
        subjects(grade: grade).first { $0.code == code.uppercased() }
    }

    /// The five qualities of the 2018 programme.
    public static let qualities: [PrimaryCompetency] = [
        PrimaryCompetency(code: "YEUNUOC", nameVI: "Yêu nước", nameEN: "Patriotism"),
        PrimaryCompetency(code: "NHANAI", nameVI: "Nhân ái", nameEN: "Kindness"),
        PrimaryCompetency(code: "CHAMCHI", nameVI: "Chăm chỉ", nameEN: "Diligence"),
        PrimaryCompetency(code: "TRUNGTHUC", nameVI: "Trung thực", nameEN: "Honesty"),
        PrimaryCompetency(code: "TRACHNHIEM", nameVI: "Trách nhiệm", nameEN: "Responsibility"),
    ]

    /// The three general and seven specific competencies of the 2018 programme.
    public static let competencies: [PrimaryCompetency] = [
        PrimaryCompetency(code: "TUCHU", nameVI: "Tự chủ và tự học", nameEN: "Self-reliance and self-study"),
        PrimaryCompetency(code: "GIAOTIEP", nameVI: "Giao tiếp và hợp tác", nameEN: "Communication and collaboration"),
        PrimaryCompetency(code: "GQVD", nameVI: "Giải quyết vấn đề và sáng tạo", nameEN: "Problem solving and creativity"),
        PrimaryCompetency(code: "NGONNGU", nameVI: "Ngôn ngữ", nameEN: "Language"),
        PrimaryCompetency(code: "TINHTOAN", nameVI: "Tính toán", nameEN: "Numeracy"),
        PrimaryCompetency(code: "KHOAHOC", nameVI: "Khoa học", nameEN: "Science"),
        PrimaryCompetency(code: "CONGNGHE", nameVI: "Công nghệ", nameEN: "Technology"),
        PrimaryCompetency(code: "TINHOC", nameVI: "Tin học", nameEN: "Informatics"),
        PrimaryCompetency(code: "THAMMI", nameVI: "Thẩm mĩ", nameEN: "Aesthetics"),
        PrimaryCompetency(code: "THECHAT", nameVI: "Thể chất", nameEN: "Physical"),
    ]
}
