import Foundation
import Platform
import SQLKit

/// Codes for a batch of new learners that arrive without one, with a few statements for the whole batch,
/// where each learner written alone takes a dozen (its citizen ID looked up, a serial, the code checked,
/// then its record, feed entry and audit entry on their own; about 4 ms a learner on PostgreSQL).
/// The codes are those `RegistryImportWriter.write` would give one by one: a body naming one stored
/// learner by citizen ID takes that learner's code; the others take their school's province and its
/// next serials, skipping codes already given.
enum LearnerCodes {
    /// The bodies given a code, by position, each with its code; the caller writes them as it writes
    /// bodies that came with one. Left out, for `write` to settle one by one as before: bodies with a
    /// code, an unknown school (refused there), a citizen ID that two stored learners share, or a
    /// citizen ID another body of the batch has too (written after the batch, each finds the learner
    /// stored before it).
    ///
    /// Call it once the records of the batches before are stored, so that their learners are found
    /// by citizen ID. Serials of learners the rules then refuse stay unused, as gaps in the province's codes.
    static func issue(_ bodies: [Data], db: any SQLDatabase) async throws -> [Int: (code: String, body: Data)] {
        let keys = bodies.map { try? JSON.decoder.decode(BodyKeys.self, from: $0) }
        let hasCode = { (key: BodyKeys) in !(key.learnerCode?.trimmingCharacters(in: .whitespaces).isEmpty ?? true) }
        var citizenIDCount: [String: Int] = [:]
        for case let key? in keys {
            if let citizenID = key.citizenId, !citizenID.isEmpty { citizenIDCount[citizenID, default: 0] += 1 }
        }
        var keyless: [(index: Int, citizenID: String?, schoolCode: String)] = []
        for (index, key) in keys.enumerated() {
            guard let key, !hasCode(key), let schoolCode = key.schoolCode else { continue }
            let citizenID = key.citizenId.flatMap { $0.isEmpty ? nil : $0 }
            if let citizenID, citizenIDCount[citizenID, default: 0] > 1 { continue }
            keyless.append((index, citizenID, schoolCode))
        }
        guard !keyless.isEmpty else { return [:] }

        var codes: [Int: String] = [:]
        let stored = try await storedCodes(citizenIDs: keyless.compactMap(\.citizenID), db: db)
        var byProvince: [(province: String, indices: [Int])] = []
        for (index, citizenID, schoolCode) in keyless {
            if let citizenID, let found = stored[citizenID] {
                if found.count == 1 { codes[index] = found[0] }
                continue
            }
            guard let province = try await Learner.province(ofSchool: schoolCode, db) else { continue }
            if let group = byProvince.firstIndex(where: { $0.province == province }) {
                byProvince[group].indices.append(index)
            } else {
                byProvince.append((province, [index]))
            }
        }
        // Codes the batch's other bodies bring are taken too: such a body is stored with its batch.
        let broughtCodes = Set(keys.compactMap { key in key.flatMap { hasCode($0) ? $0.learnerCode : nil } })
        for (province, indices) in byProvince {
            for (index, code) in zip(indices, try await freeCodes(indices.count, province: province, taken: broughtCodes, db: db)) {
                codes[index] = code
            }
        }
        var issued: [Int: (code: String, body: Data)] = [:]
        for (index, code) in codes {
            if let body = try body(bodies[index], withCode: code) { issued[index] = (code, body) }
        }
        return issued
    }

    /// The members of a learner's body that say which learner it is.
    struct BodyKeys: Decodable {
        let learnerCode: String?
        let citizenId: String?
        let schoolCode: String?
    }

    /// The body with `code` as its learner code; nil when it is not a JSON object. The callers have
    /// read the body's `BodyKeys`, so it is valid JSON.
    ///
    /// An imported row's body leaves out the members of its empty cells, so the code goes in as the
    /// object's first member (`JSONSerialization`'s parse and write took a fifth of an import of new
    /// learners). A body that names the member already, or might under an escape, is rewritten whole.
    static func body(_ body: Data, withCode code: String) throws -> Data? {
        if let opening = body.firstIndex(where: { !jsonWhitespace.contains($0) }), body[opening] == UInt8(ascii: "{"),
           body.range(of: Data("\"learnerCode\"".utf8)) == nil, !body.contains(UInt8(ascii: "\\")) {
            var member = JSONTextBuilder(capacity: 32)
            member.object { $0.key("learnerCode"); $0.string(code) }
            let rest = body[(opening + 1)...]
            let isEmpty = rest.first { !jsonWhitespace.contains($0) } == UInt8(ascii: "}")
            return Data(member.bytes.dropLast()) + (isEmpty ? Data() : Data(",".utf8)) + rest
        }
        guard var object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        object["learnerCode"] = code
        return try JSONSerialization.data(withJSONObject: object)
    }

    private static let jsonWhitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]

    /// The codes of the stored learners with each citizen ID.
    static func storedCodes(citizenIDs: [String], db: any SQLDatabase) async throws -> [String: [String]] {
        var codes: [String: [String]] = [:]
        for query in storedCodesQueries(citizenIDs: citizenIDs, postgres: db.dialect.name == "postgresql") {
            for row in try await db.raw(query).all() {
                codes[try row.decode(column: "citizen_id", as: String.self), default: []]
                    .append(try row.decode(column: "natural_key", as: String.self))
            }
        }
        return codes
    }

    /// On PostgreSQL, one probe of the index for each ID. `citizen_id IN (…)` was planned there as a
    /// scan of the whole table whenever the table had no statistics yet (a first import, all in one
    /// transaction): the planner then takes each ID to match one row in 200, so that a batch's IDs
    /// match them all, and each batch of a new intake read every learner stored before it.
    /// `OFFSET 0` keeps the subquery from being merged into a join, so it is run once for each ID.
    static func storedCodesQueries(citizenIDs: [String], postgres: Bool) -> [SQLQueryString] {
        // An ID asked for twice would find its learners twice in the join, as if two shared it.
        let citizenIDs = Array(Set(citizenIDs))
        guard !citizenIDs.isEmpty else { return [] }
        if postgres {
            return ["""
                SELECT wanted.citizen_id, found.natural_key
                FROM unnest(\(bind: citizenIDs)::text[]) AS wanted (citizen_id)
                CROSS JOIN LATERAL (SELECT natural_key FROM learners WHERE learners.citizen_id = wanted.citizen_id OFFSET 0) AS found
                """]
        }
        return citizenIDs.batches(of: RecordStore.rowsPerStatement).map { ids in
            var sql = SQLQueryString("SELECT natural_key, citizen_id FROM learners WHERE citizen_id IN (")
            for (position, id) in ids.enumerated() {
                sql.appendInterpolation(unsafeRaw: position == 0 ? "" : ", ")
                sql.appendInterpolation(bind: id)
            }
            sql.appendInterpolation(unsafeRaw: ")")
            return sql
        }
    }

    /// `count` codes of the province not given yet, in the order of its serials.
    private static func freeCodes(_ count: Int, province: String, taken: Set<String>, db: any SQLDatabase) async throws -> [String] {
        var free: [String] = []
        while free.count < count {
            let candidates = try await Sequences.reserve(db, name: Learner.codeSequence(province), count: count - free.count)
                .map { Learner.code(province: province, serial: $0) }
            let stored = try await RecordStore.find(db, Learner.resource, naturalKeys: candidates)
            free += candidates.filter { stored[$0] == nil && !taken.contains($0) }
        }
        return free
    }
}
