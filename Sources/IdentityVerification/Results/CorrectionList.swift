import Foundation
import PersonMatching
import Platform
import SQLKit

/// A school's correction list: one line for each thing to fix or check on a learner's or staff
/// member's record, from the latest verification. Suggestions only: nothing here is applied.
public struct CorrectionLine: Sendable, Codable, Equatable {
    public var schoolCode: String
    public var kind: PersonKind
    /// The learner or staff code.
    public var code: String
    public var fullName: String
    public var dateOfBirth: String
    public var status: String
    public var field: String
    public var current: String
    public var suggested: String
    public var reasonVI: String
    public var reasonEN: String

    public static let csvHeader = ["Mã trường", "Loại", "Mã", "Họ và tên", "Ngày sinh", "Trạng thái", "Trường thông tin",
                                   "Giá trị hiện tại", "Đề xuất", "Lý do", "Reason"]

    public var csvFields: [String] {
        [schoolCode, kind == .learner ? "Học sinh" : "Cán bộ", code, fullName, dateOfBirth, status, field, current, suggested,
         reasonVI, reasonEN]
    }

    /// The lines a stored outcome gives: its corrections, or what disagreed, or why the ID failed,
    /// or a request to check the birth certificate when the registry knows nobody like the record.
    static func lines(school: String, kind: PersonKind, code: String, review: String, record: CheckedRecord,
                      outcome: IdentityCheckOutcome) -> [CorrectionLine] {
        func line(_ field: String, _ current: String, _ suggested: String, _ vi: String, _ en: String) -> CorrectionLine {
            CorrectionLine(schoolCode: school, kind: kind, code: code, fullName: record.fullName,
                           dateOfBirth: record.dateOfBirth.flatMap(PersonMatching.CivilDate.parse)?.vietnameseFormat ?? "",
                           status: outcome.status, field: field, current: current,
                           suggested: suggested, reasonVI: vi, reasonEN: en)
        }
        var lines = outcome.corrections.map { correction in
            // A link found by search replaces whatever ID the record carried: show what that was.
            let current = correction.field == "citizenID" && correction.current.isEmpty ? record.citizenID ?? "" : correction.current
            return line(correction.field, current, correction.suggested, correction.reasonVI, correction.reasonEN)
        }
        lines += outcome.disagreements.map {
            line($0.field.rawValue, $0.evidence, "", "không khớp với CSDL dân cư: \($0.labelVI)", "differs from the population database: \($0.labelEN)")
        }
        lines += outcome.problems.map { line("citizenID", record.citizenID ?? "", "", $0.messageVI, $0.messageEN) }
        if review == "rejected" {
            lines.append(line("citizenID", record.citizenID ?? "", "",
                              "người được đề xuất không phải người này: đối chiếu giấy khai sinh và bổ sung mã định danh",
                              "the proposed match was rejected: check the birth certificate and add the citizen ID"))
        } else if outcome.needsReview {
            lines.append(line("citizenID", record.citizenID ?? "", "", "đang chờ xác nhận người khớp (hàng đợi rà soát)",
                              "a proposed match awaits review"))
        }
        if lines.isEmpty {
            switch outcome.status {
            case "id_not_found":
                lines.append(line("citizenID", record.citizenID ?? "", "", "mã định danh không có trong CSDL quốc gia về dân cư",
                                  "the ID is not in the national population database"))
            case "not_found":
                lines.append(line("citizenID", record.citizenID ?? "", "",
                                  "không tìm thấy người khớp: đối chiếu giấy khai sinh và bổ sung mã định danh",
                                  "no matching person found: check the birth certificate and add the citizen ID"))
            default:
                break
            }
        }
        return lines
    }
}

/// Reading the latest outcomes back: correction lists, the review queue, rates.
struct CheckRows {
    /// Outcomes of the records owned at or below `orgIDs`' nodes that need the school's attention
    /// (everything but a clean `verified`), in school then code order.
    static func corrections(_ db: any SQLDatabase, within roots: [String]) async throws -> [CorrectionLine] {
        var sql = SQLQueryString("""
            SELECT u.code AS school_code, c.person_kind, c.person_code, c.review, c.record, c.outcome
            FROM identity_checks c \(unsafeRaw: currentRecords)
            WHERE c.status <> 'verified' AND c.review <> 'confirmed'
            """)
        sql.appendInterpolation(scope(roots, column: "p.org_id"))
        sql.appendInterpolation(unsafeRaw: " ORDER BY u.code, c.person_kind, c.person_code")
        return try await db.raw(sql).all().flatMap { row in
            let record = try JSON.decoder.decode(CheckedRecord.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            let outcome = try JSON.decoder.decode(IdentityCheckOutcome.self, from: Data(try row.decode(column: "outcome", as: String.self).utf8))
            return CorrectionLine.lines(
                school: try row.decode(column: "school_code", as: String.self),
                kind: PersonKind(rawValue: try row.decode(column: "person_kind", as: String.self)) ?? .learner,
                code: try row.decode(column: "person_code", as: String.self), review: try row.decode(column: "review", as: String.self),
                record: record, outcome: outcome)
        }
    }

    /// Joins each check to the learner or staff record it is about, as `p`, and that record's
    /// school now, as `u`: results follow a learner who moved, and vanish with a deleted record.
    static let currentRecords = """
        JOIN (SELECT id, org_id, 'learner' AS kind FROM learners UNION ALL SELECT id, org_id, 'staff' AS kind FROM staff) p
          ON p.kind = c.person_kind AND p.id = c.person_id
        JOIN org_units u ON u.id = p.org_id
        """

    /// ` AND column IN (nodes under roots)`, nothing when a root is the tree's root.
    static func scope(_ roots: [String], column: String) -> SQLQueryString {
        if OrgTree.includesRoot(roots) { return SQLQueryString("") }
        var sql = SQLQueryString(" AND \(unsafeRaw: column) IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (")
        sql.appendInterpolation(binds: roots)
        sql.appendInterpolation(unsafeRaw: "))")
        return sql
    }
}
