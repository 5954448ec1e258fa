import App
import BulkData
import Foundation
import Platform
import Testing

/// What `nemis import` tells the person at the terminal, from the real executable.
@Suite("nemis import on the command line")
struct ImportCommandTests {
    static let header = "Mã định danh,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Mã trường\n"
    static let goodRows = ",019314000001,Nguyễn Thị An,01/02/2014,Nữ,19THCS900\n,019214000002,Trần Văn Bình,03/04/2014,Nam,19THCS900\n"

    @Test func aRefusedFileStoresNothingAndDoesNotCallItsGoodRowsCreated() async throws {
        let executable = try #require(NemisExecutable.url, "the nemis executable is built next to the tests")
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.sqlite)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let schools = folder.appendingPathComponent("schools.csv").path
            try ImportTests.schoolsCSV.write(toFile: schools, atomically: true, encoding: .utf8)
            #expect(try await NemisExecutable.run(executable, ["setup"], configuration).status == 0)
            #expect(try await NemisExecutable.run(executable, ["import", "schools", schools], configuration).status == 0)

            let file = folder.appendingPathComponent("learners.csv").path
            try (Self.header + Self.goodRows + ",019214000003,Lê Văn Cường,31/02/2014,Nam,19THCS900\n")
                .write(toFile: file, atomically: true, encoding: .utf8)
            let refused = try await NemisExecutable.run(executable, ["import", "learners", file], configuration)
            #expect(refused.status == 1)
            #expect(refused.output.contains("learners: 3 rows in "))
            #expect(refused.output.contains("2 good rows not stored (2 new, 0 changed, 0 unchanged), 0 repeated, 1 refused"), "\(refused.output)")
            #expect(refused.output.contains("NOTHING WAS STORED"))
            #expect(!refused.output.contains("created"))
            #expect(refused.output.contains("row 4, Ngày sinh '31/02/2014': not a date"))

            try (Self.header + Self.goodRows).write(toFile: file, atomically: true, encoding: .utf8)
            let stored = try await NemisExecutable.run(executable, ["import", "learners", file], configuration)
            #expect(stored.status == 0)
            #expect(stored.output.contains("2 created, 0 updated, 0 unchanged, 0 repeated, 0 refused"), "\(stored.output)")
            let again = try await NemisExecutable.run(executable, ["import", "learners", file], configuration)
            #expect(again.output.contains("0 created, 0 updated, 2 unchanged, 0 repeated, 0 refused"), "\(again.output)")
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }

    @Test func aMissingFileOrAFolderIsNamedWithoutTheUsageLines() async throws {
        let executable = try #require(NemisExecutable.url, "the nemis executable is built next to the tests")
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.sqlite)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("learners.xlsx").path
        let absent = try await NemisExecutable.run(executable, ["import", "learners", missing], configuration)
        #expect(absent.status == 64)
        #expect(absent.output == "Error: cannot read \(missing): no such file (không có tệp này)\n")
        let notAFile = try await NemisExecutable.run(executable, ["import", "learners", folder.path], configuration)
        #expect(notAFile.status == 64)
        #expect(notAFile.output == "Error: cannot read \(folder.path): a folder, not a file (đây là thư mục, không phải tệp)\n")
        await cleanup()
    }
}
