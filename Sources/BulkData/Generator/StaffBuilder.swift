import Registry
import SplitMix

/// The staff of one school and who teaches what: a principal, one to three vice-principals,
/// teachers in the numbers Vietnamese schools have per class (two per preschool group, about 1.5
/// per primary class, 1.9 per lower-secondary and 2.25 per upper-secondary class; Circulars
/// 06/2015 and 16/2017), and a few non-teaching staff.
enum StaffBuilder {
    struct Assignment {
        let staffCode: String
        let classIndex: Int
        let subject: String
        /// "I", "II", or "" for the whole year.
        let semester: String
    }

    struct Result {
        /// The homeroom teacher's code of each class, in class order.
        var homeroom: [String]
        var assignments: [Assignment]
    }

    static func build(for school: inout SchoolGenerator, classes: [SchoolGenerator.PlannedClass],
                      serials: inout CitizenIDSerials, emitter: inout RowEmitter) throws -> Result {
        var result = Result(homeroom: Array(repeating: "", count: classes.count), assignments: [])
        let mainLevel = school.type.levels[0]
        _ = try member(&school, role: .principal, level: mainLevel, specialty: nil, serials: &serials, emitter: &emitter)
        for _ in 0..<(classes.count < 15 ? 1 : classes.count < 28 ? 2 : 3) {
            _ = try member(&school, role: .vicePrincipal, level: mainLevel, specialty: nil, serials: &serials, emitter: &emitter)
        }
        let byLevel = Dictionary(grouping: classes.indices) { level(of: classes[$0].grade, in: school.type) }
        if let groups = byLevel[.preschool] {
            try preschool(&school, groups, &result, serials: &serials, emitter: &emitter)
        }
        if let primary = byLevel[.primary] {
            try primaryTeachers(&school, primary, classes, &result, serials: &serials, emitter: &emitter)
        }
        let secondary = (byLevel[.lowerSecondary] ?? []) + (byLevel[.upperSecondary] ?? []) + (byLevel[.continuing] ?? [])
        if !secondary.isEmpty {
            try secondaryTeachers(&school, secondary.sorted(), classes, &result, serials: &serials, emitter: &emitter)
        }
        for _ in 0..<(1 + (classes.count + 5) / 10) {
            _ = try member(&school, role: .staff, level: mainLevel, specialty: nil, serials: &serials, emitter: &emitter)
        }
        return result
    }

    static func level(of grade: String, in type: SchoolType) -> School.Level {
        guard let number = Int(grade) else { return .preschool }
        if type.levels == [.continuing] { return .continuing }
        return number <= 5 ? .primary : number <= 9 ? .lowerSecondary : .upperSecondary
    }

    /// Two teachers per group, both caring for it; the first is its homeroom teacher.
    private static func preschool(_ school: inout SchoolGenerator, _ groups: [Int], _ result: inout Result,
                                  serials: inout CitizenIDSerials, emitter: inout RowEmitter) throws {
        for index in groups {
            let first = try member(&school, role: .teacher, level: .preschool, specialty: nil, serials: &serials, emitter: &emitter)
            let second = try member(&school, role: .teacher, level: .preschool, specialty: nil, serials: &serials, emitter: &emitter)
            result.homeroom[index] = first
            for code in [first, second] {
                result.assignments.append(Assignment(staffCode: code, classIndex: index, subject: Curriculum.preschoolSubject, semester: ""))
            }
        }
    }

    /// A homeroom teacher per class for the core subjects, and specialists for the rest.
    private static func primaryTeachers(_ school: inout SchoolGenerator, _ indices: [Int], _ classes: [SchoolGenerator.PlannedClass],
                                        _ result: inout Result, serials: inout CitizenIDSerials, emitter: inout RowEmitter) throws {
        var specialists: [SchoolGenerator.StaffMember] = []
        for index in indices {
            let code = try member(&school, role: .teacher, level: .primary, specialty: nil, serials: &serials, emitter: &emitter)
            result.homeroom[index] = code
            for subject in Curriculum.primaryHomeroomSubjects(grade: Int(classes[index].grade)!) {
                result.assignments.append(Assignment(staffCode: code, classIndex: index, subject: subject, semester: ""))
            }
        }
        let specialistCount = max(1, (indices.count * 45 + 99) / 100)
        for number in 0..<specialistCount {
            let specialty = Curriculum.primarySpecialties[number % Curriculum.primarySpecialties.count]
            let code = try member(&school, role: .teacher, level: .primary, specialty: specialty, serials: &serials, emitter: &emitter)
            specialists.append(.init(code: code, specialty: specialty))
        }
        var turns: [String: Int] = [:]
        for index in indices {
            for subject in Curriculum.primarySpecialistSubjects(grade: Int(classes[index].grade)!) {
                let teacher = pick(subject, from: specialists, turns: &turns)
                result.assignments.append(Assignment(staffCode: teacher.code, classIndex: index, subject: subject, semester: ""))
            }
        }
    }

    /// Subject teachers in proportion to the periods each subject takes; homerooms go round them.
    private static func secondaryTeachers(_ school: inout SchoolGenerator, _ indices: [Int], _ classes: [SchoolGenerator.PlannedClass],
                                          _ result: inout Result, serials: inout CitizenIDSerials, emitter: inout RowEmitter) throws {
        let subjects = indices.map { Curriculum.secondarySubjects(grade: Int(classes[$0].grade)!, classNumber: classes[$0].number) }
        var demand: [String: Double] = [:]
        var ratio = 0.0
        for (position, index) in indices.enumerated() {
            for subject in subjects[position] { demand[subject.code, default: 0] += Double(subject.periodsPerYear) }
            let grade = Int(classes[index].grade)!
            ratio += school.type.levels == [.continuing] ? 1.5 : grade <= 9 ? 1.9 : 2.25
        }
        let count = max(1, Int(ratio.rounded(.up)))
        var teachers: [SchoolGenerator.StaffMember] = []
        for specialty in Curriculum.specialties(demand: demand, count: count) {
            let level = level(of: classes[indices[0]].grade, in: school.type)
            let code = try member(&school, role: .teacher, level: level, specialty: specialty, serials: &serials, emitter: &emitter)
            teachers.append(.init(code: code, specialty: specialty))
        }
        var turns: [String: Int] = [:]
        for (position, index) in indices.enumerated() {
            result.homeroom[index] = teachers[position % teachers.count].code
            for subject in subjects[position] {
                let teacher = pick(subject.code, from: teachers, turns: &turns)
                // Now and then a subject changes hands at mid-year (a leave, a transfer).
                if school.random.chance(0.02) {
                    let other = pick(subject.code, from: teachers, turns: &turns)
                    result.assignments.append(Assignment(staffCode: teacher.code, classIndex: index, subject: subject.code, semester: "I"))
                    result.assignments.append(Assignment(staffCode: other.code, classIndex: index, subject: subject.code, semester: "II"))
                } else {
                    result.assignments.append(Assignment(staffCode: teacher.code, classIndex: index, subject: subject.code, semester: ""))
                }
            }
        }
    }

    /// The next teacher of `subject` in turn, or of any subject when the school has no specialist.
    private static func pick(_ subject: String, from teachers: [SchoolGenerator.StaffMember],
                             turns: inout [String: Int]) -> SchoolGenerator.StaffMember {
        let specialists = teachers.filter { $0.specialty == subject }
        let pool = specialists.isEmpty ? teachers : specialists
        let turn = turns[subject, default: 0]
        turns[subject] = turn + 1
        return pool[turn % pool.count]
    }

    enum Role {
        case principal, vicePrincipal, teacher, staff

        var position: String {
            switch self {
            case .principal: "principal"
            case .vicePrincipal: "vicePrincipal"
            case .teacher: "teacher"
            case .staff: "staff"
            }
        }
    }

    /// Writes one staff member's row and returns their code.
    private static func member(_ school: inout SchoolGenerator, role: Role, level: School.Level, specialty: String?,
                               serials: inout CitizenIDSerials, emitter: inout RowEmitter) throws -> String {
        let code = school.nextStaffCode()
        let start = school.context.startYear
        let femaleShare: Double = switch (role, level) {
        case (.teacher, .preschool), (.principal, .preschool), (.vicePrincipal, .preschool): 0.98
        case (.teacher, .primary): 0.85
        case (.teacher, _): 0.7
        case (.staff, _): 0.6
        default: 0.45
        }
        let years: ClosedRange<Int> = switch role {
        case .principal: (start - 58)...(start - 40)
        case .vicePrincipal: (start - 55)...(start - 33)
        case .teacher, .staff: (start - 58)...(start - 23)
        }
        let female = school.random.chance(femaleShare)
        let person = try school.people.person(female: female, year: school.random.int(in: years), migrantShare: 0.15, idShare: 0.99,
                                              serials: &serials, random: &school.random)
        let startYear = school.random.int(in: max(person.year + 22, start - 30)...start)
        let startMonth = startYear == start || school.random.chance(0.6) ? 8 : school.random.int(in: 1...12)
        let startDate = BulkDate.format(year: startYear, month: startMonth,
                                        day: school.random.int(in: 1...PeopleFactory.daysIn(month: startMonth, year: startYear)))
        let (title, qualifications) = credentials(role: role, level: level, specialty: specialty, age: start - person.year,
                                                  random: &school.random)
        emitter.emit(.staff, [code, person.fullName, person.dateOfBirth, person.sexLabel, person.citizenID ?? "", person.ethnicity,
                              school.school.code, Vocabulary.position.label(for: role.position)!, startDate, "", title, qualifications])
        return code
    }

    /// The professional title (chức danh nghề nghiệp, ranks III to I by seniority) and diplomas.
    private static func credentials(role: Role, level: School.Level, specialty: String?, age: Int,
                                    random: inout SplitMix64) -> (String, String) {
        if role == .staff {
            let kinds = [("Kế toán viên", "Cử nhân Kế toán"), ("Thư viện viên hạng IV", "Trung cấp Thư viện"),
                         ("Y sĩ hạng IV", "Y sĩ đa khoa"), ("Văn thư viên", "Cử nhân Lưu trữ học"), ("", "")]
            let kind = kinds[Int(random.next() % UInt64(kinds.count))]
            return kind
        }
        let levelName = switch level {
        case .preschool: "mầm non"
        case .primary: "tiểu học"
        case .lowerSecondary: "THCS"
        case .upperSecondary, .continuing: "THPT"
        }
        let rank = age < 35 ? "III" : age < 48 ? (random.chance(0.7) ? "II" : "III") : (random.chance(0.3) ? "I" : "II")
        let degree = switch level {
        case .preschool: random.chance(0.3) ? "Cao đẳng sư phạm Mầm non" : "Cử nhân Giáo dục Mầm non"
        case .primary where specialty == nil: "Cử nhân Giáo dục Tiểu học"
        default: "Cử nhân sư phạm " + (Curriculum.subjectNames[specialty ?? "NGUVAN"] ?? "Ngữ văn")
        }
        let master = role == .teacher ? (random.chance(0.12) ? "; Thạc sĩ Lý luận và phương pháp dạy học" : "")
            : (random.chance(0.4) ? "; Thạc sĩ Quản lý giáo dục" : "")
        return ("Giáo viên \(levelName) hạng \(rank)", degree + master)
    }
}
