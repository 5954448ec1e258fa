import Foundation
import Testing

/// `nemis identity verify`, `rates` and `corrections` on a school or a province, from the real executable.
@Suite("nemis identity on the command line")
struct IdentityCommandTests {
    @Test func aSchoolOrAProvinceIsVerifiedAndReadBack() async throws {
        try await CommandLineScratch.with { scratch in
            let registry = try scratch.file("registry.csv")
            let generated = try await NemisExecutable.run(
                scratch.executable, ["population", "generate", "--people", "50", "--seed", "1", "--out", registry], nil)
            #expect(generated.status == 0, "\(generated.output)")
            #expect(try await scratch.nemis("setup").status == 0)
            #expect(try await scratch.nemis("import", "schools", try scratch.file("schools.csv", ImportTests.schoolsCSV)).status == 0)
            let learners = try scratch.file("learners.csv", ImportCommandTests.header + ImportCommandTests.goodRows)
            #expect(try await scratch.nemis("import", "learners", learners).status == 0)

            let school = try await scratch.nemis("identity", "verify", "--school", "19thcs900", "--registry-file", registry)
            #expect(school.status == 0)
            #expect(school.output.contains("of 19THCS900: 2 of 2 people checked"), "\(school.output)")
            let province = try await scratch.nemis("identity", "verify", "--province", "19", "--registry-file", registry)
            #expect(province.output.contains("of SGD19: 2 of 2 people checked"), "\(province.output)")
            let rates = try await scratch.nemis("identity", "rates", "--level", "school", "--province", "19")
            #expect(rates.status == 0 && rates.output.contains("19THCS900"), "\(rates.output)")
            let list = try scratch.file("corrections.csv")
            let corrections = try await scratch.nemis("identity", "corrections", "--school", "19THCS900", "--out", list)
            #expect(corrections.status == 0 && FileManager.default.fileExists(atPath: list), "\(corrections.output)")

            // A province's code is not a school's: `--school 19` does not verify the province.
            let notASchool = try await scratch.nemis("identity", "verify", "--school", "19", "--registry-file", registry)
            #expect(notASchool.status == 64 && notASchool.output == "Error: no school with code '19'\n", "\(notASchool.output)")
            let both = try await scratch.nemis("identity", "rates", "--school", "19THCS900", "--province", "19")
            #expect(both.status == 64 && both.output.contains("give --school or --province, not both"))
        }
    }
}
