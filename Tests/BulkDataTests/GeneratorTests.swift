@testable import BulkData
import CitizenID
import Foundation
import Registry
import Testing
import VietnameseText

@Suite("Dataset generator")
struct GeneratorTests {
    @Test("the same seed gives the same bytes with 1 or 3 threads; another seed gives other bytes")
    func deterministic() throws {
        let (one, summary) = try SmallDataset.write(seed: 7, threads: 1)
        let (three, _) = try SmallDataset.write(seed: 7, threads: 3)
        let (other, _) = try SmallDataset.write(seed: 8, threads: 2)
        defer { one.remove(); three.remove(); other.remove() }
        #expect(summary.parts >= 5, "the small plan spans several parts")
        for kind in BulkKind.allCases {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: one.file(kind.fileName)))
            #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: three.file(kind.fileName)))), "\(kind.fileName)")
            #expect(bytes.count == summary.bytes[kind])
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: one.file("learners.csv")))
            != Data(contentsOf: URL(fileURLWithPath: other.file("learners.csv"))))
    }

    @Test("a province's plan is the national plan's share of it, and the national plan has the country's size")
    func plans() throws {
        let geography = try Geography.load()
        let national = DatasetPlan.make(geography: geography, seed: 3, onlyProvince: nil)
        let province = DatasetPlan.make(geography: geography, seed: 3, onlyProvince: "19")
        let nationalSlice = national.parts.filter { geography.provinces[$0.province].code == "19" }
        #expect(nationalSlice.flatMap { $0.schools.map(\.code) } == province.parts.flatMap { $0.schools.map(\.code) })
        #expect(Set(national.parts.map(\.province)).count == 34)
        let schools = national.parts.flatMap(\.schools)
        #expect((50_000...56_000).contains(schools.count), "\(schools.count) schools")
        #expect(Set(schools.map(\.code)).count == schools.count)
        let learners = schools.map { SchoolType.all[$0.type].expectedLearners(urban: $0.commune.isUrban) }.reduce(0, +)
        #expect((21e6...27e6).contains(learners), "\(learners) learners expected")
        #expect(national.parts.allSatisfy { $0.partsInProvince <= DatasetPlan.maximumPartsPerProvince })
    }

    @Test("every citizen ID is valid, agrees with its person's sex and birth year, and is unique in the dataset")
    func citizenIDs() throws {
        let (folder, _) = try SmallDataset.write(seed: 11, threads: 2)
        defer { folder.remove() }
        let files = try SmallDataset.read(folder)
        var seen: Set<String> = []
        var checked = 0
        for kind in [BulkKind.staff, .learners, .guardians] {
            for row in files[kind]!.keyed(kind.format.keys) {
                guard let text = row["citizen_id"], !text.isEmpty else { continue }
                let id = try CitizenID.parse(text)
                let sex: Sex?
                let year: Int
                if kind == .guardians {
                    sex = row["relationship"] == "Cha" ? .male : row["relationship"] == "Mẹ" ? .female : nil
                    year = Int(row["birth_year"]!)!
                } else {
                    sex = row["sex"] == "Nữ" ? .female : .male
                    year = BulkDate.parse(row["date_of_birth"]!)!.year
                }
                #expect(id.check(sex: sex, birthYear: year, asOfYear: 2026).isEmpty, "\(kind) \(text)")
                #expect(seen.insert(text).inserted, "\(text) repeats")
                checked += 1
            }
        }
        #expect(checked > 3_000)
    }

    @Test("natural keys are unique in every file", arguments: BulkKind.allCases)
    func naturalKeysUnique(kind: BulkKind) throws {
        let (folder, _) = try SmallDataset.write(seed: 12, threads: 2)
        defer { folder.remove() }
        let file = try CSVFile(path: folder.file(kind.fileName))
        #expect(!file.rows.isEmpty)
        var keys: Set<[String]> = []
        for row in file.keyed(kind.format.keys) {
            guard let key = kind.format.naturalKey({ row[$0] }) else {
                Issue.record("\(kind) row without a natural key: \(row)")
                continue
            }
            // The Registry compares guardians' names folded (Guardian.spec naturalKey).
            let values = kind == .guardians ? key.values.map { VietnameseText.fold($0) } : key.values
            #expect(keys.insert(values).inserted, "\(kind) key \(values) repeats")
        }
    }

    @Test("every reference points at a record of the dataset")
    func referentialIntegrity() throws {
        let (folder, summary) = try SmallDataset.write(seed: 13, threads: 2)
        defer { folder.remove() }
        let files = try SmallDataset.read(folder)
        func rows(_ kind: BulkKind) -> [[String: String]] { files[kind]!.keyed(kind.format.keys) }
        let communes = Set(try AdminUnits.referenceUnits().filter { $0.level == "commune" }.map(\.code))
        let schools = Set(rows(.schools).map { $0["school_code"]! })
        #expect(rows(.schools).allSatisfy { communes.contains($0["commune_code"]!) })
        let staffSchool = Dictionary(uniqueKeysWithValues: rows(.staff).map { ($0["staff_code"]!, $0["school_code"]!) })
        #expect(staffSchool.values.allSatisfy(schools.contains))
        let learnerSchool = Dictionary(uniqueKeysWithValues: rows(.learners).map { ($0["learner_code"]!, $0["school_code"]!) })
        #expect(learnerSchool.values.allSatisfy(schools.contains))
        var classes: Set<[String]> = []
        for row in rows(.classes) {
            classes.insert([row["school_code"]!, row["school_year"]!, row["class_name"]!])
            #expect(staffSchool[row["homeroom_staff_code"]!] == row["school_code"], "homeroom teacher employed at the school")
        }
        for row in rows(.teachingAssignments) {
            #expect(staffSchool[row["staff_code"]!] == row["school_code"], "teacher employed at the school")
            #expect(classes.contains([row["school_code"]!, row["school_year"]!, row["class_name"]!]))
        }
        var enrolled: Set<String> = []
        for row in rows(.enrolments) {
            #expect(learnerSchool[row["learner_code"]!] == row["school_code"], "enrolled where the record is held")
            #expect(classes.contains([row["school_code"]!, row["school_year"]!, row["class_name"]!]))
            #expect(enrolled.insert(row["learner_code"]!).inserted, "one enrolment per learner and year")
        }
        #expect(enrolled == Set(learnerSchool.keys), "every learner is enrolled")
        let guarded = Set(rows(.guardians).map { $0["learner_code"]! })
        #expect(guarded == Set(learnerSchool.keys), "every learner has a parent or guardian, and only learners do")
        #expect(summary.rows[.learners] == learnerSchool.count)
    }

    @Test("every generated row becomes a Registry API body that decodes and passes the rules that need no database")
    func rowsFitTheRegistry() throws {
        let (folder, _) = try SmallDataset.write(seed: 14, threads: 2)
        defer { folder.remove() }
        let files = try SmallDataset.read(folder)
        for kind in BulkKind.allCases {
            let file = files[kind]!
            #expect(file.startsWithByteOrderMark)
            #expect(file.header == kind.format.headers, "\(kind) header")
            #expect(file.rows.allSatisfy { $0.count == kind.format.columns.count }, "\(kind) field count")
            for row in file.rows {
                let body = try RegistryBody(kind.format, row)
                try body.decode(kind)
            }
        }
    }

    @Test("school scale is one multi-level school with every kind of record")
    func schoolScale() throws {
        let folder = try TemporaryDirectory("school")
        defer { folder.remove() }
        let summary = try DatasetGenerator.generate(GenerateOptions(scale: .school, seed: 5, outputDirectory: folder.path, threads: 2))
        #expect(summary.rows[.schools] == 1)
        for kind in BulkKind.allCases { #expect((summary.rows[kind] ?? 0) > 0, "\(kind)") }
        let classes = try CSVFile(path: folder.file("classes.csv")).keyed(BulkFormat.classes.keys)
        #expect(Set(classes.map { $0["grade"]! }) == Set((1...9).map(String.init)))
        #expect(throws: GenerateError.unknownProvince("99")) {
            try DatasetGenerator.generate(GenerateOptions(scale: .school, seed: 5, outputDirectory: folder.path, provinceCode: "99", threads: 1))
        }
    }
}
