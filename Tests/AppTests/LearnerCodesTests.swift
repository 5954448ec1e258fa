import BulkData
import Foundation
import Platform
@testable import Registry
import SQLKit
import Testing

/// A body given its learner code (`LearnerCodes.body`) is the same JSON object with the code set,
/// whether the code is written in or the body rewritten whole.
@Suite("Learner codes written into a row's body")
struct LearnerCodesTests {
    @Test(arguments: [
        #"{"fullName":"Lê Văn Hai","schoolCode":"19THCS900"}"#,  // an imported row's body: written in
        "{}",
        " {\n \"fullName\" : \"Hà\" } ",
        #"{"learnerCode":"","fullName":"Hà"}"#,  // names the member: rewritten
        #"{"learnerCode":null}"#,
        #"{"fullName":"Hà","\u006cearnerCode":""}"#,  // names it under an escape
        #"{"fullName":"Nguyễn \"Tí\" An"}"#,
        #"{"guardian":{"learnerCode":"1900000001"}}"#,  // a nested member of that name: rewritten, kept
    ])
    func theBodyGainsItsCodeAndKeepsTheRest(body: String) throws {
        let original = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let written = try #require(try LearnerCodes.body(Data(body.utf8), withCode: "1900000042"))
        let object = try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        var expected = original
        expected["learnerCode"] = "1900000042"
        #expect(NSDictionary(dictionary: object).isEqual(to: expected), "\(String(decoding: written, as: UTF8.self))")
    }

    @Test func aBodyThatIsNotAnObjectGetsNoCode() throws {
        #expect(try LearnerCodes.body(Data("[1]".utf8), withCode: "1900000042") == nil)
    }
}

/// A new learner named by the citizen ID of a stored one takes that learner's code
/// (`LearnerCodes.storedCodes`), and the look-up stays a probe of the index however the table grows.
@Suite("Stored learners found by citizen ID, on SQLite and PostgreSQL")
struct StoredLearnerCodesTests {
    @Test(arguments: Engine.allCases)
    func eachCitizenIDFindsTheCodesOfItsStoredLearners(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            let codes = try await setup.database.transaction { db in
                try await Self.storeLearners([("1900000001", "019314000101"), ("1900000002", "019314000101"),
                                              ("1900000003", "019214000102"), ("1900000004", nil)], db: db)
                return try await LearnerCodes.storedCodes(citizenIDs: ["019314000101", "019214000102", "019214000199"], db: db)
            }
            #expect(codes.mapValues { $0.sorted() } == ["019314000101": ["1900000001", "1900000002"], "019214000102": ["1900000003"]])
        }
    }

    /// A first import stores its learners in one transaction, so the table has no statistics while the
    /// batches look their citizen IDs up. PostgreSQL's planner then takes each ID to match one row in
    /// 200 and, for a batch of IDs, chose to read the whole table: each batch of a new intake read
    /// every learner stored before it.
    @Test func aTableWithoutStatisticsIsProbedThroughItsIndexOnPostgreSQL() async throws {
        try await withImportDatabase(.postgres) { setup in
            let plans = try await setup.database.transaction { db in
                try await db.raw("""
                    INSERT INTO learners (id, natural_key, org_id, citizen_id, version, change_version, body, created_at, updated_at)
                    SELECT 'id' || g, '19' || lpad(g::text, 8, '0'), 'org', lpad((g * 7)::text, 12, '0'), 1, 1, '{}', '', ''
                    FROM generate_series(1, 20000) AS g
                    """).run()
                let ids = (1...2_048).map { String(format: "%012d", $0 * 7) }
                var plans: [String] = []
                for query in LearnerCodes.storedCodesQueries(citizenIDs: ids, postgres: true) {
                    plans += try await db.raw("EXPLAIN " + query).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }
                }
                return plans
            }
            #expect(plans.contains { $0.contains("learners_citizen_id") }, "\(plans)")
            #expect(!plans.contains { $0.contains("Seq Scan on learners") }, "\(plans)")
        }
    }

    /// A new learner's body, decoded once on the reader's thread, is given its code on that decoded
    /// record (`RegistryImportWriter.issueKeys`): the batch takes it under its code, as it takes a
    /// body that came with one, rather than handing it back to be written alone.
    @Test(arguments: Engine.allCases)
    func aNewLearnerDecodedOnceIsTakenByTheBatchUnderItsCode(engine: Engine) async throws {
        try await withImportDatabase(engine) { setup in
            _ = try await setup.importText(ImportTests.schoolsCSV, kind: .schools)
            let writer = RegistryImportWriter(database: setup.database)
            let body = Data(#"{"fullName":"Lê Văn Hai","dateOfBirth":"2014-03-12","sex":"male","schoolCode":"19THCS900"}"#.utf8)
            let (issued, batch) = try await setup.database.transaction { db in
                let issued = try #require(try await writer.issueKeys(.learners, [body], decoded: [writer.batchBody(.learners, body)], db: db)[0])
                return (issued, try await writer.prepareBatch(.learners, [issued.decoded], principal: setup.principal, db: db))
            }
            let code = try #require(try JSONSerialization.jsonObject(with: issued.body) as? [String: Any])["learnerCode"] as? String
            #expect(code == "1900000001")
            #expect(batch.naturalKeys == ["1900000001"])
            #expect(batch.handedBack.isEmpty)
        }
    }

    private static func storeLearners(_ learners: [(code: String, citizenID: String?)], db: any SQLDatabase) async throws {
        for (code, citizenID) in learners {
            try await db.raw("""
                INSERT INTO learners (id, natural_key, org_id, citizen_id, version, change_version, body, created_at, updated_at)
                VALUES (\(bind: "id-" + code), \(bind: code), 'org', \(bind: citizenID), 1, 1, '{}', '', '')
                """).run()
        }
    }
}
