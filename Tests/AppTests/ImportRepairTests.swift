import App
import BulkData
import Foundation
import Platform
import Registry
import SQLKit
import Testing

/// The importer against the generator's own damage: a school's dataset imported clean into one
/// database and damaged (`--dirty`) into another gives the same records, except where the damage
/// destroyed information. An ID in scientific notation lost its digits, so that learner (and the
/// rows that name them) is refused; a date typed month first is still a valid date, so the file
/// alone cannot tell and the value differs. Everything else is repaired.
@Suite("Import repairs what spreadsheets damage")
struct ImportRepairTests {
    static let kinds: [BulkKind] = [.schools, .staff, .learners, .guardians, .classes, .enrolments, .teachingAssignments]

    @Test func dirtyDatasetImportsToTheCleanRecords() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-repair-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, rate) in [("clean", 0.0), ("dirty", 0.08)] {
            _ = try DatasetGenerator.generate(GenerateOptions(scale: .school, seed: 11, outputDirectory: folder.appendingPathComponent(name).path,
                                                              dirtyRate: rate, threads: 1))
        }
        let clean = try await Self.importAll(folder.appendingPathComponent("clean"))
        let dirty = try await Self.importAll(folder.appendingPathComponent("dirty"))

        let manifest = try String(contentsOf: folder.appendingPathComponent("dirty/dirty-manifest.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let damages = Set(manifest.map { $0[3] })
        #expect(damages.count >= 6, "the dataset carries most kinds of damage: \(damages)")
        // Learners whose row cannot be repaired, by their clean citizen ID.
        let lostIDs = Set(manifest.filter { $0[0] == "learners.csv" && $0[3] == "citizen_id_scientific" }.map { $0[4] })
        let swappedDates = Set(manifest.filter { $0[3] == "date_day_month_swapped" }.map { $0[4] })

        #expect(clean.refused == 0)
        for (key, body) in clean.records["staff"] ?? [:] {
            guard let repaired = dirty.records["staff"]?[key] else { continue }  // refused: its ID lost digits
            #expect(Self.comparable(repaired, ignoringDates: swappedDates) == Self.comparable(body, ignoringDates: swappedDates), "staff \(key)")
        }
        var missingLearners = 0
        for (key, body) in clean.records["learners"] ?? [:] {
            guard let repaired = dirty.records["learners"]?[key] else {
                missingLearners += 1
                #expect(lostIDs.contains(body["citizenId"] as? String ?? ""), "learner \(key) was refused without a reason that loses data")
                continue
            }
            #expect(Self.comparable(repaired, ignoringDates: swappedDates) == Self.comparable(body, ignoringDates: swappedDates), "learner \(key)")
        }
        #expect(missingLearners <= lostIDs.count)
        for kind in ["schools", "classes"] {
            #expect(dirty.records[kind]?.count == clean.records[kind]?.count, "\(kind)")
        }
    }

    /// A record's document without what the two imports legitimately differ in: surrogate IDs
    /// (each database issues its own) and dates the damage swapped.
    static func comparable(_ body: [String: Any], ignoringDates swapped: Set<String>) -> String {
        var body = body
        body["id"] = nil
        let data = (try? JSONSerialization.data(withJSONObject: scrub(body, swapped), options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Every date the damage swapped, wherever it sits in the document, made the same on both sides.
    static func scrub(_ value: Any, _ swapped: Set<String>) -> Any {
        switch value {
        case let object as [String: Any]: object.mapValues { scrub($0, swapped) }
        case let array as [Any]: array.map { scrub($0, swapped) }
        case let text as String:
            if let date = CivilDate(iso: text), swapped.contains(BulkDate.format(date)) || swapped.contains(BulkDate.format(year: date.year, month: date.day, day: date.month)) {
                "swapped"
            } else {
                text
            }
        default: value
        }
    }

    struct Imported: @unchecked Sendable {
        var records: [String: [String: [String: Any]]] = [:]
        var refused = 0
    }

    /// Imports every file of a dataset (skipping refused rows) into a fresh SQLite database and
    /// reads back each record's document by natural key.
    static func importAll(_ dataset: URL) async throws -> Imported {
        let (configuration, cleanup) = try await TestDatabases.freshConfiguration(.sqlite)
        defer { Task { await cleanup() } }
        return try await Storage.withDatabase(configuration, logger: TestDatabases.logger) { database in
            _ = try await ReferenceSetup.ensureProvinceDepartments(database)
            let ministry = try #require(try await Bootstrap.orgID(database, code: Bootstrap.ministryCode))
            let principal = Principal(id: "test", name: "repair test", kind: .user, grants: [Grant(role: .ministryAdmin, orgID: ministry)])
            try await ReferenceSetup.ensureSchoolYear(database, startYear: 2026, principal: principal)
            var imported = Imported()
            for kind in kinds {
                let summary = try await BulkImporter(database: database).run(
                    .init(kind: kind, path: dataset.appendingPathComponent(kind.fileName).path, skipInvalid: true), principal: principal)
                imported.refused += summary.refused
            }
            for table in ["schools", "staff", "learners", "classes"] {
                let rows = try await database.read { db in
                    try await db.raw("SELECT natural_key, body FROM \(ident: table)").all().map {
                        (try $0.decode(column: "natural_key", as: String.self), try $0.decode(column: "body", as: String.self))
                    }
                }
                for (key, text) in rows {
                    imported.records[table, default: [:]][key] = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                }
            }
            return imported
        }
    }
}
