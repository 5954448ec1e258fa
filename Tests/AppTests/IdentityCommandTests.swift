import App
import Foundation
import Testing

/// `nemis identity verify`, `rates` and `corrections` on a school or a province, from the real executable.
@Suite("nemis identity on the command line")
struct IdentityCommandTests {
    @Test func aSchoolOrAProvinceIsVerifiedAndReadBack() async throws {
        let executable = try #require(NemisExecutable.url, "the nemis executable is built next to the tests")
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.sqlite)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            func nemis(_ arguments: String...) async throws -> (status: Int32, output: String) {
                try await NemisExecutable.run(executable, arguments, configuration)
            }
            let registry = folder.appendingPathComponent("registry.csv").path
            #expect(try await nemis("setup").status == 0)
            let generated = try await NemisExecutable.run(executable, ["population", "generate", "--people", "50", "--seed", "1", "--out", registry], nil)
            #expect(generated.status == 0, "\(generated.output)")
            let schools = folder.appendingPathComponent("schools.csv").path
            try ImportTests.schoolsCSV.write(toFile: schools, atomically: true, encoding: .utf8)
            let learners = folder.appendingPathComponent("learners.csv").path
            try (ImportCommandTests.header + ImportCommandTests.goodRows).write(toFile: learners, atomically: true, encoding: .utf8)
            #expect(try await nemis("import", "schools", schools).status == 0)
            #expect(try await nemis("import", "learners", learners).status == 0)

            let school = try await nemis("identity", "verify", "--school", "19thcs900", "--registry-file", registry)
            #expect(school.status == 0)
            #expect(school.output.contains("of 19THCS900: 2 of 2 people checked"), "\(school.output)")
            let province = try await nemis("identity", "verify", "--province", "19", "--registry-file", registry)
            #expect(province.output.contains("of SGD19: 2 of 2 people checked"), "\(province.output)")
            let rates = try await nemis("identity", "rates", "--level", "school", "--province", "19")
            #expect(rates.status == 0 && rates.output.contains("19THCS900"), "\(rates.output)")
            let list = folder.appendingPathComponent("corrections.csv").path
            let corrections = try await nemis("identity", "corrections", "--school", "19THCS900", "--out", list)
            #expect(corrections.status == 0 && FileManager.default.fileExists(atPath: list), "\(corrections.output)")

            // A province's code is not a school's: `--school 19` does not verify the province.
            let notASchool = try await nemis("identity", "verify", "--school", "19", "--registry-file", registry)
            #expect(notASchool.status == 64 && notASchool.output == "Error: no school with code '19'\n", "\(notASchool.output)")
            let both = try await nemis("identity", "rates", "--school", "19THCS900", "--province", "19")
            #expect(both.status == 64 && both.output.contains("give --school or --province, not both"))
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }
}
