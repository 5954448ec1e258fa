import App
import BulkData
import Foundation
import Logging
import NIOCore
import Platform
import Registry
import SQLKit
import Synchronization
import Testing

/// Enrolments, guardians, classes and teaching assignments name other records on every row. A batch of
/// them reads those records with a few statements (`ResourceSpec.prefetch`); each row must still be
/// judged as the one-row path judges it, and the statements must not grow with the rows.
@Suite("Batch writes read what their rows name, on SQLite and PostgreSQL")
struct BatchReadsTests {
    /// Enrolments and guardians name another learner on every row, classes another teacher; a batch
    /// reads them, the learners' active enrolments and what the importer may see with a few statements.
    /// Each row must still be judged against what is stored and against the importer's scope.
    @Test(arguments: Engine.allCases)
    func rowsNamingOtherRecordsAreCheckedAgainstStoredRecordsAndScope(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(ImportTests.schoolsCSV, kind: .schools)
            _ = try await setup.importText("""
                Mã trường,Tên trường,Cấp học,Loại hình,Mã xã/phường,Mã Sở GD&ĐT
                19THCS901,Trường THCS Phú Xuân,THCS,Công lập,5845,SGD19

                """, kind: .schools)
            let learners = try await setup.importText("""
                Mã định danh,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Mã trường
                1900000001,019314000101,Trần Thị Hoà,05/09/2014,Nữ,19THCS900
                1900000002,019214000102,Nguyễn Văn Đức,12/03/2014,Nam,19THCS900
                1900000003,019214000103,Lê Văn Nam,01/02/2014,Nam,19THCS901

                """, kind: .learners)
            #expect(learners.created == 3)
            let header = "Mã định danh học sinh,Mã trường,Năm học,Tên lớp,Ngày nhập học\n"
            #expect(try await setup.importText(header + "1900000001,19THCS900,2026-2027,,05/09/2026\n", kind: .enrolments).created == 1)

            // The stored enrolment again is no change; a second active one in that year is refused,
            // as is a learner that does not exist.
            let enrolments = try await setup.importText(header + """
                1900000001,19THCS900,2026-2027,,05/09/2026
                1900000001,19THCS900,2026-2027,,10/10/2026
                1900000002,19THCS900,2026-2027,,05/09/2026
                1900000099,19THCS900,2026-2027,,05/09/2026

                """, kind: .enrolments, skipInvalid: true)
            #expect((enrolments.created, enrolments.unchanged, enrolments.refused) == (1, 1, 2))
            #expect(try setup.reportIssues() == [
                ImportTests.Issue(row: 3, column: "Năm học", severity: "error", code: "enrolment.duplicateActive"),
                ImportTests.Issue(row: 5, column: "Mã định danh học sinh", severity: "error", code: "learner.unknown"),
            ])
            #expect(try await setup.count("enrolments") == 2)

            // A school's administrator reaches its own learners only: another school's learner is
            // reported as unknown, exactly like one that does not exist.
            let school = try #require(try await Bootstrap.orgID(setup.database, code: "19THCS900"))
            let schoolAdmin = Principal(id: "school", name: "school admin", kind: .user, grants: [Grant(role: .schoolAdmin, orgID: school)])
            let guardiansPath = setup.folder.appendingPathComponent("guardians.csv").path
            try Data("""
                Mã định danh học sinh,Họ và tên,Quan hệ,Năm sinh
                1900000001,Trần Văn Hải,Cha,1985
                1900000003,Lê Thị Mai,Mẹ,1987
                1900000002,Nguyễn Thị Thu,Mẹ,1988

                """.utf8).write(to: URL(fileURLWithPath: guardiansPath))
            let guardians = try await setup.importer.run(.init(kind: .guardians, path: guardiansPath, skipInvalid: true,
                                                               reportPath: setup.reportPath), principal: schoolAdmin)
            #expect((guardians.created, guardians.refused) == (2, 1))
            #expect(try setup.reportIssues() == [ImportTests.Issue(row: 3, column: "Mã định danh học sinh", severity: "error", code: "learner.unknown")])
            let stored = try await setup.database.read { db in
                try await db.raw("SELECT natural_key FROM guardians ORDER BY natural_key").all().map { try $0.decode(column: "natural_key", as: String.self) }
            }
            #expect(stored.map { $0.prefix(10) } == ["1900000001", "1900000002"])

            // Classes name their homeroom teachers: one at the school, one at another school, one unknown.
            let staff = try await setup.importText("""
                Mã định danh,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Mã trường,Chức vụ,Ngày vào trường
                GV19000901,Phạm Thu Trang,03/04/1988,Nữ,019188000901,19THCS900,Giáo viên,01/09/2015
                GV19000902,Đỗ Văn Long,05/06/1986,Nam,019086000902,19THCS901,Giáo viên,01/09/2014

                """, kind: .staff)
            #expect(staff.created == 2)
            let classes = try await setup.importText("""
                Mã trường,Năm học,Tên lớp,Khối,Mã định danh GV chủ nhiệm
                19THCS900,2026-2027,6A1,6,GV19000901
                19THCS900,2026-2027,6A2,6,GV19000902
                19THCS900,2026-2027,6A3,6,GV19000999

                """, kind: .classes, skipInvalid: true)
            #expect((classes.created, classes.refused) == (1, 2))
            #expect(try setup.reportIssues() == [
                ImportTests.Issue(row: 3, column: "Mã định danh GV chủ nhiệm", severity: "error", code: "staff.notAtSchool"),
                ImportTests.Issue(row: 4, column: "Mã định danh GV chủ nhiệm", severity: "error", code: "staff.notAtSchool"),
            ])
        }
    }

    /// A batch of enrolments asks the database a few questions, not two for each row: its learners
    /// and their active enrolments are read once (`ResourceSpec.prefetch`). A learner enrolled by an
    /// earlier import is refused from those answers, without the batch falling back to rows one by one.
    @Test(arguments: Engine.allCases)
    func aBatchReadsTheRecordsItsRowsNameWithAFewStatements(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(ImportTests.schoolsCSV, kind: .schools)
            let count = 300
            var learners = "Mã định danh,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Mã trường\n"
            for index in 1...count {
                let female = index % 2 == 0
                learners += "19\(String(format: "%08d", index)),019\(female ? 3 : 2)14\(String(format: "%06d", index)),"
                    + "\(ImportTests.learnerName(index)),05/09/2014,\(female ? "Nữ" : "Nam"),19THCS900\n"
            }
            #expect(try await setup.importText(learners, kind: .learners).created == count)
            #expect(try await setup.importText("""
                Mã định danh học sinh,Mã trường,Năm học,Tên lớp,Ngày nhập học
                1900000001,19THCS900,2026-2027,,05/09/2026

                """, kind: .enrolments).created == 1)

            let writer = RegistryImportWriter(database: setup.database)
            let bodies = (1...count).map { index in
                writer.batchBody(.enrolments, Data(#"""
                    {"learnerCode":"19\#(String(format: "%08d", index))","schoolCode":"19THCS900","schoolYear":"2026-2027","entryDate":"2026-10-01"}
                    """#.utf8))
            }
            let counter = StatementCounter()
            let outcomes = try await setup.database.transaction { db in
                try await ReferenceReadCache.$current.withValue(writer.referenceCache(for: .enrolments)) {
                    let counted = counter.counting(db)
                    return try await writer.prepareBatch(.enrolments, bodies, principal: setup.principal, db: counted)
                        .store(principal: setup.principal, db: counted)
                }
            }
            guard case .refused(let error) = outcomes[0] else {
                Issue.record("the first learner's second active enrolment was not refused: \(outcomes[0])")
                return
            }
            #expect(WriteFailureDetails.fieldErrors(error)?.map(\.code) == ["enrolment.duplicateActive"])
            #expect(outcomes.dropFirst().allSatisfy { if case .written(created: true, changed: true) = $0 { true } else { false } })
            #expect(counter.statements < 20, "\(counter.statements) statements for a batch of \(count)")
            #expect(try await setup.count("enrolments") == count)
        }
    }

    /// Teaching assignments name each teacher and class over several rows: the import's cache keeps
    /// them, and those a batch meets first are read together rather than one statement each.
    @Test(arguments: Engine.allCases)
    func teachingAssignmentsReadTheirTeachersAndClassesTogether(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(ImportTests.schoolsCSV, kind: .schools)
            let count = 60
            var staff = "Mã định danh,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Mã trường,Chức vụ,Ngày vào trường\n"
            var classes = "Mã trường,Năm học,Tên lớp,Khối\n"
            for index in 1...count {
                staff += "GV190\(String(format: "%05d", index)),\(ImportTests.learnerName(2 * index)),03/04/1988,Nữ,"
                    + "019188\(String(format: "%06d", index)),19THCS900,Giáo viên,01/09/2015\n"
                classes += "19THCS900,2026-2027,6A\(index),6\n"
            }
            #expect(try await setup.importText(staff, kind: .staff).created == count)
            #expect(try await setup.importText(classes, kind: .classes).created == count)

            let writer = RegistryImportWriter(database: setup.database)
            func body(_ staffCode: String, _ className: String, _ subject: String) -> BatchBody {
                writer.batchBody(.teachingAssignments, Data(#"""
                    {"staffCode":"\#(staffCode)","schoolCode":"19THCS900","schoolYear":"2026-2027","className":"\#(className)","subjectCode":"\#(subject)"}
                    """#.utf8))
            }
            let bodies = (1...count).flatMap { index in
                ["TOAN", "NGUVAN"].map { body("GV190\(String(format: "%05d", index))", "6a\(index)", $0) }
            } + [body("GV19099999", "6A1", "TINHOC"), body("GV19000001", "6A99", "TINHOC")]
            let counter = StatementCounter()
            let outcomes = try await setup.database.transaction { db in
                try await ReferenceReadCache.$current.withValue(writer.referenceCache(for: .teachingAssignments)) {
                    let counted = counter.counting(db)
                    return try await writer.prepareBatch(.teachingAssignments, bodies, principal: setup.principal, db: counted)
                        .store(principal: setup.principal, db: counted)
                }
            }
            let codes = outcomes.suffix(2).map { outcome -> [String]? in
                if case .refused(let error) = outcome { WriteFailureDetails.fieldErrors(error)?.map(\.code) } else { nil }
            }
            #expect(codes == [["staff.notAtSchool"], ["class.unknown"]])
            #expect(outcomes.dropLast(2).allSatisfy { if case .written(created: true, changed: true) = $0 { true } else { false } })
            #expect(counter.statements < 20, "\(counter.statements) statements for a batch of \(bodies.count)")
            #expect(try await setup.count("teaching_assignments") == 2 * count)
        }
    }

    /// A new school's rules only read: the node it adds to the organisation tree is written with its
    /// batch (`PreparedWrite.newNode`), and its code is checked against the tree's with the batch's
    /// other codes. A stored school is still handed back to be written alone (its
    /// rules rename its node), a code another node holds is refused, and a department's administrator
    /// adds schools under that department only. Each school stored with a batch lies in the tree as
    /// one written alone does.
    @Test(arguments: Engine.allCases)
    func newSchoolsAreStoredTogetherAndLieInTheTreeAsOneWrittenAlone(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let writer = RegistryImportWriter(database: setup.database)
            @Sendable func body(_ code: String, _ name: String, department: String = "SGD19") -> Data {
                Data(#"""
                    {"schoolCode":"\#(code)","name":"\#(name)","levels":["lowerSecondary"],"ownership":"public","communeCode":"05845","departmentCode":"\#(department)"}
                    """#.utf8)
            }
            _ = try await setup.database.transaction { db in
                try await writer.write(.schools, body: body("19THCS800", "Trường THCS Tám"), principal: setup.principal, db: db)
            }
            let department = try #require(try await Bootstrap.orgID(setup.database, code: "SGD19"))
            let departmentAdmin = Principal(id: "department", name: "department admin", kind: .user,
                                            grants: [Grant(role: .departmentAdmin, orgID: department)])
            let count = 40
            let bodies = (1...count).map { writer.batchBody(.schools, body("19THCS\(700 + $0)", "Trường THCS Số \($0)")) } + [
                writer.batchBody(.schools, body("19THCS800", "Trường THCS Tám Mới")),
                writer.batchBody(.schools, body("SGD01", "Trường THCS Trùng Mã")),
                writer.batchBody(.schools, body("01THCS701", "Trường THCS Hà Nội", department: "SGD01")),
            ]
            let counter = StatementCounter()
            let outcomes = try await setup.database.transaction { db in
                try await ReferenceReadCache.$current.withValue(writer.referenceCache(for: .schools)) {
                    let counted = counter.counting(db)
                    return try await writer.prepareBatch(.schools, bodies, principal: departmentAdmin, db: counted)
                        .store(principal: departmentAdmin, db: counted)
                }
            }
            // The codes are checked against the tree together (`ResourceSpec.prefetch`), the nodes written together.
            #expect(counter.statements < 20, "\(counter.statements) statements for a batch of \(bodies.count)")
            #expect(outcomes.prefix(count).allSatisfy { if case .written(created: true, changed: true) = $0 { true } else { false } })
            guard case .writeAlone = outcomes[count] else {
                Issue.record("the stored school was not handed back to be written alone: \(outcomes[count])")
                return
            }
            let refusals = outcomes.suffix(2).map { outcome -> [String]? in
                if case .refused(let error) = outcome { WriteFailureDetails.fieldErrors(error)?.map(\.code) } else { nil }
            }
            #expect(refusals == [["code.taken"], ["notFound"]])

            // Every school, the one written alone and those of the batch: a node of kind school in
            // province 19 named as its record, one open edge to SGD19, and itself, SGD19 and the
            // ministry as its ancestors at depths 0, 1 and 2.
            let placed = try await setup.scalar("""
                SELECT COUNT(*) AS n FROM schools r JOIN org_units s ON s.id = r.id
                WHERE s.kind = 'school' AND s.province_code = '19' AND s.status = 'active' AND s.code = r.natural_key
                  AND (SELECT COUNT(*) FROM org_edges e JOIN org_units p ON p.id = e.parent_id
                       WHERE e.child_id = s.id AND e.valid_to IS NULL AND p.code = 'SGD19') = 1
                  AND (SELECT COUNT(*) FROM org_edges e WHERE e.child_id = s.id) = 1
                  AND (SELECT COUNT(*) FROM org_closure c JOIN org_units a ON a.id = c.ancestor_id
                       WHERE c.descendant_id = s.id AND ((a.id = s.id AND c.depth = 0) OR (a.code = 'SGD19' AND c.depth = 1)
                           OR (a.kind = 'ministry' AND c.depth = 2))) = 3
                  AND (SELECT COUNT(*) FROM org_closure c WHERE c.descendant_id = s.id) = 3
                """)
            #expect(placed == count + 1)
            #expect(try await setup.count("schools") == count + 1)
            #expect(try await setup.scalar("SELECT COUNT(*) AS n FROM org_units WHERE kind = 'school'") == count + 1)
            // Preparing the stored school wrote nothing: its node keeps its name until it is written alone.
            #expect(try await setup.scalar("SELECT COUNT(*) AS n FROM org_units WHERE code = '19THCS800' AND name = 'Trường THCS Tám'") == 1)
        }
    }

    /// A batch of schools whose store is refused (here a school stored with one of its codes after
    /// the batch was prepared, so the records' insert fails after the nodes' inserts) leaves none
    /// of its nodes behind: they are written inside the batch's savepoint, and every school is
    /// handed back to be written alone.
    @Test(arguments: Engine.allCases)
    func aRefusedStoreOfSchoolsLeavesNoNodeBehind(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let writer = RegistryImportWriter(database: setup.database)
            let bodies = (1...3).map { index in
                writer.batchBody(.schools, Data(#"""
                    {"schoolCode":"19THCS70\#(index)","name":"Trường THCS Số \#(index)","levels":["lowerSecondary"],"ownership":"public","communeCode":"05845","departmentCode":"SGD19"}
                    """#.utf8))
            }
            let outcomes = try await setup.database.transaction { db in
                try await ReferenceReadCache.$current.withValue(writer.referenceCache(for: .schools)) {
                    let batch = try await writer.prepareBatch(.schools, bodies, principal: setup.principal, db: db)
                    try await db.raw("""
                        INSERT INTO schools (id, natural_key, org_id, version, change_version, body, created_at, updated_at)
                        VALUES ('taken', '19THCS702', 'elsewhere', 1, 0, '{}', '2026-09-01', '2026-09-01')
                        """).run()
                    return try await batch.store(principal: setup.principal, db: db)
                }
            }
            #expect(outcomes.allSatisfy { if case .writeAlone = $0 { true } else { false } })
            #expect(try await setup.scalar("SELECT COUNT(*) AS n FROM org_units WHERE code LIKE '19THCS70%'") == 0)
            #expect(try await setup.scalar("SELECT COUNT(*) AS n FROM org_edges e JOIN org_units u ON u.id = e.child_id WHERE u.kind = 'school'") == 0)
            #expect(try await setup.scalar("SELECT COUNT(*) AS n FROM org_closure c LEFT JOIN org_units u ON u.id = c.descendant_id WHERE u.id IS NULL") == 0)
            #expect(try await setup.count("schools") == 1)
        }
    }

    /// Before its store, a prepared batch tells the records it will store from those the caller must
    /// write alone: an import writes only the latter alone when it checks rows refused for their cells.
    @Test(arguments: Engine.allCases)
    func aPreparedBatchNamesTheRecordsItHandsBack(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(ImportTests.schoolsCSV, kind: .schools)
            let writer = RegistryImportWriter(database: setup.database)
            let bodies = [
                #"{"learnerCode":"1900000001","fullName":"Lê Thu Hà","dateOfBirth":"2014-05-01","sex":"female","schoolCode":"19THCS900"}"#,
                #"{"fullName":"Phạm Minh Quân","dateOfBirth":"2014-12-25","sex":"male","schoolCode":"19THCS900"}"#,  // no code yet
                #"{"learnerCode":"1900000003","fullName":"Vũ Anh Tú","dateOfBirth":"2014-01-01","sex":"male","schoolCode":"19THCS999"}"#,
                #"{"learnerCode":"1900000001","fullName":"Lê Thu Hà","dateOfBirth":"2014-05-01","sex":"female","schoolCode":"19THCS900"}"#,
            ].map { writer.batchBody(.learners, Data($0.utf8)) }
            let batch = try await setup.database.transaction { db in
                try await ReferenceReadCache.$current.withValue(writer.referenceCache(for: .learners)) {
                    try await writer.prepareBatch(.learners, bodies, principal: setup.principal, db: db)
                }
            }
            // The first is stored by the batch, the third refused (unknown school), the fourth repeats
            // the first's key in the same batch.
            #expect(batch.handedBack == [1, 3])
            guard case .refused = batch.outcomes[2] else {
                Issue.record("a learner of an unknown school was not refused: \(batch.outcomes[2])")
                return
            }
        }
    }
}

/// A database as `base` is, counting the statements run through it.
final class StatementCounter: Sendable {
    private let count = Mutex(0)
    var statements: Int { count.withLock { $0 } }

    func counting(_ base: any SQLDatabase) -> any SQLDatabase { Counting(base: base, counter: self) }

    private struct Counting: SQLDatabase {
        let base: any SQLDatabase
        let counter: StatementCounter
        var logger: Logger { base.logger }
        var eventLoop: any EventLoop { base.eventLoop }
        var dialect: any SQLDialect { base.dialect }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
            counter.count.withLock { $0 += 1 }
            return base.execute(sql: query, onRow)
        }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
            counter.count.withLock { $0 += 1 }
            try await base.execute(sql: query, onRow)
        }
    }
}
