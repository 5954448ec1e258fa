import BulkData
import Foundation
@testable import OneRoster
import Platform
import Testing

/// OneRoster 1.2: the CSV set's files and columns as the specification lists them, sourcedIds
/// stable across exports, demographics only when asked and allowed; on both databases.
@Suite("OneRoster CSV export, on SQLite and PostgreSQL")
struct OneRosterCSVTests {
    /// The column lists of OneRoster v1.2 CSV Tables (1EdTech, final release), copied from the
    /// specification rather than from the code, so a slip in either shows.
    static let specification: [String: String] = [
        "manifest.csv": "propertyName,value",
        "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
        "academicSessions.csv": "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
        "courses.csv": "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes",
        "classes.csv": "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
        "users.csv": "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns",
        "roles.csv": "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId",
        "enrollments.csv": "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate",
        "demographics.csv": "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus",
    ]

    static func lines(_ folder: URL, _ file: String) throws -> [String] {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self)
            .split(separator: "\n").map(String.init)
    }

    static func scope(_ setup: ImportSetup, demographics: Bool, identity: Bool = true) -> RosterScope {
        RosterScope(roots: setup.principal.nodes(for: .registryRead),
                    identityRoots: identity ? setup.principal.nodes(for: .identityRead) : [], withDemographics: demographics)
    }

    @Test("sourcedIds are version-5 UUIDs of the NEMIS namespace, as Python's uuid.uuid5 computes them")
    func sourcedIDsAreUUIDv5() {
        // uuid.uuid5(uuid.UUID("6b1e0c52-934d-4f27-8a61-2fd30e57c419"), name) of the names hashed:
        // "user:learner:1900000001", "org:19TH001" (codes upper-cased), "" and
        // "enrollment:19TH001|2026-2027|6A|1900000001".
        #expect(RosterKeys.learner("1900000001") == "d192aa77-ada3-5dca-b357-0fecbf40d419")
        #expect(RosterKeys.org(code: "19th001") == "feb8933b-f192-5e4c-a116-788d6035ebfd")
        #expect(SourcedID.make("") == "8c3207f7-3c2e-58eb-9f0d-4703a0c7edc7")
        // Parts are hashed as if joined.
        var bytes: [UInt8] = Array("x,".utf8)
        SourcedID.append("enrollment:", "19TH001|2026-2027|6A", "|1900000001", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x,bd52f8e5-3b5e-59e9-a3ed-75579729dc0a")
    }

    @Test(arguments: Engine.allCases)
    func filesHaveTheSpecificationsColumnsAndStableIDs(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            try await ExportRoundTripTests.load(setup)
            let exporter = OneRosterCSVExporter(database: setup.database)
            let first = setup.folder.appendingPathComponent("or1"), second = setup.folder.appendingPathComponent("or2")
            let summary = try await exporter.export(to: first.path, scope: Self.scope(setup, demographics: true), principal: setup.principal)
            _ = try await exporter.export(to: second.path, scope: Self.scope(setup, demographics: true), principal: setup.principal)
            for (file, header) in Self.specification {
                #expect(try Self.lines(first, file).first == header, "\(file)")
                #expect(try Self.lines(first, file) == Self.lines(second, file), "\(file) differs between two exports")
            }
            // 2 staff + 2 learners; 2 homeroom + 2 subject enrollments for learners... see below.
            #expect(summary.rows[.users] == 4)
            #expect(summary.rows[.demographics] == 4)
            #expect(summary.rows[.classes] == 3)  // 6A1, 6A1 TOAN, 6A1 NGUVAN HK I
            // Each learner in the homeroom class and its two subject classes; the teacher in three.
            #expect(summary.rows[.enrollments] == 2 * 3 + 3)
            let manifest = try Self.lines(first, "manifest.csv")
            #expect(manifest.contains("oneroster.version,1.2") && manifest.contains("file.users,bulk")
                && manifest.contains("file.demographics,bulk") && manifest.contains("file.results,absent"))

            // Ids are name-based: the learner's is the hash of its code, wherever it is exported.
            let learnerID = RosterKeys.learner("1900000001")
            let users = try Self.lines(first, "users.csv")
            #expect(users.contains { $0.hasPrefix(learnerID + ",active,") && $0.contains(",{nemis:1900000001},Hoà,Trần,Thị,1900000001,") })
            // Every reference resolves inside the set.
            let ids = Set(try ["orgs.csv", "classes.csv", "users.csv", "courses.csv", "academicSessions.csv"].flatMap { file in
                try Self.lines(first, file).dropFirst().map { String($0.prefix(36)) }
            })
            for line in try Self.lines(first, "enrollments.csv").dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                #expect(ids.contains(cells[3]) && ids.contains(cells[4]) && ids.contains(cells[5]), "\(line)")
            }
        }
    }

    /// The CSV writer's byte-level path for learners gives exactly the lines of the records the
    /// REST service serves.
    @Test(arguments: Engine.allCases)
    func csvLinesEqualTheRecords(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            try await ExportRoundTripTests.load(setup)
            let folder = setup.folder.appendingPathComponent("or")
            let scope = Self.scope(setup, demographics: true)
            _ = try await OneRosterCSVExporter(database: setup.database).export(to: folder.path, scope: scope)
            func line(_ record: RosterRecord, _ file: OneRosterFile) -> String {
                var bytes: [UInt8] = []
                CSVEncoding.appendRow(record.csvRow(file.columns), to: &bytes)
                return String(decoding: bytes.dropLast(), as: UTF8.self)
            }
            var expected: [OneRosterFile: [String]] = [:]
            let reader = RosterReader(database: setup.database)
            try await reader.people(scope) { person in
                expected[.users, default: []].append(line(person.user, .users))
                expected[.roles, default: []] += person.roles.map { line($0, .roles) }
                if let record = person.demographics { expected[.demographics, default: []].append(line(record, .demographics)) }
                return true
            }
            try await reader.classes(scope) { record in
                expected[.classes, default: []].append(line(record, .classes))
                return true
            }
            try await reader.enrollments(scope) { record in
                expected[.enrollments, default: []].append(line(record, .enrollments))
                return true
            }
            for file in [OneRosterFile.classes, .users, .roles, .demographics, .enrollments] {
                #expect(Array(try Self.lines(folder, file.fileName).dropFirst()) == expected[file] ?? [], "\(file)")
            }
        }
    }

    @Test(arguments: Engine.allCases)
    func demographicsOnlyWhenAskedAndAllowed(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            try await ExportRoundTripTests.load(setup)
            let exporter = OneRosterCSVExporter(database: setup.database)
            let folder = setup.folder.appendingPathComponent("or")
            let file = folder.appendingPathComponent("demographics.csv").path
            _ = try await exporter.export(to: folder.path, scope: Self.scope(setup, demographics: true), principal: setup.principal)
            #expect(FileManager.default.fileExists(atPath: file))
            #expect(try Self.lines(folder, "demographics.csv").contains { $0.contains(",2014-09-05,female,") })

            let withoutFlag = try await exporter.export(to: folder.path, scope: Self.scope(setup, demographics: false))
            #expect(withoutFlag.rows[.demographics] == nil && !FileManager.default.fileExists(atPath: file))
            #expect(try Self.lines(folder, "manifest.csv").contains("file.demographics,absent"))

            let withoutPermission = try await exporter.export(to: folder.path, scope: Self.scope(setup, demographics: true, identity: false))
            #expect(withoutPermission.rows[.demographics] == nil && !FileManager.default.fileExists(atPath: file))
            #expect(try !Self.lines(folder, "users.csv").joined().contains("2014-09-05"))
        }
    }
}
