import App
import BulkData
import Foundation
import Platform
import Registry
import SQLKit
import Testing
import VietnameseText

/// `nemis import`'s engine on both databases: the damage of real school files repaired or
/// refused row by row, all or nothing, idempotent, and XLSX as well as CSV.
@Suite("Bulk import, on SQLite and PostgreSQL")
struct ImportTests {
    static let schoolsCSV = """
        Mã trường,Tên trường,Cấp học,Loại hình,Mã xã/phường,Mã Sở GD&ĐT
        19THCS900,Trường THCS Vạn Phú,THCS,Công lập,5845,SGD19

        """

    /// A learners file as school software exports them: semicolons, a byte order mark, a header
    /// typed without diacritics, and a row for each kind of damage.
    static func learnersCSV() -> String {
        let tcvn3 = LegacyVietnamese.encode("Nguyễn Văn Đức", to: .tcvn3)!
        let nfd = "Trần Thị Hoà".decomposedStringWithCanonicalMapping
        return "\u{FEFF}" + """
            MA DINH DANH;so dinh danh ca nhan;HỌ VÀ TÊN;Ngày sinh;Giới tính;Dân tộc;Mã trường
            ;019314000101;  \(nfd)  ;25/09/2014;Nữ;Kinh;19THCS900
            ;019214000102;\(tcvn3);12/03/2014;Nam;Tày;19THCS900
            ;19314000103;Lê Thu Hà;41760;Nữ;;19thcs900
            ;019214000104;Phạm Minh Quân;12/25/2014;nam;;19THCS900
            ;1.9214E+10;Vũ Anh Tú;01/01/2014;Nam;;19THCS900
            ;019314000106;Đỗ Mai Anh;02/02/2014;;;19THCS900
            ;019214000107;Hoàng Lan Chi;03/03/2014;Nữ;;19THCS900
            ;019314000101;  \(nfd)  ;25/09/2014;Nữ;Kinh;19THCS900
            ;019314000109;Bùi Thảo My;04/04/2014;Nữ;;19THCS999
            ;019214000110;Ngô Văn Nam;2014;Nam;;19THCS900
            ;019214000111;Lý Văn Hải;31/02/2014;Nam;;19THCS999
            ;019214000112;Lý Văn H4i;31/02/2014;Nam;;19THCS900

            """
    }

    /// Each refused or repaired cell: (row, column as the header writes it, severity, code).
    static let expectedIssues: [Issue] = [
        Issue(row: 3, column: "HỌ VÀ TÊN", severity: "warning", code: "text.legacyEncoding"),
        Issue(row: 4, column: "so dinh danh ca nhan", severity: "warning", code: "citizenId.repaired"),
        Issue(row: 4, column: "Ngày sinh", severity: "warning", code: "date.excelSerial"),
        Issue(row: 5, column: "Ngày sinh", severity: "warning", code: "date.dayMonthSwapped"),
        Issue(row: 6, column: "so dinh danh ca nhan", severity: "error", code: "citizenId.scientificNotationLostDigits"),
        Issue(row: 7, column: "Giới tính", severity: "error", code: "required"),
        Issue(row: 8, column: "so dinh danh ca nhan", severity: "error", code: "citizenId.sexMismatch"),
        Issue(row: 9, column: "", severity: "warning", code: "row.repeated"),
        Issue(row: 10, column: "Mã trường", severity: "error", code: "school.unknown"),
        Issue(row: 11, column: "Ngày sinh", severity: "error", code: "date.yearOnly"),
        // A row refused for a cell is still put to the rules (here without a learner code yet, so by a
        // write that is rolled back): its school is named too, and its missing date is not said twice.
        Issue(row: 12, column: "Ngày sinh", severity: "error", code: "date.invalid"),
        Issue(row: 12, column: "Mã trường", severity: "error", code: "school.unknown"),
        // Its school known, it is given a code for the check with the other rows that lack one.
        Issue(row: 13, column: "Ngày sinh", severity: "error", code: "date.invalid"),
        Issue(row: 13, column: "HỌ VÀ TÊN", severity: "error", code: "name.invalid"),
    ]

    struct Issue: Equatable, CustomStringConvertible {
        let row: Int
        let column: String
        let severity: String
        let code: String
        var description: String { "\(row) \(column) \(severity) \(code)" }
    }

    @Test(arguments: Engine.allCases)
    func damagedFileIsRepairedOrRefusedRowByRowAndAllOrNothing(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let schools = try await setup.importText(Self.schoolsCSV, kind: .schools)
            #expect(schools.created == 1 && schools.committed)

            // All or nothing: seven rows are refused, so nothing is stored, and every issue is reported.
            let refused = try await setup.importText(Self.learnersCSV(), kind: .learners)
            #expect(!refused.committed)
            #expect((refused.rows, refused.refused, refused.repeated) == (12, 7, 1))
            let issues = try setup.reportIssues()
            #expect(issues == Self.expectedIssues, "\(issues)")
            #expect(try await setup.count("learners") == 0)

            // --skip-invalid stores the four good rows, repaired.
            let stored = try await setup.importText(Self.learnersCSV(), kind: .learners, skipInvalid: true)
            #expect(stored.committed && stored.created == 4 && stored.refused == 7)
            let learners = try await setup.learnersByCitizenID()
            #expect(learners["019314000101"]?.name == "Trần Thị Hoà")
            #expect(learners["019314000101"]?.name.utf8.count == "Trần Thị Hoà".precomposedStringWithCanonicalMapping.utf8.count)
            #expect(learners["019214000102"]?.name == "Nguyễn Văn Đức")
            #expect(learners["019314000103"]?.dateOfBirth == "2014-05-01")  // Excel day 41760
            #expect(learners["019214000104"]?.dateOfBirth == "2014-12-25")
            #expect(learners.count == 4)
            // The codes taken to check the refused rows were given back: the stored rows have the first ones.
            let codes = try await setup.database.read { db in
                try await db.raw("SELECT natural_key FROM learners ORDER BY natural_key").all().map { try $0.decode(column: "natural_key", as: String.self) }
            }
            #expect(codes == ["1900000001", "1900000002", "1900000003", "1900000004"])

            // The same file again changes nothing: no new version, no change-feed entry.
            let feedBefore = try await setup.count("changes")
            let again = try await setup.importText(Self.learnersCSV(), kind: .learners, skipInvalid: true)
            #expect((again.created, again.updated, again.unchanged) == (0, 0, 4))
            #expect(try await setup.count("changes") == feedBefore)
            #expect(try await setup.count("learners") == 4)
        }
    }

    /// A file exported by an Excel set to US English writes every date month first: its dates whose day
    /// and month are both 12 or less would each be read wrongly, so the file is refused whole.
    @Test(arguments: Engine.allCases)
    func aFileWrittenMonthFirstIsRefusedWhole(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(Self.schoolsCSV, kind: .schools)
            let monthFirst = Self.learnersHeader
                + ",019314000201,Lê Thu Hà,12/25/2014,Nữ,19THCS900\n"  // a date only month first
                + ",019214000202,Phạm Minh Quân,05/09/2014,Nam,19THCS900\n"  // 9 May, or 5 September?
                + ",019214000203,Vũ Anh Tú,07/07/2014,Nam,19THCS900\n"  // the same either way
            for skipInvalid in [false, true] {
                do {
                    _ = try await setup.importText(monthFirst, kind: .learners, skipInvalid: skipInvalid)
                    Testing.Issue.record("a file written month first was imported")
                } catch let error as ImportError {
                    guard case .monthFirstDates(let column, let row, let value, let undecided) = error else {
                        Testing.Issue.record("\(error)")
                        continue
                    }
                    #expect(column == "Ngày sinh" && row == 2 && value == "12/25/2014" && undecided == 1)
                    #expect(error.description.hasPrefix("Ngày sinh: the dates are written month first"))
                }
                #expect(try await setup.count("learners") == 0)
            }
            // Among dates written day first, one typed the US way is read alone, with its warning.
            let dayFirst = monthFirst + ",019314000204,Đỗ Mai Anh,25/03/2014,Nữ,19THCS900\n"
            let stored = try await setup.importText(dayFirst, kind: .learners)
            #expect(stored.committed && stored.created == 4)
            #expect(try await setup.learnersByCitizenID()["019214000202"]?.dateOfBirth == "2014-09-05")
        }
    }

    @Test(arguments: Engine.allCases)
    func refusedRowLeavesNoTraceWhenGoodRowsAreKept(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(Self.schoolsCSV, kind: .schools)
            // The second row's class does not exist: the Registry refuses it after the learner lookup,
            // and its savepoint takes back whatever it began.
            let file = """
                Mã định danh học sinh,Mã trường,Năm học,Tên lớp,Ngày nhập học
                1900000001,19THCS900,2026-2027,,05/09/2026
                1900000002,19THCS900,2026 - 2027,6Z9,05/09/2026

                """
            let learners = """
                Mã định danh,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Mã trường
                1900000001,019314000101,Trần Thị Hoà,05/09/2014,Nữ,19THCS900
                1900000002,019214000102,Nguyễn Văn Đức,12/03/2014,Nam,19THCS900

                """
            #expect(try await setup.importText(learners, kind: .learners).created == 2)
            let enrolments = try await setup.importText(file, kind: .enrolments, skipInvalid: true)
            #expect((enrolments.created, enrolments.refused) == (1, 1))
            #expect(try setup.reportIssues() == [Issue(row: 3, column: "Tên lớp", severity: "error", code: "class.unknown")])
            #expect(try await setup.count("enrolments") == 1)
        }
    }

    /// The import keeps the communes and departments its rows name (`ReferenceReadCache`): a code
    /// that is unknown stays refused on every row that names it, a known one keeps its answer after
    /// the unknown ones, and the schools accepted hang in the tree under their department.
    @Test(arguments: Engine.allCases)
    func schoolsNamingUnknownCommunesOrDepartmentsAreRefusedOnEveryRow(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let file = """
                Mã trường,Tên trường,Cấp học,Loại hình,Mã xã/phường,Mã Sở GD&ĐT
                19THCS901,Trường THCS Một,THCS,Công lập,05845,SGD19
                19THCS902,Trường THCS Hai,THCS,Công lập,99999,SGD19
                19THCS903,Trường THCS Ba,THCS,Công lập,99999,SGD19
                19THCS904,Trường THCS Bốn,THCS,Công lập,05845,SGD99
                19THCS905,Trường THCS Năm,THCS,Công lập,05845,SGD99
                19THCS906,Trường THCS Sáu,THCS,Công lập,05845,SGD19

                """
            let summary = try await setup.importText(file, kind: .schools, skipInvalid: true)
            #expect((summary.created, summary.refused) == (2, 4))
            #expect(try setup.reportIssues() == [
                Issue(row: 3, column: "Mã xã/phường", severity: "error", code: "commune.unknown"),
                Issue(row: 4, column: "Mã xã/phường", severity: "error", code: "commune.unknown"),
                Issue(row: 5, column: "Mã Sở GD&ĐT", severity: "error", code: "department.unknown"),
                Issue(row: 6, column: "Mã Sở GD&ĐT", severity: "error", code: "department.unknown"),
            ])
            // Each school is its own ancestor, its department's descendant and the ministry's.
            for code in ["19THCS901", "19THCS906"] {
                #expect(try await setup.scalar("""
                    SELECT COUNT(*) AS n FROM org_closure c JOIN org_units s ON s.id = c.descendant_id
                    JOIN org_units a ON a.id = c.ancestor_id
                    WHERE s.code = '\(code)' AND ((a.code = '\(code)' AND c.depth = 0) OR (a.code = 'SGD19' AND c.depth = 1)
                        OR (a.kind = 'ministry' AND c.depth = 2))
                    """) == 3)
                #expect(try await setup.scalar("""
                    SELECT COUNT(*) AS n FROM org_closure c JOIN org_units s ON s.id = c.descendant_id WHERE s.code = '\(code)'
                    """) == 3)
            }
        }
    }

    /// Rules refuse a row only once its batch is stored, after the cells of later rows were read:
    /// the report still lists the issues in the file's order, across batches.
    @Test(arguments: Engine.allCases)
    func reportFollowsTheRowsAcrossBatches(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(Self.schoolsCSV, kind: .schools)
            var file = Self.learnersHeader
            var expected: [Issue] = []
            for index in 1...1_300 {
                let row = index + 1, female = index % 2 == 0
                let date = index % 11 == 0 ? "31/02/2014" : index % 13 == 0 ? "41760" : "05/09/2014"
                let school = index % 7 == 0 ? "19THCS999" : "19THCS900"
                if index % 11 == 0 { expected.append(Issue(row: row, column: "Ngày sinh", severity: "error", code: "date.invalid")) }
                if index % 13 == 0 && index % 11 != 0 { expected.append(Issue(row: row, column: "Ngày sinh", severity: "warning", code: "date.excelSerial")) }
                // The rules also check a row whose date failed, after its cells' issues, and do not
                // say again that its date is missing.
                if index % 7 == 0 { expected.append(Issue(row: row, column: "Mã trường", severity: "error", code: "school.unknown")) }
                file += "19\(String(format: "%08d", index)),019\(female ? 3 : 2)14\(String(format: "%06d", index)),"
                    + "\(Self.learnerName(index)),\(date),\(female ? "Nữ" : "Nam"),\(school)\n"
            }
            let summary = try await setup.importText(file, kind: .learners)
            #expect(!summary.committed)
            let issues = try setup.reportIssues()
            #expect(issues.count == expected.count)
            let firstDifference = zip(issues, expected).first { $0 != $1 }.map { "\($0) against \($1)" }
            #expect(firstDifference == nil)
        }
    }

    /// Rows are written a batch at a time with a few statements; what they store must be what the
    /// one-row path stores (record, change-feed entry, audit entry), and a batch whose statement is
    /// refused falls back to rows one by one, each told why.
    @Test(arguments: Engine.allCases)
    func batchesStoreWhatRowByRowStoresAndFallBackOnConflicts(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(Self.schoolsCSV, kind: .schools)
            let count = 1_300  // three batches of `ImportSetup.rowsPerBatch`
            var file = Self.learnersHeader
            for index in 1...count {
                let female = index % 2 == 0
                file += "19\(String(format: "%08d", index)),019\(female ? 3 : 2)14\(String(format: "%06d", index)),"
                    + "\(Self.learnerName(index)),05/09/2014,\(female ? "Nữ" : "Nam"),19THCS900\n"
            }
            let learners = try await setup.importText(file, kind: .learners)
            #expect(learners.committed && learners.created == count)
            #expect(try await setup.scalar("SELECT COUNT(*) AS n FROM learners WHERE version = 1") == count)
            #expect(try await setup.scalar("""
                SELECT COUNT(*) AS n FROM learners t JOIN changes c ON c.change_version = t.change_version
                WHERE c.record_id = t.id AND c.resource = 'learners' AND c.kind = 'upsert' AND c.natural_key = t.natural_key
                """) == count)
            #expect(try await setup.scalar("SELECT COUNT(*) AS n FROM changes WHERE resource = 'learners'") == count)
            #expect(try await setup.scalar("""
                SELECT COUNT(*) AS n FROM audit_log a JOIN learners t ON t.id = a.record_id
                WHERE a.resource = 'learners' AND a.action = 'create' AND a.principal_id = 'test' AND a.org_id = t.org_id
                """) == count)

            // The one-row path finds nothing to change in what a batch stored.
            let body = Data(#"{"learnerCode":"1900000777","citizenId":"019214000777","fullName":"\#(Self.learnerName(777))","dateOfBirth":"2014-09-05","sex":"male","schoolCode":"19THCS900"}"#.utf8)
            let writer = RegistryImportWriter(database: setup.database)
            let written = try await setup.database.transaction { db in
                try await writer.write(.learners, body: body, principal: setup.principal, db: db)
            }
            #expect((written.outcome, written.naturalKey) == (.unchanged, "1900000777"))

            // Two active enrolments of one learner in one year pass each row's own check (neither is
            // stored yet), so the batch's insert is refused by the database; the rows are then
            // written one by one and the second is refused with its reason.
            let enrolments = """
                Mã định danh học sinh,Mã trường,Năm học,Tên lớp,Ngày nhập học
                1900000001,19THCS900,2026-2027,,05/09/2026
                1900000001,19THCS900,2026-2027,,06/09/2026
                1900000002,19THCS900,2026-2027,,05/09/2026

                """
            let enrolled = try await setup.importText(enrolments, kind: .enrolments, skipInvalid: true)
            #expect((enrolled.created, enrolled.refused) == (2, 1))
            #expect(try setup.reportIssues() == [Issue(row: 3, column: "Năm học", severity: "error", code: "enrolment.duplicateActive")])
            #expect(try await setup.scalar("SELECT COUNT(*) AS n FROM enrolments") == 2)
            #expect(try await setup.scalar("SELECT COUNT(*) AS n FROM changes WHERE resource = 'enrolments'") == 2)
            #expect(try await setup.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE resource = 'enrolments'") == 2)
        }
    }

    /// An import prepares each batch while the batch before is stored. A batch prepared before the
    /// one before wrote a record it names is prepared again, so the file's rows apply in their order:
    /// here the second batch brings a learner back to what the first batch changed, which a batch
    /// prepared against the record as it was would take for unchanged.
    @Test(arguments: Engine.allCases)
    func aBatchPreparedAheadIsPreparedAgainWhenTheBatchBeforeWroteItsRecords(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(Self.schoolsCSV, kind: .schools)
            let stored = "HS0001,019214000001,Nguyễn Văn An,05/09/2014,Nam,19THCS900\n"
            #expect(try await setup.importText(Self.learnersHeader + stored, kind: .learners).created == 1)

            // In the first batch (`ImportSetup.rowsPerBatch`, 512 rows with the header) the learner
            // is named by citizen ID alone, so it is written on its own once its batch is stored, under
            // a key the batch prepared beside that store cannot see.
            let file = Self.learnersHeader + ",019214000001,Nguyễn Văn Anh,05/09/2014,Nam,19THCS900\n"
                + (2...700).map { Self.learnerRow($0) }.joined() + stored
            let summary = try await setup.importText(file, kind: .learners)
            let issues = try setup.reportIssues()
            #expect(summary.committed && summary.refused == 0, "\(issues)")
            #expect((summary.created, summary.updated, summary.unchanged) == (699, 2, 0))
            #expect(try await setup.body(of: "learners", key: "HS0001")?["fullName"] as? String == "Nguyễn Văn An")
            #expect(try await setup.scalar("SELECT version AS n FROM learners WHERE natural_key = 'HS0001'") == 3)
        }
    }

    /// A batch's refusals by the rules are known only once it is stored, after the next batch's rows
    /// were checked: the report still lists the rows in the file's order.
    @Test(arguments: Engine.allCases)
    func theReportKeepsTheFilesOrderAcrossBatches(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(Self.schoolsCSV, kind: .schools)
            let file = Self.learnersHeader + (1...700).map { index in
                Self.learnerRow(index, sex: index == 600 ? "" : "Nam", school: index == 5 ? "19THCS999" : "19THCS900")
            }.joined()
            let summary = try await setup.importText(file, kind: .learners, skipInvalid: true)
            #expect((summary.created, summary.refused) == (698, 2))
            #expect(try setup.reportIssues() == [Issue(row: 6, column: "Mã trường", severity: "error", code: "school.unknown"),
                                                 Issue(row: 601, column: "Giới tính", severity: "error", code: "required")])
        }
    }

    static let learnersHeader = "Mã định danh,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Mã trường\n"

    /// Two imports at once: each holds the change feed's lock from its first batch to its commit, so the
    /// versions it takes (on PostgreSQL a run reserved from the sequence for each batch) are not drawn by
    /// the other, and the two imports' versions do not interleave.
    @Test(arguments: Engine.allCases)
    func twoImportsAtOnceTakeSeparateRunsOfVersions(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(Self.schoolsCSV, kind: .schools)
            let run: @Sendable (String, ClosedRange<Int>) async throws -> ImportSummary = { name, serials in
                let path = setup.folder.appendingPathComponent("\(name).csv").path
                let text = Self.learnersHeader + serials.map { String(format: "19%08d,,Trần Thị Mai,05/09/2014,Nữ,19THCS900\n", $0) }.joined()
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                let report = setup.folder.appendingPathComponent("\(name)-report.csv").path
                return try await setup.importer.run(.init(kind: .learners, path: path, skipInvalid: false, reportPath: report), principal: setup.principal)
            }
            async let first = run("first", 1...1_100)
            async let second = run("second", 2_001...3_100)
            #expect(try await (first.created, second.created) == (1_100, 1_100))
            let versions = try await setup.database.read { db in
                try await db.raw("""
                    SELECT l.natural_key AS learner_key, c.change_version AS version
                    FROM learners l JOIN changes c ON c.record_id = l.id AND c.change_version = l.change_version
                    """).all().map { (try $0.decode(column: "learner_key", as: String.self), try $0.decode(column: "version", as: Int.self)) }
            }
            #expect(versions.count == 2_200)
            #expect(Set(versions.map(\.1)).count == 2_200)
            let firsts = versions.filter { $0.0 < "1900002000" }.map(\.1)
            let seconds = versions.filter { $0.0 > "1900002000" }.map(\.1)
            #expect(firsts.max()! < seconds.min()! || seconds.max()! < firsts.min()!)
        }
    }

    /// Each imported learner has its change-feed entry, under the version stored with the learner, in
    /// the file's order across batches (on PostgreSQL the versions are drawn from the sequence and the
    /// entries sent as COPY); a later import's entries come after.
    @Test(arguments: Engine.allCases)
    func importedLearnersHaveTheirChangeFeedEntriesInTheFilesOrder(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(Self.schoolsCSV, kind: .schools)
            let file = { (serials: ClosedRange<Int>) in
                Self.learnersHeader + serials.map { String(format: "19%08d,,Nguyễn Văn An,05/09/2014,Nam,19THCS900\n", $0) }.joined()
            }
            #expect(try await setup.importText(file(1...1_100), kind: .learners).created == 1_100)
            #expect(try await setup.importText(file(1_101...1_300), kind: .learners).created == 200)
            let entries = try await setup.database.read { db in
                try await db.raw("""
                    SELECT c.change_version AS version, c.natural_key AS entry_key, c.org_id AS entry_org, c.kind AS kind,
                           l.change_version AS learner_version, l.natural_key AS learner_key, l.org_id AS learner_org
                    FROM changes c JOIN learners l ON l.id = c.record_id
                    WHERE c.resource = 'learners' ORDER BY c.change_version
                    """).all()
            }
            #expect(entries.count == 1_300)
            #expect(try await setup.scalar("SELECT COUNT(*) AS n FROM changes WHERE resource = 'learners'") == 1_300)
            for (index, entry) in entries.enumerated() {
                let key = try entry.decode(column: "entry_key", as: String.self)
                #expect(key == String(format: "19%08d", index + 1))
                #expect(try key == entry.decode(column: "learner_key", as: String.self))
                #expect(try entry.decode(column: "version", as: Int.self) == entry.decode(column: "learner_version", as: Int.self))
                #expect(try entry.decode(column: "entry_org", as: String.self) == entry.decode(column: "learner_org", as: String.self))
                #expect(try entry.decode(column: "kind", as: String.self) == "upsert")
            }
        }
    }

    /// New learners without a code get theirs a batch at a time, and the codes a learner written alone
    /// would get: the province's next serials in the file's order, skipping codes already stored and
    /// codes the batch's other rows bring. A row naming a stored learner by citizen ID updates that
    /// learner, and a row without a code naming one with a code in the batch is that learner.
    @Test(arguments: Engine.allCases)
    func newLearnersWithoutACodeGetTheProvincesNextCodes(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(Self.schoolsCSV, kind: .schools)
            _ = try await setup.importText(Self.learnersHeader + "1900000002,019214000002,Lê Văn Hai,05/09/2014,Nam,19THCS900\n",
                                           kind: .learners)
            let file = Self.learnersHeader
                + ",019214000011,Trần Văn Hùng,05/09/2014,Nam,19THCS900\n"
                + ",019214000002,Lê Văn Hai,06/09/2014,Nam,19THCS900\n"  // the stored learner: date corrected
                + ",019214000012,Phạm Văn Hải,05/09/2014,Nam,19THCS900\n"
                + "1900000004,019214000004,Vũ Văn Bốn,05/09/2014,Nam,19THCS900\n"  // a code the sequence would give next
                + ",019214000013,Đặng Văn Huy,05/09/2014,Nam,19THCS900\n"
                + "1900000020,019214000020,Ngô Văn Hoà,05/09/2014,Nam,19THCS900\n"
                + ",019214000020,Ngô Văn Hoà,05/09/2014,Nam,19THCS900\n"  // the row above's learner
            let summary = try await setup.importText(file, kind: .learners)
            #expect(summary.committed && (summary.created, summary.updated, summary.unchanged) == (5, 1, 1))
            let rows = try await setup.database.read { db in
                try await db.raw("SELECT natural_key, citizen_id, body FROM learners").all()
            }
            var codes: [String: String] = [:]
            for row in rows { codes[try row.decode(column: "citizen_id", as: String.self)] = try row.decode(column: "natural_key", as: String.self) }
            #expect(codes == ["019214000011": "1900000001", "019214000002": "1900000002", "019214000012": "1900000003",
                              "019214000004": "1900000004", "019214000013": "1900000005", "019214000020": "1900000020"])
            #expect(try await setup.learnersByCitizenID()["019214000002"]?.dateOfBirth == "2014-09-06")
        }
    }

    /// A boy's row of a learners file under `learnersHeader`, his code and citizen ID made of `index`.
    static func learnerRow(_ index: Int, sex: String = "Nam", school: String = "19THCS900") -> String {
        "HS\(String(format: "%04d", index)),019214\(String(format: "%06d", index)),\(learnerName(index)),05/09/2014,\(sex),\(school)\n"
    }

    static func learnerName(_ index: Int) -> String {
        let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"]
        let givens = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Minh", "Ngọc", "Phúc"]
        return "\(families[index % families.count]) \(index % 2 == 0 ? "Thị" : "Văn") \(givens[index % givens.count])"
    }

    @Test(arguments: Engine.allCases)
    func xlsxWithNotesRowNumbersAndDateCells(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(Self.schoolsCSV, kind: .schools)
            let format = BulkKind.staff.format
            let writer = XLSXWriter()
            try writer.beginSheet(XLSXSheet(name: BulkKind.staff.sheetName,
                                            columns: format.columns.map { XLSXColumn($0.header, note: $0.notesRowText) }))
            func row(_ values: [String: SpreadsheetCell]) -> [SpreadsheetCell] { format.keys.map { values[$0] ?? .empty } }
            // The citizen ID typed as a number lost its leading zero; the birth date is a date cell,
            // the start date a bare day number.
            try writer.appendRow(row([
                "staff_code": .text("GV19000900"), "full_name": .text("NGUYỄN THỊ LAN"),
                "date_of_birth": .date(try #require(SpreadsheetDate(serial: 31_048))),  // 1985-01-01
                "sex": .text("Nữ"), "citizen_id": .number(19_185_000_201, raw: "19185000201"),
                "school_code": .text("19THCS900"), "position": .text("Giáo viên"),
                "start_date": .number(46_270, raw: "46270"), "qualifications": .text("Cử nhân sư phạm Toán; Thạc sĩ"),
            ]))
            let path = setup.folder.appendingPathComponent("staff.xlsx").path
            try Data(try writer.finish()).write(to: URL(fileURLWithPath: path))
            let summary = try await setup.importer.run(.init(kind: .staff, path: path, reportPath: setup.reportPath), principal: setup.principal)
            #expect(summary.committed && summary.created == 1 && summary.rows == 1)
            let body = try #require(try await setup.body(of: "staff", key: "GV19000900"))
            #expect(body["fullName"] as? String == "Nguyễn Thị Lan")
            #expect(body["citizenId"] as? String == "019185000201")
            #expect(body["dateOfBirth"] as? String == "1985-01-01")
            #expect(body["qualifications"] as? [String] == ["Cử nhân sư phạm Toán", "Thạc sĩ"])
            let employment = try #require((body["employments"] as? [[String: Any]])?.first)
            #expect(employment["startDate"] as? String == "2026-09-05")
            #expect(employment["position"] as? String == "teacher")
        }
    }

    @Test(arguments: Engine.allCases)
    func headerWithoutRequiredColumnsStopsBeforeAnyRow(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let file = "Mã trường,Tên trường\n19THCS900,Trường THCS Vạn Phú\n"
            await #expect {
                _ = try await setup.importText(file, kind: .schools)
            } throws: { error in
                "\(error)".contains("Cấp học (levels)") && "\(error)".contains("Mã xã/phường (commune_code)")
            }
        }
    }
}

/// A fresh database with the provinces' departments and the 2026-2027 school year, and a folder
/// for the files an import reads and the report it writes.
struct ImportSetup: Sendable {
    /// The importer's batches on both engines, whatever each engine's default: the tests of what
    /// happens where batches meet size their files by it.
    static let rowsPerBatch = 512

    let database: any Database
    let importer: BulkImporter
    let principal: Principal
    let folder: URL
    var reportPath: String { folder.appendingPathComponent("report.csv").path }

    func importText(_ text: String, kind: BulkKind, skipInvalid: Bool = false) async throws -> ImportSummary {
        let path = folder.appendingPathComponent("\(kind.rawValue).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try await importer.run(.init(kind: kind, path: path, skipInvalid: skipInvalid, reportPath: reportPath), principal: principal)
    }

    /// The report's rows, without its header.
    func reportIssues() throws -> [ImportTests.Issue] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: reportPath))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a byte order mark, so Excel reads the report as UTF-8")
        return String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return ImportTests.Issue(row: Int(cells[0]) ?? 0, column: cells[1], severity: cells[3], code: cells[4])
        }
    }

    func scalar(_ sql: String) async throws -> Int {
        try await database.read { db in
            try await db.raw(SQLQueryString(sql)).first()!.decode(column: "n", as: Int.self)
        }
    }

    func count(_ table: String) async throws -> Int {
        try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
        }
    }

    func body(of table: String, key: String) async throws -> [String: Any]? {
        let text = try await database.read { db in
            try await db.raw("SELECT body FROM \(ident: table) WHERE natural_key = \(bind: key)").first()?.decode(column: "body", as: String.self)
        }
        return text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func learnersByCitizenID() async throws -> [String: (name: String, dateOfBirth: String)] {
        let bodies = try await database.read { db in
            try await db.raw("SELECT body FROM learners").all().map { try $0.decode(column: "body", as: String.self) }
        }
        var learners: [String: (name: String, dateOfBirth: String)] = [:]
        for text in bodies {
            let body = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            learners[body["citizenId"] as? String ?? ""] = (body["fullName"] as? String ?? "", body["dateOfBirth"] as? String ?? "")
        }
        return learners
    }
}

func withImportDatabase(_ engine: Engine, _ body: @escaping @Sendable (ImportSetup) async throws -> Void) async throws {
    let (configuration, cleanup) = try await TestDatabases.freshConfiguration(engine)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    do {
        try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            _ = try await ReferenceSetup.ensureProvinceDepartments(database)
            let ministry = try #require(try await Bootstrap.orgID(database, code: Bootstrap.ministryCode))
            let principal = Principal(id: "test", name: "import test", kind: .user, grants: [Grant(role: .ministryAdmin, orgID: ministry)])
            try await ReferenceSetup.ensureSchoolYear(database, startYear: 2026, principal: principal)
            try await body(ImportSetup(database: database, importer: BulkImporter(database: database, rowsPerBatch: ImportSetup.rowsPerBatch), principal: principal, folder: folder))
        }
    } catch {
        try? FileManager.default.removeItem(at: folder)
        await cleanup()
        throw error
    }
    try? FileManager.default.removeItem(at: folder)
    await cleanup()
}
