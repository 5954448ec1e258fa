import CitizenID
import ExamRules
import Foundation
import Platform
import SQLKit
import SplitMix

/// Writes the demo province inside one transaction.
struct DemoGenerator {
    var random: SplitMix64
    let names: NameBank
    let registry: RegistryService
    let principal: Principal
    let db: any SQLDatabase
    var counts: [String: Int] = [:]
    /// Each school's first homeroom teacher (who also teaches the class mathematics): the demo
    /// teachers sign in as them.
    var firstTeacher: [String: String] = [:]
    var staffSerial = 0

    init(seed: UInt64, names: NameBank, registry: RegistryService, principal: Principal, db: any SQLDatabase) {
        self.random = SplitMix64(seed: seed)
        self.names = names
        self.registry = registry
        self.principal = principal
        self.db = db
    }

    /// (code prefix, level name, levels, grades with classes, learners per class)
    struct SchoolPlan {
        let code: String
        let name: String
        let levels: [School.Level]
        let grades: [String]
        let classSize: ClosedRange<Int>
    }

    mutating func build(ministryID: String) async throws {
        // The departments: two before the reform, one after.
        let oldThaiNguyen = try await department(code: "SGD019", name: "Sở GD&ĐT Thái Nguyên (đến 30/6/2025)", province: "019",
                                                 from: "2008-08-01", ministryID: ministryID)
        let oldBacKan = try await department(code: "SGD006", name: "Sở GD&ĐT Bắc Kạn (đến 30/6/2025)", province: "006",
                                             from: "2008-08-01", ministryID: ministryID)
        let merged = try await department(code: "SGD19", name: "Sở Giáo dục và Đào tạo Thái Nguyên", province: "19",
                                          from: "2025-07-01", ministryID: ministryID)
        for old in [oldThaiNguyen, oldBacKan] {
            try await db.raw("UPDATE org_units SET valid_to = '2025-06-30', status = 'closed' WHERE id = \(bind: old)").run()
        }
        for year in [2024, 2025, 2026] { try await schoolYear(year) }

        let communes = try await db.raw("""
            SELECT code, name FROM admin_units WHERE level = 'commune' AND parent_code = '19' ORDER BY code
            """).all().map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "name", as: String.self)) }
        let primaryGrades = (1...5).map(String.init)
        var plans: [SchoolPlan] = []
        // Class sizes of a mountainous province: small rural classes, larger ones in the towns.
        for i in 1...6 { plans.append(SchoolPlan(code: "19MN\(pad(i))", name: "Trường Mầm non", levels: [.preschool],
                                                 grades: ["kindergarten-3", "kindergarten-4", "kindergarten-5"], classSize: 12...18)) }
        // 19TH001 stands for a primary school in the provincial city, where classes hold about 40.
        for i in 1...8 { plans.append(SchoolPlan(code: "19TH\(pad(i))", name: "Trường Tiểu học", levels: [.primary],
                                                 grades: primaryGrades, classSize: i == 1 ? 38...42 : 15...25)) }
        for i in 1...6 { plans.append(SchoolPlan(code: "19THCS\(pad(i))", name: "Trường THCS", levels: [.lowerSecondary],
                                                 grades: (6...9).map(String.init), classSize: 20...28)) }
        for i in 1...2 { plans.append(SchoolPlan(code: "19THPT\(pad(i))", name: "Trường THPT", levels: [.upperSecondary],
                                                 grades: (10...12).map(String.init), classSize: 28...36)) }
        plans.append(SchoolPlan(code: "19PTDTBT001", name: "Trường PTDTBT TH&THCS", levels: [.primary, .lowerSecondary],
                                grades: (1...9).map(String.init), classSize: 10...16))
        plans.append(SchoolPlan(code: "19GDTX001", name: "Trung tâm GDNN-GDTX", levels: [.continuing],
                                grades: (10...12).map(String.init), classSize: 15...25))

        for (index, plan) in plans.enumerated() {
            // Spread schools over both former provinces: Bắc Kạn's communes have codes below 05000.
            let commune = communes[(index * 7) % communes.count]
            let formerDepartment = commune.0 < "05000" ? oldBacKan : oldThaiNguyen
            try await school(plan, commune: commune, formerDepartment: formerDepartment, merged: merged)
        }
    }

    private func pad(_ i: Int) -> String { String(format: "%03d", i) }

    mutating func department(code: String, name: String, province: String, from: String, ministryID: String) async throws -> String {
        let id = UUIDv7.make()
        try await OrgUnits.insertNode(db, OrgUnit(id: id, code: code, kind: .department, name: name, parentCode: "MOET",
                                                  provinceCode: province, validFrom: from, status: "active"), parentID: ministryID)
        counts["departments", default: 0] += 1
        return id
    }

    mutating func schoolYear(_ start: Int) async throws {
        _ = try await registry.schoolYears.write(ReferenceSetup.usualCalendar(startYear: start), principal: principal, db: db)
    }

    mutating func school(_ plan: SchoolPlan, commune: (String, String), formerDepartment: String, merged: String) async throws {
        let school = School(id: nil, schoolCode: plan.code, name: "\(plan.name) \(commune.1)", levels: plan.levels, type: nil,
                            ownership: .public, communeCode: commune.0, departmentCode: "SGD19", status: .active,
                            address: "Xã \(commune.1), tỉnh Thái Nguyên", phone: nil, email: nil,
                            // The ministry lists the upper-secondary schools' areas; the demo's are in rural communes.
                            priorityArea: plan.levels.contains(.upperSecondary) ? .kv2NT : nil)
        let stored = try await registry.schools.write(school, principal: principal, db: db).row
        // History: under the former department from 2020, under the merged one from the reform.
        try await db.raw("DELETE FROM org_edges WHERE child_id = \(bind: stored.id)").run()
        try await db.raw("""
            INSERT INTO org_edges (child_id, parent_id, valid_from, valid_to) VALUES
            (\(bind: stored.id), \(bind: formerDepartment), '2020-09-01', '2025-06-30'),
            (\(bind: stored.id), \(bind: merged), '2025-07-01', NULL)
            """).run()
        counts["schools", default: 0] += 1

        let principalStaff = try await staffMember(schoolCode: plan.code, position: "principal", born: 1970...1980)
        _ = principalStaff
        _ = try await staffMember(schoolCode: plan.code, position: "vicePrincipal", born: 1975...1985)
        for grade in plan.grades {
            let teacher = try await staffMember(schoolCode: plan.code, position: "teacher", born: 1972...1998)
            if firstTeacher[plan.code] == nil { firstTeacher[plan.code] = teacher }
            let className = Self.className(grade: grade, plan: plan)
            let schoolClass = SchoolClass(id: nil, schoolCode: plan.code, schoolYear: DemoData.currentYear, name: className,
                                          grade: grade, homeroomStaffCode: teacher, campusCode: nil)
            _ = try await registry.classes.write(schoolClass, principal: principal, db: db)
            counts["classes", default: 0] += 1
            for subject in Self.subjectsTaught(plan: plan, grade: grade) {
                _ = try await registry.assignments.write(
                    TeachingAssignment(id: nil, staffCode: teacher, schoolCode: plan.code, schoolYear: DemoData.currentYear,
                                       className: className, subjectCode: subject, semester: nil), principal: principal, db: db)
            }
            let size = Int(random.next() % UInt64(plan.classSize.count)) + plan.classSize.lowerBound
            for _ in 0..<size {
                try await learner(schoolCode: plan.code, className: className, grade: grade)
            }
        }
    }

    /// The subjects a demo class has a teacher assigned for: care in a kindergarten, Toán
    /// elsewhere, and in upper-secondary grades the natural-sciences elective group too (the
    /// graduation exam checks electives against it).
    static func subjectsTaught(plan: SchoolPlan, grade: String) -> [String] {
        if plan.levels == [.preschool] { return ["CHAMSOC"] }
        return ["10", "11", "12"].contains(grade) ? ["TOAN", "VATLI", "HOAHOC", "SINHHOC", "TINHOC"] : ["TOAN"]
    }

    static func className(grade: String, plan: SchoolPlan) -> String {
        switch grade {
        case "kindergarten-3": "Mầm"
        case "kindergarten-4": "Chồi"
        case "kindergarten-5": "Lá"
        default: "\(grade)A1"
        }
    }

    mutating func person(born years: ClosedRange<Int>) -> (name: String, sex: Sex, birth: CivilDate, citizenID: String) {
        let sex: Sex = random.next() % 2 == 0 ? .male : .female
        let family = names.family.pick(random.unit())
        let middle = names.middle[sex.rawValue]!.pick(random.unit())
        let given = names.given[sex.rawValue]!.pick(random.unit())
        let year = years.lowerBound + Int(random.next() % UInt64(years.count))
        let birth = CivilDate(year: year, month: Int(random.next() % 12) + 1, day: Int(random.next() % 28) + 1)!
        // Births registered in the old Thái Nguyên (019) or Bắc Kạn (006).
        let province = random.next() % 3 == 0 ? "006" : "019"
        let century = CitizenID.centuryDigit(birthYear: year, sex: sex)
        let serial = String(format: "%06d", Int(random.next() % 1_000_000))
        let id = "\(province)\(century)\(String(format: "%02d", year % 100))\(serial)"
        return ("\(family) \(middle) \(given)", sex, birth, id)
    }

    mutating func staffMember(schoolCode: String, position: String, born: ClosedRange<Int>) async throws -> String {
        staffSerial += 1
        let code = "GV19\(String(format: "%06d", staffSerial))"
        let person = person(born: born)
        let staff = Staff(id: nil, staffCode: code, citizenId: person.citizenID, fullName: person.name, familyName: nil,
                          middleName: nil, givenName: nil, dateOfBirth: person.birth, sex: person.sex.rawValue, ethnicity: ethnicity(),
                          position: position, qualifications: ["Cử nhân sư phạm"], professionalTitle: position == "teacher" ? "Giáo viên hạng III" : nil,
                          employments: [.init(schoolCode: schoolCode, position: position, startDate: CivilDate(year: 2018, month: 8, day: 15)!, endDate: nil)])
        _ = try await registry.staff.write(staff, principal: principal, db: db)
        counts["staff", default: 0] += 1
        return code
    }

    mutating func ethnicity() -> String {
        // Thái Nguyên and Bắc Kạn: Kinh, Tày, Nùng, Dao, H'Mông, Sán Chay.
        let groups = [("Kinh", 55.0), ("Tày", 22.0), ("Nùng", 8.0), ("Dao", 7.0), ("H'Mông", 4.0), ("Sán Chay", 4.0)]
        return NameBank.Weighted(groups).pick(random.unit())
    }

    mutating func learner(schoolCode: String, className: String, grade: String) async throws {
        let age: Int = switch grade {
        case "kindergarten-3": 3
        case "kindergarten-4": 4
        case "kindergarten-5": 5
        default: 5 + (Int(grade) ?? 1)
        }
        let birthYear = 2026 - age
        var person = person(born: birthYear...birthYear)
        if random.next() % 10 == 0 { person.citizenID = "" }  // not every child has an ID on file yet
        let learner = Learner(id: nil, learnerCode: nil, citizenId: person.citizenID, fullName: person.name, familyName: nil,
                              middleName: nil, givenName: nil, dateOfBirth: person.birth, sex: person.sex.rawValue,
                              ethnicity: ethnicity(), birthplace: "Thái Nguyên", schoolCode: schoolCode, status: nil)
        let stored = try await registry.learners.write(learner, principal: principal, db: db)
        let code = try References.model(stored.row, as: Learner.self).learnerCode!
        _ = try await registry.enrolments.write(
            Enrolment(id: nil, learnerCode: code, schoolCode: schoolCode, schoolYear: DemoData.currentYear, className: className,
                      entryDate: CivilDate(year: 2026, month: 9, day: 5)!, status: nil, exitDate: nil, exitReason: nil, outcome: nil),
            principal: principal, db: db)
        let parentSex: Sex = random.next() % 2 == 0 ? .male : .female
        let familyName = person.name.split(separator: " ").first.map(String.init) ?? ""
        let parentGiven = names.given[parentSex.rawValue]!.pick(random.unit())
        let parentMiddle = parentSex == .male ? "Văn" : "Thị"
        _ = try await registry.guardians.write(
            Guardian(id: nil, learnerCode: code, fullName: parentSex == .male ? "\(familyName) \(parentMiddle) \(parentGiven)"
                                                                              : "\(names.family.pick(random.unit())) \(parentMiddle) \(parentGiven)",
                     relationship: parentSex == .male ? .father : .mother, birthYear: birthYear - 25 - Int(random.next() % 10),
                     phone: "09\(String(format: "%08d", Int(random.next() % 100_000_000)))", occupation: "Nông dân", citizenId: nil),
            principal: principal, db: db)
        counts["learners", default: 0] += 1
    }
}
