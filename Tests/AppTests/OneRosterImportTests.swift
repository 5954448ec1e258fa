import BulkData
import Foundation
@testable import OneRoster
import Platform
@testable import Registry
import Testing

/// `nemis oneroster import`: a OneRoster 1.2 set into the registry, through the API's rules, in
/// one transaction, keeping what OneRoster does not carry; on both databases.
@Suite("OneRoster CSV import, on SQLite and PostgreSQL")
struct OneRosterImportTests {
    static let kinds: [BulkKind] = [.staff, .classes, .learners, .enrolments, .teachingAssignments]

    static func importSet(_ setup: ImportSetup, _ directory: URL, skipInvalid: Bool = false) async throws -> OneRosterImporter.Summary {
        try await OneRosterImporter(database: setup.database).run(
            .init(directory: directory.path, reportDirectory: directory.path + "-errors", skipInvalid: skipInvalid), principal: setup.principal)
    }

    /// The report's rows as `place|column|code`.
    static func report(_ directory: URL, _ name: String) throws -> [String] {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: directory.path + "-errors/" + name)).dropFirst(3), as: UTF8.self)
        return text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return "\(cells[0])|\(cells[1])|\(cells[4])"
        }
    }

    @Test(arguments: Engine.allCases)
    func anExportedSetImportsBackUnchangedAndKeepsWhatOneRosterLacks(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            try await ExportRoundTripTests.load(setup)
            let folder = setup.folder.appendingPathComponent("oneroster")
            _ = try await OneRosterCSVExporter(database: setup.database).export(
                to: folder.path, scope: OneRosterCSVTests.scope(setup, demographics: true), principal: setup.principal)
            var before: [BulkKind: [String]] = [:]
            for kind in Self.kinds { before[kind] = try await setup.snapshot(kind) }
            let feedBefore = try await setup.count("changes")

            let summary = try await Self.importSet(setup, folder)
            #expect(summary.committed && summary.refused == 0, "\(summary.conversionExamples) \(summary.imports.flatMap(\.examples))")
            #expect(summary.imports.map(\.kind) == Self.kinds)
            for imported in summary.imports {
                #expect(imported.unchanged == before[imported.kind]?.count && imported.created + imported.updated == 0, "\(imported.kind)")
            }
            // Citizen IDs, ethnicity, birthplace, qualifications and titles are not in OneRoster: kept.
            for kind in Self.kinds { #expect(try await setup.snapshot(kind) == before[kind], "\(kind)") }
            #expect(try await setup.count("changes") == feedBefore)
            let learner = try #require(try await setup.body(of: "learners", key: "1900000001"))
            #expect(learner["citizenId"] as? String == "019314000101" && learner["ethnicity"] as? String == "Kinh")
        }
    }

    /// A set as another school system writes it: its own sourcedIds, CEDS grades, a subject group
    /// drawn from two homeroom classes, a guardian and an official above schools.
    static func foreignSet(_ folder: URL, extraUsers: String = "", extraDemographics: String = "", extraEnrollments: String = "") throws {
        let files: [String: String] = [
            "manifest.csv": """
                propertyName,value
                manifest.version,1.0
                oneroster.version,1.2
                file.orgs,bulk
                file.users,bulk
                source.systemName,SMAS

                """,
            "orgs.csv": """
                sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
                d1,active,2026-09-01,Sở GD&ĐT Thái Nguyên,district,SGD19,
                s1,active,2026-09-01,"Trường THCS Vạn Phú, Thái Nguyên",school,19thcs900,d1

                """,
            "academicSessions.csv": """
                sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear
                y27,active,2026-09-01,Năm học 2026-2027,schoolYear,2026-09-05,2027-05-31,,2027
                t2,active,2026-09-01,HK2,semester,2027-01-19,2027-05-31,y27,2027
                t1,active,2026-09-01,HK1,semester,2026-09-05,2027-01-17,y27,2027

                """,
            "classes.csv": """
                sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods
                c7a,active,2026-09-01,Lớp 7A,07,k1,7A,homeroom,,s1,y27,,,
                c7b,active,2026-09-01,Lớp 7B,07,k1,7B,homeroom,,s1,y27,,,
                g1,active,2026-09-01,Toán nâng cao 7,07,k2,T7-NC,scheduled,,s1,t1,,TOAN,

                """,
            "users.csv": """
                sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns
                u1,active,2026-09-01,true,lan,{cccd:019185000201},Lan,Nguyễn,Thị,GV19000900,,,,,,,,,,,,s1,
                u2,active,2026-09-01,true,an,,An,Lê,Bình,1900000011,,,,,07,,,,,,,s1,
                u3,active,2026-09-01,true,binh,,Bình,Phạm,,1900000012,,,,,07,,,,,,,s1,
                u4,active,2026-09-01,true,chi,,Chi,Đỗ,Minh,1900000013,,,,,07,,,,,,,s1,
                p1,active,2026-09-01,true,cha,,Hùng,Lê,Văn,,,,,u2,,,,,,,,s1,
                o1,active,2026-09-01,true,so,,Tâm,Vũ,,CB000001,,,,,,,,,,,,d1,
                \(extraUsers)
                """,
            "roles.csv": """
                sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId
                r1,active,2026-09-01,u1,primary,teacher,2010-08-15,,s1,
                r2,active,2026-09-01,u2,primary,student,,,s1,
                r3,active,2026-09-01,u3,primary,student,,,s1,
                r4,active,2026-09-01,u4,primary,student,,,s1,
                r5,active,2026-09-01,p1,primary,parent,,,s1,
                r6,active,2026-09-01,o1,primary,districtAdministrator,,,d1,
                r7,active,2026-09-01,u9,primary,student,,,s1,

                """,
            "demographics.csv": """
                sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus
                u1,active,2026-09-01,1985-01-01,female,,,,,,,,,,,
                u2,active,2026-09-01,2013-02-03,male,,,,,,,,,,,
                u3,active,2026-09-01,2013-04-05,male,,,,,,,,,,,
                u4,active,2026-09-01,2013-06-07,female,,,,,,,,,,,
                \(extraDemographics)
                """,
            "enrollments.csv": """
                sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate
                e1,active,2026-09-01,c7a,s1,u1,teacher,true,,
                e2,active,2026-09-01,c7a,s1,u2,student,false,2026-09-05,
                e3,active,2026-09-01,c7a,s1,u3,student,false,2026-09-05,
                e4,active,2026-09-01,c7b,s1,u4,student,false,2026-09-05,
                e5,active,2026-09-01,g1,s1,u1,teacher,true,,
                e6,active,2026-09-01,g1,s1,u2,student,false,,
                e7,active,2026-09-01,g1,s1,u4,student,false,,
                \(extraEnrollments)
                """,
        ]
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent(name))
        }
    }

    @Test(arguments: Engine.allCases)
    func aSetFromAnotherSystemFillsTheSchool(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let school = try #require(ExportRoundTripTests.dataset.first { $0.0 == .schools })
            _ = try await setup.importText(school.1, kind: .schools)
            let folder = setup.folder.appendingPathComponent("smas")
            try Self.foreignSet(folder)
            // u9 has a role but no user: the role is harmless, nothing refers to u9.
            let summary = try await Self.importSet(setup, folder)
            #expect(summary.committed && summary.refused == 0, "\(summary.conversionExamples) \(summary.imports.flatMap(\.examples))")
            #expect(Dictionary(uniqueKeysWithValues: summary.imports.map { ($0.kind, $0.created) })
                == [.staff: 1, .classes: 2, .learners: 3, .enrolments: 3, .teachingAssignments: 2])
            #expect(summary.skipped.contains { $0.why.contains("parent") && $0.count == 1 })
            #expect(summary.skipped.contains { $0.why.contains("districtAdministrator") && $0.count == 1 })

            let teacher = try #require(try await setup.body(of: "staff", key: "GV19000900"))
            #expect(teacher["fullName"] as? String == "Nguyễn Thị Lan" && teacher["citizenId"] as? String == "019185000201")
            let employments = try #require(teacher["employments"] as? [[String: Any]])
            #expect(employments.count == 1 && employments[0]["startDate"] as? String == "2010-08-15"
                && employments[0]["position"] as? String == "teacher")
            let learner = try #require(try await setup.body(of: "learners", key: "1900000011"))
            #expect(learner["fullName"] as? String == "Lê Bình An" && learner["dateOfBirth"] as? String == "2013-02-03"
                && learner["sex"] as? String == "male" && learner["schoolCode"] as? String == "19THCS900")
            let seventhA = try #require(try await setup.body(of: "classes", key: "19THCS900|2026-2027|7A"))
            #expect(seventhA["grade"] as? String == "7" && seventhA["homeroomStaffCode"] as? String == "GV19000900")
            // The subject group mixes 7A and 7B: the teacher teaches Mathematics to both, in semester I.
            let taught = try await setup.database.read { db in
                try await db.raw("SELECT natural_key FROM teaching_assignments ORDER BY natural_key").all()
                    .map { try $0.decode(column: "natural_key", as: String.self) }
            }
            #expect(taught.count == 2 && taught.allSatisfy { $0.contains("TOAN") && $0.hasSuffix("|I") })
            #expect(taught.contains { $0.contains("|7A|") } && taught.contains { $0.contains("|7B|") })

            // The same set again changes nothing.
            let again = try await Self.importSet(setup, folder)
            #expect(again.committed && again.imports.allSatisfy { $0.created + $0.updated == 0 })
        }
    }

    @Test(arguments: Engine.allCases)
    func badLinesAreNamedWhereTheyAreAndNothingIsStored(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let school = try #require(ExportRoundTripTests.dataset.first { $0.0 == .schools })
            _ = try await setup.importText(school.1, kind: .schools)
            let folder = setup.folder.appendingPathComponent("smas")
            // users.csv line 8: no demographics; line 9: a date of birth the API refuses.
            // enrollments.csv line 9: a class that does not exist.
            try Self.foreignSet(folder, extraUsers: """
                u5,active,2026-09-01,true,dung,,Dũng,Hồ,,1900000014,,,,,07,,,,,,,s1,
                u6,active,2026-09-01,true,em,,Em,Mai,,1900000015,,,,,07,,,,,,,s1,
                """,
                extraDemographics: "u6,active,2026-09-01,2013-02-30,female,,,,,,,,,,,",
                extraEnrollments: "e8,active,2026-09-01,c9z,s1,u3,student,false,2026-09-05,")
            try Data((String(decoding: try Data(contentsOf: folder.appendingPathComponent("roles.csv")), as: UTF8.self)
                + "r8,active,2026-09-01,u5,primary,student,,,s1,\nr9,active,2026-09-01,u6,primary,student,,,s1,\n").utf8)
                .write(to: folder.appendingPathComponent("roles.csv"))

            let refused = try await Self.importSet(setup, folder)
            #expect(!refused.committed && refused.conversionErrors == 2)
            #expect(try Self.report(folder, "oneroster-errors.csv")
                == ["users.csv:8|sourcedId|oneroster.noDemographics", "enrollments.csv:9|classSourcedId|oneroster.unknownClass"])
            #expect(try Self.report(folder, "learners-errors.csv").contains { $0.hasPrefix("users.csv:9|date_of_birth|") })
            for table in ["staff", "learners", "classes", "enrolments", "teaching_assignments"] {
                #expect(try await setup.count(table) == 0, "\(table)")
            }

            let kept = try await Self.importSet(setup, folder, skipInvalid: true)
            #expect(kept.committed)
            #expect(try await setup.count("learners") == 3)
            #expect(try await setup.count("enrolments") == 3)
        }
    }

    /// A feed names a person's employments at its own schools: the rest of their career stays.
    @Test func employmentsElsewhereAndEndedOnesAreKept() throws {
        let given: [[String: Any]] = [["schoolCode": "19A", "position": "teacher", "startDate": "2020-09-01"]]
        let stored: [[String: Any]] = [
            ["schoolCode": "19A", "position": "teacher", "startDate": "2010-09-01", "endDate": "2015-06-30"],
            ["schoolCode": "19a", "position": "staff", "startDate": "2020-09-01"],
            ["schoolCode": "19B", "position": "teacher", "startDate": "2018-09-01"],
        ]
        let merged = PartialRecords.employments(given, keeping: stored)
        #expect(merged.map { "\($0["schoolCode"]!)|\($0["position"]!)|\($0["startDate"]!)" }
            == ["19A|teacher|2020-09-01", "19A|teacher|2010-09-01", "19B|teacher|2018-09-01"])
    }
}
