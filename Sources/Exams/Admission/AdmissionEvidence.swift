import ExamRules
import Foundation
import Platform
import SQLKit

/// What a candidate brings to admission besides exam scores: the school record's subject
/// averages over grades 10–12 (entered by the school that registered the candidate), competency
/// test scores (sent by the test's organiser through the exam board) and the programmes whose
/// institution granted direct admission (through the board). Each part is replaced whole when
/// sent; a part left out is kept.
struct AdmissionEvidence: Codable, Sendable, Equatable {
    /// Subject code → the subject's average over grades 10–12, on 10.
    var transcript: [String: Points]?
    /// Test (HSA, VACT, TSA) → score on the test's own scale.
    var tests: [String: Points]?
    /// Codes of the programmes granting direct admission.
    var directPrograms: [String]?

    static let fields: Set<String> = ["transcript", "tests", "directPrograms"]
    static let empty = AdmissionEvidence(transcript: nil, tests: nil, directPrograms: nil)

    /// The parts only the exam board may send.
    var hasBoardParts: Bool { tests != nil || directPrograms != nil }

    /// The names of the parts an update sends.
    var partsSent: [String] {
        [transcript.map { _ in "transcript" }, tests.map { _ in "tests" }, directPrograms.map { _ in "directPrograms" }].compactMap { $0 }
    }

    /// `self` with the parts `update` sends replaced.
    func merging(_ update: AdmissionEvidence) -> AdmissionEvidence {
        AdmissionEvidence(transcript: update.transcript ?? transcript, tests: update.tests ?? tests,
                          directPrograms: update.directPrograms ?? directPrograms)
    }

    /// The evidence with its codes upper-cased, or every problem of its values and names;
    /// `programs` are the season's programmes by code.
    func checked(programs: [String: AdmissionProgram]) throws -> AdmissionEvidence {
        var errors = ValidationCollector()
        var checked = self
        let examSubjects = Set(ExamSubjects.compulsory + ExamSubjects.electives2018)
        if let transcript {
            var cleaned: [String: Points] = [:]
            for (subject, average) in transcript.sorted(by: { $0.key < $1.key }) {
                let code = subject.trimmingCharacters(in: .whitespaces).uppercased()
                if !examSubjects.contains(code) {
                    errors.add("transcript/\(subject)", "evidence.subject", "'\(subject)' is not an exam subject (\(examSubjects.sorted().joined(separator: ", ")))")
                } else if average > Points(hundredths: 1000) {
                    errors.add("transcript/\(subject)", "evidence.average", "a subject average is on 10, not \(average)")
                }
                cleaned[code] = average
            }
            checked.transcript = cleaned
        }
        if let tests {
            var cleaned: [String: Points] = [:]
            for (name, score) in tests.sorted(by: { $0.key < $1.key }) {
                guard let test = CompetencyTest(rawValue: name.trimmingCharacters(in: .whitespaces).uppercased()) else {
                    errors.add("tests/\(name)", "evidence.test", "'\(name)' is not a competency test (\(CompetencyTest.allCases.map(\.rawValue).joined(separator: ", ")))")
                    continue
                }
                if score > test.maximum {
                    errors.add("tests/\(name)", "evidence.testScore", "\(test.rawValue) scores go up to \(test.maximum), not \(score)")
                }
                cleaned[test.rawValue] = score
            }
            checked.tests = cleaned
        }
        if let directPrograms {
            let codes = directPrograms.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            for (index, code) in codes.enumerated() {
                guard let program = programs[code] else {
                    errors.add("directPrograms/\(index)", "evidence.program", "'\(directPrograms[index])' is not a programme of this season")
                    continue
                }
                if !program.admits(by: .direct) {
                    errors.add("directPrograms/\(index)", "evidence.direct", "\(code) does not admit directly")
                }
            }
            checked.directPrograms = Array(Set(codes)).sorted()
        }
        try errors.check()
        return checked
    }

    // MARK: storage

    static func load(_ db: any SQLDatabase, registrationID: String) async throws -> AdmissionEvidence {
        guard let row = try await db.raw("SELECT body FROM admission_evidence WHERE registration_id = \(bind: registrationID)").first() else {
            return .empty
        }
        return try JSON.decoder.decode(AdmissionEvidence.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
    }

    /// Every registration's evidence in the season, by registration.
    static func all(_ db: any SQLDatabase, seasonID: String) async throws -> [String: AdmissionEvidence] {
        var found: [String: AdmissionEvidence] = [:]
        for row in try await db.raw("SELECT registration_id, body FROM admission_evidence WHERE season_id = \(bind: seasonID)").all() {
            found[try row.decode(column: "registration_id", as: String.self)] =
                try JSON.decoder.decode(AdmissionEvidence.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
        }
        return found
    }

    func store(_ db: any SQLDatabase, registration: Registration, by principal: Principal) async throws {
        try await db.raw("""
            INSERT INTO admission_evidence (registration_id, season_id, body, updated_by, updated_at)
            VALUES (\(bind: registration.id), \(bind: registration.seasonId), \(bind: try JSON.string(self)), \(bind: principal.name),
                    \(bind: Clock.timestamp()))
            ON CONFLICT (registration_id) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by,
                updated_at = excluded.updated_at
            """).run()
    }
}
