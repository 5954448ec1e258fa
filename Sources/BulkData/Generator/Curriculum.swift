import Records

/// Which subjects each class is taught, and by whom, in a generated school.
///
/// Lower and upper secondary follow the Records subject catalogue (the 2018 programme); upper
/// secondary classes take the compulsory subjects and one of four common elective groups. Primary
/// subjects are those of the same programme (Circular 32/2018): the homeroom teacher teaches the
/// core ones, specialists the languages, informatics, technology, arts and PE. Preschool groups
/// have two teachers who both care for and teach the group (`CHAMSOC`, as in the demo).
enum Curriculum {
    struct Subject: Sendable {
        let code: String
        let nameVI: String
        let periodsPerYear: Int
    }

    static let preschoolSubject = "CHAMSOC"

    /// Primary subjects the homeroom teacher teaches.
    static func primaryHomeroomSubjects(grade: Int) -> [String] {
        grade <= 3 ? ["TIENGVIET", "TOAN", "DAODUC", "TNXH", "HDTN"] : ["TIENGVIET", "TOAN", "DAODUC", "KHOAHOC", "LSDL", "HDTN"]
    }

    /// Primary subjects specialists teach.
    static func primarySpecialistSubjects(grade: Int) -> [String] {
        (grade >= 3 ? ["NGOAINGU1", "TINHOC", "CONGNGHE"] : []) + ["AMNHAC", "MITHUAT", "GDTC"]
    }

    static let primarySpecialties = ["NGOAINGU1", "TINHOC", "CONGNGHE", "AMNHAC", "MITHUAT", "GDTC"]

    /// The elective groups of upper secondary classes: sciences, technology, social sciences, mixed.
    static let electiveGroups = [
        ["VATLI", "HOAHOC", "SINHHOC", "TINHOC"],
        ["VATLI", "HOAHOC", "TINHOC", "CONGNGHE"],
        ["DIALI", "GDKTPL", "TINHOC", "CONGNGHE"],
        ["HOAHOC", "SINHHOC", "DIALI", "GDKTPL"],
    ]

    /// The subjects of a secondary class (grades 6–12); the elective group rotates with the class.
    static func secondarySubjects(grade: Int, classNumber: Int) -> [Subject] {
        let all = SubjectCatalogue.subjects(grade: String(grade))
        let chosen = grade >= 10 ? Set(electiveGroups[classNumber % electiveGroups.count]) : []
        return all.filter { !$0.elective || chosen.contains($0.code) }
            .map { Subject(code: $0.code, nameVI: $0.nameVI, periodsPerYear: $0.periodsPerYear) }
    }

    static let subjectNames: [String: String] = {
        var names = ["TIENGVIET": "Tiếng Việt", "DAODUC": "Đạo đức", "TNXH": "Tự nhiên và Xã hội", "KHOAHOC": "Khoa học",
                     "NGOAINGU1": "Tiếng Anh", "AMNHAC": "Âm nhạc", "MITHUAT": "Mĩ thuật"]
        for grade in ["9", "12"] {
            for subject in SubjectCatalogue.subjects(grade: grade) where names[subject.code] == nil { names[subject.code] = subject.nameVI }
        }
        names["NGOAINGU1"] = "Tiếng Anh"
        return names
    }()

    /// Shares `count` teachers among subjects in proportion to their periods (largest remainder;
    /// ties by code), so a small school may have no teacher of a minor subject.
    static func specialties(demand: [String: Double], count: Int) -> [String] {
        let total = demand.values.reduce(0, +)
        guard total > 0, count > 0 else { return [] }
        let codes = demand.keys.sorted()
        let exact = codes.map { demand[$0]! / total * Double(count) }
        var counts = exact.map { Int($0) }
        let order = codes.indices.sorted { (exact[$0] - Double(counts[$0]), codes[$1]) > (exact[$1] - Double(counts[$1]), codes[$0]) }
        for index in order.prefix(count - counts.reduce(0, +)) { counts[index] += 1 }
        return zip(codes, counts).flatMap { Array(repeating: $0.0, count: $0.1) }
    }
}
