import BulkData
import App
import Foundation
import HTTPTypes
import Identity
@testable import IdentityVerification
import PersonMatching
import Platform
import Testing

/// Verification of a school's learners and staff against a registry, through the API: the run,
/// its statuses, the correction list, the review queue and its decisions, the rates, and who may
/// do each (on SQLite and PostgreSQL).
@Suite("Identity verification runs, corrections, review and rates")
struct IdentityVerificationTests {
    /// The registry people behind the records `addRecords` creates, then 3,000 generated others so
    /// that names have their usual frequencies.
    static let registryRows = """
        019220123456,Nguyễn,Văn,An,2020-03-15,male,019
        001320654321,Trần,Thị,Bình,2020-05-01,female,001
        019185000111,Lê,Thị,Hoa,1985-02-04,female,019
        019220000222,Phạm,Minh,Khôi,2020-07-09,male,019
        019320000333,Đỗ,Thị,Mai,2020-01-20,female,019
        019320000444,Hoàng,Thị,Lan,2020-06-06,female,019
        019220000555,Lê,Văn,Hùng,2020-05-11,male,019
        019220000666,Bùi,Quang,Huy,2020-04-03,male,019
        019220000777,Đinh,Công,Khải,2020-09-12,male,019
        """

    /// The registry file the tests serve, written once for the test process (the tests only read it)
    /// and removed when the process exits.
    static func registryFile() throws -> String { try sharedRegistryFile.get() }

    private static let registryFolder = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-identity-\(UUID().uuidString)")

    private static let sharedRegistryFile = Result { () throws -> String in
        let path = try writeRegistryFile(in: registryFolder)
        atexit { try? FileManager.default.removeItem(at: IdentityVerificationTests.registryFolder) }
        return path
    }

    private static func writeRegistryFile(in folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let filler = folder.appendingPathComponent("filler.csv").path
        _ = try PopulationFile.write(people: 3_000, seed: 11, to: filler, threads: 1)
        let mine = registryRows.split(separator: "\n").map(String.init)
        let taken = Set(mine.map { $0.prefix(12) })
        let others = try String(contentsOfFile: filler, encoding: .utf8).split(separator: "\n").dropFirst()
            .filter { !taken.contains($0.prefix(12)) }.map(String.init)
        let path = folder.appendingPathComponent("registry.csv").path
        try ([RegistryFile.columns.joined(separator: ",")] + mine + others).joined(separator: "\n").appending("\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// School A's learners as its staff typed them (World already holds Nguyễn Văn An, verified as
    /// typed, and the teacher Lê Thị Hoa, whose day and month are swapped).
    static func addRecords(_ world: World) async throws -> [String: String] {
        var ids: [String: String] = [:]
        for (key, name, date, sex, citizenID) in [
            ("khoi", "Pham Minh Khoi", "2020-07-09", "male", "019220000222"),  // no diacritics
            ("mai", "Đỗ Thị Mai", "2020-01-20", "female", ""),  // no ID, registered
            ("nga", "Vũ Thị Nga", "2020-08-08", "female", "019320000444"),  // someone else's ID
            ("tung", "Trịnh Văn Tùng", "2020-10-10", "male", ""),  // not registered
            ("hung", "Lê Văn Hùng", "2020-11-05", "male", ""),  // no ID, day and month swapped
            ("huy", "Bùi Quang Huy", "2020-03-04", "male", ""),  // no ID, day and month swapped
        ] {
            var body: [String: Any] = ["fullName": name, "dateOfBirth": date, "sex": sex, "schoolCode": "SCHA"]
            if !citizenID.isEmpty { body["citizenId"] = citizenID }
            let created = try await world.api.expect(.created, .post, "/api/v1/learners", as: world.ministryAdmin, body)
            ids[key] = try #require(created.json["id"] as? String)
        }
        return ids
    }

    @Test(arguments: Engine.allCases)
    func schoolVerifiesReviewsAndReadsItsCorrections(engine: Engine) async throws {
        let registry = try Self.registryFile()
        try await withApp(engine, configure: { $0.populationRegistry = ["NEMIS_POPULATION_FILE": registry] }) { api in
            let world = try await World.build(api)
            let ids = try await Self.addRecords(world)

            // Who may start a run: not a teacher, not another school's administrator.
            try await api.expect(.forbidden, .post, "/api/v1/identity/runs?scope=SCHA", as: world.teacherA)
            try await api.expect(.forbidden, .post, "/api/v1/identity/runs?scope=SCHA", as: world.schoolAdminB)
            let started = try await api.expect(.accepted, .post, "/api/v1/identity/runs?scope=SCHA", as: world.schoolAdminA)
            let runID = try #require(started.json["id"] as? String)
            let run = try await api.finishedRun(runID, as: world.schoolAdminA)
            #expect(run["status"] as? String == "finished", "\(run)")
            #expect(run["total"] as? Int == 8 && run["done"] as? Int == 8)
            let counts = try #require(run["counts"] as? [String: Int])
            #expect(counts == ["verified": 1, "verified_with_corrections": 2, "candidate_found": 3, "mismatch": 1, "not_found": 1])
            let settings = try #require(run["settings"] as? [String: Any])
            #expect(settings["model"] != nil && settings["policy"] != nil)
            try await api.expect(.notFound, .get, "/api/v1/identity/runs/\(runID)", as: world.schoolAdminB)
            #expect(try await api.expect(.ok, .get, "/api/v1/identity/runs", as: world.departmentAdminA).items.count == 1)
            #expect(try await api.expect(.ok, .get, "/api/v1/identity/runs", as: world.schoolAdminB).items.isEmpty)

            // The correction list names each record, the field, the value and the suggestion.
            let csv = try await api.expect(.ok, .get, "/api/v1/identity/corrections?scope=SCHA&format=csv", as: world.schoolAdminA)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.bytes.starts(with: CSVEncoding.byteOrderMark))
            #expect(csv.text.contains("Pham Minh Khoi,09/07/2020,verified_with_corrections,fullName,Pham Minh Khoi,Phạm Minh Khôi"))
            #expect(csv.text.contains("GVA001,Lê Thị Hoa,02/04/1985,verified_with_corrections,dateOfBirth,02/04/1985,04/02/1985"))
            #expect(csv.text.contains("Trịnh Văn Tùng,10/10/2020,not_found,citizenID"))
            // A proposal is not a correction: its ID is suggested to nobody until a person confirms it.
            #expect(csv.text.contains("Đỗ Thị Mai,20/01/2020,candidate_found,citizenID,,,") && !csv.text.contains("019320000333"))
            let lines = try await api.expect(.ok, .get, "/api/v1/identity/corrections?scope=SCHA", as: world.schoolAdminA).items
            #expect(lines.contains { $0["code"] as? String != nil && $0["status"] as? String == "mismatch" && $0["field"] as? String == "givenName" })
            #expect(!lines.contains { $0["fullName"] as? String == "Nguyễn Văn An" })
            try await api.expect(.notFound, .get, "/api/v1/identity/corrections?scope=SCHA", as: world.schoolAdminB)
            try await api.expect(.forbidden, .get, "/api/v1/identity/corrections", as: world.teacherA)
            let xlsx = try await api.expect(.ok, .get, "/api/v1/identity/corrections?scope=SCHA&format=xlsx", as: world.schoolAdminA)
            #expect(xlsx.bytes.starts(with: [0x50, 0x4B]))

            // The review queue: three proposals, each with its evidence; none visible to school B.
            let queue = try await api.expect(.ok, .get, "/api/v1/identity/review", as: world.schoolAdminA).items
            #expect(Set(queue.compactMap { $0["personId"] as? String }) == [ids["mai"]!, ids["hung"]!, ids["huy"]!])
            let hung = try #require(queue.first { $0["personId"] as? String == ids["hung"] })
            let candidates = try #require((hung["outcome"] as? [String: Any])?["candidates"] as? [[String: Any]])
            #expect(candidates.first?["citizenID"] as? String == "019220000555")
            #expect((candidates.first?["fields"] as? [[String: Any]])?.contains { $0["field"] as? String == "dateOfBirth" } == true)
            #expect(try await api.expect(.ok, .get, "/api/v1/identity/review", as: world.schoolAdminB).items.isEmpty)

            // Deciding: not from another school, only a proposed candidate, then confirm one and reject another.
            let hungPath = "/api/v1/identity/review/learner/\(ids["hung"]!)"
            try await api.expect(.notFound, .post, hungPath, as: world.schoolAdminB, ["decision": "confirm", "citizenId": "019220000555"])
            try await api.expect(.badRequest, .post, hungPath, as: world.schoolAdminA, ["decision": "confirm", "citizenId": "019220000666"])
            try await api.expect(.notFound, .post, hungPath, as: world.teacherA, ["decision": "reject"])
            let confirmed = try await api.expect(.ok, .post, hungPath, as: world.schoolAdminA, ["decision": "confirm", "citizenId": "019220000555"])
            #expect(confirmed.json["review"] as? String == "confirmed")
            try await api.expect(.conflict, .post, hungPath, as: world.schoolAdminA, ["decision": "reject"])
            let learner = try await api.expect(.ok, .get, "/api/v1/learners/\(ids["hung"]!)", as: world.schoolAdminA)
            #expect(learner.json["citizenId"] as? String == "019220000555")
            try await api.expect(.ok, .post, "/api/v1/identity/review/learner/\(ids["huy"]!)", as: world.schoolAdminA, ["decision": "reject"])
            let afterReject = try await api.expect(.ok, .get, "/api/v1/identity/corrections?scope=SCHA&format=csv", as: world.schoolAdminA)
            #expect(afterReject.text.contains("Bùi Quang Huy,04/03/2020,candidate_found,citizenID,,,người được đề xuất không phải người này"))
            // Every list of identity data read is in the audit log.
            let audited = try await api.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'read_sensitive' AND resource = 'identity_checks'")
                    .first()!.decode(column: "n", as: Int.self)
            }
            #expect(audited >= 5)

            // Rates: one school verified in part, the other never checked.
            let rates = try await api.expect(.ok, .get, "/api/v1/identity/rates?level=school", as: world.ministryAdmin).items
            let schoolA = try #require(rates.first { $0["code"] as? String == "SCHA" })
            #expect(schoolA["people"] as? Int == 8 && schoolA["verified"] as? Int == 4 && schoolA["unchecked"] as? Int == 0)
            let schoolB = try #require(rates.first { $0["code"] as? String == "SCHB" })
            #expect(schoolB["people"] as? Int == 1 && schoolB["verified"] as? Int == 0 && schoolB["unchecked"] as? Int == 1)
            let provinces = try await api.expect(.ok, .get, "/api/v1/identity/rates", as: world.departmentAdminA).items
            #expect(provinces.map { $0["code"] as? String } == ["SGDA"])

            // A second run: the confirmed learner now verifies by ID; the rejected proposal stays rejected.
            let again = try await api.expect(.accepted, .post, "/api/v1/identity/runs?scope=SCHA", as: world.schoolAdminA)
            let second = try await api.finishedRun(try #require(again.json["id"] as? String), as: world.schoolAdminA)
            let secondCounts = try #require(second["counts"] as? [String: Int])
            #expect(secondCounts["verified_with_corrections"] == 3 && secondCounts["candidate_found"] == 2)
            let pending = try await api.expect(.ok, .get, "/api/v1/identity/review", as: world.schoolAdminA).items
            #expect(pending.compactMap { $0["personId"] as? String } == [ids["mai"]!])
        }
    }

    @Test("the thresholds the server is configured with decide its runs and are saved with them", arguments: Engine.allCases)
    func configuredThresholdsDecideTheRun(engine: Engine) async throws {
        let registry = try Self.registryFile()
        let thresholds = ["NEMIS_IDENTITY_REVIEW_WEIGHT": "40", "NEMIS_IDENTITY_AUTO_LINK_WEIGHT": "45"]
        try await withApp(engine, configure: {
            $0.populationRegistry = ["NEMIS_POPULATION_FILE": registry]
            $0.identityPolicy = thresholds
        }) { api in
            let world = try await World.build(api)
            _ = try await Self.addRecords(world)
            let started = try await api.expect(.accepted, .post, "/api/v1/identity/runs?scope=SCHA", as: world.schoolAdminA)
            let run = try await api.finishedRun(try #require(started.json["id"] as? String), as: world.schoolAdminA)
            // Under the defaults three searches propose someone (see above); no one weighs 40 bits.
            #expect(run["counts"] as? [String: Int] == ["verified": 1, "verified_with_corrections": 2, "mismatch": 1, "not_found": 4], "\(run)")
            let policy = try #require((run["settings"] as? [String: Any])?["policy"] as? [String: Any])
            #expect(policy["reviewWeight"] as? Double == 40 && policy["autoLinkWeight"] as? Double == 45)
            #expect(policy["maximumNamesakes"] as? Int == VerificationPolicy().maximumNamesakes)
            #expect(try await api.expect(.ok, .get, "/api/v1/identity/review", as: world.schoolAdminA).items.isEmpty)
        }
    }

    @Test(arguments: Engine.allCases)
    func anIDMistypedByOneDigitIsLinkedAndListedAsACorrection(engine: Engine) async throws {
        let registry = try Self.registryFile()
        try await withApp(engine, configure: { $0.populationRegistry = ["NEMIS_POPULATION_FILE": registry] }) { api in
            let world = try await World.build(api)
            // Đinh Công Khải is 019220000777; his school typed the last digit as 4. Bùi Quang Huy is
            // 019220000666, typed with two digits wrong: the same search, but only proposed.
            for (name, date, sex, typed) in [
                ("Đinh Công Khải", "2020-09-12", "male", "019220000774"), ("Bùi Quang Huy", "2020-04-03", "male", "019220000699"),
            ] {
                try await world.api.expect(.created, .post, "/api/v1/learners", as: world.ministryAdmin,
                                           ["fullName": name, "dateOfBirth": date, "sex": sex, "schoolCode": "SCHA", "citizenId": typed])
            }
            let started = try await api.expect(.accepted, .post, "/api/v1/identity/runs?scope=SCHA", as: world.schoolAdminA)
            let run = try await api.finishedRun(try #require(started.json["id"] as? String), as: world.schoolAdminA)
            #expect(run["counts"] as? [String: Int] == ["verified": 1, "verified_with_corrections": 1, "id_not_found": 2], "\(run)")
            let csv = try await api.expect(.ok, .get, "/api/v1/identity/corrections?scope=SCHA&format=csv", as: world.schoolAdminA)
            #expect(csv.text.contains("Đinh Công Khải,12/09/2020,id_not_found,citizenID,019220000774,019220000777,"), "\(csv.text)")
            #expect(!csv.text.contains("019220000666"), "a proposal suggests no ID")
            let queue = try await api.expect(.ok, .get, "/api/v1/identity/review", as: world.schoolAdminA).items
            #expect(queue.count == 1)
        }
    }

    @Test("a learner's place of birth registration is read as the registry's province code, or not at all")
    func birthplaceIsReadAsAProvinceCode() {
        for (typed, code) in [
            ("Bắc Kạn", "006"), ("Tỉnh Bắc Kạn", "006"), ("BAC KAN", "006"), ("TP. Hồ Chí Minh", "079"),
            ("Thành phố Hà Nội", "001"), ("Bà Rịa Vũng Tàu", "077"), (" 046 ", "046"),
        ] {
            #expect(BirthProvince.code(for: typed) == code, "\(typed)")
        }
        for typed in ["", "Quận 1", "003", "Atlantis"] {
            #expect(BirthProvince.code(for: typed) == nil, "\(typed)")
        }
    }

    @Test(arguments: Engine.allCases)
    func withoutARegistryARunIsRefusedWithTheReason(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let refused = try await api.expect(.serviceUnavailable, .post, "/api/v1/identity/runs?scope=SCHA", as: world.schoolAdminA)
            #expect(refused.json["detail"] as? String == RegistryConnection.notConfigured)
            #expect(try await api.count("verification_runs") == 0)
        }
    }
}

extension TestAPI {
    /// Polls a verification run until it ends (generous: the suite may run on a loaded machine).
    func finishedRun(_ id: String, as caller: Caller) async throws -> [String: Any] {
        for _ in 0..<1_200 {
            let run = try await expect(.ok, .get, "/api/v1/identity/runs/\(id)", as: caller).json
            if let status = run["status"] as? String, status != "queued", status != "running" { return run }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("verification run \(id) did not finish in 60 s")
    }
}

/// A checker that answers as a local copy does, but holds back the batch holding one person (so
/// that later batches end first) and can fail the batch holding another once the check of a later
/// batch has begun. Batches are named by a person they hold, not by the order of the calls: a
/// run's checks are tasks of their own, and the second may reach the checker before the first.
final class ScriptedChecker: RecordChecker, @unchecked Sendable {
    struct Failure: Error {}

    let inner: LocalRegistryChecker
    private let lock = NSLock()
    private var calls: [[String]] = []
    private let slowBatchHolding: String
    /// The batch holding `batchHolding` fails once the batch holding `onceBegun` is being checked.
    private var failing: (batchHolding: String, onceBegun: String)?

    init(_ inner: LocalRegistryChecker, slowBatchHolding: String, failing: (batchHolding: String, onceBegun: String)?) {
        self.inner = inner
        self.slowBatchHolding = slowBatchHolding
        self.failing = failing
    }

    var source: String { inner.source }
    var batchesCheckedAhead: Int { inner.batchesCheckedAhead }
    /// The names of each batch asked about, in the order the checks began.
    var checkedNames: [[String]] { lock.withLock { calls } }

    func reset(failing: (batchHolding: String, onceBegun: String)?) { lock.withLock { calls = []; self.failing = failing } }

    func trainingIndex(for sample: [PersonRecord]) async throws -> PersonMatching.RegistryIndex {
        try await inner.trainingIndex(for: sample)
    }

    func check(_ records: [PersonRecord], model: MatchModel, policy: VerificationPolicy) async throws -> [VerificationDecision] {
        let names = records.map(\.fullName)
        let failing = lock.withLock { calls.append(names); return self.failing }
        if names.contains(slowBatchHolding) { try await Task.sleep(for: .milliseconds(300)) }
        if let failing, names.contains(failing.batchHolding) {
            while !lock.withLock({ calls.contains { $0.contains(failing.onceBegun) } }) { try await Task.sleep(for: .milliseconds(10)) }
            throw Failure()
        }
        return try await inner.check(records, model: model, policy: policy)
    }
}

/// A registry that can be taken down and brought back, remembering what it was asked: the
/// outage a verification run must survive.
final class OutageRegistry: PopulationRegistry, @unchecked Sendable {
    let inner: any PopulationRegistry
    private let lock = NSLock()
    private var down = false
    /// The name whose search takes the registry down, and how many of its searches go through
    /// before: a run checks batches while it stores the one before, so an outage is tied to a
    /// record rather than to the progress reported.
    private var downAtSearchFor: (name: String, searchesBefore: Int)?
    private(set) var askedIDs: [String] = []
    private(set) var searchedNames: [String] = []

    init(_ inner: any PopulationRegistry) { self.inner = inner }

    func goDown(whenSearchedFor name: String, after searchesBefore: Int) { lock.withLock { downAtSearchFor = (name, searchesBefore) } }
    func comeBack() { lock.withLock { down = false; downAtSearchFor = nil; askedIDs = []; searchedNames = [] } }

    func lookup(_ ids: [String]) async throws -> [String: RegistryCitizen] {
        try lock.withLock {
            if down { throw PopulationRegistryError.gaveUp(operation: "lookup", attempts: 5, last: .status(503, code: nil)) }
            askedIDs += ids
        }
        return try await inner.lookup(ids)
    }

    func search(_ query: CitizenQuery) async throws -> [RegistryCitizen] {
        try lock.withLock {
            if let trigger = downAtSearchFor, query.hoVaTen == trigger.name {
                if trigger.searchesBefore == 0 { down = true } else { downAtSearchFor = (trigger.name, trigger.searchesBefore - 1) }
            }
            if down { throw PopulationRegistryError.gaveUp(operation: "search", attempts: 5, last: .status(503, code: nil)) }
            searchedNames.append(query.hoVaTen)
        }
        return try await inner.search(query)
    }
}

extension IdentityVerificationTests {
    @Test(arguments: Engine.allCases)
    func aRunStoppedByARegistryOutageResumesWithoutRepeatingWork(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            _ = try await Self.addRecords(world)
            let registry = OutageRegistry(InProcessPopulationRegistry(index: try Identity.RegistryIndex(citizens: Self.registryCitizens)))
            // A checker over the registry's protocol checks one batch at a time (its searches in flight
            // are its own bound), so the outage comes in the third batch and nowhere else.
            let job = VerificationJob(database: api.database, checker: RemoteRegistryChecker(registry: registry, source: "test registry"),
                                      batchSize: 2)
            let ministry = try #require(try await Bootstrap.orgID(api.database, code: "MOET"))
            let principal = Principal(id: "test", name: "test", kind: .user, grants: [Grant(role: .ministryAdmin, orgID: ministry)])
            let service = IdentityVerificationService(database: api.database)
            let (run, _) = try await service.prepareRun(scopeCode: "SCHA", principal: principal)
            // One process at a time: the run is claimed once.
            #expect(try await service.claim(run))
            #expect(try await !service.claim(run))

            // The registry goes down in the third batch (Tùng, Hùng): the run stops, keeping the two
            // batches before it. (At the second search for Tùng: the model's estimation searches
            // for everyone first.)
            registry.goDown(whenSearchedFor: "Trịnh Văn Tùng", after: 1)
            await #expect(throws: PopulationRegistryError.self) { try await job.run(run.id) }
            let stopped = try #require(try await service.run(run.id, for: principal))
            #expect(stopped.status == .failed && stopped.done == 4 && stopped.total == 8)
            #expect(stopped.message?.contains("stopped after 4 of 8 people") == true)
            let firstChecks = try await Self.checkTimes(api.database)
            #expect(firstChecks.count == 4)

            // Starting the scope again takes the stopped run up where it stopped.
            registry.comeBack()
            let (resumed, wasResumed) = try await service.prepareRun(scopeCode: "SCHA", principal: principal)
            #expect(wasResumed && resumed.id == run.id && resumed.status == .queued)
            #expect(try await service.claim(resumed))
            let finished = try await job.run(resumed.id)
            #expect(finished.status == .finished && finished.done == 8)
            #expect(finished.counts.values.reduce(0, +) == 8)
            #expect(finished.settings == stopped.settings)
            // Nobody of the first two batches was asked about again, and their outcomes were not rewritten.
            #expect(Set(registry.askedIDs).isDisjoint(with: ["019220123456", "019220000222", "019320000444"]))
            #expect(!registry.searchedNames.contains("Đỗ Thị Mai") && registry.searchedNames.contains("Lê Văn Hùng"))
            let allChecks = try await Self.checkTimes(api.database)
            #expect(allChecks.count == 8)
            for (person, time) in firstChecks { #expect(allChecks[person] == time) }
        }
    }

    /// Checking batches ahead of the one stored changes nothing in what is stored. The first batch's
    /// check is held back so that the second ends first, and the third fails once the fourth has
    /// begun: the run stores the first two batches, in order, and nothing of the fourth; resumed,
    /// it checks only the last two, and every outcome is the one a run in a single batch stores.
    @Test(arguments: Engine.allCases)
    func batchesCheckedAheadAreStoredInOrderAndResumedAfterTheLastStored(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            _ = try await Self.addRecords(world)
            let local = LocalRegistryChecker(
                index: PersonMatching.RegistryIndex(Self.registryCitizens.compactMap(RegistryPeople.person)), source: "test registry")
            let ministry = try #require(try await Bootstrap.orgID(api.database, code: "MOET"))
            let principal = Principal(id: "test", name: "test", kind: .user, grants: [Grant(role: .ministryAdmin, orgID: ministry)])
            let service = IdentityVerificationService(database: api.database)
            func outcomes(of run: String) async throws -> [String: String] {
                try await api.database.read { db in
                    Dictionary(uniqueKeysWithValues: try await db.raw("SELECT person_id, outcome FROM identity_checks WHERE run_id = \(bind: run)").all().map {
                        (try $0.decode(column: "person_id", as: String.self), try $0.decode(column: "outcome", as: String.self))
                    })
                }
            }

            let (whole, _) = try await service.prepareRun(scopeCode: "SCHA", principal: principal)
            #expect(try await service.claim(whole))
            #expect(try await VerificationJob(database: api.database, checker: local).run(whole.id).done == 8)
            let wholeOutcomes = try await outcomes(of: whole.id)

            let school = try #require(try await Bootstrap.orgID(api.database, code: "SCHA"))
            let everyone = try await api.database.read { db in try await PersonSource(scopeOrgID: school).batch(db, after: nil, limit: 8) }
            #expect(everyone.count == 8)
            let names = try everyone.map { try $0.decoded().record.fullName }
            #expect(Set(names).count == 8, "each batch is named by a person of its own")
            // Batches of two: the first is held back, the third fails once the fourth is being checked.
            let checker = ScriptedChecker(local, slowBatchHolding: names[0], failing: (names[4], onceBegun: names[6]))
            let job = VerificationJob(database: api.database, checker: checker, batchSize: 2)
            let (run, _) = try await service.prepareRun(scopeCode: "SCHA", principal: principal)
            #expect(try await service.claim(run))
            await #expect(throws: ScriptedChecker.Failure.self) { try await job.run(run.id) }
            let stopped = try #require(try await service.run(run.id, for: principal))
            #expect(stopped.status == .failed && stopped.done == 4)
            let storedBeforeTheFailure = try await outcomes(of: run.id)
            #expect(Set(storedBeforeTheFailure.keys) == Set(everyone.prefix(4).map(\.id)), "the first two batches, none of the fourth")

            checker.reset(failing: nil)
            let (resumed, wasResumed) = try await service.prepareRun(scopeCode: "SCHA", principal: principal)
            #expect(wasResumed && resumed.id == run.id)
            #expect(try await service.claim(resumed))
            let finished = try await job.run(resumed.id)
            #expect(finished.status == .finished && finished.done == 8)
            let namesChecked = checker.checkedNames.flatMap { $0 }
            #expect(namesChecked.count == 4, "only the two batches not stored are checked again: \(namesChecked)")
            let storedAtTheEnd = try await outcomes(of: run.id)
            #expect(storedAtTheEnd == wholeOutcomes)
        }
    }

    /// The registry people of `registryRows`.
    static var registryCitizens: [RegistryCitizen] {
        registryRows.split(separator: "\n").map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return RegistryCitizen(soDinhDanh: f[0], ho: f[1], chuDem: f[2], ten: f[3], ngayThangNamSinh: f[4],
                                   gioiTinh: f[5] == "female" ? .female : .male, noiDangKyKhaiSinh: f[6])
        }
    }

    /// When each person was last checked.
    static func checkTimes(_ database: any Database) async throws -> [String: String] {
        try await database.read { db in
            Dictionary(uniqueKeysWithValues: try await db.raw("SELECT person_id, checked_at FROM identity_checks").all().map {
                (try $0.decode(column: "person_id", as: String.self), try $0.decode(column: "checked_at", as: String.self))
            })
        }
    }
}

extension IdentityVerificationTests {
    /// A run's model is estimated from people spread over its whole scope (those whose record ID
    /// ends below a cut-off), not from the first ones by ID: in a national run those would be the
    /// learners of the school imported first.
    @Test(arguments: Engine.allCases)
    func theModelIsEstimatedFromPeopleSpreadOverTheScope(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            _ = try await Self.addRecords(world)
            let school = try #require(try await Bootstrap.orgID(api.database, code: "SCHA"))
            let source = PersonSource(scopeOrgID: school)
            let everyone = try await api.database.read { db in try await source.batch(db, after: nil, limit: 100) }
            #expect(everyone.count == 8)
            // A scope no larger than the sample is taken whole.
            let whole = try await api.database.read { db in try await source.sample(db, size: 8, total: 8) }
            #expect(whole.map(\.id) == everyone.map(\.id))
            // About `size` of `total`: the cut-off on the IDs' last four hex digits.
            #expect(PersonSource.idTailCutoff(size: 3, total: 8) == "6000")
            #expect(PersonSource.idTailCutoff(size: 4_000, total: 24_000_000) == "000b")
            #expect(PersonSource.idTailCutoff(size: 1, total: 1_000_000_000) == "0001")
            // A cut-off between these people's ID tails (at the median) takes exactly those below it,
            // in the run's order: some of the people, not the first ones by ID.
            let tails = everyone.map { String($0.id.suffix(4)) }.sorted()
            let cutoff = tails[tails.count / 2]
            let below = try await api.database.read { db in try await source.batch(db, after: nil, limit: 100, idTailBelow: cutoff) }
            #expect(below.map(\.id) == everyone.filter { $0.id.suffix(4) < cutoff }.map(\.id))
            #expect(!below.isEmpty && below.count < everyone.count)
        }
    }
}
