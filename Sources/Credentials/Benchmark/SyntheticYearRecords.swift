import DataIntegrity
import Foundation
import SplitMix

/// Realistic, reproducible year records for benchmarks, tests and the CLI's example: a
/// lower-secondary learner under Circular 22/2021 with the 12 subjects of grades 6–9
/// (8 scored, 4 comment-only), conduct, learning result, promotion and sometimes an award.
public struct SyntheticYearRecords: Sendable {
    /// The subjects of a lower-secondary year, in report-card order; `true` = scored.
    public static let subjects: [(code: String, name: String, scored: Bool)] = [
        ("toan", "Toán", true),
        ("ngu_van", "Ngữ văn", true),
        ("tieng_anh", "Tiếng Anh", true),
        ("gdcd", "Giáo dục công dân", true),
        ("lich_su_dia_li", "Lịch sử và Địa lí", true),
        ("khtn", "Khoa học tự nhiên", true),
        ("cong_nghe", "Công nghệ", true),
        ("tin_hoc", "Tin học", true),
        ("gdtc", "Giáo dục thể chất", false),
        ("nghe_thuat", "Nghệ thuật", false),
        ("hdtn", "Hoạt động trải nghiệm, hướng nghiệp", false),
        ("gddp", "Nội dung giáo dục của địa phương", false),
    ]

    private static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
    private static let middleNames = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Hữu", "Thanh"]
    private static let givenNames = ["An", "Bình", "Châu", "Dũng", "Hà", "Hùng", "Lan", "Linh", "Nam", "Phương", "Quân", "Thảo", "Trang", "Việt"]

    /// The issuing school, the year, the issuance time, the status list and the seed every
    /// record is made from.
    public let school: SchoolProfile
    public let schoolYearStart: Int
    public let validFrom: Date
    public let statusListURL: String
    public let seed: UInt64

    /// - Parameters:
    ///   - school: the issuing school (its `did` must be the signing key's).
    ///   - statusListURL: the status list every record points at; record `i` gets index `i`
    ///     modulo the list's 131,072 entries.
    public init(
        school: SchoolProfile, schoolYearStart: Int = 2024,
        validFrom: Date = DateTimeStamp.parse("2025-05-31T08:00:00+07:00")!,
        statusListURL: String = "https://nemis.example.vn/status/19TH001/1", seed: UInt64 = 2025
    ) {
        self.school = school
        self.schoolYearStart = schoolYearStart
        self.validFrom = validFrom
        self.statusListURL = statusListURL
        self.seed = seed
    }

    /// Record number `index`; the same index always gives the same record.
    public func record(_ index: Int) -> LearnerYearRecord {
        var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let grade = 6 + index % 4
        let ability = Double(Int.random(in: 45...95, using: &random)) / 10
        var scored: [Double] = []
        var outcomes: [SubjectOutcome] = []
        for subject in Self.subjects {
            if subject.scored {
                let tenths = min(100, max(0, Int((ability + Double.random(in: -1.5...1.5, using: &random)) * 10)))
                scored.append(Double(tenths) / 10)
                outcomes.append(SubjectOutcome(code: subject.code, nameVI: subject.name, result: .score(Self.scoreText(tenths))))
            } else {
                let passed = ability >= 5 || Bool.random(using: &random)
                outcomes.append(SubjectOutcome(
                    code: subject.code, nameVI: subject.name,
                    result: .rating(Rating(.commentSubject, passed ? "dat" : "chua_dat"))))
            }
        }
        let level: String = switch ability {
        case 8...: "tot"
        case 6.5..<8: "kha"
        case 5..<6.5: "dat"
        default: "chua_dat"
        }
        let conduct = ["tot", "tot", "tot", "kha", "kha", "dat"][Int.random(in: 0..<6, using: &random)]
        let promoted = level != "chua_dat" && conduct != "chua_dat"
        let award: Rating? = (level == "tot" && conduct == "tot")
            ? Rating(.award, scored.filter { $0 >= 9 }.count >= 6 ? "xuat_sac" : "gioi") : nil
        let name = Self.familyNames.randomElement(using: &random)! + " " + Self.middleNames.randomElement(using: &random)! + " "
            + Self.givenNames.randomElement(using: &random)!
        let birthYear = schoolYearStart - grade - 5
        let citizenID = "019" + (birthYear >= 2000 ? "2" : "0") + String(birthYear % 100).leftPadded(to: 2)
            + String(Int.random(in: 0...999_999, using: &random)).leftPadded(to: 6)
        return LearnerYearRecord(
            learnerID: NameBasedUUID.uuidString(domain: "nemis:synthetic-learner", [String(seed), String(index)]),
            citizenID: citizenID,
            identifierSalt: NameBasedUUID.hex((0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }),
            learnerName: name, school: school, schoolYearStart: schoolYearStart, grade: grade,
            className: "\(grade)A\(1 + index % 8)", ruleSet: .circular22_2021, subjects: outcomes,
            conduct: Rating(.conduct, conduct), learningLevel: Rating(.learningLevel, level),
            promotion: Rating(.promotion, promoted ? "promoted" : "summer_required"), award: award,
            version: 1, validFrom: validFrom,
            status: BitstringStatusListEntry(
                statusPurpose: "revocation", statusListIndex: index % StatusBitstring.minimumBitCount,
                statusListCredential: statusListURL))
    }

    /// "8.5", "10.0", "0.0": one decimal, as report cards write averages.
    private static func scoreText(_ tenths: Int) -> String { "\(tenths / 10).\(tenths % 10)" }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
