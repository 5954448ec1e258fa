import Registry
import SplitMix

/// One learner with their enrolment for the year and their parents or guardian.
enum LearnerBuilder {
    /// Provinces whose schools take many children born elsewhere.
    static let cities: Set<String> = ["01", "79", "48", "31", "92", "75", "24"]

    static let occupations = NameBank.Weighted([
        ("Nông dân", 22), ("Công nhân", 20), ("Kinh doanh", 12), ("Lao động tự do", 14), ("Nội trợ", 6), ("Công chức", 6),
        ("Giáo viên", 4), ("Nhân viên văn phòng", 6), ("Lái xe", 3), ("Kỹ sư", 3), ("Bộ đội", 1), ("Bác sĩ", 1), ("Ngư dân", 2),
    ])

    static func learner(for school: inout SchoolGenerator, in schoolClass: SchoolGenerator.PlannedClass,
                        serials: inout CitizenIDSerials, emitter: inout RowEmitter) throws {
        let context = school.context
        let female = school.random.chance(0.485)  // about 112 boys for 100 girls at birth
        let (year, lastMonth) = birthYear(grade: schoolClass.grade, start: context.startYear, random: &school.random)
        let preschool = Int(schoolClass.grade) == nil
        let person = try school.people.person(
            female: female, year: year, toMonth: lastMonth, migrantShare: cities.contains(school.province.code) ? 0.12 : 0.05,
            idShare: preschool ? 0.93 : 0.97, serials: &serials, random: &school.random)
        let code = school.nextLearnerCode()
        emitter.emit(.learners, [code, person.citizenID ?? "", person.fullName, person.dateOfBirth, person.sexLabel, person.ethnicity,
                                 person.birthplace, school.school.code])
        // Most start on the first day; a few arrive during the first term.
        let entry = school.random.chance(0.98) ? context.firstDay : context.firstDay.addingDays(school.random.int(in: 1...120))
        emitter.emit(.enrolments, [code, school.school.code, context.schoolYear, schoolClass.name, BulkDate.format(entry)])
        try guardians(of: person, code: code, school: &school, serials: &serials, emitter: &emitter)
    }

    /// The birth year by grade (age counted as the calendar-year difference, as schools do: grade 1
    /// in 2026-2027 is born in 2020), with some learners a year older; the last month a nursery
    /// child may be born in (a year old by the first day).
    static func birthYear(grade: String, start: Int, random: inout SplitMix64) -> (Int, Int) {
        switch grade {
        case "nursery": return random.chance(0.75) ? (start - 2, 12) : (start - 1, 8)
        case "kindergarten-3": return (start - 3, 12)
        case "kindergarten-4": return (start - 4, 12)
        case "kindergarten-5": return (start - 5, 12)
        default:
            let number = Int(grade) ?? 1
            let older = number <= 5 ? 0.02 : number <= 9 ? 0.04 : 0.05
            return (start - 5 - number - (random.chance(older) ? 1 : 0), 12)
        }
    }

    /// Both parents for about half the learners, the mother alone for many, else the father, a
    /// grandparent or another guardian.
    static func guardians(of child: Person, code: String, school: inout SchoolGenerator,
                          serials: inout CitizenIDSerials, emitter: inout RowEmitter) throws {
        let draw = school.random.unit()
        var members: [(relationship: String, female: Bool, ages: ClosedRange<Int>, family: String?)] = []
        if draw < 0.45 || (draw >= 0.85 && draw < 0.95) { members.append(("father", false, 24...45, child.familyName)) }
        if draw < 0.85 { members.append(("mother", true, 20...40, nil)) }
        if draw >= 0.95 && draw < 0.98 { members.append(("grandparent", school.random.chance(0.6), 45...68, nil)) }
        if draw >= 0.98 { members.append(("guardian", school.random.chance(0.5), 22...55, nil)) }
        for member in members {
            let year = child.year - school.random.int(in: member.ages)
            let person = try school.people.person(female: member.female, year: year, familyName: member.family, ethnicity: child.ethnicity,
                                                  migrantShare: 0.1,
                                                  idShare: 0.75, serials: &serials, random: &school.random)
            let phone = school.random.chance(0.85) ? "0" + ["3", "5", "7", "8", "9"][Int(school.random.next() % 5)] + digits(8, &school.random) : ""
            let occupation = school.random.chance(0.8) ? occupations.pick(school.random.unit()) : ""
            emitter.emit(.guardians, [code, person.fullName, Vocabulary.relationship.label(for: member.relationship)!, String(year), phone,
                                      occupation, person.citizenID ?? ""])
        }
    }
}
