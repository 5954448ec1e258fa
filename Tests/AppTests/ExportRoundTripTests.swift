import BulkData
import Foundation
import Platform
import SQLKit
import Testing

/// `nemis export`: every kind written in the import format reads back through `nemis import` as
/// "unchanged", in CSV and XLSX, on both databases; citizen IDs only with identity:read.
@Suite("Bulk export, on SQLite and PostgreSQL")
struct ExportRoundTripTests {
    /// A school's worth of every kind, in import order.
    static let dataset: [(BulkKind, String)] = [
        (.schools, #"""
            Mã trường,Tên trường,Cấp học,Loại hình,Mã xã/phường,Mã Sở GD&ĐT,Địa chỉ,Điện thoại
            19THCS900,"Trường THCS Vạn Phú, Thái Nguyên",THCS; THPT,Công lập,05845,SGD19,"Số 1, đường ""Lê Lợi""",0912345678

            """#),
        (.staff, """
            Mã định danh,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Dân tộc,Mã trường,Chức vụ,Ngày vào trường,Chức danh nghề nghiệp,Trình độ chuyên môn
            GV19000900,Nguyễn Thị Lan,01/01/1985,Nữ,019185000201,Kinh,19THCS900,Giáo viên,15/08/2010,Giáo viên THCS hạng II,Cử nhân sư phạm Toán; Thạc sĩ
            GV19000901,Trần Văn Minh,02/03/1980,Nam,,Tày,19THCS900,Hiệu trưởng,01/09/2005,,

            """),
        (.learners, """
            Mã định danh,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Nơi đăng ký khai sinh,Mã trường
            1900000001,019314000101,Trần Thị Hoà,05/09/2014,Nữ,Kinh,Thái Nguyên,19THCS900
            1900000002,019214000102,Nguyễn Văn Đức,12/03/2014,Nam,,,19THCS900

            """),
        (.guardians, """
            Mã định danh học sinh,Họ và tên,Quan hệ,Năm sinh,Điện thoại,Nghề nghiệp,Số định danh cá nhân
            1900000001,Trần Văn Hùng,Cha,1984,0987654321,Công nhân,

            """),
        (.classes, """
            Mã trường,Năm học,Tên lớp,Khối,Mã định danh GV chủ nhiệm
            19THCS900,2026-2027,6A1,6,GV19000900

            """),
        (.enrolments, """
            Mã định danh học sinh,Mã trường,Năm học,Tên lớp,Ngày nhập học
            1900000001,19THCS900,2026-2027,6A1,05/09/2026
            1900000002,19THCS900,2026-2027,6A1,05/09/2026

            """),
        (.teachingAssignments, """
            Mã định danh giáo viên,Mã trường,Năm học,Tên lớp,Mã môn học,Học kỳ
            GV19000900,19THCS900,2026-2027,6A1,TOAN,
            GV19000900,19THCS900,2026-2027,6A1,NGUVAN,I

            """),
    ]

    static func load(_ setup: ImportSetup) async throws {
        for (kind, text) in dataset {
            let summary = try await setup.importText(text, kind: kind)
            #expect(summary.committed && summary.refused == 0, "\(kind): \(summary.examples.map(\.reason.en))")
        }
    }

    @Test(arguments: Engine.allCases)
    func exportThenImportChangesNothing(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            try await Self.load(setup)
            let exporter = BulkExporter(database: setup.database)
            for format in ExportFileFormat.allCases {
                for (kind, _) in Self.dataset {
                    let path = setup.folder.appendingPathComponent("\(kind.rawValue)-export.\(format.rawValue)").path
                    let before = try await setup.snapshot(kind)
                    let feedBefore = try await setup.count("changes")
                    let exported = try await exporter.run(.init(kind: kind, path: path, fileFormat: format), principal: setup.principal)
                    #expect(exported.rows == before.count, "\(kind) \(format)")
                    let imported = try await setup.importer.run(.init(kind: kind, path: path, reportPath: setup.reportPath),
                                                                principal: setup.principal)
                    #expect(imported.committed && imported.refused == 0, "\(kind) \(format): \(imported.examples.map(\.reason.en))")
                    #expect((imported.created, imported.updated, imported.unchanged) == (0, 0, before.count), "\(kind) \(format)")
                    #expect(try await setup.snapshot(kind) == before, "\(kind) \(format)")
                    #expect(try await setup.count("changes") == feedBefore, "\(kind) \(format)")
                }
            }
        }
    }

    @Test(arguments: Engine.allCases)
    func csvIsTheImportFormatAndCitizenIDsNeedIdentityRead(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            try await Self.load(setup)
            let exporter = BulkExporter(database: setup.database)
            let path = setup.folder.appendingPathComponent("learners-export.csv").path
            _ = try await exporter.run(.init(kind: .learners, path: path, fileFormat: .csv), principal: setup.principal)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.starts(with: CSVEncoding.byteOrderMark))
            let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\n").map(String.init)
            #expect(lines.first == BulkKind.learners.format.headers.joined(separator: ","))
            #expect(lines.dropFirst().first == "1900000001,019314000101,Trần Thị Hoà,05/09/2014,Nữ,Kinh,Thái Nguyên,19THCS900")

            // An analyst reads the registry but not identity data: the same rows, without citizen IDs.
            let ministry = try #require(setup.principal.grants.first?.orgID)
            let analyst = Principal(id: "analyst", name: "analyst", kind: .user, grants: [Grant(role: .ministryAnalyst, orgID: ministry)])
            let redacted = try await exporter.run(.init(kind: .learners, path: path, fileFormat: .csv), principal: analyst)
            #expect(redacted.rows == 2 && redacted.withIdentity == 0)
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            #expect(!text.contains("019314000101") && text.contains("1900000001,,Trần Thị Hoà"))

            // Narrowed to another school: nothing.
            let other = try await setup.database.read { db in try await ExportScope.node(db, provinceCode: "01")?.id }
            let none = try await exporter.run(.init(kind: .learners, path: path, fileFormat: .csv, narrowedTo: other), principal: setup.principal)
            #expect(none.rows == 0)
        }
    }
}

extension ImportSetup {
    /// Every record of a kind: natural key, version and document, in key order.
    func snapshot(_ kind: BulkKind) async throws -> [String] {
        let table = kind.rawValue
        return try await database.read { db in
            try await db.raw("SELECT natural_key, version, body FROM \(ident: table) ORDER BY natural_key").all().map { row in
                "\(try row.decode(column: "natural_key", as: String.self))|\(try row.decode(column: "version", as: Int.self))|"
                    + (try row.decode(column: "body", as: String.self))
            }
        }
    }
}
