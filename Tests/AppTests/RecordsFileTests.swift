import Foundation
import IdentityVerification
import PersonMatching
import Platform
import Testing

/// `nemis identity verify-file` reads a CSV of records: columns found by name in any order, each cell
/// without the spaces around it, empty cells absent, and a file it cannot read refused whole.
@Suite("Records files for verify-file")
struct RecordsFileTests {
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func cellsAreTrimmedAndColumnsFoundByName() throws {
        let path = try Self.file("""
            Full_Name , sex,\tCITIZEN_ID,date_of_birth,record_id,note,birth_province
            Nguyễn Thị Lan,Nữ,001324012345,02/05/2024,r1,x,001
             Trần Văn Anh\t,\tNam , 001224012345 ,2024-01-31,\tr2 ,,
            \u{A0}Đặng Thu Hà\u{A0},nữ,,2024,,,\u{3000}
            Lê An,male,\t,31/12/2023, r4,,\u{A0}
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let records = try RecordsFile.read(path)
        #expect(records.map(\.id) == ["r1", "r2", "line 4", "r4"])
        #expect(records.map(\.record.fullName) == ["Nguyễn Thị Lan", "Trần Văn Anh", "Đặng Thu Hà", "Lê An"])
        #expect(records.map(\.record.citizenID) == ["001324012345", "001224012345", nil, nil])
        #expect(records.map(\.record.sex) == [.female, .male, .female, .male])
        #expect(records.map(\.record.birthProvince) == ["001", nil, nil, nil])
        #expect(records.map(\.record.dateOfBirth) == [CivilDate(year: 2024, month: 5, day: 2), CivilDate(year: 2024, month: 1, day: 31),
                                                       CivilDate(year: 2024), CivilDate(year: 2023, month: 12, day: 31)])
    }

    @Test func aFileWithoutTheNeededColumnsIsRefused() throws {
        let path = try Self.file("record_id,full_name,sex\nr1,Nguyễn Thị Lan,Nữ\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try RecordsFile.read(path)
        } throws: { error in
            "\(error)".contains("the header lacks citizen_id, date_of_birth")
        }
    }
}
