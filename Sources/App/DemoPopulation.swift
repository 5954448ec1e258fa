import BulkData
import CitizenID
import Foundation
import Identity
import Platform
import SQLKit

/// The population registry of the demo: the national one cannot be reached, so `serve --demo`
/// writes a registry file of the demo's own learners and staff and verifies against it. It differs
/// from the schools' records the way the real one does, decided by a hash of each record so the
/// same database always gives the same file: a few people are registered with day and month the
/// other way round (the school typed them swapped), a few under another given name (a mismatch
/// to check), a few not at all; learners without an ID on file are registered under one, for the
/// review queue to find.
enum DemoPopulation {
    /// The file beside the SQLite database, or in the temporary folder for PostgreSQL.
    static func path(for configuration: AppConfiguration) -> String {
        configuration.databaseURL == nil ? configuration.sqlitePath + "-population.csv"
            : FileManager.default.temporaryDirectory.appendingPathComponent("nemis-demo-population.csv").path
    }

    /// Writes the file from the learners and staff in `database`; returns how many people it holds.
    @discardableResult
    static func write(from database: any Database, to path: String) async throws -> Int {
        struct Person: Decodable {
            let citizenId: String?
            let fullName: String
            let dateOfBirth: CivilDate?
            let sex: String?
        }
        let bodies = try await database.read { db in
            var bodies: [(key: String, body: String)] = []
            for table in ["staff", "learners"] {
                for row in try await db.raw("SELECT natural_key, body FROM \(unsafeRaw: table) ORDER BY natural_key").all() {
                    bodies.append((try row.decode(column: "natural_key", as: String.self), try row.decode(column: "body", as: String.self)))
                }
            }
            return bodies
        }
        var output = Array((RegistryFile.columns.joined(separator: ",") + "\n").utf8)
        var written = 0
        var seen = Set<String>()
        for (key, body) in bodies {
            let person = try JSON.decoder.decode(Person.self, from: Data(body.utf8))
            guard let birth = person.dateOfBirth, let sex = person.sex.flatMap(Sex.init(rawValue:)) else { continue }
            let hash = Seeds.name(key)
            if hash % 50 == 7 { continue }  // not registered
            let id = person.citizenId.flatMap { $0.isEmpty ? nil : $0 } ?? syntheticID(birth: birth, sex: sex, hash: hash)
            guard seen.insert(id).inserted else { continue }
            var words = person.fullName.split(separator: " ").map(String.init)
            guard words.count >= 2 else { continue }
            if hash % 40 == 3 { words[words.count - 1] = words.last == "Anh" ? "Minh" : "Anh" }  // registered under another given name
            var registered = birth
            if hash % 25 == 5, birth.day <= 12, birth.day != birth.month,
               let swapped = CivilDate(year: birth.year, month: birth.day, day: birth.month) {
                registered = swapped  // the school typed day and month the other way round
            }
            CSVEncoding.appendRow([id, words[0], words.dropFirst().dropLast().joined(separator: " "), words.last!, registered.description,
                                   sex.rawValue, String(id.prefix(3))], to: &output)
            written += 1
        }
        try Data(output).write(to: URL(fileURLWithPath: path), options: .atomic)
        return written
    }

    /// An ID consistent with the birth year and sex (DOMAIN.md §1.4), in the demo's province.
    static func syntheticID(birth: CivilDate, sex: Sex, hash: UInt64) -> String {
        let century = CitizenID.centuryDigit(birthYear: birth.year, sex: sex)
        return "019\(century)\(String(format: "%02d", birth.year % 100))\(String(format: "%06d", Int(hash % 1_000_000)))"
    }
}
