import Registry
import SplitMix

/// Generates one part of the plan: its schools, one after the other, into the part's buffers.
/// Each school draws from its own stream, so its rows do not depend on the part it falls in; only
/// the citizen-ID serials are counted per part (CitizenIDSerials).
struct PartGenerator {
    let context: GenerationContext
    let part: DatasetPlan.Part
    let province: Geography.Province
    let people: PeopleFactory
    var serials: CitizenIDSerials
    var emitter: RowEmitter

    init(context: GenerationContext, part: DatasetPlan.Part) {
        self.context = context
        self.part = part
        province = context.geography.provinces[part.province]
        people = context.people[part.province]
        serials = CitizenIDSerials(part: part, seed: context.seed)
        emitter = RowEmitter()
        if context.dirtyRate > 0 {
            emitter.damager = Damager(rate: context.dirtyRate, random: Seeds.stream(
                context.seed, Seeds.name("dirty"), Seeds.name(province.code), UInt64(part.indexInProvince)))
        }
    }

    mutating func run() throws -> PartOutput {
        for school in part.schools {
            var generator = SchoolGenerator(context: context, province: province, people: people, school: school)
            try generator.generate(serials: &serials, emitter: &emitter)
        }
        return emitter.output
    }
}

/// One school's rows: the school, its staff, classes, teaching assignments, learners, their
/// guardians and enrolments.
struct SchoolGenerator {
    struct PlannedClass {
        let name: String
        let grade: String
        let size: Int
        /// 1-based among the classes of its grade (6A1 is 1).
        let number: Int
    }

    struct StaffMember {
        let code: String
        let specialty: String?
    }

    let context: GenerationContext
    let province: Geography.Province
    let people: PeopleFactory
    let school: DatasetPlan.PlannedSchool
    let type: SchoolType
    var random: SplitMix64
    var staffCount = 0
    var learnerCount = 0

    init(context: GenerationContext, province: Geography.Province, people: PeopleFactory, school: DatasetPlan.PlannedSchool) {
        self.context = context
        self.province = province
        self.people = people
        self.school = school
        type = SchoolType.all[school.type]
        random = Seeds.stream(context.seed, Seeds.name("school"), Seeds.name(province.code), UInt64(school.indexInProvince))
    }

    var urban: Bool { school.commune.isUrban }

    mutating func generate(serials: inout CitizenIDSerials, emitter: inout RowEmitter) throws {
        emitter.emit(.schools, schoolRow())
        let classes = plannedClasses()
        let staff = try StaffBuilder.build(for: &self, classes: classes, serials: &serials, emitter: &emitter)
        for (index, schoolClass) in classes.enumerated() {
            emitter.emit(.classes, [school.code, context.schoolYear, schoolClass.name, Vocabulary.grade.label(for: schoolClass.grade) ?? schoolClass.grade,
                                    staff.homeroom[index], ""])
        }
        for assignment in staff.assignments {
            emitter.emit(.teachingAssignments, [assignment.staffCode, school.code, context.schoolYear, classes[assignment.classIndex].name,
                                                assignment.subject, assignment.semester])
        }
        for schoolClass in classes {
            for _ in 0..<schoolClass.size {
                try LearnerBuilder.learner(for: &self, in: schoolClass, serials: &serials, emitter: &emitter)
            }
        }
    }

    func schoolRow() -> [String] {
        var random = Seeds.stream(context.seed, Seeds.name("school row"), Seeds.name(school.code))
        let levels = type.levels.map { Vocabulary.schoolLevel.label(for: $0.rawValue)! }.joined(separator: "; ")
        let phone = random.chance(0.8) ? "02" + digits(2, &random) + digits(7, &random) : ""
        let email = random.chance(0.6) ? "\(school.code.lowercased())@\(GenerationContext.slug(province)).edu.vn" : ""
        return [school.code, school.name, levels, Vocabulary.ownership.label(for: school.ownership.rawValue)!, school.commune.code,
                GenerationContext.departmentCode(province), Vocabulary.schoolStatus.label(for: "active")!,
                "\(school.commune.label), \(province.name)", phone, email, priorityArea(&random)]
    }

    /// The admission priority area, listed for schools teaching grades 10–12: wards are KV3 or
    /// KV2, rural communes KV2-NT or, in the mountains, KV1, special zones (islands) KV1.
    func priorityArea(_ random: inout SplitMix64) -> String {
        guard type.grades.contains("12") else { return "" }
        switch school.commune.kind {
        case "phuong": return random.chance(0.5) ? "KV3" : "KV2"
        case "xa": return random.chance(0.4) ? "KV1" : "KV2-NT"
        default: return "KV1"
        }
    }

    /// Classes grade by grade; a school keeps at least one.
    mutating func plannedClasses() -> [PlannedClass] {
        var classes: [PlannedClass] = []
        for grade in type.grades {
            let (count, sizes) = type.classes(grade: grade, urban: urban, random: &random)
            for number in stride(from: 1, through: count, by: 1) {
                classes.append(PlannedClass(name: Self.className(grade: grade, number: number), grade: grade,
                                            size: random.int(in: sizes), number: number))
            }
        }
        if classes.isEmpty, let grade = type.grades.last {
            classes.append(PlannedClass(name: Self.className(grade: grade, number: 1), grade: grade, size: type.ruralClassSize.lowerBound, number: 1))
        }
        return classes
    }

    /// `6A1`; preschool groups by their everyday names: Nhà trẻ, Mầm (3–4), Chồi (4–5), Lá (5–6).
    static func className(grade: String, number: Int) -> String {
        switch grade {
        case "nursery": "Nhà trẻ \(number)"
        case "kindergarten-3": "Mầm \(number)"
        case "kindergarten-4": "Chồi \(number)"
        case "kindergarten-5": "Lá \(number)"
        default: "\(grade)A\(number)"
        }
    }

    /// The next staff code of this school: GV, the province, the school's 4 digits, 3 more.
    mutating func nextStaffCode() -> String {
        staffCount += 1
        return "GV\(province.code)\(DatasetPlan.fourDigits(school.indexInProvince + 1))\(Self.threeDigits(staffCount))"
    }

    /// The next learner code: the province's 2 digits (as NEMIS issues them), the school's 4 and 4 more.
    mutating func nextLearnerCode() -> String {
        learnerCount += 1
        return "\(province.code)\(DatasetPlan.fourDigits(school.indexInProvince + 1))\(DatasetPlan.fourDigits(learnerCount))"
    }

    static func threeDigits(_ value: Int) -> String {
        value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : String(value)
    }
}

/// `count` random decimal digits.
func digits(_ count: Int, _ random: inout SplitMix64) -> String {
    var bytes = [UInt8](repeating: 0, count: count)
    for index in 0..<count { bytes[index] = UInt8(ascii: "0") + UInt8(random.next() % 10) }
    return String(decoding: bytes, as: UTF8.self)
}
