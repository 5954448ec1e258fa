import App
import BulkData
import Foundation
import Platform
import Registry
import SQLKit
import Testing

/// `nemis import` killed with SIGKILL half-way through a file: the database is as it was before.
/// The real executable runs against a real database; nothing in the process gets a chance to
/// clean up, so only the transaction's atomicity can keep the promise.
@Suite("Bulk import killed half-way, on SQLite and PostgreSQL")
struct ImportKillTests {
    /// Enough rows that the import is still running when it is killed, on any machine.
    static let rows = 40_000

    @Test(arguments: Engine.allCases)
    func killedImportLeavesNoTrace(engine: Engine) async throws {
        let executable = try #require(NemisExecutable.url, "the nemis executable is built next to the tests")
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(engine)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let file = folder.appendingPathComponent("learners.csv").path
            try Self.learnersFile(rows: Self.rows).write(toFile: file, atomically: true, encoding: .utf8)
            try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
                _ = try await ReferenceSetup.ensureProvinceDepartments(database)
                let ministry = try #require(try await Bootstrap.orgID(database, code: Bootstrap.ministryCode))
                let principal = Principal(id: "test", name: "kill test", kind: .user, grants: [Grant(role: .ministryAdmin, orgID: ministry)])
                let schools = folder.appendingPathComponent("schools.csv").path
                try ImportTests.schoolsCSV.write(toFile: schools, atomically: true, encoding: .utf8)
                _ = try await BulkImporter(database: database).run(.init(kind: .schools, path: schools), principal: principal)
            }
            let before = try await Self.counts(configuration)

            let (process, _) = NemisExecutable.process(
                executable, ["import", "learners", file, "--report", folder.appendingPathComponent("report.csv").path], configuration)
            try process.run()
            // Wait until rows are being written: the learners table's write lock (SQLite) or the
            // open transaction (PostgreSQL) is not visible from outside, so give it time, then check
            // the process is still at work before killing it.
            try await Task.sleep(for: .seconds(4))
            #expect(process.isRunning, "the import finished before it could be killed: raise the row count")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)

            let after = try await Self.counts(configuration)
            #expect(after.learners == before.learners && after.changes == before.changes && after.sequences == before.sequences,
                    "before \(before), after \(after)")
            #expect(after.learners == 0)
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }

    static func counts(_ configuration: AppConfiguration) async throws -> (learners: Int, changes: Int, sequences: Int) {
        try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            try await database.read { db in
                func count(_ sql: SQLQueryString) async throws -> Int { try await db.raw(sql).first()!.decode(column: "n", as: Int.self) }
                return (try await count("SELECT COUNT(*) AS n FROM learners"), try await count("SELECT COUNT(*) AS n FROM changes"),
                        try await count("SELECT COUNT(*) AS n FROM id_sequences"))
            }
        }
    }

    /// Valid learners without codes (so NEMIS issues them, touching the sequences too), with
    /// citizen IDs that agree with their sex and birth year.
    static func learnersFile(rows: Int) -> String {
        var text = "Mã định danh,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Mã trường\n"
        let given = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Minh", "Nga"]
        for index in 0..<rows {
            let female = index % 2 == 0
            let id = "019" + (female ? "3" : "2") + "14" + String(format: "%06d", index)
            text += ",\(id),Nguyễn Văn \(given[index % given.count]),\(String(format: "%02d", index % 28 + 1))/0\(index % 9 + 1)/2014,"
                + (female ? "Nữ" : "Nam") + ",19THCS900\n"
        }
        return text
    }
}
