import CitizenID
import Foundation
import PersonMatching
import Platform

/// Verifying a file of records without a database: the labelled benchmark, and a province's
/// check of a file before it imports it. The input is CSV with the columns `record_id`,
/// `citizen_id`, `full_name`, `date_of_birth` (`dd/mm/yyyy`, ISO or a year), `sex`
/// (`Nam`/`Nữ` or `male`/`female`) and optionally `birth_province` (3 digits), in any order,
/// other columns ignored. The output has one line per record:
/// `record_id,status,linked_id,candidate_id,weight,link_weight,namesakes`.
public enum RecordsFile {
    public struct Summary: Sendable {
        public var records = 0
        public var counts: [String: Int] = [:]
        public var seconds = 0.0
    }

    static let required = ["record_id", "citizen_id", "full_name", "date_of_birth", "sex"]
    public static let outputHeader = ["record_id", "status", "linked_id", "candidate_id", "weight", "link_weight", "namesakes"]

    /// The file's records, in order, each with its `record_id` (its line when the cell is empty).
    /// A header without the needed columns, or a malformed line, fails the whole file.
    public static func read(_ input: String) throws -> [(id: String, record: PersonRecord)] {
        let reader = try CSVReader(path: input)
        var columns: [String: Int]?
        var problems: [String] = []
        var records: [(id: String, record: PersonRecord)] = []
        try reader.forEachRecord({ row in
            guard let known = columns else {
                let header = (0..<row.count).map { row.text($0).trimmingCharacters(in: .whitespaces).lowercased() }
                let found = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
                let missing = required.filter { found[$0] == nil }
                if !missing.isEmpty { problems.append("the header lacks \(missing.joined(separator: ", "))") }
                columns = found
                return
            }
            guard problems.isEmpty else { return }
            func cell(_ name: String) -> String? {
                guard let index = known[name], index < row.count else { return nil }
                let text = trimmed(row.text(index))
                return text.isEmpty ? nil : text
            }
            records.append((cell("record_id") ?? "line \(row.line)", PersonRecord(
                citizenID: cell("citizen_id"), fullName: cell("full_name") ?? "",
                dateOfBirth: cell("date_of_birth").flatMap(PersonMatching.CivilDate.parse),
                sex: cell("sex").flatMap(parseSex), birthProvince: cell("birth_province"))))
        }, malformed: { line, column, message in problems.append("line \(line), column \(column): \(message)") })
        if columns == nil { problems.append("the file is empty") }
        guard problems.isEmpty else {
            throw ValidationFailure(field: "records", code: "file.invalid", message: "\(input): " + problems.prefix(10).joined(separator: "; "))
        }
        return records
    }

    /// The cell without the spaces and tabs around it (`.whitespaces`). A cell that begins and ends
    /// with a visible ASCII character has none, and is most cells: Foundation's trimming, through
    /// `NSString`, took two thirds of reading a file of a million records.
    private static func trimmed(_ text: String) -> String {
        func visibleASCII(_ byte: UInt8?) -> Bool { byte.map { $0 > 0x20 && $0 < 0x7F } ?? false }
        if visibleASCII(text.utf8.first), visibleASCII(text.utf8.last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// A model estimated from the first records, as a verification run estimates its own.
    public static func estimateModel(_ records: [(id: String, record: PersonRecord)], checker: any RecordChecker) async throws -> MatchModel {
        let sample = records.prefix(ModelEstimation.sampleSize).map(\.record)
        return try await ModelEstimation.estimate(sample: sample, index: try await checker.trainingIndex(for: sample))
    }

    /// Decides every record in batches, writing one line each to `output`.
    public static func verify(
        _ records: [(id: String, record: PersonRecord)], output: String, checker: any RecordChecker,
        model: MatchModel = .shippedDefault, policy: VerificationPolicy = VerificationPolicy(), batchSize: Int = 20_000,
        progress: (@Sendable (Int, Double) -> Void)? = nil
    ) async throws -> Summary {
        let started = Date()
        let writer = try CSVWriter(path: output)
        try writer.writeRow(outputHeader)
        var summary = Summary()
        for batch in records.batches(of: batchSize) {
            let decisions = try await checker.check(batch.map(\.record), model: model, policy: policy)
            for (item, decision) in zip(batch, decisions) {
                let outcome = IdentityCheckOutcome(decision)
                summary.counts[outcome.status, default: 0] += 1
                try writer.writeRow([item.id, outcome.status, outcome.linkedID ?? "", outcome.candidateID ?? "",
                                     outcome.weight.map { String(format: "%.2f", $0) } ?? "",
                                     outcome.linkWeight.map { String(format: "%.2f", $0) } ?? "",
                                     outcome.namesakes.map(String.init) ?? ""])
            }
            summary.records += batch.count
            progress?(summary.records, Date().timeIntervalSince(started))
        }
        try writer.commit()
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// `Nam`/`Nữ` as schools write it, or `male`/`female`, `M`/`F`; nil otherwise.
    static func parseSex(_ text: String) -> Sex? {
        switch text.precomposedStringWithCanonicalMapping.lowercased() {
        case "nam", "male", "m": .male
        case "nữ", "nu", "female", "f": .female
        default: nil
        }
    }
}
