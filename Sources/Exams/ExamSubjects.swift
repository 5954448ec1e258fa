/// The subjects a candidate sits (DOMAIN.md §5.1): under the 2018 programme Mathematics and
/// Literature plus two electives studied in grade 12; under the 2006 programme Mathematics,
/// Literature, a foreign language and one combination (natural or social sciences).
enum ExamProgramme: String, Codable, Sendable {
    case p2018 = "2018"
    case p2006 = "2006"
}

enum ExamSubjects {
    static let compulsory = ["TOAN", "NGUVAN"]
    static let electives2018 = ["VATLI", "HOAHOC", "SINHHOC", "LICHSU", "DIALI", "GDKTPL", "TINHOC", "CNCN", "CNNN", "NGOAINGU"]
    static let combinations2006 = ["KHTN", "KHXH"]
    /// The foreign languages of the exam (N1 English … N7 Korean).
    static let languages = ["N1", "N2", "N3", "N4", "N5", "N6", "N7"]
    static let foreignLanguage = "NGOAINGU"

    /// The school subject (Records' code) a 2018 elective is studied as in grade 12; nil for
    /// History and the foreign language, which every grade-12 class studies. Both technology
    /// papers (industrial, agricultural) come from one school subject, Công nghệ.
    static func schoolSubject(ofElective subject: String) -> String? {
        switch subject {
        case "LICHSU", foreignLanguage: nil
        case "CNCN", "CNNN": "CONGNGHE"
        default: subject
        }
    }

    /// The problem with a subject list, if any.
    static func problem(_ subjects: [String], programme: ExamProgramme) -> String? {
        let set = Set(subjects)
        guard set.count == subjects.count else { return "a subject is listed twice" }
        switch programme {
        case .p2018:
            guard subjects.count == 4, set.isSuperset(of: compulsory) else {
                return "the 2018 programme sits TOAN, NGUVAN and two electives"
            }
            let electives = set.subtracting(compulsory)
            guard electives.isSubset(of: electives2018) else {
                return "electives are two of \(electives2018.joined(separator: ", "))"
            }
        case .p2006:
            guard subjects.count == 4, set.isSuperset(of: compulsory + [foreignLanguage]),
                  set.subtracting(compulsory + [foreignLanguage]).isSubset(of: combinations2006) else {
                return "the 2006 programme sits TOAN, NGUVAN, NGOAINGU and KHTN or KHXH"
            }
        }
        return nil
    }
}
