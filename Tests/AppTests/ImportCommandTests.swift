import Foundation
import Testing

/// What `nemis import` tells the person at the terminal, from the real executable.
@Suite("nemis import on the command line")
struct ImportCommandTests {
    static let header = "Mã định danh,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Mã trường\n"
    static let goodRows = ",019314000001,Nguyễn Thị An,01/02/2014,Nữ,19THCS900\n,019214000002,Trần Văn Bình,03/04/2014,Nam,19THCS900\n"

    @Test func aRefusedFileStoresNothingAndDoesNotCallItsGoodRowsCreated() async throws {
        try await CommandLineScratch.with { scratch in
            #expect(try await scratch.nemis("setup").status == 0)
            #expect(try await scratch.nemis("import", "schools", try scratch.file("schools.csv", ImportTests.schoolsCSV)).status == 0)

            let file = try scratch.file("learners.csv", Self.header + Self.goodRows + ",019214000003,Lê Văn Cường,31/02/2014,Nam,19THCS900\n")
            let refused = try await scratch.nemis("import", "learners", file)
            #expect(refused.status == 1)
            #expect(refused.output.contains("learners: 3 rows in "))
            #expect(refused.output.contains("2 good rows not stored (2 new, 0 changed, 0 unchanged), 0 repeated, 1 refused"), "\(refused.output)")
            #expect(refused.output.contains("NOTHING WAS STORED"))
            #expect(!refused.output.contains("created"))
            #expect(refused.output.contains("row 4, Ngày sinh '31/02/2014': not a date"))

            _ = try scratch.file("learners.csv", Self.header + Self.goodRows)
            let stored = try await scratch.nemis("import", "learners", file)
            #expect(stored.status == 0)
            #expect(stored.output.contains("2 created, 0 updated, 0 unchanged, 0 repeated, 0 refused"), "\(stored.output)")
            let again = try await scratch.nemis("import", "learners", file)
            #expect(again.output.contains("0 created, 0 updated, 2 unchanged, 0 repeated, 0 refused"), "\(again.output)")
        }
    }

    @Test func aMissingFileOrAFolderIsNamedWithoutTheUsageLines() async throws {
        try await CommandLineScratch.with { scratch in
            let missing = try scratch.file("learners.xlsx")
            let absent = try await scratch.nemis("import", "learners", missing)
            #expect(absent.status == 64)
            #expect(absent.output == "Error: cannot read \(missing): no such file (không có tệp này)\n")
            let notAFile = try await scratch.nemis("import", "learners", scratch.folder.path)
            #expect(notAFile.status == 64)
            #expect(notAFile.output == "Error: cannot read \(scratch.folder.path): a folder, not a file (đây là thư mục, không phải tệp)\n")
        }
    }
}
