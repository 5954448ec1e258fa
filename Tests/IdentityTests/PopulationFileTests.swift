import BulkData
import CitizenID
import Foundation
@testable import Identity
import Testing

/// The registry file: `nemis population generate` writes it, the service loads it.
@Suite("Population registry file")
struct PopulationFileTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("identity-\(UUID().uuidString)-\(name)").path
    }

    @Test func generationIsDeterministicAndItsIDsPassTheOfflineChecks() async throws {
        let one = Self.temporaryPath("one.csv"), two = Self.temporaryPath("two.csv"), other = Self.temporaryPath("other.csv")
        defer { for path in [one, two, other] { try? FileManager.default.removeItem(atPath: path) } }
        let summary = try PopulationFile.write(people: 3000, seed: 11, to: one, threads: 1)
        _ = try PopulationFile.write(people: 3000, seed: 11, to: two, threads: 2)
        _ = try PopulationFile.write(people: 3000, seed: 12, to: other, threads: 2)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: one))
        #expect(summary.people == 3000 && summary.bytes == bytes.count)
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: two))), "the same seed gives the same bytes, whatever the threads")
        #expect(bytes != (try Data(contentsOf: URL(fileURLWithPath: other))))

        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.first == RegistryFile.columns.joined(separator: ","))
        #expect(lines.count == 3001)
        var ids = Set<String>()
        var yearOnly = 0
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 7, "\(line)")
            let id = try CitizenID(fields[0])
            let sex: Sex = fields[5] == "female" ? .female : .male
            let year = try #require(Int(fields[4].prefix(4)))
            #expect(id.check(sex: sex, birthYear: year, asOfYear: 2026).isEmpty, "\(line)")
            #expect(id.provinceCode == fields[6])
            #expect(!fields[1].isEmpty && !fields[3].isEmpty)
            if fields[4].count == 4 { yearOnly += 1 }
            ids.insert(fields[0])
        }
        #expect(ids.count == 3000, "no ID twice")
        #expect(yearOnly > 0 && yearOnly < 200, "a few dates of birth are only a year")

        let index = try RegistryFile.load(path: one)
        #expect(index.count == 3000)
        let registry = InProcessPopulationRegistry(index: index)
        let sample = Array(ids.prefix(50))
        let sampled = try await registry.lookup(sample)
        #expect(sampled.count == 50)
        let someone = try #require(index.citizen(sample[0]))
        let namesakes = try await registry.search(CitizenQuery(hoVaTen: someone.hoVaTen, namSinh: try #require(someone.birthYear)))
        #expect(namesakes.contains(someone))
    }

    @Test func badRowsAreReportedWithTheirLineAndColumn() throws {
        let path = Self.temporaryPath("bad.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = """
        citizen_id,family_name,middle_name,given_name,date_of_birth,sex,birth_province
        001210000101,Nguyễn,Văn,An,2010-01-11,male,001
        001210000102,Nguyễn,Văn,An,2010-02-30,male,001
        001210000103,Nguyễn,Văn,An,2010-03-13,nam,001
        79210000104,Nguyễn,Văn,An,2010,male,079

        """
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: RegistryFileError.self) { try RegistryFile.load(path: path) }
        guard case .invalidRows(_, let problems)? = error else { Issue.record("expected bad rows, got \(String(describing: error))"); return }
        #expect(problems.map(\.line) == [3, 4, 5])
        #expect(problems.map(\.column) == [5, 6, 1])
    }

    /// `people` (what a local verification indexes) reads and refuses exactly what `load` does.
    @Test func peopleAreReadAndCheckedAsTheServiceLoadsThem() throws {
        let path = Self.temporaryPath("people.csv"), twice = Self.temporaryPath("twice.csv")
        defer { for file in [path, twice] { try? FileManager.default.removeItem(atPath: file) } }
        _ = try PopulationFile.write(people: 2000, seed: 5, to: path, threads: 2)
        let people = try RegistryFile.people(path: path)
        let index = try RegistryFile.load(path: path)
        #expect(people.count == 2000 && index.count == 2000)
        #expect(people.filter { index.citizen($0.citizenID) != $0.citizen }.isEmpty)
        #expect(people.contains { $0.packedBirthDate % 10_000 == 0 } && people.contains { $0.packedBirthDate % 10_000 != 0 })

        try Data("""
            citizen_id,family_name,middle_name,given_name,date_of_birth,sex,birth_province
            001210000109,Nguyễn,Văn,An,2010-01-11,male,001
            001210000102,Trần,Thị,Bình,2010,female,001
            001210000109,Lê,Văn,Cường,2011-05-06,male,001
            001210000102,Phạm,Thị,Dung,2010-07-08,female,001

            """.utf8).write(to: URL(fileURLWithPath: twice))
        for read in [{ _ = try RegistryFile.people(path: twice) }, { _ = try RegistryFile.load(path: twice) }] {
            let error = #expect(throws: RegistryFileError.self) { try read() }
            guard case .invalidRows(_, let problems)? = error else { Issue.record("expected bad rows, got \(String(describing: error))"); continue }
            // The first ID to come twice in file order, not the smallest.
            #expect(problems.map(\.message) == ["citizen ID 001210000109 appears more than once"])
        }
    }

    @Test func decomposedNamesAreStoredComposed() throws {
        let path = Self.temporaryPath("nfd.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let decomposed = "Nguye\u{0302}\u{0303}n"
        try Data("\u{FEFF}citizen_id,family_name,middle_name,given_name,date_of_birth,sex,birth_province\r\n001210000101,\(decomposed),,An,2010,male,001\r\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let citizen = try #require(try RegistryFile.load(path: path).citizen("001210000101"))
        #expect(Array(citizen.ho.utf8) == Array("Nguy\u{1EC5}n".utf8))
        #expect(citizen.hoVaTen == "Nguyễn An")
    }
}
