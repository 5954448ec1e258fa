import Foundation
import Grading
import Hummingbird
import Platform
import Registry
import SQLKit

/// A primary pupil's qualities (phẩm chất) and competencies (năng lực) for a semester, each rated
/// Tốt / Đạt / Cần cố gắng under Circular 27/2020, with the homeroom teacher's comment. The
/// homeroom teacher rates them for the whole class, or the school does.
struct PrimaryCompetencyAssessments {
    let database: any Database
    let registry: RegistryService

    /// Stored ratings: quality or competency code → rating code.
    struct Ratings: Codable, Sendable, Equatable {
        var qualities: [String: String] = [:]
        var competencies: [String: String] = [:]
        var comment: String?

        var isEmpty: Bool { qualities.isEmpty && competencies.isEmpty && comment == nil }
    }

    /// One pupil's row; a part left out keeps what is stored, and an empty rating clears one.
    struct Input: Codable, Sendable {
        let learnerCode: String
        let qualities: [String: String]?
        let competencies: [String: String]?
        let comment: String?
    }

    struct EntryRequest: Codable { let items: [Input] }

    struct Row: Codable, Sendable {
        let learnerId: String
        let learnerCode: String
        let fullName: String
        let qualities: [String: String]
        let competencies: [String: String]
        let comment: String?
    }

    struct Page: Codable, Sendable {
        let classId: String
        let className: String
        let schoolYear: String
        let semester: String
        let qualities: [PrimaryCompetency]
        let competencies: [PrimaryCompetency]
        let closed: Bool
        let items: [Row]
    }

    func register(in catalog: APICatalog) {
        let item = FieldSpec("items", .array(.object([
            FieldSpec("learnerCode", .string, required: true, "Pupil"),
            FieldSpec("qualities", .object([]), "Quality code (YEUNUOC, NHANAI, CHAMCHI, TRUNGTHUC, TRACHNHIEM) → tot, dat or can_co_gang"),
            FieldSpec("competencies", .object([]), "Competency code (TUCHU, GIAOTIEP, GQVD, NGONNGU, TINHTOAN, KHOAHOC, CONGNGHE, TINHOC, THAMMI, THECHAT) → rating"),
            FieldSpec("comment", .string, "The homeroom teacher's comment"),
        ])), required: true, "One row per pupil; a pupil or a part left out keeps what is stored")
        catalog.schema("PrimaryCompetencyEntries", [item])
        catalog.schema("PrimaryCompetencies", [
            FieldSpec("semester", .string, readOnly: true, "I or II"),
            FieldSpec("qualities", .array(.object([])), readOnly: true, "The qualities rated"),
            FieldSpec("competencies", .array(.object([])), readOnly: true, "The competencies rated"),
            FieldSpec("closed", .boolean, readOnly: true, "The term is closed to changes"),
            FieldSpec("items", .array(.object([])), readOnly: true, "One row per pupil, in class-list order"),
        ])
        let semester = [APIRoute.Parameter("semester", "I or II")]
        catalog.add(APIRoute(.get, "/api/v1/classes/{id}/primary-competencies", summary: "Primary pupils' qualities and competencies for a semester",
                             tag: "Learning records", parameters: semester, response: "PrimaryCompetencies"), show)
        catalog.add(APIRoute(.put, "/api/v1/classes/{id}/primary-competencies",
                             summary: "Rate primary pupils' qualities and competencies (the homeroom teacher, or the school)",
                             tag: "Learning records", parameters: semester, request: "PrimaryCompetencyEntries", response: "PrimaryCompetencies"), enter)
    }

    @Sendable func show(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let semester = try PrimaryClass.semester(request, schoolClass)
        let page = try await database.read { db in
            try await RecordsAccess.requireRead(db, principal, schoolClass)
            return try await Self.page(db, schoolClass, semester: semester)
        }
        return try JSONResponse.encode(page)
    }

    @Sendable func enter(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let semester = try PrimaryClass.semester(request, schoolClass)
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let input = try JSON.decodeStrict(EntryRequest.self, from: data, allowedFields: ["items"],
                                          itemFields: ["items": ["learnerCode", "qualities", "competencies", "comment"]])
        let page = try await database.transaction { db in
            try await RecordsAccess.requireHomeroomEntry(db, principal, schoolClass, what: "qualities and competencies")
            if try await GradebookController.isClosed(db, classID: schoolClass.id, semester: semester) {
                throw APIError.conflict(field: nil, code: "gradebook.closed",
                                        "semester \(semester) is closed for class \(schoolClass.name); the school can reopen it")
            }
            let members = try await PrimaryClass.membersByCode(db, schoolClass)
            var errors = ValidationCollector()
            var rows: [(ClassMembership.Member, Input)] = []
            var seen = Set<String>()
            for (index, item) in input.items.enumerated() {
                if let member = PrimaryClass.member(item.learnerCode, in: members, schoolClass, field: "items/\(index)", seen: &seen, errors: &errors) {
                    rows.append((member, item))
                }
            }
            let stored = try await Self.stored(db, learnerIDs: rows.map(\.0.learnerID), year: schoolClass.schoolYear, semester: semester)
            var updates: [(ClassMembership.Member, Ratings)] = []
            for (index, (member, item)) in rows.enumerated() {
                let before = stored[member.learnerID] ?? Ratings()
                var after = before
                let field = "items/\(index)"
                if let sent = item.qualities {
                    Self.merge(sent, into: &after.qualities, known: PrimaryCatalogue.qualities, field: "\(field)/qualities", errors: &errors)
                }
                if let sent = item.competencies {
                    Self.merge(sent, into: &after.competencies, known: PrimaryCatalogue.competencies, field: "\(field)/competencies", errors: &errors)
                }
                if item.comment != nil {
                    after.comment = PrimaryRatingText.comment(item.comment, field: "\(field)/comment", errors: &errors)
                }
                if after != before { updates.append((member, after)) }
            }
            try errors.check()
            for (member, ratings) in updates {
                try await Self.save(db, ratings, member: member, schoolClass: schoolClass, semester: semester, principal: principal)
            }
            if !updates.isEmpty {
                try await AuditLog.record(db, principal: principal, action: .update, resource: "primary_competencies", recordID: schoolClass.id,
                                          orgID: schoolClass.orgID, detail: "semester \(semester): \(updates.count) pupils")
            }
            return try await Self.page(db, schoolClass, semester: semester)
        }
        return try JSONResponse.encode(page)
    }

    /// Applies sent ratings: a known code with a rating sets it, with an empty text clears it.
    static func merge(_ sent: [String: String], into stored: inout [String: String], known: [PrimaryCompetency], field: String,
                      errors: inout ValidationCollector) {
        for (code, text) in sent.sorted(by: { $0.key < $1.key }) {
            guard let item = known.first(where: { $0.code == code.uppercased() }) else {
                errors.add("\(field)/\(code)", "primary.unknownCompetency",
                           "'\(code)' is not one of \(known.map(\.code).joined(separator: ", "))")
                continue
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                stored[item.code] = nil
            } else if let rating = PrimaryRatingText.competencyRating(trimmed) {
                stored[item.code] = rating.code
            } else {
                errors.add("\(field)/\(code)", "primary.rating", "'\(text)' for \(item.nameVI) is not a rating: Tốt (T), Đạt (Đ) or Cần cố gắng (C)")
            }
        }
    }

    static func page(_ db: any SQLDatabase, _ schoolClass: ClassMembership.ClassInfo, semester: String) async throws -> Page {
        let members = try await ClassMembership.activeMembers(db, classID: schoolClass.id)
        let stored = try await stored(db, learnerIDs: members.map(\.learnerID), year: schoolClass.schoolYear, semester: semester)
        let rows = members.map { member in
            let ratings = stored[member.learnerID] ?? Ratings()
            return Row(learnerId: member.learnerID, learnerCode: member.learnerCode, fullName: member.fullName,
                       qualities: ratings.qualities, competencies: ratings.competencies, comment: ratings.comment)
        }
        return Page(classId: schoolClass.id, className: schoolClass.name, schoolYear: schoolClass.schoolYear, semester: semester,
                    qualities: PrimaryCatalogue.qualities, competencies: PrimaryCatalogue.competencies,
                    closed: try await GradebookController.isClosed(db, classID: schoolClass.id, semester: semester), items: rows)
    }

    /// Stored ratings of the pupils for a semester, by learner ID.
    static func stored(_ db: any SQLDatabase, learnerIDs: [String], year: String, semester: String) async throws -> [String: Ratings] {
        guard !learnerIDs.isEmpty else { return [:] }
        var found: [String: Ratings] = [:]
        for row in try await db.raw("""
            SELECT learner_id, ratings FROM primary_competency_assessments
            WHERE school_year = \(bind: year) AND semester = \(bind: semester) AND learner_id IN (\(binds: learnerIDs))
            """).all() {
            found[try row.decode(column: "learner_id", as: String.self)] =
                try JSON.decoder.decode(Ratings.self, from: Data(try row.decode(column: "ratings", as: String.self).utf8))
        }
        return found
    }

    static func save(_ db: any SQLDatabase, _ ratings: Ratings, member: ClassMembership.Member, schoolClass: ClassMembership.ClassInfo,
                     semester: String, principal: Principal) async throws {
        let key = "\(member.learnerCode)|\(schoolClass.schoolYear)|\(semester)"
        if ratings.isEmpty {
            try await db.raw("""
                DELETE FROM primary_competency_assessments WHERE learner_id = \(bind: member.learnerID)
                  AND school_year = \(bind: schoolClass.schoolYear) AND semester = \(bind: semester)
                """).run()
        } else {
            try await db.raw("""
                INSERT INTO primary_competency_assessments (learner_id, school_year, semester, class_id, org_id, ratings, updated_by, updated_at)
                VALUES (\(bind: member.learnerID), \(bind: schoolClass.schoolYear), \(bind: semester), \(bind: schoolClass.id),
                        \(bind: schoolClass.orgID), \(bind: try JSON.string(ratings)), \(bind: principal.name), \(bind: Clock.timestamp()))
                ON CONFLICT (learner_id, school_year, semester) DO UPDATE SET
                    class_id = excluded.class_id, org_id = excluded.org_id, ratings = excluded.ratings,
                    updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).run()
        }
        _ = try await ChangeFeed.append(db, resource: "primary_competencies", recordID: key, orgID: schoolClass.orgID,
                                        kind: ratings.isEmpty ? .delete : .upsert, naturalKey: key)
    }
}
