import BulkData
import Foundation
import Platform
import Testing

/// A teacher employed at several schools (common between small schools in the mountains) is one
/// staff record with several employments: one row each in the staff file, on consecutive rows.
@Suite("Staff employed at several schools: one row per employment, on SQLite and PostgreSQL")
struct StaffEmploymentsImportTests {
    static let schools = """
        Mã trường,Tên trường,Cấp học,Loại hình,Mã xã/phường,Mã Sở GD&ĐT
        19THCS900,Trường THCS Vạn Phú,THCS,Công lập,05845,SGD19
        19TH901,Trường Tiểu học Vạn Phú,Tiểu học,Công lập,05845,SGD19
        19TH902,Trường Tiểu học Phú Xuyên,Tiểu học,Công lập,05845,SGD19

        """
    static let header = "Mã định danh,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Dân tộc,Mã trường,Chức vụ,Ngày vào trường,Ngày thôi công tác,Chức danh nghề nghiệp,Trình độ chuyên môn"
    static let son = "GV19000950,Hoàng Văn Sơn,04/05/1982,Nam,,Tày"
    static let hoa = "GV19000951,Lò Thị Hoa,12/11/1990,Nữ,,Kinh,19THCS900,Giáo viên,15/08/2015,,,"

    static func employments(_ setup: ImportSetup, _ code: String) async throws -> [String] {
        let body = try #require(try await setup.body(of: "staff", key: code))
        return (body["employments"] as? [[String: Any]] ?? []).map {
            "\($0["schoolCode"] as? String ?? "") \($0["position"] as? String ?? "") \($0["startDate"] as? String ?? "") \($0["endDate"] as? String ?? "-")"
        }
    }

    @Test(arguments: Engine.allCases)
    func consecutiveRowsAreOneRecordAndExportTheSameWay(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            #expect(try await setup.importText(Self.schools, kind: .schools).committed)
            // Sơn teaches at the lower-secondary school and, since 2020, at a primary school; his
            // earlier post at Phú Xuyên ended. A pasted repeat of a row is written once.
            let file = [Self.header,
                        Self.son + ",19THCS900,Giáo viên,15/08/2012,,Giáo viên THCS hạng II,Cử nhân sư phạm Tin học",
                        Self.son + ",19TH901,Giáo viên,01/09/2020,,Giáo viên THCS hạng II,Cử nhân sư phạm Tin học",
                        Self.son + ",19TH901,Giáo viên,01/09/2020,,Giáo viên THCS hạng II,Cử nhân sư phạm Tin học",
                        Self.son + ",19TH902,Giáo viên,01/09/2008,31/07/2012,Giáo viên THCS hạng II,Cử nhân sư phạm Tin học",
                        Self.hoa, ""].joined(separator: "\n")
            let imported = try await setup.importText(file, kind: .staff)
            #expect(imported.committed && imported.refused == 0, "\(imported.examples.map(\.reason.en))")
            #expect((imported.rows, imported.created, imported.joined, imported.repeated) == (5, 2, 2, 1))
            #expect(try await Self.employments(setup, "GV19000950") == [
                "19THCS900 teacher 2012-08-15 -", "19TH901 teacher 2020-09-01 -", "19TH902 teacher 2008-09-01 2012-07-31"])

            // The export writes a row per employment, and reads back as unchanged.
            let path = setup.folder.appendingPathComponent("staff-export.csv").path
            let exported = try await BulkExporter(database: setup.database).run(.init(kind: .staff, path: path, fileFormat: .csv),
                                                                               principal: setup.principal)
            #expect(exported.rows == 4)
            let lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)).dropFirst(3), as: UTF8.self)
                .split(separator: "\n").map(String.init)
            #expect(lines.filter { $0.hasPrefix("GV19000950,") }.map { $0.split(separator: ",", omittingEmptySubsequences: false)[6] }
                == ["19THCS900", "19TH901", "19TH902"])
            #expect(lines.contains { $0.contains(",19TH902,Giáo viên,01/09/2008,31/07/2012,") })
            let feed = try await setup.count("changes")
            let again = try await setup.importer.run(.init(kind: .staff, path: path, reportPath: setup.reportPath), principal: setup.principal)
            #expect(again.committed && (again.unchanged, again.joined, again.created, again.updated) == (2, 2, 0, 0))
            #expect(try await setup.count("changes") == feed)
        }
    }

    @Test(arguments: Engine.allCases)
    func rowsOfOnePersonMustFollowEachOtherAndAgree(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            #expect(try await setup.importText(Self.schools, kind: .schools).committed)
            let file = [Self.header,
                        Self.son + ",19THCS900,Giáo viên,15/08/2012,,,",
                        Self.hoa,
                        Self.son + ",19TH901,Giáo viên,01/09/2020,,,",
                        "GV19000951,Lò Thị Hoa,12/11/1991,Nữ,,Kinh,19TH901,Giáo viên,01/09/2021,,,", ""].joined(separator: "\n")
            let refused = try await setup.importText(file, kind: .staff)
            #expect(!refused.committed && refused.refused == 2)
            #expect(try setup.reportIssues().filter { $0.severity == "error" }.map(\.description)
                == ["4  error row.groupNotConsecutive", "5  error row.conflictsWithEarlier"])
            #expect(try await setup.count("staff") == 0)
        }
    }

    /// A person's rows that straddle two batches (`ImportSetup.rowsPerBatch`, 512 rows) are still one record.
    @Test(arguments: Engine.allCases)
    func aPersonsRowsAcrossTwoBatchesAreOneRecord(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            #expect(try await setup.importText(Self.schools, kind: .schools).committed)
            let fillers = (0..<510).map { String(format: "GV19100%03d,Người Thứ Năm,01/01/1985,Nữ,,Kinh,19THCS900,Giáo viên,15/08/2010,,,", $0) }
            let file = ([Self.header] + fillers + [Self.son + ",19THCS900,Giáo viên,15/08/2012,,,", Self.son + ",19TH901,Giáo viên,01/09/2020,,,", ""])
                .joined(separator: "\n")
            let imported = try await setup.importText(file, kind: .staff)
            #expect(imported.committed && imported.refused == 0 && imported.created == 511 && imported.joined == 1)
            #expect(try await Self.employments(setup, "GV19000950").count == 2)
        }
    }
}
